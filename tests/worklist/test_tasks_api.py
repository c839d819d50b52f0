"""Tasks through the API: making them, the rules of who may hold them, reassigning, moving, the
worklist's filters and counts, and what one page costs."""
from datetime import timedelta

import pytest
from django.utils import timezone

from rwc.models import User
from tests.helpers import count_queries
from tests.worklist.conftest import client_for
from tests.worklist.seed import make_task
from worklist.models import Task

pytestmark = pytest.mark.django_db
TASKS = "/api/v1/tasks"


def _body(subject_kind, record, **extra):
    return {"subjectKind": subject_kind, "subject": str(record.uuid), "title": "Call about the intake",
            "dueOn": (timezone.localdate() + timedelta(days=2)).isoformat(), **extra}


def _codes(response):
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


def test_a_counsellor_makes_a_task_for_themselves_and_sees_it_in_their_worklist(as_user, world):
    api = as_user("midden-rmt-counsellor")
    response = api.post(TASKS, _body("case", world.case_a, priority="high"), format="json")
    assert response.status_code == 201, response.content
    task = response.json()
    assert task["subject"] == {"kind": "case", "id": str(world.case_a.uuid)}
    assert task["assignee"] is None and task["status"] == "open" and task["priority"] == "high"
    assert "Berg" not in response.content.decode()  # the record itself is read at its own endpoint
    listed = api.get(TASKS).json()
    assert task["id"] in {t["id"] for t in listed["results"]}
    assert listed["counts"]["open"] >= 1


def test_a_task_can_be_about_an_employer(as_user, world):
    from tests.employers.seed import make_employer

    employer = make_employer(world.region_a, "11223344", "Zorggroep Oost")
    me = User.objects.get(username="midden-rmt-counsellor")
    response = as_user("midden-rmt-counsellor").post(TASKS, _body("employer", employer, assignee=str(me.uuid)),
                                                     format="json")
    assert response.status_code == 201, response.content
    assert response.json()["assignee"]["id"] == str(me.uuid)


def test_a_due_date_in_the_past_is_a_400_and_stores_nothing(as_user, world):
    before = Task.objects.count()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = as_user("midden-rmt-counsellor").post(TASKS, _body("client", world.client_a, dueOn=yesterday),
                                                     format="json")
    assert response.status_code == 400
    assert _codes(response) == {"dueOn": "in_past"}
    assert Task.objects.count() == before


def test_a_record_the_caller_may_not_see_is_a_400_that_says_no_more(as_user, world):
    api = as_user("midden-rmt-counsellor")
    for kind, record in (("client", world.client_b), ("client", world.client_lwl_a), ("case", world.case_lwl_a),
                         ("referral", world.referral_b)):
        response = api.post(TASKS, _body(kind, record), format="json")
        assert response.status_code == 400 and _codes(response) == {"subject": "does_not_exist"}
    assert not Task.objects.exists()


