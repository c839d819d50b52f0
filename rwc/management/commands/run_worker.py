"""Compatibility with the hand-written worker this project had before the task engine (rwc.celery).

    python manage.py run_worker          # a Celery worker with an embedded beat (one machine only)
    python manage.py run_worker --once   # everything due, once, in this process, no broker (cron, repair)

`--once` runs each duty on its own: an error in one (logged, with its trace) does not stop the
others. Production runs `celery -A rwc worker` and one `celery -A rwc beat` instead (README).
"""
import logging
import os
import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from rwc import history

logger = logging.getLogger("rwc.worker")


def run_duty(name: str, duty, default=0):
    """`duty()`, or `default` when it raised anything but a database error: logged, so the next duty
    still runs."""
    try:
        return duty()
    except DatabaseError:
        raise
    except Exception:  # noqa: BLE001 - one duty's bug must not stop the others
        logger.exception("Worker duty %r failed; going on with the others", name)
        return default


def deliver_due():
    from referrals.delivery import deliver_due as due

    return due()


class Command(BaseCommand):
    help = ("Run a Celery worker with an embedded beat (webhook deliveries, referral expiry, key clean-up, "
            "retention); --once does one pass of what is due in this process, without a broker.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do one pass of everything that is due, then stop.")

    def handle(self, *args, once=False, **options):
        if not once:
            from django.conf import settings

            schedule = str(settings.ENGINE_STATE_DIR / "celerybeat-schedule")
            settings.ENGINE_STATE_DIR.mkdir(parents=True, exist_ok=True)
            os.execv(sys.executable, [sys.executable, "-m", "celery", "-A", "rwc", "worker", "--beat",
                                      "--schedule", schedule, "--pool", "threads", "--concurrency", "4",
                                      "--loglevel", "INFO"])
        from referrals.services import referrals_expire
        from rwc.idempotency import clear_expired

        with history.command_context("run_worker"):
            tried = run_duty("webhook deliveries", deliver_due)
            expired = run_duty("referral expiry", referrals_expire)
            cleared = run_duty("idempotency key clean-up", clear_expired)
        self.stdout.write(f"{tried} webhook delivery attempt(s).")
        self.stdout.write(f"{expired} referral(s) expired, {cleared} old idempotency key(s) cleared.")
