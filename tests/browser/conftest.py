"""A real headless Chromium (Debian's `chromium` package) driven by Playwright, against the app served
by pytest-django's `live_server`.

No browser is downloaded: Playwright launches /usr/bin/chromium (`.ci/run` installs it). A missing
browser fails the test, it never skips. The served app needs committed data, so these tests are
transactional; `serialized_rollback` gives each one the migrations' data back (programmes), and the
data they use they make themselves (a flush before them has removed the session's seed).
"""
import os
from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PASSWORD = "browser-test-pass-2026!"


@pytest.fixture
def page(tmp_path, monkeypatch):
    """A page in a fresh Chromium profile (its own --user-data-dir under tmp_path)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver (.ci/run does)")
    # Playwright's sync API keeps an event loop in this thread; Django would take the test's own
    # database calls (fixtures, checks) for calls from async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS, locale="nl-NL")
        context.set_default_timeout(20_000)
        page = context.pages[0] if context.pages else context.new_page()
        yield page
        context.close()


@dataclass
class Desk:
    counsellor: object
    case: object


@pytest.fixture
def desk():
    """A region with one RMT desk, a counsellor there (password PASSWORD) and one open case of theirs."""
    from cases.choices import CaseStatus
    from cases.models import Case, Programme
    from clients.models import Client
    from rwc import organisation
    from rwc.models import DeskKind, DeskRole, Region, User

    region = Region.objects.create(code="browserregio", name="Browserregio")
    rmt = organisation.desk_create(region=region, kind=DeskKind.RMT, name="RMT Browserregio")
    counsellor = User.objects.create_user("browser-counsellor", email="counsellor@browserregio.example.nl",
                                          password=PASSWORD, first_name="Bram", last_name="Browser")
    organisation.membership_add(user=counsellor, desk=rmt, role=DeskRole.COUNSELLOR)
    client = Client.objects.create(region=region, registered_by_desk=rmt, given_names="Bea", surname="Test",
                                   name_search="bea test", birth_date=date(1990, 6, 1))
    case = Case.objects.create(client=client, desk=rmt, programme=Programme.objects.get(code="general"),
                               owner=counsellor, opened_at=timezone.now(), status_changed_at=timezone.now(),
                               status=CaseStatus.ACTIVE)
    return Desk(counsellor=counsellor, case=case)


API_CALLS = """async ([caseId]) => {
  const csrf = document.cookie.split('; ').find(c => c.startsWith('csrftoken='))?.split('=')[1];
  const me = await fetch('/api/v1/me', {credentials: 'same-origin'});
  const post = await fetch(`/api/v1/cases/${caseId}/contacts`, {
    method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf},
    body: JSON.stringify({channel: 'phone', kind: 'coaching', summary: 'Gebeld vanuit de browser'}),
  });
  const without = await fetch(`/api/v1/cases/${caseId}/contacts`, {
    method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({channel: 'phone', kind: 'coaching', summary: 'Zonder CSRF-token'}),
  });
  return {me: me.status, meBody: await me.json(), post: post.status, postBody: await post.text(),
          withoutCsrf: without.status};
}"""


def totp_now(secret: str) -> str:
    """The code an authenticator app shows now for this key (as the enrolment page prints it)."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def call_api(page, case) -> dict:
    """From the signed-in page: GET /api/v1/me, and POST a contact with and without the CSRF token."""
    return page.evaluate(API_CALLS, [str(case.uuid)])
