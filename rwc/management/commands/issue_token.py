"""Print a bearer token for a staff user, for scripts and tests."""
from django.core.management.base import BaseCommand, CommandError

from rwc.models import User
from rwc.oauth import issue_staff_token


class Command(BaseCommand):
    help = "Print a bearer token for a staff user: python manage.py issue_token USERNAME [--hours N]"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--hours", type=int, default=8, help="How long the token is valid (default 8).")

    def handle(self, *args, username, hours, **options):
        if not 1 <= hours <= 24 * 30:
            raise CommandError("--hours must be from 1 to 720.")
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user called {username!r}.") from None
        token = issue_staff_token(user, hours=hours)
        self.stdout.write(token)
