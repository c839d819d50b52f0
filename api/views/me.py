"""`GET /me`: who the caller is, as the access core sees it."""
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from rwc.models import RegionRole, StaffMembership

from ..serializers.organisation import MeSerializer


class MeView(APIView):
    partner_scopes = []

    @extend_schema(summary="The caller: roles, desks, organisation and scopes", responses=MeSerializer, tags=["me"])
    def get(self, request):
        principal = request.user
        if getattr(principal, "is_partner", False):
            system = principal.partner_system
            data = {
                "id": system.uuid,
                "kind": "partner",
                "username": system.application.client_id,
                "display_name": system.application.name,
                "desks": [],
                "region_roles": [],
                "organisation": system.organisation,
                "scopes": sorted(principal.scopes),
            }
        else:
            data = {
                "id": principal.uuid,
                "kind": "staff",
                "username": principal.username,
                "display_name": principal.display_name,
                "desks": StaffMembership.objects.filter(user=principal, ended_at__isnull=True).select_related(
                    "desk__region"
                ),
                "region_roles": RegionRole.objects.filter(user=principal, ended_at__isnull=True).select_related(
                    "region"
                ),
                "organisation": None,
                "scopes": ["staff"],
            }
        return Response(MeSerializer(data).data)
