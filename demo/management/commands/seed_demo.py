"""Load the demo data (idempotent, demo records only) and print the demo logins."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.cases import seed_cases
from demo.clients import seed_clients
from demo.documents import seed_documents
from demo.employers import seed_employer_services
from demo.organisation import demo_password, seed_organisation
from demo.referrals import seed_referrals
from demo.services import seed_services
from demo.worklist import seed_worklists
from rwc import history


class Command(BaseCommand):
    help = "Create the demo regions, desks, staff and partner systems; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument("--clients-per-region", type=int, default=300, help="Demo clients per region (300).")

    def handle(self, *args, **kwargs):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                f"seed_demo refuses to run with {settings.SETTINGS_MODULE}: demo data (invented clients, logins "
                "with a published password) must never go into a real database. Run it with rwc.settings.local "
                "(manage.py's default) on a database of its own."
            )
        with history.command_context("seed_demo"):
            return self._handle(*args, **kwargs)

    def _handle(self, *args, quiet_logins=False, **options):
        logins, partners = seed_organisation()
        added = seed_clients(per_region=options.get("clients_per_region", 300))
        cases = seed_cases()
        referrals = seed_referrals()
        employers = seed_employer_services()
        services = seed_services()
        documents = seed_documents()
        appointments = seed_worklists()
        if quiet_logins:
            return
        base = settings.PUBLIC_BASE_URL.rstrip("/")
        out = self.stdout.write
        out(self.style.SUCCESS(f"Demo data is loaded ({added} clients, {cases} cases, {referrals} referrals and "
                                   f"{employers} employers, {services} services, {documents} documents and "
                                   f"{appointments} appointments added)."))
        out(f"API docs:      {base}/api/v1/docs   (Redoc: {base}/api/v1/redoc)")
        out(f"OpenAPI:       {base}/api/v1/openapi.json")
        out(f"Admin:         {base}/admin/")
        out(f"Staff password for every demo login: {demo_password()!r} (RWC_DEMO_PASSWORD)")
        out("Staff logins (first region shown; the other regions use amersfoort-, gooi-, foodvalley-):")
        for login in logins:
            if login.username.startswith("midden-"):
                out(f"  {login.username:32} {login.role:26} {login.where}")
        out("Partner systems (OAuth2 client credentials at POST " + base + "/oauth/token):")
        for partner in partners:
            out(f"  client_id={partner['client_id']:22} client_secret={partner['secret']}  ({partner['organisation']})")
        out("A bearer token for a staff login: .venv/bin/python manage.py issue_token midden-rmt-counsellor")
