"""A trajectory through the API: open, intake, active, pause, close with a reason, reopen; the
contact log with confidential notes; the plan; reassignment by the team lead; the caseload."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import Agreement, Case, CaseStatusChange, ContactMoment, Programme
from rwc.models import User
from tests.helpers import count_queries, invalid_names, problem


def _move(client, case, status, **extra):
    return client.post(f"/api/v1/cases/{case.uuid}/status-changes", {"status": status, **extra}, format="json")


@pytest.fixture
def rmt_programme():
    return Programme.objects.get(code="rmt-regulation")


@pytest.mark.django_db
def test_a_whole_trajectory_and_its_timeline(api, world, rmt_programme):
    client = api("counsellor")
    opened = client.post("/api/v1/cases", {"client": str(world.client_a.uuid), "programme": str(rmt_programme.uuid)},
                         format="json")
    assert opened.status_code == 201, opened.content
    case = Case.objects.get(uuid=opened.json()["id"])
    assert opened.json()["status"] == "registered" and opened.json()["owner"]["displayName"]
    for status in ("intake", "active", "paused", "active"):
        response = _move(client, case, status)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status
    contact = client.post(f"/api/v1/cases/{case.uuid}/contacts",
                          {"channel": "video", "kind": "coaching", "summary": "CV and vacancies", "durationMinutes": 30},
                          format="json")
    assert contact.status_code == 201, contact.content
    agreement = client.post(f"/api/v1/cases/{case.uuid}/agreements",
                            {"what": "Apply for three jobs", "who": "client", "dueOn": str(date.today() + timedelta(7))},
                            format="json")
    assert agreement.status_code == 201, agreement.content
    done = client.post(f"/api/v1/cases/{case.uuid}/agreements/{agreement.json()['id']}/completion", {}, format="json")
    assert done.status_code == 200 and done.json()["doneOn"] == str(date.today())
    closed = _move(client, case, "closed", closingReason="work", reason="Found a job at a bakery")
    assert closed.status_code == 200, closed.content
    assert closed.json()["closingReason"] == "work" and closed.json()["closedAt"]
    history = client.get(f"/api/v1/cases/{case.uuid}/history").json()["results"]
    assert [(h["fromStatus"], h["toStatus"]) for h in history] == [
        ("", "registered"), ("registered", "intake"), ("intake", "active"), ("active", "paused"),
        ("paused", "active"), ("active", "closed")]
    assert all(h["by"]["displayName"] for h in history)
    kinds = [e["kind"] for e in client.get(f"/api/v1/clients/{world.client_a.uuid}/timeline?pageSize=100").json()[
        "results"]]
    assert kinds.count("case_status_changed") == 5
    assert {"case_opened", "contact_recorded", "agreement_added", "agreement_done"} <= set(kinds)


@pytest.mark.django_db
@pytest.mark.parametrize("path,to", [(("registered",), "paused"), (("registered",), "active"),
                                    (("registered", "intake"), "registered"), ((), "registered")])
def test_an_illegal_move_is_409_and_changes_nothing(api, world, path, to):
    client = api("counsellor")
    for status in path[1:]:
        assert _move(client, world.case_a, status).status_code == 200
    world.case_a.refresh_from_db()
    before = (world.case_a.status, world.case_a.version, CaseStatusChange.objects.count())
    body = problem(_move(client, world.case_a, to), 409)
    assert "cannot become" in body["detail"]
    world.case_a.refresh_from_db()
    assert (world.case_a.status, world.case_a.version, CaseStatusChange.objects.count()) == before


@pytest.mark.django_db
def test_closing_needs_a_reason(api, world):
    body = problem(_move(api("counsellor"), world.case_a, "closed"), 400)
    assert invalid_names(body) == {"closingReason"}
    body = problem(_move(api("counsellor"), world.case_a, "closed", closingReason="other"), 400)
    assert invalid_names(body) == {"reason"}
    body = problem(_move(api("counsellor"), world.case_a, "closed", closingReason="bored"), 400)
    assert invalid_names(body) == {"closingReason"}
    world.case_a.refresh_from_db()
    assert world.case_a.status == "registered"


@pytest.mark.django_db
def test_reopen_within_the_period_but_not_after(api, world):
    client = api("counsellor")
    assert _move(client, world.case_a, "closed", closingReason="no_contact").status_code == 200
    assert _move(client, world.case_a, "active").status_code == 200
    assert _move(client, world.case_a, "closed", closingReason="no_contact").status_code == 200
    Case.objects.filter(pk=world.case_a.pk).update(closed_at=timezone.now() - timedelta(days=91))
    body = problem(_move(client, world.case_a, "active"), 409)
    assert "open a new case" in body["detail"]


@pytest.mark.django_db
def test_one_open_case_per_client_desk_and_programme(api, world):
    body = problem(api("counsellor").post(
        "/api/v1/cases", {"client": str(world.client_a.uuid), "programme": str(world.case_a.programme.uuid)},
        format="json"), 409)
    assert "already has an open case" in body["detail"]


@pytest.mark.django_db
def test_open_case_rules(api, world):
    youth_programme = Programme.objects.get(code="raj")
    before = Case.objects.count()
    body = problem(api("counsellor").post(
        "/api/v1/cases", {"client": str(world.client_a.uuid), "programme": str(youth_programme.uuid)}, format="json"), 400)
    assert invalid_names(body) == {"programme"}
    body = problem(api("counsellor").post(
        "/api/v1/cases", {"client": str(world.client_b.uuid), "programme": str(youth_programme.uuid)}, format="json"), 400)
    assert "client" in invalid_names(body), "a client of another region does not exist for the caller"
    lead_of_lwl = User.objects.get(username="midden-lwl-counsellor")
    body = problem(api("counsellor").post(
        "/api/v1/cases", {"client": str(world.client_a.uuid), "programme": str(Programme.objects.get(code="rmt-regulation").uuid),
                          "owner": str(lead_of_lwl.uuid)}, format="json"), 400)
    assert invalid_names(body) == {"owner"}
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_confidential_contact_only_for_the_owner_and_team_lead(api, world):
    url = f"/api/v1/cases/{world.case_a.uuid}/contacts"
    response = api("counsellor").post(url, {"channel": "phone", "kind": "coaching", "summary": "Debts, stress at home",
                                            "confidential": True}, format="json")
    assert response.status_code == 201
    colleague = User.objects.create(username="midden-rmt-colleague")
    from rwc.organisation import membership_add
    membership_add(user=colleague, desk=world.rmt_a, role="counsellor")
    from rest_framework.test import APIClient

    from rwc.oauth import issue_staff_token
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(colleague)}")

    def summaries(c):
        return {x["summary"] for x in c.get(url).json()["results"]}

    assert "Debts, stress at home" in summaries(api("counsellor"))
    assert "Debts, stress at home" in summaries(api("team_lead"))
    assert "Debts, stress at home" not in summaries(other) and summaries(other)
    timeline = other.get(f"/api/v1/clients/{world.client_a.uuid}/timeline").json()["results"]
    assert "Debts" not in str(timeline), "the timeline says a contact happened, never what a note says"
    officer_timeline = api("privacy_officer").get(f"/api/v1/clients/{world.client_a.uuid}/timeline").json()["results"]
    for events in (timeline, officer_timeline):
        assert [e["kind"] for e in events].count("contact_recorded") == 1, "only the seeded intake, not the note"


@pytest.mark.django_db
def test_a_desk_with_only_a_grant_reads_the_client_but_not_another_desks_case_work(api, world):
    """Review finding: a view grant once allowed writes, and the timeline showed the other desk's cases."""
    from clients.services import client_grant_to_desk

    client_grant_to_desk(actor=User.objects.get(username="midden-rmt-counsellor"), client=world.client_a,
                         desk=world.lwl_a, reason="joint look")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    lwl = api("lwl_counsellor")
    assert lwl.get(url).status_code == 200
    problem(lwl.patch(url, {"surname": "Hacked"}, format="json", HTTP_IF_MATCH='"1"'), 403)
    problem(lwl.post(f"{url}/consents/{world.consent_a.uuid}/withdrawal", {}, format="json"), 403)
    kinds = {e["kind"] for e in lwl.get(url + "/timeline").json()["results"]}
    assert kinds.isdisjoint({"case_opened", "agreement_added", "contact_recorded"}), kinds
    problem(lwl.get(f"/api/v1/cases/{world.case_a.uuid}"), 404)


