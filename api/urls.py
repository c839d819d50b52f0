"""Version 1 of the API: /api/v1/..., plural hyphenated names, no trailing slashes."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from .views.docs import OpenApiJsonView, OpenApiYamlView, RedocView, SwaggerView
from .views.me import MeView
from .views.organisation import DeskViewSet, PartnerOrganisationViewSet, RegionViewSet

router = SimpleRouter(trailing_slash=False)
router.register("regions", RegionViewSet, basename="region")
router.register("desks", DeskViewSet, basename="desk")
router.register("partner-organisations", PartnerOrganisationViewSet, basename="partner-organisation")

urlpatterns = [
    path("openapi.json", OpenApiJsonView.as_view(), name="openapi-json"),
    path("openapi.yaml", OpenApiYamlView.as_view(), name="openapi-yaml"),
    path("docs", SwaggerView.as_view(), name="docs"),
    path("redoc", RedocView.as_view(), name="redoc"),
    path("me", MeView.as_view(), name="me"),
    *router.urls,
]
