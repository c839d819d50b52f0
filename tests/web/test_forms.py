"""The counsellor's forms: the domain's rules shown next to the field in Dutch with the input kept,
nothing stored on bad input, stale forms refused, only legal moves offered, the processing log."""
from datetime import date

import pytest

from cases.choices import CaseStatus
from cases.models import ContactMoment
from clients.models import Client
from referrals.models import Referral
from rwc.audit_models import ProcessingOperation

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(browser_as):
    return browser_as("midden-rmt-counsellor")


def test_registering_a_known_person_shows_the_candidates_and_stores_nothing(counsellor, world):
    before = Client.objects.count()
    data = {"given_names": "Anna", "name_prefix": "van der", "surname": "Berg", "birth_date": "1990-05-17"}
    r = counsellor.post("/clients/new", data)
    page = r.content.decode()
    assert r.status_code == 200 and Client.objects.count() == before
    assert "Deze persoon is waarschijnlijk al ingeschreven" in page and f"/clients/{world.client_a.uuid}/" in page
    assert 'value="Berg"' in page  # the input is kept
    assert 'name="override_reason"' in page
    r = counsellor.post("/clients/new", {**data, "override": "1", "override_reason": "  "})
    assert Client.objects.count() == before and "Geef aan waarom dit niet dezelfde persoon is." in r.content.decode()
    r = counsellor.post("/clients/new", {**data, "override": "1", "override_reason": "Een tweeling"})
    assert r.status_code == 302 and Client.objects.count() == before + 1
    assert Client.objects.get(duplicate_override_reason="Een tweeling").registered_by_desk == world.rmt_a


def test_a_candidate_of_another_desk_shows_only_the_desk(counsellor, world):
    r = counsellor.post("/clients/new", {"given_names": "Lars", "surname": "Jansen", "birth_date": "1990-05-17"})
    page = r.content.decode()
    assert world.lwl_a.name in page and f"/clients/{world.client_lwl_a.uuid}/" not in page


def test_bad_input_is_shown_next_to_the_field_in_dutch_and_kept(counsellor, world):
    before = Client.objects.count()
    r = counsellor.post("/clients/new", {"given_names": "Piet", "surname": "", "birth_date": "2999-01-01",
                                         "postcode": "12"})
    page = r.content.decode()
    assert r.status_code == 200 and Client.objects.count() == before
    assert "Dit veld is vereist." in page and 'value="Piet"' in page
    r = counsellor.post("/clients/new", {"given_names": "Piet", "surname": "Post", "birth_date": "2999-01-01"})
    assert "aria-invalid" in r.content.decode() and Client.objects.count() == before


def test_a_contact_without_summary_is_refused_and_nothing_stored(counsellor, world):
    before = ContactMoment.objects.count()
    r = counsellor.post(f"/cases/{world.case_a.uuid}/contacts",
                        {"contact-channel": "phone", "contact-kind": "coaching", "contact-summary": " "})
    assert r.status_code == 400 and ContactMoment.objects.count() == before
    assert "Dit veld is vereist." in r.content.decode() or "Schrijf" in r.content.decode()


def test_a_confidential_contact_is_marked(counsellor, world):
    r = counsellor.post(f"/cases/{world.case_a.uuid}/contacts",
                        {"contact-channel": "phone", "contact-kind": "coaching", "contact-summary": "Zorgen thuis",
                         "contact-confidential": "on"})
    assert r.status_code == 302
    page = counsellor.get(f"/cases/{world.case_a.uuid}/").content.decode()
    assert 'class="confidential"' in page and "Vertrouwelijk" in page


def test_only_the_legal_moves_are_offered_and_a_stale_form_is_refused(counsellor, world):
    case = world.case_a
    page = counsellor.get(f"/cases/{case.uuid}/").content.decode()
    assert case.status == CaseStatus.REGISTERED
    assert 'id="move-intake"' in page and 'id="move-closed"' in page and 'id="move-paused"' not in page
    stale = {"to": "intake", "move-intake-status": "intake", "move-intake-version": case.version - 1}
    r = counsellor.post(f"/cases/{case.uuid}/status", stale)
    case.refresh_from_db()
    assert r.status_code == 412 and case.status == CaseStatus.REGISTERED
    assert "Iemand anders heeft dit gewijzigd" in r.content.decode()
    illegal = {"to": "paused", "move-paused-status": "paused", "move-paused-version": case.version}
    r = counsellor.post(f"/cases/{case.uuid}/status", illegal)
    case.refresh_from_db()
    assert r.status_code == 409 and case.status == CaseStatus.REGISTERED
    ok = {"to": "intake", "move-intake-status": "intake", "move-intake-version": case.version}
    assert counsellor.post(f"/cases/{case.uuid}/status", ok).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_writing_to_a_foreign_case_is_a_404_and_stores_nothing(counsellor, world):
    before = ContactMoment.objects.count()
    r = counsellor.post(f"/cases/{world.case_b.uuid}/contacts",
                        {"contact-channel": "phone", "contact-kind": "coaching", "contact-summary": "Hallo"})
    assert r.status_code == 404 and ContactMoment.objects.count() == before


