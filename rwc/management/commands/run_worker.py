"""The background worker: webhook deliveries, referral expiry, clearing old idempotency keys.

One process is enough; more may run side by side (deliveries are claimed with SKIP LOCKED).
A lost database connection (PostgreSQL restarting) is waited out, not fatal. Each duty runs on its
own: an error in one (logged, with its trace) does not stop the others or the worker, and a single
delivery's error does not even stop the other deliveries (`referrals.delivery.deliver_one`).
"""
import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone

from referrals.delivery import deliver_due
from referrals.services import referrals_expire
from rwc.idempotency import clear_expired
from rwc import history

EXPIRY_EVERY_SECONDS = 60

logger = logging.getLogger("rwc.worker")


def run_duty(name: str, duty, default=0):
    """`duty()`, or `default` when it raised anything but a database error (those mean the database is
    away, which the worker waits out): logged, so the next duty and the next pass still run."""
    try:
        return duty()
    except DatabaseError:
        raise
    except Exception:  # noqa: BLE001 - one duty's bug must not stop the others
        logger.exception("Worker duty %r failed; going on with the others", name)
        return default


class Command(BaseCommand):
    help = "Run the background worker (webhook deliveries, referral expiry, key clean-up) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do one pass of everything that is due, then stop.")

    def handle(self, *args, **kwargs):
        with history.command_context("run_worker"):
            return self._handle(*args, **kwargs)

    def _handle(self, *args, once=False, **options):
        self._stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(f"Worker started at {timezone.now():%Y-%m-%d %H:%M:%S}; stop with Ctrl-C or SIGTERM.")
        last_housekeeping = 0.0
        while not self._stopping:
            try:
                if not once:
                    close_old_connections()  # as a request would: drop a connection that went bad
                tried = run_duty("webhook deliveries", deliver_due)
                if once or time.monotonic() - last_housekeeping >= EXPIRY_EVERY_SECONDS:
                    expired = run_duty("referral expiry", referrals_expire)
                    cleared = run_duty("idempotency key clean-up", clear_expired)
                    last_housekeeping = time.monotonic()
                    if expired or cleared or once:
                        self.stdout.write(f"{expired} referral(s) expired, {cleared} old idempotency key(s) cleared.")
                if tried:
                    self.stdout.write(f"{tried} webhook delivery attempt(s).")
            except DatabaseError as exc:  # PostgreSQL restarting: wait and reconnect
                logger.warning("Database unavailable (%s); retrying.", type(exc).__name__)
                connections.close_all()
                tried = 0
                time.sleep(settings.WORKER_POLL_SECONDS * 5)
            if once:
                break
            if not tried:
                time.sleep(settings.WORKER_POLL_SECONDS)
        self.stdout.write("Worker stopped.")

    def _stop(self, *args):
        self._stopping = True
