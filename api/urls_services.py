"""Services, training and funding on cases, their reference data, and front-door questions
(included from api/urls.py, under /api/v1/)."""
from django.urls import path

from .views.services import (
    CaseServiceViewSet,
    FrontDoorQuestionViewSet,
    FundingSourceViewSet,
    ServiceOfferingViewSet,
    TrainingProviderViewSet,
)

C, Q, F = CaseServiceViewSet, FrontDoorQuestionViewSet, FundingSourceViewSet

urlpatterns = [
    path("service-offerings", ServiceOfferingViewSet.as_view({"get": "list"}), name="service-offering-list"),
    path("training-providers", TrainingProviderViewSet.as_view({"get": "list"}), name="training-provider-list"),
    path("funding-sources", F.as_view({"get": "list"}), name="funding-source-list"),
    path("funding-sources/<uuid:id>", F.as_view({"get": "retrieve"}), name="funding-source-detail"),
    path("cases/<uuid:id>/services", C.as_view({"get": "list", "post": "create"}), name="case-service-list"),
    path("cases/<uuid:id>/services/<uuid:service_id>", C.as_view({"get": "retrieve", "patch": "partial_update"}),
         name="case-service-detail"),
    path("cases/<uuid:id>/services/<uuid:service_id>/status-changes", C.as_view({"post": "move"}),
         name="case-service-status-change"),
    path("cases/<uuid:id>/services/<uuid:service_id>/approval", C.as_view({"post": "approval"}),
         name="case-service-approval"),
    path("cases/<uuid:id>/services/<uuid:service_id>/refusal", C.as_view({"post": "refusal"}),
         name="case-service-refusal"),
    path("front-door-questions", Q.as_view({"get": "list", "post": "create"}), name="front-door-question-list"),
    path("front-door-questions/<uuid:id>", Q.as_view({"get": "retrieve", "patch": "partial_update"}),
         name="front-door-question-detail"),
    path("front-door-questions/<uuid:id>/conversion", Q.as_view({"post": "conversion"}),
         name="front-door-question-conversion"),
    path("front-door-questions/<uuid:id>/registration", Q.as_view({"post": "registration"}),
         name="front-door-question-registration"),
]
