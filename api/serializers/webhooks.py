"""Webhook endpoints and the delivery log, as a partner system sees them."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from referrals.models import DeliveryStatus
from referrals.webhook_urls import MAX_LENGTH, clean_webhook_url

from .base import StrictInputMixin, rule

# The shape the document states: a scheme, then only the characters RFC 3986 allows (no spaces,
# controls, non-ASCII, `|`, `<`, ...). The input is checked by referrals.webhook_urls.clean_webhook_url
# (shape, https, no credentials, public host); this pattern only tells the document's readers.
URL_PATTERN = r"^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$"


@extend_schema_field({"type": "string", "pattern": URL_PATTERN, "maxLength": 500})
class WebhookUrlField(serializers.CharField):
    """The address as registered (it passed clean_webhook_url)."""


class WebhookEndpointSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    url = WebhookUrlField()
    description = serializers.CharField()
    created_at = serializers.DateTimeField()
    active = serializers.SerializerMethodField()

    def get_active(self, endpoint) -> bool:
        return endpoint.deactivated_at is None


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(help_text="Verifies the `webhook-signature` header; shown only now, keep it safe.")


class WebhookEndpointInputSerializer(StrictInputMixin, serializers.Serializer):
    url = WebhookUrlField(
        max_length=MAX_LENGTH, trim_whitespace=False,
        help_text="An absolute https address on the public internet (RFC 3986): no spaces or control characters, "
                  "no user name or password, no #fragment, a port from 1 to 65535, a host name in ASCII "
                  "(punycode). Every address the name resolves to must be public when a delivery is made.")
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)

    validate_url = rule(clean_webhook_url)


@extend_schema_field({"$ref": "#/components/schemas/WebhookEvent"})
class WebhookEventField(serializers.JSONField):
    """The event body exactly as POSTed (its schema is api.schema_webhooks)."""


class EventSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    type = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    payload = WebhookEventField(help_text="The body delivered, exactly as sent.")


class DeliveryAttemptSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status_code = serializers.IntegerField(allow_null=True, help_text="Your endpoint's answer; null if none came.")
    error = serializers.CharField(help_text="Why no answer came (time-out, refused connection, ...).")
    duration_ms = serializers.IntegerField()


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    endpoint = serializers.UUIDField(source="endpoint.uuid")
    event = EventSerializer()
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.SerializerMethodField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    attempt_log = DeliveryAttemptSerializer(many=True)

    def get_next_attempt_at(self, delivery) -> str | None:
        if delivery.status != DeliveryStatus.PENDING:
            return None
        return serializers.DateTimeField().to_representation(delivery.next_attempt_at)
