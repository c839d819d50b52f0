"""Webhook delivery: carry outbox events to partners' endpoints, at least once, each POST by one worker.

The outbox rows (`OutboxEvent` with one `WebhookDelivery` per endpoint) are written in the transaction
of the change (referrals.events). From there:

1. **Relay** (`relay`, the task `referrals.relay_outbox`; woken when an event commits, and every
   WEBHOOK_RELAY_SECONDS by beat): claims due deliveries that are not queued yet with
   `SELECT ... FOR UPDATE SKIP LOCKED`, at most as many per endpoint as it has free slots
   (WEBHOOK_ENDPOINT_CONCURRENCY, one while its circuit is half-open, none while open), marks them
   queued and sends one `referrals.deliver` message each, before it commits. One relay runs at a time
   (a transaction-level advisory lock on PostgreSQL), so a second relay never queues a row twice.
2. **Claim** (`claim`, at the start of the task): locks the delivery row, checks it is still pending,
   due and held by nobody, locks its endpoint and checks the circuit and the endpoint's in-flight
   count, then takes a lease (long enough for a whole attempt) and writes the attempt to the log,
   all before any byte is sent. A second message for the same delivery finds it taken and stops.
3. **POST** (`send`), outside any transaction, with `webhook-id` = the event's id (the same on every
   attempt and redelivery) and a `traceparent` in the trace of the request that made the change.
4. **Finish** (`finish`): completes the attempt, moves the delivery on (delivered; or the next
   attempt after back-off, WEBHOOK_RETRY_BASE_SECONDS doubling up to BACKOFF_MAX, +-10% jitter,
   until MAX_ATTEMPTS; or failed), updates the endpoint's circuit breaker, and hands the freed slot
   to the endpoint's next due delivery (queued in the same transaction).

A worker that dies between 2 and 4 leaves an attempt without outcome (finished_at null) and a lease
that runs out; then the relay queues the delivery again and the next claim marks that attempt
"outcome lost". A message lost with a broker or a worker leaves a queued row nobody took; after
WEBHOOK_REQUEUE_SECONDS the relay queues it again. So the database, not the broker, decides what is
due; messages are only wake-up calls and a duplicate one does nothing.

Circuit breaker: WEBHOOK_CIRCUIT_FAILURES failed attempts in a row open an endpoint's circuit for
WEBHOOK_CIRCUIT_COOLDOWN_SECONDS (doubling while probes keep failing, at most an hour); deliveries
waiting behind it spend no attempts. After the cool-down one delivery probes it; its success closes
the circuit and makes the endpoint's waiting deliveries due at once. Deliveries are not ordered: a
consumer orders events by `occurredAt` (and `previousStatus`).
"""
import http.client
import json
import logging
import random
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import DeliveryAttempt, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from .webhook_http import post_pinned
from .webhook_urls import WebhookUrlRefused, delivery_target
from .webhooks import sign

logger = logging.getLogger(__name__)

BACKOFF_MAX = timedelta(hours=6)
MAX_ATTEMPTS = 12  # with the default 30 s base, about 21 hours of trying
COOLDOWN_MAX = timedelta(hours=1)
RELAY_BATCH = 500  # deliveries queued per relay run at most
ERROR_LENGTH = 300  # DeliveryAttempt.error
RELAY_LOCK = 0x52574352  # pg_advisory_xact_lock key of the relay ("RWCR")
OUTCOME_LOST = ("No outcome recorded: the worker stopped during this attempt (the endpoint may have "
                "received it).")


def backoff_base() -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS)


def lease() -> timedelta:
    """How long a claimed delivery is held: a whole attempt (connect and answer, each up to the
    timeout) with room to record it."""
    return timedelta(seconds=2 * settings.WEBHOOK_TIMEOUT_SECONDS + 10)


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: the endpoint's status code (None if no answer), why not, and whether
    trying again could help."""

    status_code: int | None = None
    error: str = ""
    final: bool = False

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class Claim:
    """A delivery this worker holds, and its attempt already in the log."""

    delivery: WebhookDelivery
    attempt: DeliveryAttempt


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    base = min(backoff_base() * (2 ** (attempts - 1)), BACKOFF_MAX)
    return base * random.uniform(0.9, 1.1)


def _cooldown(streak: int) -> timedelta:
    over = max(0, streak - settings.WEBHOOK_CIRCUIT_FAILURES)
    return min(timedelta(seconds=settings.WEBHOOK_CIRCUIT_COOLDOWN_SECONDS) * (2 ** min(over, 12)), COOLDOWN_MAX)


def _slots(endpoint: WebhookEndpoint, now) -> int:
    """How many deliveries the endpoint takes at once now: none while its circuit is open, one probe
    when its cool-down has passed (half-open), else the configured limit."""
    if endpoint.circuit_open_until is None:
        return settings.WEBHOOK_ENDPOINT_CONCURRENCY
    return 0 if endpoint.circuit_open_until > now else 1


def _due(now):
    """Pending deliveries that are due and neither queued (recently) nor held by a worker."""
    stale = now - timedelta(seconds=settings.WEBHOOK_REQUEUE_SECONDS)
    return (Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            & (Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
            & (Q(lease_until__isnull=True) | Q(lease_until__lte=now)))


def _outstanding(now):
    """Deliveries that hold one of their endpoint's slots: queued (recently) or held by a worker."""
    stale = now - timedelta(seconds=settings.WEBHOOK_REQUEUE_SECONDS)
    return Q(status=DeliveryStatus.PENDING) & (Q(queued_at__gte=stale) | Q(lease_until__gt=now))


