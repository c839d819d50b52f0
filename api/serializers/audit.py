"""The processing log and the change history, as the privacy officer and the record's desk read them."""
from rest_framework import serializers

from rwc.audit_models import ActorKind, Channel

from ..problems import underscore_to_camel_name
from .clients import PartnerOrganisationRefSerializer
from .organisation import DeskRefSerializer


class ActorSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActorKind.choices, source="actor_kind")
    user = serializers.UUIDField(source="user_uuid", allow_null=True)
    username = serializers.CharField()
    partner_system = serializers.CharField()


class ProcessingOperationSerializer(serializers.Serializer):
    """One processing of personal data (Logboek Dataverwerkingen)."""

    trace_id = serializers.CharField()
    span_id = serializers.CharField()
    parent_span_id = serializers.CharField(help_text="The caller's span, when it sent a traceparent.")
    operation = serializers.CharField(help_text='The method and the route, e.g. "GET v1:client-detail".')
    channel = serializers.ChoiceField(choices=Channel.choices)
    status = serializers.IntegerField(source="status_code", allow_null=True)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField()
    actor = ActorSerializer(source="*")
    roles = serializers.ListField(child=serializers.CharField())
    desks = DeskRefSerializer(many=True, help_text="The desks the staff member acted for.")
    organisation = PartnerOrganisationRefSerializer(allow_null=True, help_text="The partner organisation acted for.")
    purpose = serializers.CharField()
    purpose_given = serializers.BooleanField(help_text="Given by the caller in Processing-Purpose; else derived from the role.")
    client_count = serializers.IntegerField(source="subject_count", help_text="Clients processed, in any region.")
    clients = serializers.SerializerMethodField(help_text="The clients of your region(s) it processed.")

    def get_clients(self, op) -> list[str]:
        return [str(s.client_uuid) for s in op.subjects_in_reach]


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.SerializerMethodField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)

    def get_field(self, change) -> str:
        return underscore_to_camel_name(change["field"])


class RecordRefSerializer(serializers.Serializer):
    type = serializers.CharField(help_text='The kind of record, e.g. "client", "consent", "contactmoment".')
    id = serializers.UUIDField(allow_null=True)


class ChangeActorSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="staff, partner_system, system or unknown (a change with no context).")
    username = serializers.CharField()
    user = serializers.UUIDField(allow_null=True)
    partner_system = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    id = serializers.CharField()
    at = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=["insert", "update", "delete"])
    record = RecordRefSerializer()
    by = ChangeActorSerializer()
    channel = serializers.CharField(help_text="api, admin, command or unknown.")
    trace_id = serializers.CharField()
    changes = FieldChangeSerializer(many=True, help_text="Before and after; the BSN is never in the history.")
