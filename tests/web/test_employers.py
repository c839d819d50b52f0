"""The WSP counsellor's pages: employers, their contact log, vacancies (only the legal status moves
offered), the shortlist and the proposals. The page x role matrix with another region's records (a 404
page), the domain's refusals next to the field in Dutch with nothing stored, stale forms refused, the
processing log of the shortlist, pinned query counts."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.job_wishes import job_wish_set
from clients.models import Client
from employers.models import Employer, EmployerContact, Proposal, Vacancy
from rwc.audit_models import ProcessingOperation
from rwc.models import User
from tests.conftest import STAFF_USERNAMES
from tests.employers.seed import consent_for_wsp, make_employer, make_vacancy, wsp_of

pytestmark = pytest.mark.django_db

ROLES = ["counsellor", "team_lead", "manager", "privacy_officer", "wsp", "no_role"]
USERNAMES = {**STAFF_USERNAMES, "wsp": "midden-wsp-counsellor", "no_role": "no-role"}


@pytest.fixture
def wsp(browser_as):
    return browser_as("midden-wsp-counsellor")


@pytest.fixture
def records(world):
    a = make_employer(world.region_a, "11112222", "Zorg BV")
    b = make_employer(world.region_b, "33334444", "Bouw BV")
    return {"employer_a": a, "vacancy_a": make_vacancy(a), "employer_b": b, "vacancy_b": make_vacancy(b)}


def fitting_client(world, employer, surname="Smit"):
    """A client of the LWL, referred on to the WSP, whose wishes fit the seeded vacancy."""
    from clients.services import client_register

    lwl = User.objects.get(username="midden-lwl-counsellor")
    born = timezone.localdate() - timedelta(days=9000 + Client.objects.count())
    client = client_register(actor=lwl, desk=world.lwl_a, data={
        "given_names": "Fleur", "surname": surname, "birth_date": born, "city": "Utrecht", "postcode": "3512 XK",
        "education_level": "mbo_3"})
    consent_for_wsp(client, "midden-lwl-counsellor", world.lwl_a, wsp_of(world.region_a), employer)
    job_wish_set(actor=lwl, client=client, data={"sectors": ["zorg"], "min_hours": 16, "max_hours": 32})
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_wsp_pages_answer_each_role_as_the_matrix_says(browser_as, records, role):
    r = records
    pages = {
        "employers": ("/employers/", {"wsp"}),
        "own employer": (f"/employers/{r['employer_a'].uuid}/", {"wsp"}),
        "own vacancy": (f"/vacancies/{r['vacancy_a'].uuid}/", {"wsp"}),
        "foreign employer": (f"/employers/{r['employer_b'].uuid}/", set()),
        "foreign vacancy": (f"/vacancies/{r['vacancy_b'].uuid}/", set()),
    }
    c = browser_as(USERNAMES[role])
    wrong = [(name, c.get(url).status_code) for name, (url, allowed) in pages.items()
             if c.get(url).status_code != (200 if role in allowed else 404)]
    assert not wrong


def test_writes_to_another_regions_records_are_404_and_store_nothing(wsp, records):
    b = records["employer_b"]
    before = (Vacancy.objects.count(), EmployerContact.objects.count())
    assert wsp.post(f"/employers/{b.uuid}/vacancies", {"vacancy-title": "X"}).status_code == 404
    assert wsp.post(f"/employers/{b.uuid}/contacts", {"contact-kind": "call", "contact-summary": "Hoi"}).status_code == 404
    assert wsp.post(f"/vacancies/{records['vacancy_b'].uuid}/status",
                    {"to": "closed", "move-closed-status": "closed", "move-closed-version": 1}).status_code == 404
    assert (Vacancy.objects.count(), EmployerContact.objects.count()) == before
    assert records["vacancy_b"].__class__.objects.get(pk=records["vacancy_b"].pk).status == "open"


def test_registering_an_employer_shows_the_rule_in_dutch_keeps_the_input_and_stores_nothing(wsp, world, records):
    before = Employer.objects.count()
    data = {"employer-kvk_number": "123", "employer-trade_name": "Bakkerij Brood", "employer-sector": "zorg",
            "employer-size_class": "small", "employer-location_city": "Utrecht"}
    r = wsp.post("/employers/new", data)
    page = r.content.decode()
    assert r.status_code == 400 and Employer.objects.count() == before
    assert "Een KvK-nummer bestaat uit precies acht cijfers." in page and 'value="Bakkerij Brood"' in page
    assert "aria-invalid" in page
    r = wsp.post("/employers/new", {**data, "employer-kvk_number": "11112222"})  # registered already
    assert r.status_code == 400 and Employer.objects.count() == before
    r = wsp.post("/employers/new", {**data, "employer-kvk_number": "5555 6666"})
    created = Employer.objects.get(kvk_number="55556666")
    assert r.status_code == 302 and r["Location"] == f"/employers/{created.uuid}/"
    assert created.region == world.region_a and created.locations[0]["city"] == "Utrecht"


def test_changing_an_employer_refuses_a_stale_form(wsp, records):
    employer = records["employer_a"]
    data = {"employer-kvk_number": employer.kvk_number, "employer-trade_name": "Zorg Nieuw BV",
            "employer-sector": "zorg", "employer-size_class": "large", "employer-version": employer.version}
    r = wsp.post(f"/employers/{employer.uuid}/edit", data)
    assert r.status_code == 302
    employer.refresh_from_db()
    assert employer.trade_name == "Zorg Nieuw BV" and employer.size_class == "large"
    r = wsp.post(f"/employers/{employer.uuid}/edit", {**data, "employer-trade_name": "Oud",
                                                      "employer-version": employer.version - 1})
    assert r.status_code == 412 and "Iemand anders heeft" in r.content.decode()
    employer.refresh_from_db()
    assert employer.trade_name == "Zorg Nieuw BV"


def test_a_contact_without_summary_is_refused_in_dutch(wsp, records):
    employer = records["employer_a"]
    before = EmployerContact.objects.count()
    r = wsp.post(f"/employers/{employer.uuid}/contacts", {"contact-kind": "call", "contact-summary": "   "})
    assert r.status_code == 400 and EmployerContact.objects.count() == before
    assert "Dit veld is vereist." in r.content.decode() or "Schrijf" in r.content.decode()
    r = wsp.post(f"/employers/{employer.uuid}/contacts", {"contact-kind": "visit", "contact-summary": "Bezoek",
                                                         "contact-contact_person": "Mevr. Bos"})
    assert r.status_code == 302 and EmployerContact.objects.filter(employer=employer, summary="Bezoek").exists()
    assert "Mevr. Bos" in wsp.get(f"/employers/{employer.uuid}/").content.decode()


def test_posting_a_vacancy_shows_the_rule_next_to_the_field(wsp, records):
    employer = records["employer_a"]
    before = Vacancy.objects.count()
    data = {"vacancy-title": "Kok", "vacancy-occupation": "Kok", "vacancy-sector": "zorg",
            "vacancy-hours_per_week": "0", "vacancy-city": "Utrecht", "vacancy-places": "1"}
    r = wsp.post(f"/employers/{employer.uuid}/vacancies", data)
    page = r.content.decode()
    assert r.status_code == 400 and Vacancy.objects.count() == before
    assert "Een vacature heeft meer dan 0 uur per week." in page and 'value="Kok"' in page
    r = wsp.post(f"/employers/{employer.uuid}/vacancies", {**data, "vacancy-places": "501",
                                                          "vacancy-hours_per_week": "24"})
    assert r.status_code == 400 and Vacancy.objects.count() == before and "1 tot en met 500 plaatsen" in r.content.decode()
    r = wsp.post(f"/employers/{employer.uuid}/vacancies", {**data, "vacancy-hours_per_week": "24"})
    vacancy = Vacancy.objects.get(employer=employer, title="Kok")
    assert r.status_code == 302 and r["Location"] == f"/vacancies/{vacancy.uuid}/"


def test_only_the_legal_status_moves_are_offered_and_a_stale_or_illegal_one_changes_nothing(wsp, records):
    vacancy = records["vacancy_a"]
    page = wsp.get(f"/vacancies/{vacancy.uuid}/").content.decode()
    assert 'id="vacancy-filled"' in page and 'id="vacancy-closed"' in page and 'id="vacancy-open"' not in page
    url = f"/vacancies/{vacancy.uuid}/status"
    r = wsp.post(url, {"to": "open", "move-open-status": "open", "move-open-version": vacancy.version})
    assert r.status_code == 409 and Vacancy.objects.get(pk=vacancy.pk).status == "open"
    r = wsp.post(url, {"to": "filled", "move-filled-status": "filled", "move-filled-version": vacancy.version - 1})
    assert r.status_code == 412 and Vacancy.objects.get(pk=vacancy.pk).status == "open"
    r = wsp.post(url, {"to": "filled", "move-filled-status": "filled", "move-filled-version": vacancy.version})
    assert r.status_code == 302 and Vacancy.objects.get(pk=vacancy.pk).status == "filled"
    page = wsp.get(f"/vacancies/{vacancy.uuid}/").content.decode()
    assert 'id="vacancy-open"' in page and 'id="vacancy-filled"' not in page


def test_changing_a_vacancy_keeps_the_input_on_bad_places_and_refuses_a_stale_form(wsp, records):
    vacancy = records["vacancy_a"]
    data = {"vacancy-title": "Helpende plus", "vacancy-occupation": "Helpende", "vacancy-sector": "zorg",
            "vacancy-hours_per_week": "24", "vacancy-city": "Utrecht", "vacancy-postcode": "3511 AB",
            "vacancy-places": "0", "vacancy-version": vacancy.version}
    r = wsp.post(f"/vacancies/{vacancy.uuid}/edit", data)
    assert r.status_code == 400 and 'value="Helpende plus"' in r.content.decode()
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Helpende zorg"
    r = wsp.post(f"/vacancies/{vacancy.uuid}/edit", {**data, "vacancy-places": "3", "vacancy-version": 0})
    assert r.status_code == 412 and Vacancy.objects.get(pk=vacancy.pk).title == "Helpende zorg"
    r = wsp.post(f"/vacancies/{vacancy.uuid}/edit", {**data, "vacancy-places": "3"})
    assert r.status_code == 302 and Vacancy.objects.get(pk=vacancy.pk).places == 3


def test_the_shortlist_proposes_and_a_proposal_moves(wsp, world, records):
    vacancy = records["vacancy_a"]
    fits = fitting_client(world, records["employer_a"])
    start = ProcessingOperation.objects.order_by("-id").values_list("id", flat=True).first() or 0
    page = wsp.get(f"/vacancies/{vacancy.uuid}/").content.decode()
    assert "Fleur Smit" in page and f'value="{fits.uuid}"' in page
    op = ProcessingOperation.objects.filter(id__gt=start, operation="GET web:vacancy").get()
    assert fits.id in set(op.subjects.values_list("client_id", flat=True))
    r = wsp.post(f"/vacancies/{vacancy.uuid}/proposals", {"propose-client": str(fits.uuid)})
    assert r.status_code == 302
    proposal = Proposal.objects.get(vacancy=vacancy, client=fits)
    r = wsp.post(f"/vacancies/{vacancy.uuid}/proposals", {"propose-client": str(fits.uuid)})  # twice
    assert r.status_code == 409 and Proposal.objects.filter(vacancy=vacancy).count() == 1
    page = wsp.get(f"/vacancies/{vacancy.uuid}/").content.decode()
    assert f'id="proposal-{proposal.uuid}-invited"' in page and f'id="proposal-{proposal.uuid}-hired"' not in page
    url = f"/vacancies/{vacancy.uuid}/proposals/{proposal.uuid}/status"
    prefix = f"proposal-{proposal.uuid}"
    assert wsp.post(url, {f"{prefix}-status": "hired"}).status_code == 409  # not from proposed
    assert wsp.post(url, {f"{prefix}-status": "invited"}).status_code == 302
    r = wsp.post(url, {f"{prefix}-status": "hired"})  # no first working day, no contract
    assert r.status_code in (400, 409)
    proposal.refresh_from_db()
    assert proposal.status == "invited" and proposal.placement_id is None


def test_a_client_of_another_region_cannot_be_proposed(wsp, world, records):
    r = wsp.post(f"/vacancies/{records['vacancy_a'].uuid}/proposals", {"propose-client": str(world.client_b.uuid)})
    assert r.status_code == 404 and not Proposal.objects.exists()


PINNED = {"employers": 9, "employer": 12, "vacancy": 11}


def test_the_wsp_pages_read_a_pinned_number_of_queries(wsp, world, records):
    employer, vacancy = records["employer_a"], records["vacancy_a"]
    for n in range(2):  # more rows must not mean more queries
        make_vacancy(employer, title=f"Extra {n}")
        fitting_client(world, employer, surname=f"Extra{n}")
    urls = {"employers": "/employers/", "employer": f"/employers/{employer.uuid}/",
            "vacancy": f"/vacancies/{vacancy.uuid}/"}
    measured = {}
    for name, url in urls.items():
        wsp.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert wsp.get(url).status_code == 200
        measured[name] = len(ctx.captured_queries)
    assert measured == PINNED, measured


def test_organising_a_matching_event_names_at_least_one_sector(wsp, world, records):
    from employers.models import MatchingEvent

    data = {"event-name": "Zorgbanenmarkt", "event-date": str(timezone.localdate() + timedelta(days=14)),
            "event-place": "Stadhuis", "event-employers": [records["employer_a"].pk]}
    r = wsp.post("/employers/events", data)
    assert r.status_code == 400 and not MatchingEvent.objects.exists()
    assert "Noem ten minste één sector." in r.content.decode()
    assert 'value="Zorgbanenmarkt"' in r.content.decode()
    r = wsp.post("/employers/events", {**data, "event-employers": [records["employer_b"].pk], "event-sectors": ["zorg"]})
    assert r.status_code == 400 and not MatchingEvent.objects.exists()  # another region's employer: not offered
    r = wsp.post("/employers/events", {**data, "event-sectors": ["zorg"]})
    event = MatchingEvent.objects.get()
    assert r.status_code == 302 and list(event.employers.all()) == [records["employer_a"]]