# --- 1. relay ----------------------------------------------------------------------------------------


def relay(send, now=None) -> int:
    """Queue what is due, within each endpoint's free slots: `send(delivery_id)` for each, inside the
    transaction that marks them queued (a failed send rolls the marks back). Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RELAY_LOCK])
        endpoints = {e.id: e for e in WebhookEndpoint.objects.filter(
            deactivated_at__isnull=True,
            id__in=WebhookDelivery.objects.filter(_due(now)).values("endpoint_id"),
        ).filter(Q(circuit_open_until__isnull=True) | Q(circuit_open_until__lte=now))}
        if not endpoints:
            return 0
        busy = dict(WebhookDelivery.objects.filter(_outstanding(now), endpoint_id__in=endpoints)
                    .values_list("endpoint_id").annotate(n=Count("id")).order_by())
        free = {pk: _slots(e, now) - busy.get(pk, 0) for pk, e in endpoints.items()}
        picked = []
        for endpoint_id, slots in free.items():
            if slots <= 0 or len(picked) >= RELAY_BATCH:
                continue
            rows = WebhookDelivery.objects.filter(_due(now), endpoint_id=endpoint_id).order_by("next_attempt_at", "id")
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True)
            picked += list(rows.values_list("id", flat=True)[:min(slots, RELAY_BATCH - len(picked))])
        if not picked:
            return 0
        WebhookDelivery.objects.filter(id__in=picked).update(queued_at=now)
        for delivery_id in picked:
            send(delivery_id)
    return len(picked)


# --- 2. claim ----------------------------------------------------------------------------------------


def _traceparent(trace_id: str) -> str:
    return f"00-{trace_id or secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def claim(delivery_id: int, now=None) -> Claim | None:
    """Take the delivery for one attempt, or None when it is not this worker's to try now (done,
    not due, held by another worker, or its endpoint is full or its circuit open: then it is left
    for the relay to queue again)."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update(of=("self",)).select_related("event", "endpoint")
                    .filter(pk=delivery_id).first())
        if (delivery is None or delivery.status != DeliveryStatus.PENDING or delivery.next_attempt_at > now
                or (delivery.lease_until is not None and delivery.lease_until > now)):
            return None
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        in_flight = WebhookDelivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING,
                                                   lease_until__gt=now).count()
        if endpoint.deactivated_at is not None or in_flight >= _slots(endpoint, now):
            delivery.queued_at = None
            delivery.save(update_fields=["queued_at"])
            return None
        lost = DeliveryAttempt.objects.filter(delivery=delivery, finished_at__isnull=True)
        if lost.update(error=OUTCOME_LOST):
            logger.warning("Webhook delivery %s: an earlier attempt's outcome was lost (its worker stopped)",
                           delivery.uuid)
        delivery.endpoint = endpoint
        delivery.attempts += 1
        delivery.queued_at, delivery.lease_until = None, now + lease()
        delivery.save(update_fields=["attempts", "queued_at", "lease_until"])
        attempt = DeliveryAttempt.objects.create(delivery=delivery, at=now, traceparent=_traceparent(
            delivery.event.trace_id))
    return Claim(delivery, attempt)


# --- 3. send -----------------------------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    """An exception as a line for the delivery log: printable, no longer than the column."""
    text = f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}"
    return "".join(c if c.isprintable() else " " for c in text)[:ERROR_LENGTH]


def _post(delivery: WebhookDelivery, traceparent: str) -> Outcome:
    """One HTTP attempt. Raises for what was not foreseen; `send` turns that into an outcome."""
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
        "traceparent": traceparent,
    }
    try:
        return Outcome(status_code=post_pinned(url, address, body, headers, settings.WEBHOOK_TIMEOUT_SECONDS))
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, time-out, TLS; a malformed answer
        return Outcome(error=_reason(exc))


def send(claimed: Claim) -> Outcome:
    """The POST, which cannot raise: anything unforeseen (a library's ValueError, a bug) is a failed
    attempt with the reason, logged with its trace, and tried again after the back-off."""
    delivery = claimed.delivery
    try:
        return _post(delivery, claimed.attempt.traceparent)
    except Exception as exc:  # noqa: BLE001 - one partner's endpoint must not stop the worker
        logger.warning("Webhook delivery %s to endpoint %s failed unexpectedly", delivery.uuid,
                       delivery.endpoint.uuid, exc_info=True)
        return Outcome(error=_reason(exc))


