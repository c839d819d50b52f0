"""Referrals: inbox and outbox, send (staff, or partner systems sending a person in), read as
sender or receiver, move along the lifecycle."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import Programme
from clients.access import acting_desk, clients_workable_by
from clients.models import Consent
from referrals.access import referrals_visible_to, side_of
from referrals.intake import referral_intake
from referrals.models import Referral
from referrals.services import referral_move, referral_send
from rwc.access import profile_for
from rwc.errors import InvalidFields
from rwc.models import Desk, PartnerOrganisation

from ..filters import ReferralFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import ReadsReferrals, SendsReferrals
from ..serializers import referrals as s
from .base import UUID_REGEX

CONFLICT = OpenApiResponse(description="Not allowed in the referral's state, or no consent covers it (problem+json).")


@extend_schema_view(
    list=extend_schema(summary="Referrals your desks sent or received (a partner system: those it sent)",
                       tags=["referrals"]),
    retrieve=extend_schema(summary="One referral, as your side sees it", tags=["referrals"]),
)
class ReferralViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ReferralSerializer
    filterset_class = ReferralFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX
    partner_scopes = ["referrals:read"]

    def get_permissions(self):
        return [SendsReferrals()] if self.action in ("create", "move") else [ReadsReferrals()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Referral.objects.none()
        return (referrals_visible_to(self.request.user)
                .select_related("client", "from_desk", "from_partner", "to_desk", "to_partner")
                .order_by("-sent_at", "id"))

    @extend_schema(summary="Send a referral (needs a consent or legal basis that covers the receiver)",
                   tags=["referrals"], request=s.ReferralInputSerializer,
                   responses={201: s.ReferralSerializer, 409: CONFLICT})
    def create(self, request):
        payload = s.ReferralInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if profile_for(request.user).is_partner:
            referral = self._intake(request, data)
        else:
            referral = self._send(request, data)
        headers = {"Location": request.build_absolute_uri(f"/api/v1/referrals/{referral.uuid}")}
        return Response(self.get_serializer(self.get_queryset().get(pk=referral.pk)).data,
                        status=status.HTTP_201_CREATED, headers=headers)

    def _intake(self, request, data):
        """A partner system: the person, its basis and the receiving desk, matched or registered there."""
        _refuse(data, {"client": "client", "desk": "desk", "to_partner": "toPartner", "consent": "consent"},
                "A partner system identifies the person with `person` and refers to a desk.")
        missing = [(name, "required", _("A partner system sends this.")) for name in ("person", "basis", "to_desk")
                   if name not in data]
        if missing:
            raise InvalidFields(missing)
        organisation = request.user.organisation
        to_desk = _lookup(Desk.objects.filter(region_id=organisation.region_id), data.pop("to_desk"), "toDesk")
        return referral_intake(request.user, to_desk=to_desk, person=dict(data.pop("person")),
                               basis=dict(data.pop("basis")), data=data)

    def _send(self, request, data):
        """Staff: a client they work with, from their desk."""
        _refuse(data, {"person": "person", "basis": "basis", "partner_reference": "partnerReference"},
                _("Staff name the client they work with; these are for partner systems."))
        if "client" not in data:
            raise InvalidFields([("client", "required", _("Name the client you refer."))])
        desk = acting_desk(request.user, _lookup(Desk.objects.all(), data.pop("desk", None), "desk"))
        client = clients_workable_by(request.user).filter(uuid=data.pop("client")).first()
        if client is None:
            raise InvalidFields([("client", "does_not_exist", _("No client with this id that you work with."))])
        to_desk = _lookup(Desk.objects.filter(region_id=client.region_id), data.pop("to_desk", None), "toDesk")
        to_partner = _lookup(PartnerOrganisation.objects.filter(region_id=client.region_id),
                             data.pop("to_partner", None), "toPartner")
        consent = _lookup(Consent.objects.filter(client=client), data.pop("consent", None), "consent")
        return referral_send(actor=request.user, client=client, data=data, from_desk=desk, to_desk=to_desk,
                             to_partner=to_partner, consent=consent)

    @extend_schema(summary="Accept (optionally opening a case), decline, withdraw, start, complete or fail",
                   tags=["referrals"], request=s.ReferralMoveSerializer,
                   responses={200: s.ReferralSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="status-changes", url_name="status-change")
    def move(self, request, id=None):
        referral = self.get_object()
        side = side_of(request.user, referral)
        if side is None:
            self.permission_denied(request, message=_("Only the sender or the receiver changes a referral."))
        payload = s.ReferralMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        programme = _lookup(Programme.objects.filter(is_active=True), data.get("programme"), "programme")
        referral = referral_move(actor=request.user, side=side, referral=referral, to_status=data["status"],
                                 note=data.get("note", ""), programme=programme)
        return Response(self.get_serializer(self.get_queryset().get(pk=referral.pk)).data)


def _refuse(data, names: dict, reason: str):
    present = [(api_name, "not_allowed", reason) for name, api_name in names.items() if name in data]
    if present:
        raise InvalidFields(present)


def _lookup(queryset, uuid, field):
    if uuid is None:
        return None
    found = queryset.filter(uuid=uuid).first()
    if found is None:
        raise InvalidFields([(field, "does_not_exist", _("No such record that you may use."))])
    return found


