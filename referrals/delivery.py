"""The delivery worker's work: carry outbox events to webhook endpoints, at least once.

Each pass claims due deliveries (skipping rows another worker holds, on PostgreSQL) and leases
them for LEASE, so a worker that dies mid-delivery only delays them. A 2xx answer delivers; any
other answer, a time-out or a refused connection schedules the next attempt with exponential
back-off (BACKOFF_BASE doubling up to BACKOFF_MAX, +-10% jitter) until MAX_ATTEMPTS, after which the
delivery is failed. An address that may not be called (`webhook_urls`: stored before today's rules,
or resolving to a non-public address) fails the delivery at once. Every attempt is written to the
delivery log the partner reads.

One partner's endpoint cannot stop the worker: whatever goes wrong with one delivery (`deliver_one`)
is written to its log, logged, and the worker goes on with the next; only a lost database connection
is passed up, for the worker to wait out.
Deliveries are not ordered: a consumer orders events by `occurredAt` (and `previousStatus`).
"""
import http.client
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from .models import DeliveryAttempt, DeliveryStatus, WebhookDelivery
from .webhook_http import post_pinned
from .webhook_urls import WebhookUrlRefused, delivery_target
from .webhooks import sign

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=6)
MAX_ATTEMPTS = 12  # about 21 hours of trying
BATCH = 50
ERROR_LENGTH = 300  # DeliveryAttempt.error


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: the endpoint's status code (None if no answer), why not, and whether
    trying again could help."""

    status_code: int | None = None
    error: str = ""
    final: bool = False


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


def _reason(exc: BaseException) -> str:
    """An exception as a line for the delivery log: printable, no longer than the column."""
    text = f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}"
    return "".join(c if c.isprintable() else " " for c in text)[:ERROR_LENGTH]


def _post(delivery: WebhookDelivery) -> Outcome:
    """One HTTP attempt. Raises for what was not foreseen; `try_once` turns that into an outcome."""
    endpoint, event = delivery.endpoint, delivery.event
    try:
        url, address = delivery_target(endpoint.url)
    except WebhookUrlRefused as exc:
        return Outcome(error=f"refused ({exc.code}): {exc.detail}"[:ERROR_LENGTH], final=True)
    except OSError as exc:  # the name does not resolve now: like a refused connection, tried again later
        return Outcome(error=_reason(exc))
    body = json.dumps(event.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "RWC-Webhooks/1",
        "webhook-id": str(event.uuid),
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, str(event.uuid), timestamp, body),
    }
    try:
        return Outcome(status_code=post_pinned(url, address, body, headers, settings.WEBHOOK_TIMEOUT_SECONDS))
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, time-out, TLS; a malformed answer
        return Outcome(error=_reason(exc))


def try_once(delivery: WebhookDelivery) -> Outcome:
    """One attempt that cannot raise: anything unforeseen (a library's ValueError, a bug) is a failed
    attempt with the reason, logged with its trace, and tried again after the back-off."""
    try:
        outcome = _post(delivery)
    except Exception as exc:  # noqa: BLE001 - one partner's endpoint must not stop the worker
        logger.warning("Webhook delivery %s to endpoint %s failed unexpectedly", delivery.uuid,
                       delivery.endpoint.uuid, exc_info=True)
        return Outcome(error=_reason(exc))
    if outcome.final:
        logger.warning("Webhook delivery %s to endpoint %s refused: %s", delivery.uuid, delivery.endpoint.uuid,
                       outcome.error)
    return outcome


def _record(delivery: WebhookDelivery, outcome: Outcome, now, duration_ms: int) -> WebhookDelivery:
    """Write the attempt to the log and move the delivery on."""
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status != DeliveryStatus.PENDING:
            return locked  # the endpoint was removed meanwhile
        locked.attempts += 1
        DeliveryAttempt.objects.create(delivery=locked, at=now, status_code=outcome.status_code,
                                       error=outcome.error, duration_ms=duration_ms)
        status_code = outcome.status_code
        if status_code is not None and 200 <= status_code < 300:
            locked.status, locked.delivered_at = DeliveryStatus.DELIVERED, now
        elif outcome.final or locked.attempts >= MAX_ATTEMPTS:
            locked.status = DeliveryStatus.FAILED
        else:
            locked.next_attempt_at = now + backoff(locked.attempts)
        locked.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
    return locked


def attempt(delivery: WebhookDelivery, now=None) -> WebhookDelivery:
    """Try once and write down what happened."""
    started = time.monotonic()
    outcome = try_once(delivery)
    now = now or timezone.now()
    return _record(delivery, outcome, now, int((time.monotonic() - started) * 1000))


def deliver_one(delivery: WebhookDelivery, now=None) -> WebhookDelivery | None:
    """`attempt`, isolated: should even writing the attempt down fail, the delivery is marked failed
    (or, failing that, left to its lease) and the error logged, never raised. A lost database
    connection is raised: the worker waits that out."""
    try:
        return attempt(delivery, now)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:  # noqa: BLE001
        logger.error("Webhook delivery %s could not be recorded; marking it failed", delivery.uuid, exc_info=True)
        try:
            return _record(delivery, Outcome(error=_reason(exc), final=True), now or timezone.now(), 0)
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # noqa: BLE001
            logger.exception("Webhook delivery %s: not even the failure could be recorded", delivery.uuid)
            return None


def deliver_due(now=None, limit: int = BATCH) -> int:
    """One pass: every due delivery gets one attempt. Returns how many were tried."""
    batch = claim_due(now, limit)
    for delivery in batch:
        deliver_one(delivery, now)
    return len(batch)
