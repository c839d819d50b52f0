"""Clients and their consents as the API shows them. The BSN is never in a list; in a detail view
it is in full only for staff of a desk with a legal basis for it, masked for everyone else."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clients import bsn as bsn_codec
from clients import rules
from clients.access import may_see_full_bsn
from clients.choices import Benefit, DataCategory, EducationLevel, Evidence, Gender, LegalBasis, TargetGroup
from clients.models import Client, ClientEvent, Consent
from employers.models import Employer
from rwc.models import Desk, PartnerOrganisation

from .base import NotesDataSubject, PhoneField, StrictInputMixin, UserRefSerializer, rule
from .organisation import DeskRefSerializer


class AccessReasonKind(models.TextChoices):
    REGISTERED = "registered", _("The desk registered the client")
    MERGED_DESK = "merged_desk", _("The registering desk was merged into this one")
    CASE = "case", _("The desk holds a case for the client")
    GRANT = "grant", _("The desk holds a grant")
    PRIVACY_OFFICER = "privacy_officer", _("The region's privacy officer (read only)")


class DuplicateMatch(models.TextChoices):
    CERTAIN = "certain", _("Certain (same BSN)")
    PROBABLE = "probable", _("Probable (same birth date, similar name)")


class PartnerOrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.CharField(read_only=True)


class ClientListSerializer(NotesDataSubject, serializers.ModelSerializer):
    """What a list or search shows: enough to recognise the person, nothing more."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    full_name = serializers.CharField(read_only=True)
    registered_by_desk = DeskRefSerializer(read_only=True)
    target_groups = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id", "given_names", "name_prefix", "surname", "full_name", "birth_date", "postcode", "city",
            "education_level", "target_groups", "registered_by_desk", "registered_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices)))
    def get_target_groups(self, client):
        return sorted(t.code for t in client.target_groups.all())


class ClientSerializer(ClientListSerializer):
    """The full record."""

    bsn = serializers.SerializerMethodField(help_text="In full for staff of a desk with a legal basis, else masked.")
    bsn_masked = serializers.SerializerMethodField(help_text="Whether `bsn` is masked for you.")
    registered_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta(ClientListSerializer.Meta):
        fields = ClientListSerializer.Meta.fields + [
            "gender", "email", "phone", "house_number", "house_number_addition", "municipality",
            "municipality_code", "preferred_language", "has_startkwalificatie", "benefit", "bsn", "bsn_masked", "registered_by",
            "updated_at", "version", "duplicate_override_reason",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_bsn(self, client):
        if not client.has_bsn:
            return None
        return client.bsn if may_see_full_bsn(self.context["request"].user) else bsn_codec.mask(client.bsn)

    @extend_schema_field(serializers.BooleanField())
    def get_bsn_masked(self, client):
        return client.has_bsn and not may_see_full_bsn(self.context["request"].user)


class ClientInputSerializer(StrictInputMixin, serializers.Serializer):
    """Register or change a client: every field runs through the domain's rules (clients.rules)."""

    given_names = serializers.CharField(max_length=100)
    name_prefix = serializers.CharField(max_length=20, required=False, allow_blank=True)
    surname = serializers.CharField(max_length=100)
    birth_date = serializers.DateField()
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    phone = PhoneField()
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    house_number = serializers.IntegerField(min_value=1, max_value=99999, required=False, allow_null=True)
    house_number_addition = serializers.CharField(max_length=6, required=False, allow_blank=True)
    city = serializers.CharField(max_length=80, required=False, allow_blank=True)
    municipality = serializers.CharField(max_length=80, required=False, allow_blank=True)
    municipality_code = serializers.CharField(max_length=10, required=False, allow_blank=True, help_text=(
        "The municipality of residence as a CBS gemeentecode: GM and four digits, e.g. GM0344 (Utrecht), one of "
        "the municipalities of the regions served."))
    preferred_language = serializers.CharField(max_length=8, required=False, allow_blank=True)
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, required=False, allow_blank=True)
    has_startkwalificatie = serializers.BooleanField(required=False, allow_null=True)
    benefit = serializers.ChoiceField(choices=Benefit.choices, required=False, allow_blank=True)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, max_length=len(TargetGroup.values)
    )
    bsn = serializers.CharField(
        max_length=20, required=False, allow_blank=True, allow_null=True, write_only=True,
        help_text="Optional; only staff of a desk with a legal basis for the BSN may send it.",
    )

    validate_bsn = rule(rules.clean_bsn)
    validate_given_names = rule(rules.clean_required_text)
    validate_surname = rule(rules.clean_required_text)
    validate_name_prefix = rule(rules.clean_optional_text)
    validate_birth_date = rule(rules.clean_birth_date)
    validate_postcode = rule(rules.clean_postcode)
    validate_phone = rule(rules.clean_phone)
    validate_email = rule(rules.clean_email)
    validate_house_number_addition = rule(rules.clean_optional_text)
    validate_city = rule(rules.clean_optional_text)
    validate_municipality = rule(rules.clean_optional_text)
    validate_municipality_code = rule(rules.clean_municipality_code)
    validate_preferred_language = rule(rules.clean_language)
    validate_target_groups = rule(rules.clean_target_groups)


