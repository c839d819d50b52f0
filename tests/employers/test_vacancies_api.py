"""Vacancies, candidates and hires through the API: the issue's whole flow (a WSP counsellor
registers an employer, posts a vacancy, proposes a consenting candidate of another desk, records a
hire with a trial placement and sees it as a placement in the client's case), the consent rule,
the proposal and vacancy tables (409 on illegal moves), who sees candidates, the shortlist, and
query counts."""
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, Outcome, Programme, Transition
from clients.job_wishes import job_wish_set
from clients.models import Client
from clients.services import client_grant_to_desk, consent_record, consent_withdraw
from employers.models import Proposal, Vacancy
from employers.proposals import PROPOSAL_CATEGORIES
from rwc.models import User
from tests.employers.seed import consent_for_wsp, make_employer, make_vacancy
from tests.helpers import count_queries, invalid_names, problem

VACANCY = {"title": "Helpende zorg en welzijn", "occupation": "Helpende", "sector": "zorg", "hoursPerWeek": "24",
           "educationLevel": "mbo_2", "city": "Utrecht", "postcode": "3511AB", "places": 1}


def _refer_to_wsp(api, world, wsp, wsp_a, employer_id=None):
    """The RMT records consent naming the WSP desk (and the employer) and refers the client; the WSP
    accepts with a programme, which gives it a grant and a case. All through the API."""
    rmt = api("counsellor")
    consent = rmt.post(f"/api/v1/clients/{world.client_a.uuid}/consents", {
        "purpose": "Job matching by the WSP", "legalBasis": "consent", "evidence": "signed",
        "desks": [str(wsp_a.uuid)], "employers": [employer_id] if employer_id else [],
        "dataCategories": list(PROPOSAL_CATEGORIES)}, format="json")
    assert consent.status_code == 201, consent.content
    referral = rmt.post("/api/v1/referrals", {
        "client": str(world.client_a.uuid), "toDesk": str(wsp_a.uuid), "reason": "Ready for work",
        "serviceRequested": "Job matching", "sharedCategories": list(PROPOSAL_CATEGORIES)}, format="json")
    assert referral.status_code == 201, referral.content
    general = Programme.objects.get(code="general")
    accepted = wsp.post(f"/api/v1/referrals/{referral.json()['id']}/status-changes",
                        {"status": "accepted", "programme": str(general.uuid)}, format="json")
    assert accepted.status_code == 200, accepted.content
    return consent.json()


@pytest.mark.django_db
def test_wsp_runs_the_whole_flow_from_employer_to_placement_with_a_trial(api, world, wsp, wsp_a):
    employer = wsp.post("/api/v1/employers", {"kvkNumber": "69123456", "tradeName": "Zorggroep De Linde",
                                              "sector": "zorg", "sizeClass": "large"}, format="json").json()
    posted = wsp.post("/api/v1/vacancies", {**VACANCY, "employer": employer["id"]}, format="json")
    assert posted.status_code == 201, posted.content
    vacancy = posted.json()
    assert vacancy["status"] == "open" and vacancy["placesFilled"] == 0 and vacancy["postcode"] == "3511 AB"
    _refer_to_wsp(api, world, wsp, wsp_a, employer["id"])
    proposals = f"/api/v1/vacancies/{vacancy['id']}/proposals"
    proposed = wsp.post(proposals, {"client": str(world.client_a.uuid), "note": "Sterke kandidaat"}, format="json")
    assert proposed.status_code == 201, proposed.content
    proposal = proposed.json()
    assert proposal["status"] == "proposed" and proposal["client"]["id"] == str(world.client_a.uuid)
    moves = f"{proposals}/{proposal['id']}/status-changes"
    assert wsp.post(moves, {"status": "invited"}, format="json").status_code == 200
    today = timezone.localdate()
    hired = wsp.post(moves, {"status": "hired", "date": today.isoformat(), "contractType": "fixed_term"},
                     format="json")
    assert hired.status_code == 200, hired.content
    hire = hired.json()
    assert hire["status"] == "hired" and hire["placement"] and hire["case"]
    case = Case.objects.get(uuid=hire["case"])
    assert case.desk == wsp_a and case.client == world.client_a
    placement = wsp.get(f"/api/v1/cases/{case.uuid}/outcomes").json()["results"]
    assert [(o["id"], o["kind"]) for o in placement] == [(hire["placement"], "placement")]
    transition = Transition.objects.get(outcome__uuid=hire["placement"])
    assert (transition.to_position, transition.employer_name, str(transition.hours_per_week)) == (
        "employed", "Zorggroep De Linde", "24.0")
    assert wsp.get(f"/api/v1/vacancies/{vacancy['id']}").json()["status"] == "filled"  # its one place is taken
    trial = wsp.post(f"/api/v1/cases/{case.uuid}/outcomes/{hire['placement']}/instruments", {
        "instrument": "proefplaatsing", "startOn": today.isoformat(),
        "endOn": (today + timedelta(days=59)).isoformat(), "intendedContractMonths": 12}, format="json")
    assert trial.status_code == 201, trial.content
    assert Outcome.objects.get(uuid=hire["placement"]).instrument == "proefplaatsing"
    # the client's own desk sees the hire on the candidate list and the placement's transition
    rmt_view = api("counsellor").get(proposals).json()["results"]
    assert [(p["id"], p["status"]) for p in rmt_view] == [(proposal["id"], "hired")]


