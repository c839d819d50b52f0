"""What the task engine has to do and how far behind it is: for `manage.py engine_status` and
`manage.py engine_health`."""
import socket
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from rwc.celery import app

from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def queue_depth(timeout: float = 3.0) -> int:
    """Messages waiting in the engine's queue on the broker (raises when the broker does not answer)."""
    with app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout)
        with conn.channel() as channel:
            # Declared as Celery declares it (an empty Redis queue does not exist until then).
            return channel.queue_declare(queue=settings.CELERY_TASK_DEFAULT_QUEUE, durable=True,
                                         auto_delete=False).message_count


def broker_reachable(timeout: float = 3.0) -> None:
    """Raises when the broker cannot be reached."""
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout)


def deliveries(now=None) -> dict:
    """Counts of the delivery pipeline and the age of the oldest delivery waiting for its attempt."""
    now = now or timezone.now()
    pending = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING)
    counts = pending.aggregate(
        pending=Count("id"),
        due=Count("id", filter=Q(next_attempt_at__lte=now)),
        queued=Count("id", filter=Q(queued_at__isnull=False)),
        in_flight=Count("id", filter=Q(lease_until__gt=now)),
        oldest_due=Min("next_attempt_at", filter=Q(next_attempt_at__lte=now) & (
            Q(lease_until__isnull=True) | Q(lease_until__lte=now))),
    )
    oldest = counts.pop("oldest_due")
    counts["oldest_due_age_seconds"] = round((now - oldest).total_seconds(), 1) if oldest else 0.0
    counts["failed_last_24h"] = WebhookDelivery.objects.filter(
        status=DeliveryStatus.FAILED, attempt_log__at__gte=now - timedelta(hours=24)).distinct().count()
    counts["delivered_last_hour"] = WebhookDelivery.objects.filter(
        status=DeliveryStatus.DELIVERED, delivered_at__gte=now - timedelta(hours=1)).count()
    counts["open_circuits"] = [
        {"endpoint": str(e.uuid), "failures_in_a_row": e.failure_streak,
         "state": "open" if e.circuit_open_until > now else "half-open",
         "until": e.circuit_open_until.isoformat()}
        for e in WebhookEndpoint.objects.filter(deactivated_at__isnull=True, circuit_open_until__isnull=False)
    ]
    return counts


def default_node_name() -> str:
    """The name a worker started without -n has on this host."""
    return f"celery@{socket.gethostname()}"
