"""Queue depth and delivery age of the task engine, for an operator or a monitoring script.

    python manage.py engine_status          # readable
    python manage.py engine_status --json   # one JSON object
"""
import json

from django.core.management.base import BaseCommand

from referrals import engine_status


class Command(BaseCommand):
    help = ("Show the task engine's queue depth on the broker and the webhook deliveries: pending, due, queued, "
            "in flight, the oldest due one's age, open circuits.")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, json: bool = False, **options):
        status = engine_status.deliveries()
        try:
            status["queue_depth"] = engine_status.queue_depth()
        except Exception as exc:  # noqa: BLE001 - the database's half is still worth showing
            status["queue_depth"], status["broker_error"] = None, f"{type(exc).__name__}: {exc}"
        if json:
            self.stdout.write(_json(status))
            return
        out = self.stdout.write
        out(f"Broker queue depth: {status['queue_depth'] if status['queue_depth'] is not None else 'unknown'}"
            + (f" ({status['broker_error']})" if "broker_error" in status else ""))
        out(f"Webhook deliveries pending: {status['pending']} (due {status['due']}, queued {status['queued']}, "
            f"in flight {status['in_flight']})")
        out(f"Oldest due delivery waiting: {status['oldest_due_age_seconds']} s")
        out(f"Delivered in the last hour: {status['delivered_last_hour']}; failed for good in the last 24 h: "
            f"{status['failed_last_24h']}")
        if not status["open_circuits"]:
            out("Open circuits: none")
        for circuit in status["open_circuits"]:
            out(f"Circuit {circuit['state']}: endpoint {circuit['endpoint']} after {circuit['failures_in_a_row']} "
                f"failure(s) in a row, until {circuit['until']}")


def _json(status: dict) -> str:
    return json.dumps(status, sort_keys=True)
