"""Is the task engine healthy? An exit code for an orchestrator's probe (0 healthy, 1 not), one line
per check.

    python manage.py engine_health                     # database and broker answer
    python manage.py engine_health --worker            # ... and this host's worker is alive
    python manage.py engine_health --max-delay 300     # ... and no due delivery has waited longer

A worker touches its heartbeat file (rwc.celery.Liveness) every 10 seconds while it runs; --worker
checks that this host's (or --node NAME's) heartbeat is at most --stale seconds old, so a hung or
dead worker fails its probe and is restarted.
"""
import time

from django.core.management.base import BaseCommand
from django.db import connection

from referrals import engine_status
from rwc.celery import HEARTBEAT_SECONDS, heartbeat_path


class Command(BaseCommand):
    help = "Check the task engine (database, broker; optionally this worker, delivery delay); exit 1 when unhealthy."

    def add_arguments(self, parser):
        parser.add_argument("--worker", action="store_true", help="Check this host's worker heartbeat too.")
        parser.add_argument("--node", help="The worker's node name (default: celery@<this host>).")
        parser.add_argument("--stale", type=float, default=3 * HEARTBEAT_SECONDS,
                            help="Seconds after which a heartbeat counts as stopped (default %(default)s).")
        parser.add_argument("--max-delay", type=float,
                            help="Unhealthy when the oldest due delivery has waited longer than this (seconds).")

    def handle(self, *args, worker=False, node=None, stale=30.0, max_delay=None, **options):
        checks = [("database", self._database), ("broker", engine_status.broker_reachable)]
        if worker or node:
            checks.append(("worker", lambda: self._worker(node or engine_status.default_node_name(), stale)))
        if max_delay is not None:
            checks.append(("delivery delay", lambda: self._delay(max_delay)))
        healthy = True
        for name, check in checks:
            try:
                detail = check() or "ok"
                self.stdout.write(f"{name}: {detail}")
            except Exception as exc:  # noqa: BLE001 - every failure is an unhealthy answer, not a crash
                healthy = False
                self.stdout.write(f"{name}: FAILED ({type(exc).__name__}: {exc})")
        if not healthy:
            raise SystemExit(1)

    def _database(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    def _worker(self, node: str, stale: float) -> str:
        path = heartbeat_path(node)
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            raise RuntimeError(f"no heartbeat of {node} ({path})") from None
        if age > stale:
            raise RuntimeError(f"{node}'s heartbeat is {age:.0f} s old")
        return f"{node} alive ({age:.0f} s ago)"

    def _delay(self, max_delay: float) -> str:
        age = engine_status.deliveries()["oldest_due_age_seconds"]
        if age > max_delay:
            raise RuntimeError(f"the oldest due delivery has waited {age} s")
        return f"oldest due delivery waiting {age} s"
