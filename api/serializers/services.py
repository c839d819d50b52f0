"""Services, training and funding on a case; the catalogue; front-door questions."""
from decimal import Decimal

from rest_framework import serializers

from services.choices import (
    ProviderKind,
    QuestionChannel,
    QuestionTopic,
    ServiceStatus,
    ServiceType,
)
from services.delivery import allowed_moves
from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceOffering, TrainingProvider

from .base import NotesDataSubject, StrictInputMixin, UserRefSerializer

MONEY = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}

class ServiceOfferingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    region = serializers.UUIDField(source="region.uuid", read_only=True)
    desk_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    programmes = serializers.SerializerMethodField()

    class Meta:
        model = ServiceOffering
        fields = ["id", "region", "service_type", "description", "desk_kinds", "programmes", "is_active"]
        read_only_fields = fields

    def get_programmes(self, obj) -> list[str]:
        """The codes of the programmes it may be delivered under; empty: any."""
        return [p.code for p in obj.programmes.all()]

class TrainingProviderSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    region = serializers.UUIDField(source="region.uuid", read_only=True)

    class Meta:
        model = TrainingProvider
        fields = ["id", "region", "name", "kvk_number", "is_active"]
        read_only_fields = fields

class FundingSourceSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    region = serializers.UUIDField(source="region.uuid", read_only=True)
    budget_ceiling = serializers.DecimalField(read_only=True, **MONEY)
    spent = serializers.DecimalField(read_only=True, help_text="Charged by approved services.", **MONEY)
    remaining = serializers.SerializerMethodField()

    class Meta:
        model = FundingSource
        fields = ["id", "region", "code", "name", "kind", "period_start", "period_end", "budget_ceiling", "spent",
                  "remaining", "is_active"]
        read_only_fields = fields

    def get_remaining(self, obj) -> Decimal:
        return f"{obj.budget_ceiling - obj.spent:.2f}"

class ProviderRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.CharField(read_only=True)
    kvk_number = serializers.CharField(read_only=True)

class FundingLineSerializer(serializers.Serializer):
    source = serializers.UUIDField(source="source.uuid", read_only=True)
    source_name = serializers.CharField(source="source.name", read_only=True)
    amount = serializers.DecimalField(read_only=True, **MONEY)

class DeliveredServiceSerializer(NotesDataSubject, serializers.ModelSerializer):
    subject_attr = "subject_client_id"

    id = serializers.UUIDField(source="uuid", read_only=True)
    case = serializers.UUIDField(source="case.uuid", read_only=True)
    partner_organisation = ProviderRefSerializer(read_only=True, allow_null=True)
    training_provider = ProviderRefSerializer(read_only=True, allow_null=True)
    allowed_moves = serializers.SerializerMethodField()
    cost = serializers.DecimalField(read_only=True, allow_null=True, **MONEY)
    funding = FundingLineSerializer(many=True, read_only=True)
    approved_by = UserRefSerializer(read_only=True, allow_null=True)
    refused_by = UserRefSerializer(read_only=True, allow_null=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = DeliveredService
        fields = ["id", "case", "service_type", "provider_kind", "partner_organisation", "training_provider",
                  "planned_start", "planned_end", "actual_start", "actual_end", "status", "allowed_moves",
                  "status_changed_at", "stop_reason", "hours", "course_name", "course_level", "qualification_code",
                  "certificate_obtained", "note", "cost", "invoice_reference", "funding", "approved_at",
                  "approved_by", "refused_at", "refused_by", "refusal_reason", "recorded_by", "recorded_at"]
        read_only_fields = fields

    def get_allowed_moves(self, obj) -> list[str]:
        return allowed_moves(obj.status)

class FundingInputSerializer(StrictInputMixin, serializers.Serializer):
    source = serializers.UUIDField(help_text="A funding source of the case's region.")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"),
                                      help_text="Euros, above zero, at most two decimals.")

class ServiceInputSerializer(StrictInputMixin, serializers.Serializer):
    service_type = serializers.ChoiceField(choices=ServiceType.choices,
                                           help_text="Offered in the region for the case's desk kind and programme "
                                                     "(GET /service-offerings).")
    provider_kind = serializers.ChoiceField(choices=ProviderKind.choices)
    partner_organisation = serializers.UUIDField(required=False, allow_null=True,
                                                 help_text="With providerKind `partner`: a partner organisation of "
                                                           "the region.")
    training_provider = serializers.UUIDField(required=False, allow_null=True,
                                              help_text="With providerKind `training_provider`: one of the region's "
                                                        "training providers (GET /training-providers).")
    planned_start = serializers.DateField()
    planned_end = serializers.DateField(required=False, allow_null=True, help_text="Not before plannedStart.")
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0"), max_value=Decimal("5000"),
                                     required=False, allow_null=True)
    course_name = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                        help_text="Training and language courses only; required there.")
    course_level = serializers.CharField(max_length=40, required=False, allow_blank=True,
                                         help_text="Training and language courses only (e.g. mbo 2, NT2 B1).")
    qualification_code = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                               help_text="Training and language courses only: a crebo (five "
                                                         "digits) or another qualification code.")
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False,
                                    allow_null=True, help_text="Euros, not negative, at most two decimals.")
    invoice_reference = serializers.CharField(max_length=60, required=False, allow_blank=True,
                                              help_text="Booked once: the same invoice on another service is a 409.")
    funding = FundingInputSerializer(many=True, required=False,
                                     help_text="The cost split over funding sources; the amounts add up to the cost.")

