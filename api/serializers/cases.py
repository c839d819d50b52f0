"""Cases, their history, contacts, plan and the caller's caseload as the API shows them."""
from rest_framework import serializers

from cases.choices import CaseStatus, Channel, ClosingReason, ContactKind
from cases.models import Agreement, Case, CaseStatusChange, ContactMoment, Programme
from rwc.models import User

from .base import NotesDataSubject, StrictInputMixin, UserRefSerializer
from .organisation import DeskRefSerializer


class ProgrammeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    desk_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    later_follow_up_months = serializers.ListField(child=serializers.IntegerField(), read_only=True,
                                                   help_text="Later placement follow-ups after (months).")

    class Meta:
        model = Programme
        fields = ["id", "code", "name", "desk_kinds", "follow_up_months", "later_follow_up_months", "reopen_days",
                  "is_active"]


class ProgrammeRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "code", "name"]


class ClientRefSerializer(NotesDataSubject, serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    full_name = serializers.CharField(read_only=True)
    birth_date = serializers.DateField(read_only=True)


class CaseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = ClientRefSerializer(read_only=True)
    desk = DeskRefSerializer(read_only=True)
    programme = ProgrammeRefSerializer(read_only=True)
    owner = UserRefSerializer(read_only=True)

    class Meta:
        model = Case
        fields = ["id", "client", "desk", "programme", "owner", "status", "opened_at", "status_changed_at",
                  "closed_at", "closing_reason", "version"]


class CaseCreateSerializer(StrictInputMixin, serializers.Serializer):
    client = serializers.UUIDField(help_text="A client you work with.")
    programme = serializers.SlugRelatedField(slug_field="uuid", queryset=Programme.objects.all())
    owner = serializers.SlugRelatedField(slug_field="uuid", queryset=User.objects.filter(is_active=True),
                                         required=False, help_text="Default: you.")
    desk = serializers.UUIDField(required=False, help_text="The desk you act for, if you work at several.")


class CaseStatusChangeSerializer(serializers.ModelSerializer):
    by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CaseStatusChange
        fields = ["from_status", "to_status", "at", "by", "reason"]


class CaseMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    closing_reason = serializers.ChoiceField(choices=ClosingReason.choices, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class CaseAssignmentSerializer(StrictInputMixin, serializers.Serializer):
    owner = serializers.SlugRelatedField(slug_field="uuid", queryset=User.objects.filter(is_active=True))


class ContactSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ContactMoment
        fields = ["id", "at", "channel", "kind", "summary", "duration_minutes", "follow_up_on", "confidential",
                  "recorded_by", "recorded_at"]


class ContactInputSerializer(StrictInputMixin, serializers.Serializer):
    at = serializers.DateTimeField(required=False, help_text="Default: now.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    summary = serializers.CharField(max_length=5000)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=600, required=False, allow_null=True)
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    confidential = serializers.BooleanField(required=False, default=False)


class AgreementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["id", "what", "who", "due_on", "done_on", "overdue", "created_at"]

    def get_overdue(self, agreement) -> bool:

        return agreement.is_overdue()


class AgreementInputSerializer(StrictInputMixin, serializers.Serializer):
    what = serializers.CharField(max_length=500)
    who = serializers.CharField(max_length=120)
    due_on = serializers.DateField()


class AgreementCompletionSerializer(StrictInputMixin, serializers.Serializer):
    done_on = serializers.DateField(required=False, help_text="Default: today.")


class CaseloadCaseSerializer(CaseSerializer):
    agreements_overdue = serializers.IntegerField(read_only=True)
    follow_ups_due = serializers.IntegerField(read_only=True)
    next_follow_up_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta(CaseSerializer.Meta):
        fields = CaseSerializer.Meta.fields + ["agreements_overdue", "follow_ups_due", "next_follow_up_on"]


class StatusCountsSerializer(serializers.Serializer):
    registered = serializers.IntegerField()
    intake = serializers.IntegerField()
    active = serializers.IntegerField()
    paused = serializers.IntegerField()


class CaseloadSerializer(serializers.Serializer):
    counts = StatusCountsSerializer()
    needs_attention = serializers.IntegerField(help_text="Open cases with overdue agreements or follow-ups due.")
    cases = CaseloadCaseSerializer(many=True)


