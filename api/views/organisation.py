"""Regions, desks and partner organisations, each filtered by the access core."""
from drf_spectacular.utils import extend_schema, extend_schema_view

from rwc import access

from ..filters import DeskFilter, PartnerOrganisationFilter
from ..serializers.organisation import DeskSerializer, PartnerOrganisationSerializer, RegionSerializer
from .base import VisibleReadOnlyViewSet


@extend_schema_view(
    list=extend_schema(summary="Regions the caller works in", tags=["organisation"]),
    retrieve=extend_schema(summary="One region", tags=["organisation"]),
)
class RegionViewSet(VisibleReadOnlyViewSet):
    serializer_class = RegionSerializer
    visible_to = access.regions_visible_to
    partner_scopes = []


@extend_schema_view(
    list=extend_schema(summary="Desks of the caller's regions", tags=["organisation"]),
    retrieve=extend_schema(summary="One desk", tags=["organisation"]),
)
class DeskViewSet(VisibleReadOnlyViewSet):
    serializer_class = DeskSerializer
    filterset_class = DeskFilter
    visible_to = access.desks_visible_to
    partner_scopes = []


@extend_schema_view(
    list=extend_schema(
        summary="Partner organisations of the caller's regions, and those granted to its desks",
        tags=["organisation"],
    ),
    retrieve=extend_schema(summary="One partner organisation", tags=["organisation"]),
)
class PartnerOrganisationViewSet(VisibleReadOnlyViewSet):
    serializer_class = PartnerOrganisationSerializer
    filterset_class = PartnerOrganisationFilter
    visible_to = access.partner_organisations_visible_to
    partner_scopes = []
