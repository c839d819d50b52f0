"""The delivery worker's work: carry outbox events to webhook endpoints, at least once.

Each pass claims due deliveries (skipping rows another worker holds, on PostgreSQL) and leases
them for LEASE, so a worker that dies mid-delivery only delays them. A 2xx answer delivers; any
other answer, a time-out or a refused connection schedules the next attempt with exponential
back-off (BACKOFF_BASE doubling up to BACKOFF_MAX, +-10% jitter) until MAX_ATTEMPTS, after which the
delivery is failed. Every attempt is written to the delivery log the partner reads.
Deliveries are not ordered: a consumer orders events by `occurredAt` (and `previousStatus`).
"""
import json
import random
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import DeliveryAttempt, DeliveryStatus, WebhookDelivery
from .webhooks import address_refused, sign

LEASE = timedelta(seconds=60)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=6)
MAX_ATTEMPTS = 12  # about 21 hours of trying
BATCH = 50


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer other than 2xx, not an invitation to go elsewhere


_opener = urllib.request.build_opener(_NoRedirects)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    base = min(BACKOFF_BASE * (2 ** (attempts - 1)), BACKOFF_MAX)
    return base * random.uniform(0.9, 1.1)


def claim_due(now=None, limit: int = BATCH) -> list[WebhookDelivery]:
    now = now or timezone.now()
    with transaction.atomic():
        due = (WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
               .select_related("event", "endpoint").order_by("next_attempt_at", "id"))
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        batch = list(due[:limit])
        WebhookDelivery.objects.filter(id__in=[d.id for d in batch]).update(next_attempt_at=now + LEASE)
    return batch


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """One HTTP attempt: (status code or None, error text)."""
    endpoint, event = delivery.endpoint, delivery.event
    host = urlsplit(endpoint.url).hostname or ""
    if address_refused(host):
        return None, "address not public"
    body = json.dumps(event.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(endpoint.url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "User-Agent": "RWC-Webhooks/1",
        "webhook-id": str(event.uuid),
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, str(event.uuid), timestamp, body),
    })
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"[:300]


def attempt(delivery: WebhookDelivery, now=None) -> WebhookDelivery:
    """Try once and write down what happened."""
    started = time.monotonic()
    status_code, error = _post(delivery)
    now = now or timezone.now()
    duration = int((time.monotonic() - started) * 1000)
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status != DeliveryStatus.PENDING:
            return locked  # the endpoint was removed meanwhile
        locked.attempts += 1
        DeliveryAttempt.objects.create(delivery=locked, at=now, status_code=status_code, error=error,
                                       duration_ms=duration)
        if status_code is not None and 200 <= status_code < 300:
            locked.status, locked.delivered_at = DeliveryStatus.DELIVERED, now
        elif locked.attempts >= MAX_ATTEMPTS:
            locked.status = DeliveryStatus.FAILED
        else:
            locked.next_attempt_at = now + backoff(locked.attempts)
        locked.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
    return locked


def deliver_due(now=None, limit: int = BATCH) -> int:
    """One pass: every due delivery gets one attempt. Returns how many were tried."""
    batch = claim_due(now, limit)
    for delivery in batch:
        attempt(delivery, now)
    return len(batch)
