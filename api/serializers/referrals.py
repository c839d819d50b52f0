"""Referrals as each side sees them.

The receiver, before accepting, sees the referral, the client's name and age and only the data
categories the sender chose to share; after accepting, the client's id too (it may now open the
record). The sender sees status and the receiver's feedback (decline reason, outcome summary,
failure reason), never the receiver's other notes. A partner system sees only what it sent; as
the sender it reads nothing of the client record (`client` is null): a person it sent in may have
been matched to a record the work centre already held, and the partner must not learn that
record's name, age or contact details (see referrals.intake).
"""
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clients import rules
from clients.choices import DataCategory, Evidence, LegalBasis
from referrals.access import side_of
from referrals.choices import ReferralStatus, Urgency
from rwc import processing
from rwc.access import profile_for

from .base import NotesDataSubject, StrictInputMixin, rule
from .clients import ClientInputSerializer, PartnerOrganisationRefSerializer
from .organisation import DeskRefSerializer


class SharedClientSerializer(serializers.Serializer):
    """The client as the receiver sees them before accepting: name, age and what was shared."""

    id = serializers.UUIDField(allow_null=True, help_text="Only once the receiver has accepted.")
    full_name = serializers.CharField()
    age = serializers.IntegerField()
    education_level = serializers.CharField(required=False, help_text="Shared when `education` is.")
    has_startkwalificatie = serializers.BooleanField(required=False, allow_null=True)
    email = serializers.CharField(required=False, help_text="Shared when `contact` is.")
    phone = serializers.CharField(required=False)
    city = serializers.CharField(required=False)
    benefit = serializers.CharField(required=False, help_text="Shared when `benefits` is.")


def shared_client(referral, *, reveal_id: bool) -> dict:
    client = referral.client
    processing.note_subject(client.pk)
    today = timezone.localdate()
    born = client.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    data = {"id": client.uuid if reveal_id else None, "full_name": client.full_name, "age": age}
    shared = set(referral.shared_categories)
    if DataCategory.EDUCATION in shared:
        data.update(education_level=client.education_level, has_startkwalificatie=client.has_startkwalificatie)
    if DataCategory.CONTACT in shared:
        data.update(email=client.email, phone=client.phone, city=client.city)
    if DataCategory.BENEFITS in shared:
        data.update(benefit=client.benefit)
    return data


class ReferralSerializer(NotesDataSubject, serializers.Serializer):
    """A referral is about one person (its reason and message too): every read of it is logged as theirs."""

    subject_attr = "client_id"
    id = serializers.UUIDField(source="uuid")
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    side = serializers.SerializerMethodField(help_text="Where you stand: sender, receiver, or null (a reader).")
    client = serializers.SerializerMethodField()
    from_desk = DeskRefSerializer(allow_null=True)
    from_partner = PartnerOrganisationRefSerializer(allow_null=True)
    to_desk = DeskRefSerializer(allow_null=True)
    to_partner = PartnerOrganisationRefSerializer(allow_null=True)
    reason = serializers.CharField()
    service_requested = serializers.CharField()
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    message = serializers.CharField()
    warm_handover = serializers.BooleanField()
    planned_meeting_at = serializers.DateTimeField(allow_null=True)
    shared_categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))
    sent_at = serializers.DateTimeField()
    answer_due_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    decline_reason = serializers.CharField()
    outcome_summary = serializers.CharField(help_text="The receiver's feedback to the sender.")
    failure_reason = serializers.CharField()
    partner_reference = serializers.CharField(help_text="The sending partner's own reference.")

    def _side(self, referral):
        """Computed from the cached access profile: no query per row."""
        return side_of(self.context["request"].user, referral)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_side(self, referral):
        return self._side(referral)

    @extend_schema_field(SharedClientSerializer(allow_null=True))
    def get_client(self, referral):
        accepted = referral.status in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED,
                                       ReferralStatus.FAILED)
        side = self._side(referral)
        reveal = side == "sender" or side is None or (side == "receiver" and accepted)
        partner = profile_for(self.context["request"].user).is_partner
        if partner and side == "sender":
            return None
        return SharedClientSerializer(shared_client(referral, reveal_id=reveal and not partner)).data

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, referral):
        return referral.is_overdue()


class PersonSerializer(ClientInputSerializer):
    """How a partner system identifies the person it refers: matched within the region by BSN,
    else registered at the receiving desk (see referrals.intake)."""

    bsn = serializers.CharField(
        max_length=20, required=False, allow_blank=True, allow_null=True, write_only=True,
        help_text="Identifies the person for certain; only to a desk with a legal basis for the BSN.",
    )
    validate_bsn = rule(rules.clean_bsn)


class BasisSerializer(StrictInputMixin, serializers.Serializer):
    """The consent or legal basis the partner holds; recorded with the client, covering the receiving desk."""

    purpose = serializers.CharField(max_length=255)
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=DataCategory.choices), min_length=1, max_length=len(DataCategory.values)
    )
    given_at = serializers.DateTimeField(required=False, help_text="When it was given; default now.")
    evidence = serializers.ChoiceField(choices=Evidence.choices, required=False, allow_blank=True)
    valid_until = serializers.DateField(required=False, allow_null=True)


class ReferralInputSerializer(StrictInputMixin, serializers.Serializer):
    """Staff name a `client` they work with; a partner system (scope referrals:write) names the
    `person`, its `basis` and the `toDesk` instead."""

    client = serializers.UUIDField(required=False, help_text="Staff: a client you work with.")
    person = PersonSerializer(required=False, help_text="Partner systems: the person referred.")
    basis = BasisSerializer(required=False, help_text="Partner systems: the consent or legal basis held.")
    partner_reference = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                              help_text="Partner systems: your own reference, returned with the referral.")
    to_desk = serializers.UUIDField(required=False, help_text="The receiving desk; give exactly one of toDesk and "
                                                              "toPartner (else 400).")
    to_partner = serializers.UUIDField(required=False, help_text="The receiving partner organisation (staff only).")
    reason = serializers.CharField(max_length=500)
    service_requested = serializers.CharField(max_length=200)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    warm_handover = serializers.BooleanField(required=False, default=False,
                                             help_text="A hand-over in person; then plannedMeetingAt is required.")
    planned_meeting_at = serializers.DateTimeField(
        required=False, allow_null=True,
        help_text="Required when warmHandover is true (else 400 naming this field); not in the past.")
    shared_categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices),
                                              required=False, max_length=len(DataCategory.values))
    consent = serializers.UUIDField(required=False, help_text="The consent it rests on; default: any that covers it.")
    desk = serializers.UUIDField(required=False, help_text="The desk you send from, if you work at several.")


class ReferralMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True,
                                 help_text="Decline or failure reason, or the outcome summary when completing.")
    programme = serializers.UUIDField(required=False, help_text="Accepting: open a case under this programme.")