class ServiceUpdateSerializer(ServiceInputSerializer):
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_end = serializers.DateField(required=False, allow_null=True, help_text="Not before actualStart.")
    certificate_obtained = serializers.BooleanField(required=False, allow_null=True,
                                                    help_text="Once the service is completed (else 409).")

class ServiceMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=[c for c in ServiceStatus.choices if c[0] != ServiceStatus.PLANNED])
    date = serializers.DateField(required=False, help_text="When it started or ended; default today.")
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True,
                                   help_text="Required with status `stopped_early`.")
    certificate_obtained = serializers.BooleanField(required=False, allow_null=True,
                                                    help_text="With status `completed`: whether a certificate or "
                                                              "diploma was obtained.")

class ApprovalSerializer(StrictInputMixin, serializers.Serializer):
    """No fields: the approval is the team lead's, now."""


class RefusalSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the funding is refused.")

class QuestionSerializer(NotesDataSubject, serializers.ModelSerializer):
    subject_attr = "subject_client_id"

    id = serializers.UUIDField(source="uuid", read_only=True)
    desk = serializers.UUIDField(source="desk.uuid", read_only=True)
    referred_to_partner = serializers.UUIDField(source="referred_to_partner.uuid", read_only=True, allow_null=True)
    referred_to_desk = serializers.UUIDField(source="referred_to_desk.uuid", read_only=True, allow_null=True)
    client = serializers.UUIDField(source="client.uuid", read_only=True, allow_null=True,
                                   help_text="The client the person was registered as later; null until then.")
    anonymous = serializers.SerializerMethodField()
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = FrontDoorQuestion
        fields = ["id", "desk", "asked_at", "channel", "topic", "anonymous", "pseudonym", "summary",
                  "referred_to_partner", "referred_to_desk", "follow_up_needed", "follow_up_on", "client",
                  "converted_at", "recorded_by", "recorded_at"]
        read_only_fields = fields

    def get_anonymous(self, obj) -> bool:
        return not obj.pseudonym

class QuestionInputSerializer(StrictInputMixin, serializers.Serializer):
    desk = serializers.UUIDField(required=False, help_text="The desk you act for; required when you work at several.")
    asked_at = serializers.DateTimeField(required=False, help_text="Default now; not in the future.")
    channel = serializers.ChoiceField(choices=QuestionChannel.choices)
    topic = serializers.ChoiceField(choices=QuestionTopic.choices)
    pseudonym = serializers.CharField(max_length=80, required=False, allow_blank=True,
                                      help_text="A name the person chose; leave out for an anonymous question.")
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    referred_to_partner = serializers.UUIDField(required=False, allow_null=True)
    referred_to_desk = serializers.UUIDField(required=False, allow_null=True)
    follow_up_needed = serializers.BooleanField(required=False, default=False)
    follow_up_on = serializers.DateField(required=False, allow_null=True)

class QuestionUpdateSerializer(StrictInputMixin, serializers.Serializer):
    """What changes; the rest stays. `followUpNeeded` false closes the follow-up (and clears its date)."""
    asked_at = serializers.DateTimeField(required=False, help_text="Not in the future.")
    channel = serializers.ChoiceField(choices=QuestionChannel.choices, required=False)
    topic = serializers.ChoiceField(choices=QuestionTopic.choices, required=False)
    pseudonym = serializers.CharField(max_length=80, required=False, allow_blank=True,
                                      help_text="Blank: anonymous.")
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    referred_to_partner = serializers.UUIDField(required=False, allow_null=True)
    referred_to_desk = serializers.UUIDField(required=False, allow_null=True)
    follow_up_needed = serializers.BooleanField(required=False)
    follow_up_on = serializers.DateField(required=False, allow_null=True)


class QuestionConversionSerializer(StrictInputMixin, serializers.Serializer):
    client = serializers.UUIDField(help_text="The client the person was registered as (POST /clients).")