@pytest.mark.django_db
def test_the_caseload_forgets_a_desk_you_left(api, world):
    from rwc.organisation import membership_add, membership_end

    counsellor = User.objects.get(username="midden-rmt-counsellor")
    membership_add(user=counsellor, desk=world.lwl_a, role="counsellor")
    membership_end(counsellor.memberships.get(desk=world.rmt_a, ended_at__isnull=True))
    assert api("counsellor").get("/api/v1/caseload").json()["cases"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("body,bad", [
    ({"channel": "pigeon", "kind": "coaching", "summary": "x"}, "channel"),
    ({"channel": "phone", "kind": "coaching", "summary": ""}, "summary"),
    ({"channel": "phone", "kind": "coaching", "summary": "x", "at": "2999-01-01T10:00:00Z"}, "at"),
    ({"channel": "phone", "kind": "coaching", "summary": "x", "durationMinutes": 0}, "durationMinutes"),
    ({"channel": "phone", "kind": "coaching", "summary": "x", "mood": "good"}, "mood"),
])
def test_bad_contacts_are_400_and_not_stored(api, world, body, bad):
    before = ContactMoment.objects.count()
    response = problem(api("counsellor").post(f"/api/v1/cases/{world.case_a.uuid}/contacts", body, format="json"), 400)
    assert invalid_names(response) == {bad}
    assert ContactMoment.objects.count() == before


@pytest.mark.django_db
def test_no_contacts_or_plan_changes_on_a_closed_case(api, world):
    client = api("counsellor")
    assert _move(client, world.case_a, "closed", closingReason="moved_away").status_code == 200
    problem(client.post(f"/api/v1/cases/{world.case_a.uuid}/contacts",
                         {"channel": "phone", "kind": "follow_up", "summary": "x"}, format="json"), 409)
    problem(client.post(f"/api/v1/cases/{world.case_a.uuid}/agreements",
                         {"what": "x", "who": "client", "dueOn": str(date.today())}, format="json"), 409)


@pytest.mark.django_db
def test_agreement_done_twice_is_409(api, world):
    url = f"/api/v1/cases/{world.case_a.uuid}/agreements/{world.agreement_a.uuid}/completion"
    assert api("counsellor").post(url, {}, format="json").status_code == 200
    problem(api("counsellor").post(url, {}, format="json"), 409)
    problem(api("counsellor").post(url.replace("completion", "x"), {}, format="json"), 404)


@pytest.mark.django_db
def test_team_lead_reassigns_within_the_desk_only(api, world):
    url = f"/api/v1/cases/{world.case_a.uuid}/assignment"
    lead = User.objects.get(username="midden-rmt-lead")
    problem(api("counsellor").post(url, {"owner": str(lead.uuid)}, format="json"), 403)
    response = api("team_lead").post(url, {"owner": str(lead.uuid)}, format="json")
    assert response.status_code == 200 and response.json()["owner"]["id"] == str(lead.uuid)
    outsider = User.objects.get(username="midden-lwl-counsellor")
    assert invalid_names(problem(api("team_lead").post(url, {"owner": str(outsider.uuid)}, format="json"), 400)) == {"owner"}


@pytest.mark.django_db
def test_caseload_counts_and_attention(api, world):
    client = api("counsellor")
    Agreement.objects.create(case=world.case_a, what="Overdue thing", who="client", due_on=date.today() - timedelta(3))
    client.post(f"/api/v1/cases/{world.case_a.uuid}/contacts",
                {"channel": "phone", "kind": "follow_up", "summary": "call back", "followUpOn": str(date.today())},
                format="json")
    body = client.get("/api/v1/caseload").json()
    assert body["counts"] == {"registered": 1, "intake": 0, "active": 0, "paused": 0}
    [case] = body["cases"]
    assert case["id"] == str(world.case_a.uuid)
    assert case["agreementsOverdue"] == 1 and case["followUpsDue"] == 1 and body["needsAttention"] == 1
    assert api("lwl_counsellor").get("/api/v1/caseload").json()["cases"][0]["id"] == str(world.case_lwl_a.uuid)


@pytest.mark.django_db
def test_case_lists_and_caseload_have_constant_query_counts(api, world):
    client = api("counsellor")
    urls = ["/api/v1/cases?pageSize=100", "/api/v1/caseload", f"/api/v1/cases/{world.case_a.uuid}/contacts",
            f"/api/v1/cases/{world.case_a.uuid}/agreements", f"/api/v1/cases/{world.case_a.uuid}/history"]
    for url in urls:
        count_queries(client, url)
    before = [count_queries(client, url) for url in urls]
    programmes = Programme.objects.filter(desk_kinds__contains=["rmt"]).exclude(pk=world.case_a.programme_id)
    for programme in programmes:
        client.post("/api/v1/cases", {"client": str(world.client_a.uuid), "programme": str(programme.uuid)}, format="json")
    for n in range(3):
        client.post(f"/api/v1/cases/{world.case_a.uuid}/contacts", {"channel": "phone", "kind": "coaching",
                                                                     "summary": f"call {n}"}, format="json")
        client.post(f"/api/v1/cases/{world.case_a.uuid}/agreements",
                    {"what": f"task {n}", "who": "client", "dueOn": str(date.today())}, format="json")
        _move(client, world.case_a, ["intake", "active", "paused"][n])
    assert Case.objects.filter(owner__username="midden-rmt-counsellor").count() > 2
    assert [count_queries(client, url) for url in urls] == before


@pytest.mark.django_db
def test_a_whole_trajectory_to_a_sustained_placement(api, world):
    """Intake, contact, plan, transition into work, placement, six-month follow-up, closing: all
    through the API, and all of it on the client's timeline in order."""
    from cases.models import Outcome

    client = api("counsellor")
    case_url = f"/api/v1/cases/{world.case_a.uuid}"
    for status in ("intake", "active"):
        assert _move(client, world.case_a, status).status_code == 200
    assert client.post(case_url + "/contacts", {"channel": "in_person", "kind": "job_matching",
                                                "summary": "Vacancy at the hospital"}, format="json").status_code == 201
    assert client.post(case_url + "/agreements", {"what": "Apply at the hospital", "who": "client",
                                                  "dueOn": str(date.today())}, format="json").status_code == 201
    transition = client.post(f"/api/v1/clients/{world.client_a.uuid}/transitions", {
        "date": str(date.today()), "fromPosition": "unemployed_with_benefit", "toPosition": "employed",
        "source": "employer", "verified": True, "contractType": "fixed_term", "hoursPerWeek": 32,
        "employerName": "UMC Utrecht", "sector": "zorg", "occupation": "Helpende", "case": str(world.case_a.uuid),
    }, format="json")
    assert transition.status_code == 201, transition.content
    placement = client.post(case_url + "/outcomes", {"kind": "placement", "date": str(date.today()),
                                                     "transition": transition.json()["id"],
                                                     "instrument": "proefplaatsing"}, format="json")
    assert placement.status_code == 201, placement.content
    assert _move(client, world.case_a, "closed", closingReason="work").status_code == 200
    # six months on: the follow-up is due, and recorded once
    Outcome.objects.filter(uuid=placement.json()["id"]).update(follow_up_due_on=date.today())
    follow_up = client.post(f"{case_url}/outcomes/{placement.json()['id']}/follow-up", {"stillInWork": True},
                            format="json")
    assert follow_up.status_code == 200, follow_up.content
    assert follow_up.json()["stillInWork"] is True
    kinds = [e["kind"] for e in client.get(f"/api/v1/clients/{world.client_a.uuid}/timeline?pageSize=100").json()[
        "results"]]
    story = [k for k in kinds if k not in ("client_registered", "consent_recorded", "referral_sent")]
    assert story == ["case_opened", "agreement_added", "contact_recorded", "case_status_changed",
                     "case_status_changed", "contact_recorded", "agreement_added", "transition_recorded",
                     "outcome_recorded", "case_status_changed", "follow_up_recorded"]
