"""Expire referrals nobody answered within the receiver's response time (run it daily, e.g. cron)."""
from django.core.management.base import BaseCommand

from referrals.services import referrals_expire
from rwc import history


class Command(BaseCommand):
    help = "Mark requested referrals past their answer time as expired."

    def handle(self, *args, **kwargs):
        with history.command_context("expire_referrals"):
            return self._handle(*args, **kwargs)

    def _handle(self, *args, **options):
        self.stdout.write(f"{referrals_expire()} referral(s) expired.")