@pytest.mark.django_db
def test_a_candidate_needs_a_consent_naming_the_wsp_and_the_employer(api, world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    other = make_employer(world.region_a, "33334444", "Andere Zorg BV")
    vacancy = make_vacancy(employer)
    _refer_to_wsp(api, world, wsp, wsp_a, str(other.uuid))  # consent names another employer
    url = f"/api/v1/vacancies/{vacancy.uuid}/proposals"
    body = problem(wsp.post(url, {"client": str(world.client_a.uuid)}, format="json"), 409)
    assert body["code"] == "no_consent" and body["missing"]["employer"] == str(employer.uuid)
    assert not Proposal.objects.exists()
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    assert wsp.post(url, {"client": str(world.client_a.uuid)}, format="json").status_code == 201
    body = problem(wsp.post(url, {"client": str(world.client_a.uuid)}, format="json"), 409)
    assert body["code"] == "already_proposed"


@pytest.mark.django_db
def test_a_client_the_wsp_may_not_see_cannot_be_proposed_even_with_consent(world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer)
    consent_record(actor=User.objects.get(username="midden-lwl-counsellor"), desk=world.lwl_a,
                   client=world.client_lwl_a, data={"purpose": "Matching", "legal_basis": "consent",
                                                    "evidence": "signed", "data_categories": list(PROPOSAL_CATEGORIES),
                                                    "desks": [wsp_a], "employers": [employer]})
    body = problem(wsp.post(f"/api/v1/vacancies/{vacancy.uuid}/proposals", {"client": str(world.client_lwl_a.uuid)},
                            format="json"), 400)
    assert invalid_names(body) == {"client"}


@pytest.mark.django_db
def test_illegal_candidate_moves_are_409_and_change_nothing(api, world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer)
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    proposal = wsp.post(f"/api/v1/vacancies/{vacancy.uuid}/proposals", {"client": str(world.client_a.uuid)},
                        format="json").json()
    moves = f"/api/v1/vacancies/{vacancy.uuid}/proposals/{proposal['id']}/status-changes"
    body = problem(wsp.post(moves, {"status": "hired", "date": timezone.localdate().isoformat(),
                                    "contractType": "permanent"}, format="json"), 409)
    assert body["code"] == "illegal_move"
    assert wsp.post(moves, {"status": "rejected", "note": "Geen match"}, format="json").status_code == 200
    assert problem(wsp.post(moves, {"status": "invited"}, format="json"), 409)["code"] == "illegal_move"
    assert Proposal.objects.get(uuid=proposal["id"]).status == "rejected"
    assert not Outcome.objects.filter(case__client=world.client_a, kind="placement").exists()


@pytest.mark.django_db
def test_withdrawn_consent_stops_the_candidate_and_a_hire_needs_a_case(api, world, wsp, wsp_a, wsp_user):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer)
    consent = consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    extra = consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    proposal = wsp.post(f"/api/v1/vacancies/{vacancy.uuid}/proposals", {"client": str(world.client_a.uuid)},
                        format="json").json()
    moves = f"/api/v1/vacancies/{vacancy.uuid}/proposals/{proposal['id']}/status-changes"
    assert wsp.post(moves, {"status": "invited"}, format="json").status_code == 200
    hire = {"status": "hired", "date": timezone.localdate().isoformat(), "contractType": "permanent"}
    body = problem(wsp.post(moves, hire, format="json"), 409)  # the WSP only holds a grant, no case
    assert body["code"] == "no_case"
    rmt_user = User.objects.get(username="midden-rmt-counsellor")
    assert Proposal.objects.get(uuid=proposal["id"]).consent in (consent, extra)
    for given in (consent, extra):
        consent_withdraw(actor=rmt_user, consent=given)
    problem(wsp.post(moves, hire, format="json"), 404)  # the grant rested on the consent: the client is gone
    assert Proposal.objects.get(uuid=proposal["id"]).status == "invited"


