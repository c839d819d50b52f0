"""Benchmark support (`make bench`): choose the callers and records the load will use, make a pool
of referrals to accept, and count the queries of one request per scenario, into a JSON file.

It picks the RMT counsellor with the largest open caseload in the data set (the reader), their
desk's clients and open cases, a surname common among those clients, and the region's manager;
it sends `--referrals` fresh referrals to the region's Leerwerkloket through the domain services,
each on a consent it records, for a counsellor there (the acceptor) to answer. Accepting opens
cases at the Leerwerkloket, never in the reader's caseload, so runs can be repeated on one data
set and measure the same thing. The web scenario reads as the same counsellor with a signed-in
session (`signed_in_cookie`).
"""
import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, Programme
from clients.access import clients_visible_to
from clients.services import consent_record
from employers.models import Employer
from referrals.services import referral_send
from rwc import history
from rwc.models import Desk, DeskKind, DeskRole, RegionRole, RegionRoleKind, StaffMembership
from rwc.oauth import issue_staff_token


class Command(BaseCommand):
    help = "Prepare a benchmark run: callers, records and a referral pool, written to --out (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--referrals", type=int, default=3000, help="Referrals to accept (default 3000).")

    def handle(self, *args, out, referrals, **options):
        with history.command_context("bench_prepare"):
            targets = self._prepare(referrals)
        Path(out).write_text(json.dumps(targets, indent=2))
        self.stdout.write(f"Targets for {targets['counsellor']} ({targets['clients_total']} clients) in {out}")

    def _prepare(self, referral_count: int) -> dict:
        counsellor, desk = busiest_counsellor()
        manager = (RegionRole.objects.filter(region=desk.region, role=RegionRoleKind.MANAGER, ended_at__isnull=True)
                   .select_related("user").first())
        if manager is None:
            raise CommandError(f"No manager in {desk.region}.")
        visible = clients_visible_to(counsellor, as_set=True)
        client_ids = [str(u) for u in visible.order_by("?").values_list("uuid", flat=True)[:500]]
        surnames = Counter(visible.order_by().values_list("surname", flat=True)[:5000])
        cases = [str(u) for u in Case.objects.filter(owner=counsellor).exclude(status="closed")
                 .values_list("uuid", flat=True)[:500]]
        transition_clients = [str(u) for u in Case.objects.filter(owner=counsellor).exclude(status="closed")
                              .values_list("client__uuid", flat=True)[:500]]
        targets = {
            "counsellor": counsellor.username, "counsellor_token": issue_staff_token(counsellor, hours=6),
            "counsellor_session": signed_in_cookie(counsellor),
            "manager": manager.user.username, "manager_token": issue_staff_token(manager.user, hours=6),
            "region": str(desk.region.uuid), "desk": str(desk.uuid), "clients": client_ids,
            # the desk-list scenarios walk its first pages (at most 20), never past the end
            "desk_pages": max(1, min(20, desk.registered_clients.count() // 25)),
            "clients_total": visible.count(), "cases": cases, "transition_clients": transition_clients,
            "search": surnames.most_common(1)[0][0][:4].lower() if surnames else "jan",
            "programme": str(Programme.objects.get(code="general").uuid),
            **self._referral_pool(desk, referral_count),
            "report_year": timezone.localdate().year - 1,
            **self._employer_side(desk),
        }
        if not targets["referrals"]:
            raise CommandError(f"No client of {desk} is left to refer to {desk.region}'s Leerwerkloket: "
                               "generate a fresh data set (earlier runs used them up).")
        targets["queries"] = _queries_per_scenario(targets)
        return targets

    def _employer_side(self, reader_desk: Desk) -> dict:
        """The region's WSP counsellor, and the commonest first word of its employers' trade names."""
        wsp = (StaffMembership.objects.filter(desk__region=reader_desk.region, desk__kind=DeskKind.WSP,
                                              role=DeskRole.COUNSELLOR, ended_at__isnull=True)
               .select_related("user").order_by("id").first())
        names = Employer.objects.filter(region=reader_desk.region).values_list("trade_name", flat=True)[:5000]
        words = Counter(name.split()[0].lower() for name in names if name.split())
        if wsp is None or not words:
            raise CommandError(f"No WSP counsellor or no employers in {reader_desk.region}: generate a fresh data set.")
        return {"wsp": wsp.user.username, "wsp_token": issue_staff_token(wsp.user, hours=6),
                "employer_search": words.most_common(1)[0][0]}

    def _referral_pool(self, reader_desk: Desk, count: int) -> dict:
        desk = Desk.objects.get(region=reader_desk.region, kind=DeskKind.LEERWERKLOKET, is_active=True,
                                merged_into__isnull=True)
        acceptor = (StaffMembership.objects.filter(desk=desk, role=DeskRole.COUNSELLOR, ended_at__isnull=True)
                    .select_related("user").order_by("id").first().user)
        sender_desk = reader_desk
        sender = (StaffMembership.objects.filter(desk=sender_desk, ended_at__isnull=True)
                  .select_related("user").first().user)
        pool = []
        candidates = (sender_desk.registered_clients.exclude(cases__desk=desk)
                      .exclude(referrals__to_desk=desk).order_by("id")[:count])
        for client in candidates:
            consent = consent_record(actor=sender, desk=sender_desk, client=client, data={
                "purpose": "Referral to the desk (benchmark)", "legal_basis": "consent", "evidence": "signed",
                "data_categories": ["identity"], "desks": [desk]})
            referral = referral_send(actor=sender, client=client, from_desk=sender_desk, to_desk=desk, consent=consent,
                                     data={"reason": "Benchmark referral", "service_requested": "Intake"})
            pool.append(str(referral.uuid))
        return {"referrals": pool, "acceptor": acceptor.username,
                "acceptor_token": issue_staff_token(acceptor, hours=6)}


def busiest_counsellor():
    """The load's reader, the worst case for the access filter: of the RMT desk that registered the
    most clients (the largest visible set), the counsellor with the largest open caseload."""
    desk = (Desk.objects.filter(kind=DeskKind.RMT, is_active=True).annotate(registered=Count("registered_clients"))
            .order_by("-registered", "id").select_related("region").first())
    busiest = (StaffMembership.objects.filter(desk=desk, role=DeskRole.COUNSELLOR, ended_at__isnull=True)
               .annotate(open_cases=Count("user__owned_cases", filter=~Q(user__owned_cases__status="closed")))
               .order_by("-open_cases", "id").select_related("user", "desk__region").first())
    if busiest is None or not busiest.open_cases:
        raise CommandError("No counsellor with open cases: generate a data set first (generate_dataset).")
    return busiest.user, busiest.desk


def signed_in_cookie(user) -> str:
    """A web session as the sign-in pages leave it (password and second factor done, as
    accounts.signin marks it), stored in the session store the server reads; the Cookie header's
    "name=value". Expires with SESSION_COOKIE_AGE like any other."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.signin import SESSION_BACKEND, SIGNED_IN

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = SESSION_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN] = {"method": "password", "second_factor": "totp"}
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _queries_per_scenario(t: dict) -> dict:
    """One request of each scenario in-process, its queries counted (the processing log's writes included)."""
    from bench.scenarios import SCENARIOS, auth_headers

    http = HttpClient()
    counts = {}
    for name, scenario in SCENARIOS.items():
        method, url, body, token, headers = scenario.request(t, sample=0)
        kwargs = {f"HTTP_{k.upper().replace('-', '_')}": v
                  for k, v in {**auth_headers(scenario, t, token), **headers}.items()}
        with CaptureQueriesContext(connection) as ctx:
            if method == "GET":
                response = http.get(url, **kwargs)
            else:
                response = http.post(url, data=json.dumps(body), content_type="application/json", **kwargs)
        counts[name] = {"queries": len(ctx.captured_queries), "status": response.status_code}
    return counts
