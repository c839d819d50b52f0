"""`manage.py web_client --redirect-uri https://app.example/callback`: register the public web client."""
from django.core.management.base import BaseCommand

from accounts.webclient import web_client_register


class Command(BaseCommand):
    help = "Create or update the public web client (authorization code + PKCE) and print its client id."

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", required=True, dest="redirect_uris",
                            help="Where the client receives its code (repeat for more)")
        parser.add_argument("--allowed-origin", action="append", default=[], dest="allowed_origins",
                            help="An origin whose JavaScript may call /oauth/token (CORS)")

    def handle(self, *args, redirect_uris, allowed_origins, **options):
        app = web_client_register(redirect_uris=redirect_uris, allowed_origins=allowed_origins)
        self.stdout.write(app.client_id)
