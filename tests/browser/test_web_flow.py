"""Issue 25's main flow in a real headless Chromium, through the web client's pages, with axe-core
(axe-playwright-python ships it) checking every page for WCAG 2.1 A/AA violations:

the RMT counsellor registers a client (the duplicate check shows the client already there, and is
overridden with a reason), records a consent, opens a case, moves it to active, logs a contact,
records a placement and refers the client to the Leerwerkloket; the LWL counsellor accepts; the
manager opens the dashboard and downloads the CSV; the privacy officer finds the counsellor's reads
in the processing log."""
import os
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from cases.choices import CaseStatus, OutcomeKind
from cases.models import Case, Outcome, Programme
from clients.models import Client
from referrals.models import Referral
from rwc.models import Desk
from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AXE = Axe()


SHOTS = os.environ.get("WEB_SCREENSHOTS")  # a folder: the README's screenshots are taken there


def shot(page, name: str) -> None:
    """`WEB_SCREENSHOTS=docs/screenshots pytest tests/browser/test_web_flow.py` saves the main pages."""
    if SHOTS:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def accessible(page) -> None:
    """axe-core in the page: no WCAG 2.1 A/AA violation."""
    results = AXE.run(page, options=WCAG)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def staff():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from rwc import organisation
    from rwc.models import DeskKind, DeskRole, Region, RegionRoleKind, User

    region = Region.objects.create(code="webregio", name="Webregio")
    rmt = organisation.desk_create(region=region, kind=DeskKind.RMT, name="RMT Webregio")
    lwl = organisation.desk_create(region=region, kind=DeskKind.LEERWERKLOKET, name="Leerwerkloket Webregio")
    people = {}
    for username, first, last in [("web-rmt", "Rita", "Mobiel"), ("web-lwl", "Lotte", "Leer"),
                                  ("web-manager", "Mark", "Manager"), ("web-privacy", "Priya", "Privacy")]:
        people[username] = User.objects.create_user(username, email=f"{username}@webregio.example.nl",
                                                    password=PASSWORD, first_name=first, last_name=last)
    organisation.membership_add(user=people["web-rmt"], desk=rmt, role=DeskRole.COUNSELLOR)
    organisation.membership_add(user=people["web-lwl"], desk=lwl, role=DeskRole.COUNSELLOR)
    organisation.region_role_add(user=people["web-manager"], region=region, role=RegionRoleKind.MANAGER)
    organisation.region_role_add(user=people["web-privacy"], region=region, role=RegionRoleKind.PRIVACY_OFFICER)
    for user in people.values():  # an authenticator already enrolled (the sign-in tests walk the enrolment)
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    Client.objects.create(region=region, registered_by_desk=rmt, given_names="Sanne", surname="Visser",
                          name_search="sanne visser", birth_date=date(1994, 2, 11), postcode="3511AB")
    return people


def sign_in(page, base: str, user) -> None:
    from django_otp.oath import totp

    page.goto(f"{base}/")
    assert "/signin/" in page.url
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#submit")
    if "/signin/verify" in page.url:
        device = user.totpdevice_set.get()
        page.fill("#code", f"{totp(device.bin_key):06d}")
        with page.expect_navigation():
            page.click("#submit")
    assert "/signin/" not in page.url, page.content()[:800]
    assert user.get_full_name() in page.inner_text("#who")