# --- 4. finish ---------------------------------------------------------------------------------------


def finish(claimed: Claim, outcome: Outcome, duration_ms: int, now=None, handoff=None) -> WebhookDelivery:
    """Complete the attempt in the log, move the delivery on, update the endpoint's circuit, and
    (with `handoff(delivery_id)`) queue the endpoint's next due delivery in the freed slot."""
    now = now or timezone.now()
    trace = {"trace_id": claimed.delivery.event.trace_id or "-"}  # the change's trace, in JSON logs too
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=claimed.delivery.pk)
        DeliveryAttempt.objects.filter(pk=claimed.attempt.pk).update(
            status_code=outcome.status_code, error=outcome.error[:ERROR_LENGTH], duration_ms=duration_ms,
            finished_at=now)
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        held = delivery.lease_until == claimed.delivery.lease_until  # not taken over after the lease ran out
        if held:
            delivery.lease_until = None
        if delivery.status != DeliveryStatus.PENDING:
            delivery.save(update_fields=["lease_until"])
            return delivery  # the endpoint was removed meanwhile, or another worker delivered it
        _circuit(endpoint, outcome, now)
        if outcome.ok:
            delivery.status, delivery.delivered_at, delivery.lease_until = DeliveryStatus.DELIVERED, now, None
        elif held:
            tries = delivery.attempts - delivery.retry_base
            if outcome.final or tries >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                logger.warning("Webhook delivery %s to endpoint %s failed for good after %d attempt(s): %s",
                               delivery.uuid, endpoint.uuid, tries, outcome.error or outcome.status_code, extra=trace)
            else:
                delivery.next_attempt_at = now + backoff(tries)
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at", "lease_until"])
        if not outcome.ok:
            logger.info("Webhook delivery %s to endpoint %s: attempt %d failed (%s)", delivery.uuid, endpoint.uuid,
                        delivery.attempts, outcome.status_code or outcome.error, extra=trace)
        if handoff is not None and held:
            _hand_on(endpoint, now, handoff)
    return delivery


def _circuit(endpoint: WebhookEndpoint, outcome: Outcome, now) -> None:
    """The endpoint's breaker after one attempt (the endpoint row is locked)."""
    if outcome.ok:
        if endpoint.circuit_open_until is not None:
            logger.info("Webhook endpoint %s answers again: circuit closed", endpoint.uuid)
            WebhookDelivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING,
                                           next_attempt_at__gt=now).update(next_attempt_at=now)
        if endpoint.failure_streak or endpoint.circuit_open_until:
            endpoint.failure_streak, endpoint.circuit_open_until = 0, None
            endpoint.save(update_fields=["failure_streak", "circuit_open_until"])
        return
    endpoint.failure_streak += 1
    if endpoint.failure_streak >= settings.WEBHOOK_CIRCUIT_FAILURES:
        endpoint.circuit_open_until = now + _cooldown(endpoint.failure_streak)
        logger.warning("Webhook endpoint %s failed %d time(s) in a row: circuit open until %s", endpoint.uuid,
                       endpoint.failure_streak, endpoint.circuit_open_until.isoformat())
    endpoint.save(update_fields=["failure_streak", "circuit_open_until"])


def _hand_on(endpoint: WebhookEndpoint, now, handoff) -> None:
    """The slot this attempt held goes to the endpoint's next due delivery, if its circuit lets it."""
    if endpoint.circuit_open_until is not None:
        return
    rows = WebhookDelivery.objects.filter(_due(now), endpoint=endpoint).order_by("next_attempt_at", "id")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    following = rows.values_list("id", flat=True).first()
    if following is not None:
        WebhookDelivery.objects.filter(pk=following).update(queued_at=now)
        handoff(following)


# --- all four, in one process --------------------------------------------------------------------------


def deliver(delivery_id: int, now=None, handoff=None) -> WebhookDelivery | None:
    """Claim, POST, finish: what one `referrals.deliver` task does. None when the delivery was not
    this worker's to try."""
    claimed = claim(delivery_id, now)
    if claimed is None:
        return None
    started = time.monotonic()
    outcome = send(claimed)
    return finish(claimed, outcome, int((time.monotonic() - started) * 1000), now, handoff)


def deliver_due(now=None) -> int:
    """Everything due, tried once each, in this process (no broker): relay and deliver. For a
    shell, a one-off catch-up and the tests of the delivery rules. Returns how many were tried."""
    tried = 0
    while True:
        queued = []
        relay(queued.append, now)
        this_pass = sum(deliver(delivery_id, now) is not None for delivery_id in queued)
        if not this_pass:
            return tried
        tried += this_pass
