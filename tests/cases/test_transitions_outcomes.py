"""Labour-market transitions, outcomes and placement follow-ups through the API: recording them,
the four kinds of transition, every bad input refused with nothing stored, and query counts."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import Case, Outcome, Transition
from cases.outcomes import add_months
from cases.transitions import transition_record
from clients.models import ClientEvent
from rwc.models import User
from tests.helpers import count_queries, invalid_names, problem

SCHOOL_TO_WORK = {"fromPosition": "in_education", "toPosition": "employed", "source": "employer",
                  "contractType": "fixed_term", "hoursPerWeek": 32, "employerName": "Bakkerij De Korenschoof",
                  "sector": "Food", "occupation": "Baker"}


def _today() -> date:
    return timezone.localdate()


def _transitions_url(client) -> str:
    return f"/api/v1/clients/{client.uuid}/transitions"


def _outcomes_url(case) -> str:
    return f"/api/v1/cases/{case.uuid}/outcomes"


def _follow_up_url(case, outcome_id) -> str:
    return f"/api/v1/cases/{case.uuid}/outcomes/{outcome_id}/follow-up"


def _record_transition(api_client, client, **fields):
    body = {"date": str(_today()), **SCHOOL_TO_WORK, **fields}
    body = {k: v for k, v in body.items() if v is not None}
    return api_client.post(_transitions_url(client), body, format="json")


def _transition(api_client, client, **fields) -> dict:
    response = _record_transition(api_client, client, **fields)
    assert response.status_code == 201, response.content
    return response.json()


def _placement(api_client, case, transition_id, **fields):
    body = {"kind": "placement", "date": str(_today()), "transition": transition_id, **fields}
    return api_client.post(_outcomes_url(case), body, format="json")


def _back_date_case(case, days: int):
    """The case was opened `days` ago (test set-up: time passing, not an API action)."""
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=days))
    case.refresh_from_db()


def _counts():
    return Transition.objects.count(), Outcome.objects.count(), ClientEvent.objects.count()


def _timeline(api_client, client) -> list[dict]:
    return api_client.get(f"/api/v1/clients/{client.uuid}/timeline", {"pageSize": 100}).json()["results"]


# --- transitions ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_school_to_work_transition_is_recorded_on_the_case_and_the_timeline(api, world):
    counsellor = api("counsellor")
    response = _record_transition(counsellor, world.client_a, case=str(world.case_a.uuid))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["client"]["id"] == str(world.client_a.uuid) and body["case"] == str(world.case_a.uuid)
    assert (body["fromPosition"], body["toPosition"], body["kinds"]) == ("in_education", "employed", ["school_to_work"])
    assert body["hoursPerWeek"] == 32 and body["contractType"] == "fixed_term"
    assert body["employerName"] == "Bakkerij De Korenschoof" and body["institution"] == ""
    assert body["recordedBy"]["displayName"] and body["verified"] is False
    listed = counsellor.get(_transitions_url(world.client_a)).json()["results"]
    assert [t["id"] for t in listed] == [body["id"]]
    [event] = [e for e in _timeline(counsellor, world.client_a) if e["kind"] == "transition_recorded"]
    assert event["summary"] == "Transition: In education -> Employed" and event["subjectId"] == body["id"]
    assert "Korenschoof" not in event["summary"]


@pytest.mark.django_db
def test_the_privacy_officer_reads_transitions_but_may_not_record_them(api, world):
    _transition(api("counsellor"), world.client_a)
    assert len(api("privacy_officer").get(_transitions_url(world.client_a)).json()["results"]) == 1
    before = _counts()
    problem(_record_transition(api("privacy_officer"), world.client_a), 403)
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("hours", [0, 60, 25.5])
def test_hours_per_week_from_0_to_60_inclusive_are_accepted(api, world, hours):
    assert _transition(api("counsellor"), world.client_a, hoursPerWeek=hours)["hoursPerWeek"] == hours


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,name,code",
    [
        ({"date": "1990-05-16"}, "date", "before_birth"),  # the client was born on 1990-05-17
        ({"date": "2999-01-01"}, "date", "in_future"),
        ({"hoursPerWeek": 61}, "hoursPerWeek", None),
        ({"hoursPerWeek": 60.5}, "hoursPerWeek", None),
        ({"hoursPerWeek": -1}, "hoursPerWeek", None),
        ({"fromPosition": "at_school", "toPosition": "at_school", "contractType": None, "hoursPerWeek": None,
          "employerName": None, "sector": None, "occupation": None}, "toPosition", "same_position"),
        ({"toPosition": "unemployed_with_benefit", "contractType": None, "employerName": None, "sector": None,
          "occupation": None}, "hoursPerWeek", "not_for_position"),
        ({"institution": "ROC Midden Nederland"}, "institution", "not_for_position"),
        ({"learningRoute": "bbl"}, "learningRoute", "not_for_position"),
        ({"benefit": "ww"}, "benefit", "not_for_position"),
        ({"toPosition": "unemployed_with_benefit", "contractType": None, "hoursPerWeek": None, "employerName": None,
          "sector": None, "occupation": None, "benefit": "none"}, "benefit", "invalid_choice"),
        ({"source": "rumour"}, "source", "invalid_choice"),
        ({"case": "00000000-0000-4000-8000-000000000000"}, "case", "does_not_exist"),
        ({"favouriteColour": "blue"}, "favouriteColour", "unknown_field"),
    ],
)
def test_each_bad_transition_is_a_400_naming_the_field_and_nothing_is_stored(api, world, fields, name, code):
    before = _counts()
    body = problem(_record_transition(api("counsellor"), world.client_a, **fields), 400)
    assert invalid_names(body) == {name}, body
    if code:
        assert [p["code"] for p in body["invalidParams"]] == [code], body
    assert _counts() == before


@pytest.mark.django_db
def test_a_case_of_another_desk_or_another_client_is_refused(api, world):
    counsellor = api("counsellor")
    before = _counts()
    body = problem(_record_transition(counsellor, world.client_a, case=str(world.case_lwl_a.uuid)), 400)
    assert body["invalidParams"][0]["name"] == "case" and body["invalidParams"][0]["code"] == "does_not_exist"
    other = counsellor.post("/api/v1/clients", {"givenNames": "Piet", "surname": "Bakker", "birthDate": "1980-01-01"},
                            format="json").json()
    opened = counsellor.post("/api/v1/cases", {"client": other["id"], "programme": str(world.case_a.programme.uuid)},
                             format="json")
    assert opened.status_code == 201, opened.content
    before = _counts()
    body = problem(_record_transition(counsellor, world.client_a, case=opened.json()["id"]), 400)
    assert body["invalidParams"] == [{"name": "case", "code": "other_client",
                                      "reason": "The case belongs to another client."}]
    assert _counts() == before


@pytest.mark.django_db
def test_transitions_of_a_client_of_another_desk_are_404(api, world):
    before = _counts()
    problem(api("counsellor").get(_transitions_url(world.client_lwl_a)), 404)
    problem(_record_transition(api("counsellor"), world.client_b), 404)
    assert _counts() == before


# --- the kinds of transition ---------------------------------------------------------------------

WORK = {"contractType": None, "hoursPerWeek": None, "employerName": None, "sector": None, "occupation": None}
KIND_CASES = {
    "school_to_work_1": {"fromPosition": "in_education", "toPosition": "employed"},
    "school_to_work_2": {"fromPosition": "at_school", "toPosition": "self_employed"},
    "benefit_to_work": {"fromPosition": "unemployed_with_benefit", "toPosition": "employed"},
    "job_to_job": {"fromPosition": "employed", "toPosition": "employed", "employerName": "New employer BV"},
    "to_education_1": {"fromPosition": "employed", "toPosition": "in_education", **WORK,
                       "institution": "ROC Midden Nederland", "learningRoute": "bbl"},
    "to_education_2": {"fromPosition": "not_working_no_benefit", "toPosition": "in_education", **WORK},
    "work_to_benefit": {"fromPosition": "employed", "toPosition": "unemployed_with_benefit", **WORK, "benefit": "ww"},
    "into_school": {"fromPosition": "not_working_no_benefit", "toPosition": "at_school", **WORK},
    "benefit_to_nothing": {"fromPosition": "unemployed_with_benefit", "toPosition": "not_working_no_benefit", **WORK},
    "no_benefit_to_work_1": {"fromPosition": "not_working_no_benefit", "toPosition": "employed"},
    "no_benefit_to_work_2": {"fromPosition": "not_working_no_benefit", "toPosition": "self_employed"},
    "self_employed_to_job": {"fromPosition": "self_employed", "toPosition": "employed"},
}
EXPECTED_KINDS = {
    "school_to_work": {"school_to_work_1", "school_to_work_2"},
    "benefit_to_work": {"benefit_to_work"},
    "job_to_job": {"job_to_job"},
    "to_education": {"to_education_1", "to_education_2"},
    "no_benefit_to_work": {"no_benefit_to_work_1", "no_benefit_to_work_2"},
    "self_employed_to_job": {"self_employed_to_job"},
}


@pytest.fixture
def kinds_seeded(api, world):
    """One transition per row of KIND_CASES for the own client; a school-to-work transition in
    another region the list must never show."""
    counsellor = api("counsellor")
    ids = {label: _transition(counsellor, world.client_a, **fields)["id"] for label, fields in KIND_CASES.items()}
    foreign = transition_record(
        actor=User.objects.get(username="amersfoort-rmt-counsellor"), client=world.client_b,
        data={"date": _today(), "from_position": "in_education", "to_position": "employed", "source": "client"},
    )
    return ids, str(foreign.uuid)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(EXPECTED_KINDS))
def test_each_kind_returns_exactly_its_transitions(api, kinds_seeded, kind):
    ids, foreign = kinds_seeded
    response = api("counsellor").get("/api/v1/transitions", {"kind": kind, "pageSize": 100})
    assert response.status_code == 200, response.content
    returned = {t["id"] for t in response.json()["results"]}
    assert returned == {ids[label] for label in EXPECTED_KINDS[kind]}
    assert all(kind in t["kinds"] for t in response.json()["results"])
    assert foreign not in returned


@pytest.mark.django_db
def test_without_a_kind_all_visible_transitions_are_listed_newest_first(api, kinds_seeded):
    ids, foreign = kinds_seeded
    results = api("counsellor").get("/api/v1/transitions", {"pageSize": 100}).json()["results"]
    assert {t["id"] for t in results} == set(ids.values())
    assert [t["id"] for t in results] == list(reversed(ids.values()))  # same date: the latest recorded first
    assert [t["kinds"] for t in results if t["id"] == ids["into_school"]] == [[]]


@pytest.mark.django_db
def test_transitions_filter_by_period_and_desk(api, world):
    counsellor = api("counsellor")
    old = _transition(counsellor, world.client_a, date="2020-03-01", case=str(world.case_a.uuid))["id"]
    new = _transition(counsellor, world.client_a, date=str(_today()))["id"]  # no case: the registering desk
    listed = lambda **q: {t["id"] for t in counsellor.get("/api/v1/transitions", q).json()["results"]}  # noqa: E731
    assert listed(dateFrom="2020-03-01", dateTo="2020-03-01") == {old}
    assert listed(dateFrom="2020-03-02") == {new}
    assert listed(dateTo="2020-02-29") == set()
    assert listed(desk=str(world.rmt_a.uuid)) == {old, new}
    assert listed(desk=str(world.lwl_a.uuid)) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("query,name", [("kind=bogus", "kind"), ("kind=", "kind"), ("dateFrom=yesterday", "dateFrom"),
                                        ("desk=nope", "desk")])
def test_bad_transition_filters_are_400_naming_the_parameter(api, query, name):
    body = problem(api("counsellor").get(f"/api/v1/transitions?{query}"), 400)
    assert invalid_names(body) == {name}


# --- outcomes: placements and their follow-up ---------------------------------------------------


@pytest.mark.django_db
def test_a_placement_schedules_its_follow_up_six_months_later(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a, case=str(world.case_a.uuid))
    response = _placement(counsellor, world.case_a, transition["id"], instrument="proefplaatsing")
    assert response.status_code == 201, response.content
    body = response.json()
    assert world.case_a.programme.follow_up_months == 6
    assert body["kind"] == "placement" and body["transition"] == transition["id"]
    assert body["case"] == str(world.case_a.uuid)
    assert body["followUpDueOn"] == str(add_months(_today(), 6)) and body["followUpStatus"] == "scheduled"
    assert body["instrument"] == "proefplaatsing" and body["stillInWork"] is None and body["followUpRecordedAt"] is None
    assert [o["id"] for o in counsellor.get(_outcomes_url(world.case_a)).json()["results"]] == [body["id"]]
    [event] = [e for e in _timeline(counsellor, world.client_a) if e["kind"] == "outcome_recorded"]
    assert event["summary"] == f"Outcome: Placement in work, follow-up due {body['followUpDueOn']}"


@pytest.mark.parametrize(
    "start,months,due",
    [(date(2025, 8, 31), 6, date(2026, 2, 28)), (date(2023, 8, 31), 6, date(2024, 2, 29)),
     (date(2025, 1, 31), 1, date(2025, 2, 28)), (date(2025, 3, 31), 1, date(2025, 4, 30)),
     (date(2025, 7, 15), 6, date(2026, 1, 15)), (date(2025, 12, 31), 12, date(2026, 12, 31)),
     (date(2024, 2, 29), 12, date(2025, 2, 28)), (date(2025, 5, 10), 0, date(2025, 5, 10))],
)
def test_follow_up_months_are_calendar_months_clamped_to_the_month_end(start, months, due):
    assert add_months(start, months) == due


@pytest.mark.django_db
def test_an_overdue_follow_up_is_listed_recorded_once_and_then_gone(api, world):
    counsellor = api("counsellor")
    _back_date_case(world.case_a, 240)
    placed_on = _today() - timedelta(days=210)
    transition = _transition(counsellor, world.client_a, date=str(placed_on))
    placement = _placement(counsellor, world.case_a, transition["id"], date=str(placed_on)).json()
    assert placement["followUpDueOn"] == str(add_months(placed_on, 6)) and placement["followUpStatus"] == "overdue"
    overdue = counsellor.get("/api/v1/follow-ups").json()["results"]
    assert [(f["id"], f["case"]["id"], f["client"]["id"]) for f in overdue] == [
        (placement["id"], str(world.case_a.uuid), str(world.client_a.uuid))]
    assert api("lwl_counsellor").get("/api/v1/follow-ups").json()["results"] == []

    response = counsellor.post(_follow_up_url(world.case_a, placement["id"]), {"stillInWork": True}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["stillInWork"] is True and body["followUpStatus"] == "recorded"
    assert body["followUpRecordedAt"] and body["followUpRecordedBy"]["displayName"]
    assert counsellor.get("/api/v1/follow-ups").json()["results"] == []
    [event] = [e for e in _timeline(counsellor, world.client_a) if e["kind"] == "follow_up_recorded"]
    assert event["summary"] == "Placement follow-up: still in work"

    before = (_counts(), Outcome.objects.get(uuid=placement["id"]).follow_up_recorded_at)
    again = problem(counsellor.post(_follow_up_url(world.case_a, placement["id"]), {"stillInWork": False},
                                    format="json"), 409)
    assert again["type"].endswith("/conflict") and "already recorded" in again["detail"]
    outcome = Outcome.objects.get(uuid=placement["id"])
    assert (_counts(), outcome.follow_up_recorded_at) == before and outcome.still_in_work is True


@pytest.mark.django_db
def test_a_follow_up_can_be_back_dated_but_not_before_the_window_nor_in_the_future(api, world):
    counsellor = api("counsellor")
    _back_date_case(world.case_a, 240)
    placed_on = _today() - timedelta(days=200)
    transition = _transition(counsellor, world.client_a, date=str(placed_on))
    placement = _placement(counsellor, world.case_a, transition["id"], date=str(placed_on)).json()
    due = date.fromisoformat(placement["followUpDueOn"])
    url = _follow_up_url(world.case_a, placement["id"])
    before = _counts()
    too_early = {"stillInWork": True, "recordedOn": str(due - timedelta(days=15))}
    problem(counsellor.post(url, too_early, format="json"), 409)
    body = problem(counsellor.post(url, {"stillInWork": True, "recordedOn": str(_today() + timedelta(days=1))},
                                   format="json"), 400)
    assert invalid_names(body) == {"recordedOn"}
    assert _counts() == before
    response = counsellor.post(url, {"stillInWork": False, "recordedOn": str(due - timedelta(days=14))}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["stillInWork"] is False and response.json()["followUpRecordedAt"].startswith(
        str(due - timedelta(days=14)))


@pytest.mark.django_db
def test_a_follow_up_before_its_window_is_409_not_due(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a)
    placement = _placement(counsellor, world.case_a, transition["id"]).json()
    before = _counts()
    body = problem(counsellor.post(_follow_up_url(world.case_a, placement["id"]), {"stillInWork": True},
                                   format="json"), 409)
    assert "can be recorded from" in body["detail"]
    assert _counts() == before and Outcome.objects.get(uuid=placement["id"]).follow_up_recorded_at is None


@pytest.mark.django_db
def test_only_a_placement_has_a_follow_up(api, world):
    counsellor = api("counsellor")
    diploma = counsellor.post(_outcomes_url(world.case_a), {"kind": "diploma", "date": str(_today()),
                                                            "qualificationTitle": "Bakker"}, format="json")
    assert diploma.status_code == 201, diploma.content
    assert diploma.json()["followUpStatus"] == "not_applicable" and diploma.json()["followUpDueOn"] is None
    problem(counsellor.post(_follow_up_url(world.case_a, diploma.json()["id"]), {"stillInWork": True},
                            format="json"), 409)


@pytest.mark.django_db
def test_a_follow_up_body_is_strict(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a)
    placement = _placement(counsellor, world.case_a, transition["id"]).json()
    url = _follow_up_url(world.case_a, placement["id"])
    assert invalid_names(problem(counsellor.post(url, {}, format="json"), 400)) == {"stillInWork"}
    assert invalid_names(problem(counsellor.post(url, {"stillInWork": True, "note": "x"}, format="json"),
                                 400)) == {"note"}


@pytest.mark.django_db
def test_a_placement_on_a_case_of_another_desk_is_404_and_nothing_is_stored(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a)
    before = _counts()
    for case in (world.case_lwl_a, world.case_b):
        problem(_placement(counsellor, case, transition["id"]), 404)
        problem(counsellor.get(_outcomes_url(case)), 404)
    assert _counts() == before


@pytest.mark.django_db
def test_a_follow_up_of_a_placement_of_another_desk_is_404(api, world):
    lwl = api("lwl_counsellor")
    transition = _transition(lwl, world.client_lwl_a, fromPosition="at_school")
    placement = _placement(lwl, world.case_lwl_a, transition["id"]).json()
    counsellor = api("counsellor")
    for case in (world.case_lwl_a, world.case_a):
        problem(counsellor.post(_follow_up_url(case, placement["id"]), {"stillInWork": True}, format="json"), 404)


@pytest.mark.django_db
def test_an_outcome_on_a_closed_case_is_taken_within_the_reopen_period_only(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a)
    closed = counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/status-changes",
                             {"status": "closed", "closingReason": "work"}, format="json")
    assert closed.status_code == 200, closed.content
    reopen_days = world.case_a.programme.reopen_days
    Case.objects.filter(pk=world.case_a.pk).update(closed_at=timezone.now() - timedelta(days=reopen_days + 1))
    before = _counts()
    body = problem(_placement(counsellor, world.case_a, transition["id"]), 409)
    assert body["detail"].startswith(f"The case was closed more than {reopen_days} days ago")
    assert _counts() == before
    Case.objects.filter(pk=world.case_a.pk).update(closed_at=timezone.now() - timedelta(days=reopen_days - 1))
    late = _placement(counsellor, world.case_a, transition["id"])
    assert late.status_code == 201, late.content  # a result reported late is still recorded


@pytest.mark.django_db
def test_a_transition_carries_one_placement_only(api, world):
    counsellor = api("counsellor")
    transition = _transition(counsellor, world.client_a)
    assert _placement(counsellor, world.case_a, transition["id"]).status_code == 201
    before = _counts()
    body = problem(_placement(counsellor, world.case_a, transition["id"]), 409)
    assert body["invalidParams"][0]["name"] == "transition"
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,name,code",
    [
        ({"transition": None}, "transition", "required"),
        ({"transition": "00000000-0000-4000-8000-000000000000"}, "transition", "does_not_exist"),
        ({"transition": "not-work"}, "transition", "not_into_work"),
        ({"transition": "foreign"}, "transition", "does_not_exist"),
        ({"date": "2999-01-01"}, "date", "in_future"),
        ({"date": "2000-01-01"}, "date", "before_case"),
        ({"instrument": "bonus"}, "instrument", "invalid_choice"),
        ({"workProcesses": ["Bakes bread"]}, "workProcesses", "not_for_kind"),
        ({"kind": "diploma", "transition": None}, "qualificationTitle", "required"),
        ({"kind": "certificate", "transition": None, "qualificationTitle": "VCA", "instrument": "jobcoach"},
         "instrument", "not_for_kind"),
        ({"extra": 1}, "extra", "unknown_field"),
    ],
)
def test_each_bad_outcome_is_a_400_naming_the_field_and_nothing_is_stored(api, world, fields, name, code):
    counsellor = api("counsellor")
    into_work = _transition(counsellor, world.client_a)["id"]
    not_work = _transition(counsellor, world.client_a, fromPosition="employed", toPosition="in_education",
                           **WORK)["id"]
    foreign = transition_record(
        actor=User.objects.get(username="amersfoort-rmt-counsellor"), client=world.client_b,
        data={"date": _today(), "from_position": "in_education", "to_position": "employed", "source": "client"},
    )
    fields = dict(fields)
    fields["transition"] = {"not-work": not_work, "foreign": str(foreign.uuid)}.get(fields.get("transition"),
                                                                                    fields.get("transition", into_work))
    body = {"kind": "placement", "date": str(_today()), **fields}
    body = {k: v for k, v in body.items() if v is not None}
    before = _counts()
    response = problem(counsellor.post(_outcomes_url(world.case_a), body, format="json"), 400)
    assert invalid_names(response) == {name}, response
    assert [p["code"] for p in response["invalidParams"]] == [code], response
    assert _counts() == before


# --- outcomes: credentials ----------------------------------------------------------------------

PRAKTIJKVERKLARING = {
    "kind": "praktijkverklaring", "creboCode": "25180", "qualificationTitle": "Medewerker bakkerij",
    "workProcesses": ["Bereidt deeg voor", "Bakt brood en banket"], "learningCompany": "Bakkerij De Korenschoof",
    "learningCompanySbbRecognised": True, "school": "ROC Midden Nederland",
}


@pytest.mark.django_db
def test_a_praktijkverklaring_is_recorded_with_its_work_processes(api, world):
    counsellor = api("counsellor")
    response = counsellor.post(_outcomes_url(world.case_a), {**PRAKTIJKVERKLARING, "date": str(_today())},
                               format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in PRAKTIJKVERKLARING} == PRAKTIJKVERKLARING
    assert body["transition"] is None and body["followUpDueOn"] is None and body["followUpStatus"] == "not_applicable"
    [event] = [e for e in _timeline(counsellor, world.client_a) if e["kind"] == "outcome_recorded"]
    assert event["summary"] == "Outcome: Praktijkverklaring (Medewerker bakkerij)"


@pytest.mark.django_db
def test_a_praktijkverklaring_names_everything_it_needs_at_once(api, world):
    before = _counts()
    body = problem(api("counsellor").post(_outcomes_url(world.case_a),
                                          {"kind": "praktijkverklaring", "date": str(_today())}, format="json"), 400)
    assert invalid_names(body) == {"creboCode", "qualificationTitle", "workProcesses", "learningCompany",
                                   "learningCompanySbbRecognised", "school"}
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,name,code",
    [({"creboCode": "2518a"}, "creboCode", "invalid_crebo"), ({"creboCode": "2518"}, "creboCode", "invalid_crebo"),
     ({"workProcesses": ["Bakt brood", "  "]}, "workProcesses", "blank"),
     ({"workProcesses": []}, "workProcesses", "required")],
)
def test_a_bad_praktijkverklaring_is_a_400_naming_the_field(api, world, fields, name, code):
    before = _counts()
    body = problem(api("counsellor").post(_outcomes_url(world.case_a),
                                          {**PRAKTIJKVERKLARING, "date": str(_today()), **fields}, format="json"), 400)
    assert invalid_names(body) == {name} and [p["code"] for p in body["invalidParams"]] == [code], body
    assert _counts() == before


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_query_counts_do_not_grow_with_the_page_size(api, world):
    counsellor = api("counsellor")
    _back_date_case(world.case_a, 400)
    for days in (300, 250, 220, 200):
        placed_on = _today() - timedelta(days=days)
        transition = _transition(counsellor, world.client_a, date=str(placed_on), case=str(world.case_a.uuid))
        assert _placement(counsellor, world.case_a, transition["id"], date=str(placed_on)).status_code == 201
    team_lead = api("team_lead")
    urls = [_transitions_url(world.client_a), "/api/v1/transitions", "/api/v1/transitions?kind=school_to_work",
            _outcomes_url(world.case_a), "/api/v1/follow-ups"]
    for url in urls:  # warm up: the first call per client sets up the token and profile
        count_queries(team_lead, url)
    sep = lambda url: "&" if "?" in url else "?"  # noqa: E731
    small = [count_queries(team_lead, f"{url}{sep(url)}pageSize=1") for url in urls]
    large = [count_queries(team_lead, f"{url}{sep(url)}pageSize=20") for url in urls]
    assert small == large, (small, large)
    assert len(team_lead.get("/api/v1/follow-ups?pageSize=20").json()["results"]) == 4