def sign_out(page) -> None:
    with page.expect_navigation():
        page.click("#signout")


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_the_main_flow_through_the_web_client(page, live_server, staff):
    base = live_server.url
    rita, lotte = staff["web-rmt"], staff["web-lwl"]

    # --- the RMT counsellor -------------------------------------------------------------------------
    sign_in(page, base, rita)
    assert page.inner_text("h1") == "Mijn caseload"
    accessible(page)
    page.click("text=Cliënt inschrijven")
    page.wait_for_url("**/clients/new")
    page.fill("#id_given_names", "Sanne")
    page.fill("#id_surname", "Visser")
    page.fill("#id_birth_date", "1994-02-11")
    page.fill("#id_postcode", "3511 AB")
    submit(page, "#register")
    assert "Waarschijnlijk al ingeschreven" in page.inner_text("#duplicates") or \
        "waarschijnlijk al ingeschreven" in page.inner_text("#duplicates").lower()
    assert "Sanne Visser" in page.inner_text("#duplicates")
    assert page.input_value("#id_surname") == "Visser"  # the input is kept
    accessible(page)
    shot(page, "register-duplicate")
    page.fill("#id_override_reason", "Andere Sanne: andere moeder, ander adres")
    submit(page, "#register")
    assert page.inner_text("h1") == "Sanne Visser"
    client = Client.objects.exclude(duplicate_override_reason="").get(surname="Visser")
    accessible(page)

    page.click("text=Toestemming of grondslag vastleggen")
    page.fill("#id_consent-purpose", "Traject en verwijzing naar het Leerwerkloket")
    page.select_option("#id_consent-legal_basis", "consent")
    page.select_option("#id_consent-evidence", "signed")
    page.check("input[name=consent-data_categories][value=identity]")
    for box in page.locator("input[name=consent-desks]").all():
        box.check()
    submit(page, "#record-consent")
    assert client.consents.count() == 1

    page.click("text=Een traject openen")
    page.select_option("#id_case-programme", label=Programme.objects.get(code="general").name)
    submit(page, "#open-case")
    case = Case.objects.get(client=client)
    assert page.inner_text("#case-status") == "Aangemeld"
    accessible(page)
    submit(page, "#move-intake")
    submit(page, "#move-active")
    assert page.inner_text("#case-status") == "Actief"

    page.click("text=Contact vastleggen")
    page.select_option("#id_contact-channel", "phone")
    page.select_option("#id_contact-kind", "coaching")
    page.fill("#id_contact-summary", "Gesprek over vacatures in de zorg")
    submit(page, "#log-contact")
    assert "Gesprek over vacatures in de zorg" in page.inner_text("#main")

    page.click("text=Plaatsing in werk vastleggen")
    page.select_option("#id_placement-from_position", "unemployed_with_benefit")
    page.select_option("#id_placement-to_position", "employed")
    page.fill("#id_placement-date", timezone.localdate().isoformat())
    page.fill("#id_placement-employer_name", "Zorggroep Midden")
    page.select_option("#id_placement-contract_type", "fixed_term")
    submit(page, "#record-placement")
    assert Outcome.objects.filter(case=case, kind=OutcomeKind.PLACEMENT).count() == 1
    assert "Zorggroep Midden" in page.inner_text("#outcomes")
    accessible(page)
    shot(page, "case")

    page.click(f"a[href='/clients/{client.uuid}/']")
    page.wait_for_url(f"**/clients/{client.uuid}/")
    page.click("text=Een verwijzing sturen")
    lwl = Desk.objects.get(name="Leerwerkloket Webregio")
    page.select_option("#id_referral-to_desk", str(lwl.pk))
    page.fill("#id_referral-reason", "Wil een mbo-opleiding zorg naast het werk")
    page.fill("#id_referral-service_requested", "Scholingsadvies")
    submit(page, "#send-referral")
    referral = Referral.objects.get(client=client)
    assert page.inner_text("#referral-status") == "Aangevraagd" or referral.status == "requested"
    accessible(page)
    if SHOTS:
        page.goto(f"{base}/")
        shot(page, "caseload")
    sign_out(page)

    # --- the LWL counsellor accepts --------------------------------------------------------------
    sign_in(page, base, lotte)
    page.click("text=Verwijzingen")
    page.wait_for_url("**/referrals/")
    accessible(page)
    page.click(f"#inbox a[href='/referrals/{referral.uuid}/']")
    page.wait_for_url(f"**/referrals/{referral.uuid}/")
    accessible(page)
    page.select_option("#id_programme", label=Programme.objects.get(code="general").name)
    submit(page, "#referral-accepted")
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.case is not None
    assert referral.case.status == CaseStatus.REGISTERED
    sign_out(page)

    # --- the manager ---------------------------------------------------------------------------------
    sign_in(page, base, staff["web-manager"])
    assert "/dashboard/" in page.url
    page.select_option("#id_indicator", "placements")
    page.fill("#id_period", str(timezone.localdate().year))
    page.select_option("#id_grain", "month")
    submit(page, "#show")
    assert page.locator("svg.chart").count() >= 1
    accessible(page)
    shot(page, "dashboard")
    with page.expect_download() as download:
        page.click("#download-csv")
    body = open(download.value.path(), "rb").read()
    assert body.startswith("\ufeff".encode()) and b";" in body.splitlines()[0]
    sign_out(page)

    # --- the privacy officer ---------------------------------------------------------------------------
    sign_in(page, base, staff["web-privacy"])
    assert "/privacy/log/" in page.url
    accessible(page)
    page.fill("#id_username", rita.username)
    submit(page, "#search-log")
    log = page.inner_text("#log")
    assert "Webclient" in log and "web:client" in log and "web:case" in log
    accessible(page)
    shot(page, "processing-log")


