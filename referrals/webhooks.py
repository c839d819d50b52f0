"""Webhook endpoints of partner organisations, and how deliveries are signed.

Signing follows the Standard Webhooks specification (standardwebhooks.com), so partners can use
its libraries: headers `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64
HMAC-SHA256 of "{id}.{timestamp}.{body}">`, the key being the base64 part of the `whsec_` secret.
The secret is shown once, when the endpoint is registered.

Which addresses may be registered and called is `webhook_urls`' business: https on a public
address; `WEBHOOK_ALLOW_INSECURE` (local and test settings only) admits http and loopback addresses,
so the tests can run a real receiver on 127.0.0.1.
"""
import base64
import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from rwc.errors import Conflict

from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from .webhook_urls import clean_webhook_url

MAX_ENDPOINTS_PER_ORGANISATION = 5


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


@transaction.atomic
def endpoint_register(principal, *, url: str, description: str = "") -> WebhookEndpoint:
    """Register an endpoint for the principal's organisation; its secret is readable only now."""
    url = clean_webhook_url(url)
    organisation = principal.organisation
    active = WebhookEndpoint.objects.select_for_update().filter(organisation=organisation, deactivated_at__isnull=True)
    if any(e.url == url for e in active):
        raise Conflict(_("This address is already registered."), field="url", code="already_registered")
    if len(active) >= MAX_ENDPOINTS_PER_ORGANISATION:
        raise Conflict(_("An organisation has at most %(max_endpoints_per_organisation)s endpoints.")
                       % {"max_endpoints_per_organisation": MAX_ENDPOINTS_PER_ORGANISATION},
                       code="too_many_endpoints")
    return WebhookEndpoint.objects.create(
        organisation=organisation, url=url, description=normalise.text(description)[:200], secret=new_secret(),
        created_by_system=getattr(principal, "partner_system", None),
    )


@transaction.atomic
def endpoint_deactivate(endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Stop delivering to it; what was still pending there is marked failed, the log is kept."""
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if locked.deactivated_at is not None:
        raise Conflict(_("This endpoint was already removed."), code="already_removed")
    locked.deactivated_at = timezone.now()
    locked.save(update_fields=["deactivated_at"])
    WebhookDelivery.objects.filter(endpoint=locked, status=DeliveryStatus.PENDING).update(status=DeliveryStatus.FAILED)
    return locked


@transaction.atomic
def delivery_redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivered or failed event again (the partner lost it, or fixed its endpoint): it is
    pending and due now, with the same `webhook-id`, and its retries start over. One still pending
    is already on its way (409), and so is nothing for a removed endpoint."""
    from .tasks import wake_relay

    locked = WebhookDelivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
    if locked.endpoint.deactivated_at is not None:
        raise Conflict(_("The endpoint was removed; register it again to receive events."), code="endpoint_removed")
    if locked.status == DeliveryStatus.PENDING:
        raise Conflict(_("This delivery is still pending: it is retried by itself."), code="already_pending")
    locked.status, locked.delivered_at = DeliveryStatus.PENDING, None
    locked.next_attempt_at, locked.queued_at, locked.lease_until = timezone.now(), None, None
    locked.retry_base = locked.attempts
    locked.save(update_fields=["status", "delivered_at", "next_attempt_at", "queued_at", "lease_until", "retry_base"])
    wake_relay()
    return locked