@pytest.mark.django_db
def test_a_hire_checks_the_consent_again(api, world, wsp, wsp_a, wsp_user):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer)
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    proposal = wsp.post(f"/api/v1/vacancies/{vacancy.uuid}/proposals", {"client": str(world.client_a.uuid)},
                        format="json").json()
    # the WSP keeps seeing the client through a grant that rests on no consent (e.g. a joint case)
    client_grant_to_desk(actor=wsp_user, client=world.client_a, desk=wsp_a, reason="Joint trajectory")
    stored = Proposal.objects.get(uuid=proposal["id"])
    consent_withdraw(actor=wsp_user, consent=stored.consent)
    moves = f"/api/v1/vacancies/{vacancy.uuid}/proposals/{proposal['id']}/status-changes"
    body = problem(wsp.post(moves, {"status": "invited"}, format="json"), 409)
    assert body["code"] == "consent_not_in_force"
    assert wsp.post(moves, {"status": "rejected"}, format="json").status_code == 200  # stopping needs none


@pytest.mark.django_db
def test_vacancy_status_table_and_no_places_left(world, wsp, wsp_a):
    vacancy = make_vacancy(make_employer(world.region_a, "11112222", "Zorg BV"), places=1)
    url = f"/api/v1/vacancies/{vacancy.uuid}/status-changes"
    assert wsp.post(url, {"status": "filled"}, format="json").json()["status"] == "filled"
    assert wsp.post(url, {"status": "open"}, format="json").json()["status"] == "open"
    assert wsp.post(url, {"status": "closed"}, format="json").json()["status"] == "closed"
    assert problem(wsp.post(url, {"status": "open"}, format="json"), 409)["code"] == "illegal_move"
    detail = f"/api/v1/vacancies/{vacancy.uuid}"
    assert problem(wsp.patch(detail, {"places": 3}, format="json", HTTP_IF_MATCH="*"), 409)["code"] == "vacancy_closed"
    body = problem(wsp.post(f"{detail}/proposals", {"client": str(world.client_a.uuid)}, format="json"), 400)
    assert invalid_names(body) == {"client"}  # not visible to the WSP: that comes before the vacancy's state


@pytest.mark.django_db
def test_bad_vacancy_input_names_the_fields_and_stores_nothing(world, wsp, api):
    employer_b = make_employer(world.region_b, "55556666", "Elders")
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    body = problem(wsp.post("/api/v1/vacancies", {**VACANCY, "employer": str(employer.uuid), "title": " ",
                                                  "places": 0, "sector": "mining"}, format="json"), 400)
    assert invalid_names(body) == {"title", "places", "sector"}
    body = problem(wsp.post("/api/v1/vacancies", {**VACANCY, "employer": str(employer.uuid), "hoursPerWeek": "0",
                                                  "postcode": "0000 AA"}, format="json"), 400)
    assert invalid_names(body) == {"hoursPerWeek", "postcode"}
    body = problem(wsp.post("/api/v1/vacancies", {**VACANCY, "employer": str(employer_b.uuid)}, format="json"), 400)
    assert invalid_names(body) == {"employer"}
    problem(api("counsellor").post("/api/v1/vacancies", {**VACANCY, "employer": str(employer.uuid)},
                                   format="json"), 403)
    assert not Vacancy.objects.exists()