class ClientCreateSerializer(ClientInputSerializer):
    desk = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Desk.objects.filter(is_active=True), required=False,
        help_text="The desk you register for; needed only when you work at more than one.",
    )
    override_duplicates = serializers.BooleanField(
        required=False, default=False, help_text="Register although probable duplicates exist (needs overrideReason)."
    )
    override_reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs.get("override_duplicates") and not (attrs.get("override_reason") or "").strip():
            raise serializers.ValidationError(
                {"override_reason": [serializers.ErrorDetail(_("Say why this is not the same person."), code="required")]}
            )
        return attrs


class ClientBsnSearchSerializer(StrictInputMixin, serializers.Serializer):
    bsn = serializers.CharField(max_length=20)
    validate_bsn = rule(rules.clean_bsn)


class ClientSearchResultSerializer(serializers.Serializer):
    results = ClientListSerializer(many=True)


# --- duplicates ----------------------------------------------------------------------------------


class DuplicateCandidateSerializer(serializers.Serializer):
    """A candidate the caller may see shows who it is; one it may not shows only the holding desk."""

    match = serializers.ChoiceField(choices=DuplicateMatch.choices)
    visible = serializers.BooleanField()
    desk = DeskRefSerializer()
    client = ClientListSerializer(allow_null=True)


# --- consent -------------------------------------------------------------------------------------


class EmployerConsentRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    trade_name = serializers.CharField(read_only=True)


class ConsentSerializer(NotesDataSubject, serializers.ModelSerializer):
    subject_attr = "client_id"
    id = serializers.UUIDField(source="uuid", read_only=True)
    desks = DeskRefSerializer(many=True, read_only=True)
    partner_organisations = PartnerOrganisationRefSerializer(many=True, read_only=True)
    employers = EmployerConsentRefSerializer(many=True, read_only=True)
    data_categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)
    recorded_by_desk = DeskRefSerializer(read_only=True, allow_null=True)
    withdrawn_by = UserRefSerializer(read_only=True, allow_null=True)
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id", "purpose", "legal_basis", "desks", "partner_organisations", "employers", "data_categories", "given_at",
            "evidence", "valid_until", "recorded_by", "recorded_by_desk", "recorded_at", "withdrawn_at",
            "withdrawn_by", "withdrawal_reason", "in_force",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_in_force(self, consent):
        return consent.is_in_force()


class ConsentInputSerializer(StrictInputMixin, serializers.Serializer):
    purpose = serializers.CharField(max_length=255)
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    desks = serializers.SlugRelatedField(slug_field="uuid", queryset=Desk.objects.all(), many=True, required=False)
    partner_organisations = serializers.SlugRelatedField(
        slug_field="uuid", queryset=PartnerOrganisation.objects.all(), many=True, required=False
    )
    employers = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Employer.objects.all(), many=True, required=False,
        help_text="Employers of the region the data may be shared with (candidate proposals by the WSP desk).",
    )
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=DataCategory.choices), min_length=1, max_length=len(DataCategory.values)
    )
    given_at = serializers.DateTimeField(required=False, help_text="When it was given; default now.")
    evidence = serializers.ChoiceField(choices=Evidence.choices, required=False, allow_blank=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    desk = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Desk.objects.filter(is_active=True), required=False,
        help_text="The desk you record it for; needed only when you work at more than one.",
    )

    def __init__(self, *args, visible_desks=None, visible_partners=None, visible_employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visible_desks is not None:  # a desk or partner the caller may not see does not exist
            self.fields["desks"].child_relation.queryset = visible_desks
            self.fields["partner_organisations"].child_relation.queryset = visible_partners
        if visible_employers is not None:
            self.fields["employers"].child_relation.queryset = visible_employers


class ConsentWithdrawalSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)
    desk = serializers.SlugRelatedField(slug_field="uuid", queryset=Desk.objects.filter(is_active=True), required=False)


# --- timeline and access -------------------------------------------------------------------------


class ClientEventSerializer(NotesDataSubject, serializers.ModelSerializer):
    subject_attr = "client_id"
    id = serializers.UUIDField(source="uuid", read_only=True)
    actor = UserRefSerializer(read_only=True, allow_null=True)
    desk = DeskRefSerializer(source="actor_desk", read_only=True, allow_null=True)

    class Meta:
        model = ClientEvent
        fields = ["id", "occurred_at", "kind", "summary", "actor", "desk", "subject_id"]


class AccessReasonSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AccessReasonKind.choices)
    desk = DeskRefSerializer(allow_null=True)
    reason = serializers.CharField()
    active = serializers.BooleanField()
    granted_by = UserRefSerializer(allow_null=True, required=False)
    granted_at = serializers.DateTimeField(allow_null=True, required=False)
    expires_at = serializers.DateTimeField(allow_null=True, required=False)
    revoked_at = serializers.DateTimeField(allow_null=True, required=False)
    consent = serializers.UUIDField(source="consent.uuid", allow_null=True, required=False, default=None)


class ClientAccessSerializer(serializers.Serializer):
    client = serializers.UUIDField()
    reasons = AccessReasonSerializer(many=True)