def test_a_referral_without_consent_for_the_receiver_is_refused(counsellor, world):
    before = Referral.objects.count()
    r = counsellor.post(f"/clients/{world.client_a.uuid}/referrals", {
        "referral-to_desk": world.lwl_a.pk, "referral-reason": "Scholing", "referral-service_requested": "Advies",
        "referral-shared_categories": ["identity", "health"]})
    assert r.status_code == 400 and Referral.objects.count() == before


def test_bsn_search_is_a_post_only(counsellor, world):
    r = counsellor.get("/clients/?bsn=111222333")  # a BSN in a URL is not a search field: ignored, never echoed
    assert r.status_code == 200 and b"111222333" not in r.content and b'id="results"' not in r.content


def test_a_page_with_client_data_writes_the_processing_log(counsellor, world):
    before = ProcessingOperation.objects.count()
    counsellor.get(f"/clients/{world.client_a.uuid}/")
    op = ProcessingOperation.objects.order_by("-id").first()
    assert ProcessingOperation.objects.count() == before + 1
    assert op.channel == "web" and op.username == "midden-rmt-counsellor" and op.operation == "GET web:client"
    assert [s.client_uuid for s in op.subjects.all()] == [world.client_a.uuid]
    counsellor.get(f"/clients/{world.client_b.uuid}/")  # a 404 shows nobody: not logged
    assert ProcessingOperation.objects.count() == before + 1


def test_the_privacy_officer_finds_the_read(browser_as, world):
    browser_as("midden-rmt-counsellor").get(f"/clients/{world.client_a.uuid}/")
    r = browser_as("midden-privacy-officer").get(f"/privacy/log/?client={world.client_a.uuid}&q=1")
    page = r.content.decode()
    assert "midden-rmt-counsellor" in page and "GET web:client" in page and "Webclient" in page


def test_the_team_lead_reassigns_and_a_stale_form_is_refused(browser_as, world):
    from rwc.models import User

    lead = browser_as("midden-rmt-lead")
    case = world.case_a
    other = User.objects.get(username="midden-rmt-lead")
    r = lead.post(f"/team/cases/{case.uuid}/owner", {"owner": other.pk, "version": case.version - 1})
    case.refresh_from_db()
    assert r.status_code == 409 and case.owner.username == "midden-rmt-counsellor"
    r = lead.post(f"/team/cases/{case.uuid}/owner", {"owner": other.pk, "version": case.version})
    case.refresh_from_db()
    assert r.status_code == 302 and case.owner == other
    assert browser_as("midden-rmt-counsellor").post(
        f"/team/cases/{case.uuid}/owner", {"owner": other.pk, "version": case.version}).status_code == 404


def test_the_dashboard_csv_is_for_dutch_excel(browser_as, world):
    r = browser_as("midden-manager").get(f"/dashboard/download.csv?indicator=intakes&period={date.today().year}"
                                         "&grain=quarter&breakdown=desk")
    body = r.content.decode("utf-8")
    assert r.status_code == 200 and body.startswith("\ufeff")
    assert body.splitlines()[0].lstrip("\ufeff") == "quarter;desk;intakes"
    assert browser_as("midden-manager").get("/dashboard/download.exe").status_code == 404
    r = browser_as("midden-manager").get("/dashboard/?period=nonsense")
    assert r.status_code == 200 and "Gebruik 2025" in r.content.decode()


def test_changing_a_client_with_a_stale_form_is_refused(counsellor, world):
    client = world.client_a
    page = counsellor.get(f"/clients/{client.uuid}/edit").content.decode()
    assert f'name="version" value="{client.version}"' in page and 'value="Berg"' in page
    data = {"given_names": "Anna", "name_prefix": "van der", "surname": "Bergen", "birth_date": "1990-05-17",
            "version": client.version - 1}
    r = counsellor.post(f"/clients/{client.uuid}/edit", data)
    client.refresh_from_db()
    assert r.status_code == 412 and client.surname == "Berg"
    assert "Iemand anders heeft dit gewijzigd" in r.content.decode()
    r = counsellor.post(f"/clients/{client.uuid}/edit", {**data, "version": client.version, "postcode": "12"})
    client.refresh_from_db()
    assert r.status_code == 400 and client.surname == "Berg" and 'value="Bergen"' in r.content.decode()
    r = counsellor.post(f"/clients/{client.uuid}/edit", {**data, "version": client.version})
    client.refresh_from_db()
    assert r.status_code == 302 and client.surname == "Bergen"
    assert counsellor.get(f"/clients/{world.client_b.uuid}/edit").status_code == 404