def test_assigning_to_someone_outside_the_desk_is_a_409_naming_the_rule(as_user, world):
    lwl = User.objects.get(username="midden-lwl-counsellor")
    response = as_user("midden-rmt-counsellor").post(
        TASKS, _body("client", world.client_a, assignee=str(lwl.uuid)), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "assignee_not_at_desk"
    assert not Task.objects.exists()


def test_a_task_never_goes_to_someone_who_may_not_see_its_record(world, two_desk_counsellor):
    """The two-desk counsellor sees the LWL's client; a task at the RMT about it would show the RMT
    counsellor (or the RMT's pool) a record they may not see: 409, and the answer names nobody."""
    api = client_for(two_desk_counsellor)
    rmt = User.objects.get(username="midden-rmt-counsellor")
    for extra, field in (({"assignee": str(rmt.uuid)}, "assignee"), ({}, "desk")):
        response = api.post(TASKS, _body("client", world.client_lwl_a, desk=str(world.rmt_a.uuid), **extra),
                            format="json")
        assert response.status_code == 409, response.content
        problem = response.json()
        assert problem["code"] == "assignee_may_not_see_record"
        assert "Jansen" not in response.content.decode() and str(world.client_lwl_a.uuid) not in problem["detail"]
    assert not Task.objects.exists()
    ok = api.post(TASKS, _body("client", world.client_lwl_a, desk=str(world.lwl_a.uuid)), format="json")
    assert ok.status_code == 201, ok.content


def test_a_team_lead_reassigns_and_a_counsellor_picks_up_only_from_the_pool(as_user, world, second_rmt_counsellor):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    task = make_task(world.rmt_a, "midden-rmt-counsellor", "client", world.client_a)
    url = f"{TASKS}/{task.uuid}/assignment"
    # a counsellor cannot hand their task to a colleague
    refused = as_user("midden-rmt-counsellor").post(url, {"assignee": str(second_rmt_counsellor.uuid)}, format="json")
    assert refused.status_code == 403
    # the team lead can, and back to the pool
    lead = as_user("midden-rmt-lead")
    moved = lead.post(url, {"assignee": str(second_rmt_counsellor.uuid)}, format="json")
    assert moved.status_code == 200 and moved.json()["assignee"]["id"] == str(second_rmt_counsellor.uuid)
    assert lead.post(url, {"assignee": None}, format="json").json()["assignee"] is None
    # now in the pool: anyone at the desk picks it up for themselves
    picked = as_user("midden-rmt-counsellor").post(url, {"assignee": str(counsellor.uuid)}, format="json")
    assert picked.status_code == 200 and picked.json()["assignee"]["id"] == str(counsellor.uuid)
    # the team lead may not give it outside the desk
    lwl = User.objects.get(username="midden-lwl-counsellor")
    outside = lead.post(url, {"assignee": str(lwl.uuid)}, format="json")
    assert outside.status_code == 409 and outside.json()["code"] == "assignee_not_at_desk"
    assert Task.objects.get(pk=task.pk).assignee == counsellor


def test_a_colleagues_task_is_a_404_but_the_team_lead_sees_the_desks_tasks(as_user, world, second_rmt_counsellor):
    task = make_task(world.rmt_a, second_rmt_counsellor.username, "client", world.client_a)
    assert as_user("midden-rmt-counsellor").get(f"{TASKS}/{task.uuid}").status_code == 404
    assert as_user("midden-rmt-lead").get(f"{TASKS}/{task.uuid}").status_code == 200


def test_done_and_cancelled_only_from_open(as_user, world):
    task = make_task(world.rmt_a, "midden-rmt-counsellor", "client", world.client_a)
    api = as_user("midden-rmt-counsellor")
    url = f"{TASKS}/{task.uuid}/status-changes"
    assert api.post(url, {"status": "open"}, format="json").status_code == 400
    done = api.post(url, {"status": "done"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = api.post(url, {"status": "cancelled"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "illegal_move"
    reassign = as_user("midden-rmt-lead").post(f"{TASKS}/{task.uuid}/assignment", {"assignee": None}, format="json")
    assert reassign.status_code == 409 and reassign.json()["code"] == "task_not_open"
    assert Task.objects.get(pk=task.pk).status == "done"


def test_filters_and_counts(as_user, world, second_rmt_counsellor):
    mine = make_task(world.rmt_a, "midden-rmt-counsellor", "client", world.client_a)
    pool = make_task(world.rmt_a, None, "case", world.case_a, priority="high")
    late = make_task(world.rmt_a, "midden-rmt-counsellor", "client", world.client_a)
    Task.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    done = make_task(world.rmt_a, "midden-rmt-counsellor", "client", world.client_a)
    Task.objects.filter(pk=done.pk).update(status="done")
    make_task(world.rmt_a, second_rmt_counsellor.username, "client", world.client_a)  # not the counsellor's
    api = as_user("midden-rmt-counsellor")

    def ids(query):
        body = api.get(TASKS + query).json()
        return {t["id"] for t in body["results"]}, body["counts"]

    every, counts = ids("")
    assert every == {str(t.uuid) for t in (mine, pool, late, done)}
    assert counts == {"open": 3, "done": 1, "cancelled": 0, "overdue": 1}
    assert ids("?status=open")[0] == {str(t.uuid) for t in (mine, pool, late)}
    assert ids("?status=open")[1] == counts  # counts per status whatever status is asked
    assert ids("?overdue=true")[0] == {str(late.uuid)}
    assert ids("?mine=true&status=open")[0] == {str(mine.uuid), str(late.uuid)}
    assert ids("?unassigned=true")[0] == {str(pool.uuid)}
    assert ids("?priority=high")[0] == {str(pool.uuid)}
    assert ids("?subjectKind=case")[0] == {str(pool.uuid)}
    assert ids(f"?desk={world.lwl_a.uuid}")[0] == set()
    lead_counts = as_user("midden-rmt-lead").get(TASKS).json()["counts"]
    assert lead_counts["open"] == 4  # the team lead sees the colleague's task too
    bad = api.get(TASKS + "?status=later")
    assert bad.status_code == 400


def test_the_worklist_costs_the_same_queries_for_3_tasks_as_for_25(as_user, world):
    api = as_user("midden-rmt-counsellor")
    for _ in range(3):
        make_task(world.rmt_a, "midden-rmt-counsellor", "case", world.case_a)
    few = count_queries(api, TASKS + "?pageSize=25")
    for _ in range(22):
        make_task(world.rmt_a, None, "client", world.client_a)
    assert count_queries(api, TASKS + "?pageSize=25") == few == 6


def test_managers_and_partners_have_no_worklist(api):
    for role in ("manager", "privacy_officer", "functional_admin", "partner"):
        assert api(role).get(TASKS).status_code == 403