def test_the_wsp_and_front_door_pages_in_chromium(page, live_server, staff):
    """One walk over the pages added for the WSP counsellor and the front door, axe-core on each: the
    WSP counsellor registers an employer, logs a contact, posts a vacancy and fills it; the LWL
    counsellor logs a front-door question and sets the e-mail digest."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from documents.models import Document
    from employers.matching_events import event_create
    from employers.models import Employer, Vacancy
    from rwc import organisation
    from rwc.models import DeskKind, DeskRole, User
    from services.models import FrontDoorQuestion
    from worklist.models import NotificationPreference

    base = live_server.url
    lwl = Desk.objects.get(name="Leerwerkloket Webregio")
    wsp = organisation.desk_create(region=lwl.region, kind=DeskKind.WSP, name="WSP Webregio")
    wendy = User.objects.create_user("web-wsp", email="web-wsp@webregio.example.nl", password=PASSWORD,
                                     first_name="Wendy", last_name="Werkgever")
    organisation.membership_add(user=wendy, desk=wsp, role=DeskRole.COUNSELLOR)
    TOTPDevice.objects.create(user=wendy, name="app", confirmed=True)

    sign_in(page, base, wendy)
    page.click("nav >> text=Werkgevers")
    page.wait_for_url("**/employers/")
    accessible(page)
    page.click("summary:has-text(\"Werkgever inschrijven\")")
    page.fill("#id_employer-kvk_number", "1234")
    page.fill("#id_employer-trade_name", "Zorggroep Webregio")
    page.select_option("#id_employer-sector", "zorg")
    page.select_option("#id_employer-size_class", "medium")
    page.fill("#id_employer-location_city", "Utrecht")
    submit(page, "#register-employer")
    assert "KvK-nummer" in page.inner_text("#main") and page.input_value("#id_employer-trade_name") == \
        "Zorggroep Webregio"
    accessible(page)  # the refusal next to the field
    page.fill("#id_employer-kvk_number", "12345678")
    submit(page, "#register-employer")
    employer = Employer.objects.get(kvk_number="12345678")
    assert page.inner_text("h1") == "Zorggroep Webregio"
    page.click("text=Contact vastleggen")
    page.select_option("#id_contact-kind", "visit")
    page.fill("#id_contact-summary", "Kennismaking met de teamleider zorg")
    submit(page, "#log-employer-contact")
    page.click("summary:has-text(\"Vacature plaatsen\")")
    page.fill("#id_vacancy-title", "Helpende zorg")
    page.fill("#id_vacancy-occupation", "Helpende")
    page.select_option("#id_vacancy-sector", "zorg")
    page.fill("#id_vacancy-hours_per_week", "24")
    page.fill("#id_vacancy-city", "Utrecht")
    page.fill("#id_vacancy-places", "2")
    submit(page, "#post-vacancy")
    vacancy = Vacancy.objects.get(employer=employer)
    assert page.inner_text("#vacancy-status") == "Open"
    accessible(page)
    shot(page, "vacancy")
    submit(page, "#vacancy-filled")
    assert page.inner_text("#vacancy-status") == "Vervuld" or Vacancy.objects.get(pk=vacancy.pk).status == "filled"
    page.goto(f"{base}/employers/{employer.uuid}/")
    accessible(page)
    shot(page, "employer")
    # a document on the employer's page, and a matching event's page
    page.click("summary:has-text(\"Een document toevoegen\")")
    page.set_input_files("#id_document-file", {"name": "afspraken.pdf", "mimeType": "application/pdf",
                                               "buffer": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"})
    page.fill("#id_document-title", "Samenwerkingsafspraken")
    submit(page, "#upload-document")
    assert Document.objects.get(employer=employer).title == "Samenwerkingsafspraken"
    assert "Samenwerkingsafspraken" in page.inner_text("#documents")
    accessible(page)
    event = event_create(actor=wendy, desk=wsp, data={"name": "Banenmarkt zorg", "place": "Utrecht",
                                                      "date": timezone.localdate(), "sectors": ["zorg"]})
    page.goto(f"{base}/employers/events/{event.uuid}/")
    assert page.inner_text("h1") == "Banenmarkt zorg"
    accessible(page)
    sign_out(page)

    sign_in(page, base, staff["web-lwl"])
    page.click("nav >> text=Vragen aan de voordeur")
    page.wait_for_url("**/questions/")
    accessible(page)
    page.select_option("#id_question-channel", "walk_in")
    page.select_option("#id_question-topic", "training")
    page.fill("#id_question-pseudonym", "Zonnebloem")
    page.fill("#id_question-follow_up_on", timezone.localdate().isoformat())  # without a follow-up needed
    submit(page, "#log-question")
    assert page.input_value("#id_question-pseudonym") == "Zonnebloem" and not FrontDoorQuestion.objects.exists()
    accessible(page)
    page.check("#id_question-follow_up_needed")
    submit(page, "#log-question")
    assert FrontDoorQuestion.objects.get().pseudonym == "Zonnebloem"
    assert "Zonnebloem" in page.inner_text("#main")
    accessible(page)
    shot(page, "front-door-questions")
    question = FrontDoorQuestion.objects.get()
    page.click(f"a[href$='/questions/{question.uuid}/edit']")
    page.wait_for_url("**/edit")
    accessible(page)
    page.fill("#id_question-pseudonym", "Zonnebloem Z")
    submit(page, "#save-question")
    assert FrontDoorQuestion.objects.get().pseudonym == "Zonnebloem Z"
    page.click(f"a[href$='/questions/{question.uuid}/registration']")
    page.wait_for_url("**/registration")
    accessible(page)
    page.fill("#id_client-given_names", "Zoë")
    page.fill("#id_client-surname", "Zonneveld")
    page.fill("#id_client-birth_date", "1999-04-03")
    submit(page, "#register")
    assert FrontDoorQuestion.objects.get().client.surname == "Zonneveld"
    accessible(page)
    page.goto(f"{base}/notifications/")
    page.check("#id_digest-digest_1")  # at once
    submit(page, "#save-digest")
    assert NotificationPreference.objects.get(user=staff["web-lwl"]).digest == "immediate"
    accessible(page)
