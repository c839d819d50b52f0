"""The OpenAPI document and its viewers: public, no authentication, CORS open (ADR /core/publish-openapi)."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
    SpectacularYAMLAPIView,
)
from rest_framework.permissions import AllowAny

from ..renderers import ProblemJSONRenderer


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


class _ErrorsAsProblemJson:
    """The viewers render HTML; an error (a 429, say) is still problem+json, not an HTML page."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            request.accepted_renderer = ProblemJSONRenderer()
            request.accepted_media_type = ProblemJSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class SwaggerView(_ErrorsAsProblemJson, SpectacularSwaggerView):
    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "v1:openapi-json"


class RedocView(_ErrorsAsProblemJson, SpectacularRedocView):
    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "v1:openapi-json"
