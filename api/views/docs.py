"""The OpenAPI document and its viewers: public, no authentication, CORS open (ADR /core/publish-openapi)."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView, SpectacularSwaggerView, SpectacularYAMLAPIView
from rest_framework.permissions import AllowAny


class OpenApiJsonView(SpectacularJSONAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="This OpenAPI document",
        operation_id="getOpenApiDocument",
        tags=["documentation"],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The OpenAPI 3.0 document.")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OpenApiYamlView(SpectacularYAMLAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SwaggerView(SpectacularSwaggerView):
    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "v1:openapi-json"


class RedocView(SpectacularRedocView):
    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "v1:openapi-json"