@pytest.mark.django_db
def test_changing_a_vacancy_needs_a_fresh_etag(world, wsp):
    vacancy = make_vacancy(make_employer(world.region_a, "11112222", "Zorg BV"))
    url = f"/api/v1/vacancies/{vacancy.uuid}"
    problem(wsp.patch(url, {"places": 4}, format="json"), 428)
    problem(wsp.patch(url, {"places": 4}, format="json", HTTP_IF_MATCH='"9"'), 412)
    response = wsp.patch(url, {"places": 4, "hoursPerWeek": "32"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200 and response["ETag"] == '"2"'
    assert (response.json()["places"], response.json()["hoursPerWeek"]) == (4, 32.0)


@pytest.mark.django_db
def test_candidates_of_clients_you_may_not_see_stay_hidden(world, api, wsp_a):
    from tests.employers.seed import seeded

    s = seeded(world)
    url = f"/api/v1/vacancies/{s.a.vacancy.uuid}/proposals"
    rmt = {p["client"]["id"] for p in api("counsellor").get(url).json()["results"]}
    lwl = {p["client"]["id"] for p in api("lwl_counsellor").get(url).json()["results"]}
    assert rmt == {str(world.client_a.uuid)} and lwl == {str(world.client_lwl_a.uuid)}
    problem(api("youth_counsellor").get(f"/api/v1/vacancies/{s.b.vacancy.uuid}/proposals"), 404)
    assert api("youth_counsellor").get(url).json()["results"] == []


def _fitting_client(world, wsp_a, employer, **extra):
    """A client of the LWL, referred on to the WSP, whose wishes fit the seeded vacancy."""
    lwl = User.objects.get(username="midden-lwl-counsellor")
    from clients.services import client_register

    born = timezone.localdate() - timedelta(days=9000 + Client.objects.count())  # no probable duplicates
    data = {"given_names": "Fleur", "surname": "Smit", "birth_date": born,
            "city": "Utrecht", "postcode": "3512 XK", "education_level": "mbo_3", **extra}
    client = client_register(actor=lwl, desk=world.lwl_a, data=data)
    consent_for_wsp(client, "midden-lwl-counsellor", world.lwl_a, wsp_a, employer)
    job_wish_set(actor=lwl, client=client, data={"sectors": ["zorg", "onderwijs"], "min_hours": 16, "max_hours": 32})
    return client


@pytest.mark.django_db
def test_shortlist_suggests_visible_consenting_clients_who_fit(world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer, education_level="mbo_2")
    fits = _fitting_client(world, wsp_a, employer)
    elsewhere = _fitting_client(world, wsp_a, employer, surname="Bakker", city="Zeist", postcode="3701 AA")
    too_low = _fitting_client(world, wsp_a, employer, surname="Visser", education_level="vmbo")
    other_employer = make_employer(world.region_a, "33334444", "Andere BV")
    no_consent = _fitting_client(world, wsp_a, other_employer, surname="Dekker")
    wrong_hours = _fitting_client(world, wsp_a, employer, surname="Mulder")
    job_wish_set(actor=None, client=wrong_hours, data={"sectors": ["zorg"], "min_hours": 36, "max_hours": 40})
    url = f"/api/v1/vacancies/{vacancy.uuid}/shortlist"
    names = [c["fullName"] for c in wsp.get(url).json()["results"]]
    assert names == ["Fleur Smit"]
    assert {elsewhere.surname, too_low.surname, no_consent.surname, wrong_hours.surname}.isdisjoint(names)
    wsp.post(f"/api/v1/vacancies/{vacancy.uuid}/proposals", {"client": str(fits.uuid)}, format="json")
    assert wsp.get(url).json()["results"] == []  # proposed already


@pytest.mark.django_db
def test_shortlist_and_proposal_list_cost_the_same_whatever_the_page_size(world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    vacancy = make_vacancy(employer, places=20)
    _fitting_client(world, wsp_a, employer)
    shortlist = f"/api/v1/vacancies/{vacancy.uuid}/shortlist"
    proposals = f"/api/v1/vacancies/{vacancy.uuid}/proposals"
    first = (count_queries(wsp, shortlist), count_queries(wsp, "/api/v1/vacancies"))
    for index in range(5):
        client = _fitting_client(world, wsp_a, employer, surname=f"Jong{index}", given_names=f"Kim{index}")
        wsp.post(proposals, {"client": str(client.uuid)}, format="json")
        make_vacancy(employer)
    _fitting_client(world, wsp_a, employer, surname="Laatst")
    assert (count_queries(wsp, shortlist), count_queries(wsp, "/api/v1/vacancies")) == first
    one = count_queries(wsp, f"{proposals}?pageSize=1")
    assert count_queries(wsp, f"{proposals}?pageSize=100") == one


@pytest.mark.django_db
def test_job_wishes_are_set_by_the_clients_desk(api, world, wsp):
    url = f"/api/v1/clients/{world.client_a.uuid}/job-wish"
    rmt = api("counsellor")
    assert rmt.get(url).json()["sectors"] == []
    body = problem(rmt.put(url, {"sectors": ["zorg"], "minHours": "32", "maxHours": "16"}, format="json"), 400)
    assert invalid_names(body) == {"minHours"}
    response = rmt.put(url, {"sectors": ["zorg", "ict"], "minHours": "16", "maxHours": "32"}, format="json")
    assert response.status_code == 200 and response.json()["sectors"] == ["ict", "zorg"]
    problem(wsp.get(url), 404)
    problem(api("counsellor").get(f"/api/v1/clients/{world.client_b.uuid}/job-wish"), 404)
