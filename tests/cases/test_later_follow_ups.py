"""Retention beyond six months: a programme's later follow-up points (12, 24 months), made when a
placement is recorded, recorded through the same follow-up route (`months`), reminded as tasks, and
the programme's schedule validated."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Case, Outcome, PlacementFollowUp, Programme
from cases.outcomes import add_months, later_follow_ups_schedule
from clients.models import ClientEvent
from tests.helpers import invalid_names, problem
from worklist import reminders
from worklist.models import Task

pytestmark = pytest.mark.django_db


def _today() -> date:
    return timezone.localdate()


def _placed(api, world, days_ago: int) -> dict:
    """A placement `days_ago` days back on case A, whose programme asks for 12 and 24 months."""
    Programme.objects.filter(pk=world.case_a.programme_id).update(later_follow_up_months=[12, 24])
    Case.objects.filter(pk=world.case_a.pk).update(opened_at=timezone.now() - timedelta(days=days_ago + 30))
    counsellor = api("counsellor")
    placed_on = str(_today() - timedelta(days=days_ago))
    transition = counsellor.post(f"/api/v1/clients/{world.client_a.uuid}/transitions",
                                 {"date": placed_on, "fromPosition": "in_education", "toPosition": "employed",
                                  "source": "employer"}, format="json")
    assert transition.status_code == 201, transition.content
    response = counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/outcomes",
                               {"kind": "placement", "date": placed_on, "transition": transition.json()["id"]},
                               format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _url(world, placement) -> str:
    return f"/api/v1/cases/{world.case_a.uuid}/outcomes/{placement['id']}/follow-up"


def test_a_placement_gets_a_point_for_each_month_of_its_programmes_schedule(api, world):
    placement = _placed(api, world, 10)
    placed_on = _today() - timedelta(days=10)
    assert placement["followUpDueOn"] == str(add_months(placed_on, 6))
    assert [(p["months"], p["dueOn"], p["recordedAt"], p["stillInWork"]) for p in placement["laterFollowUps"]] == [
        (12, str(add_months(placed_on, 12)), None, None), (24, str(add_months(placed_on, 24)), None, None)]


def test_a_later_point_is_recorded_once_from_its_window_with_months(api, world):
    placement = _placed(api, world, 370)  # the 12-month point is due, the 24-month one not yet
    counsellor = api("counsellor")
    six = counsellor.post(_url(world, placement), {"stillInWork": True, "months": 6}, format="json")
    assert six.status_code == 200 and six.json()["stillInWork"] is True  # months 6 is the first point
    body = counsellor.post(_url(world, placement), {"stillInWork": False, "months": 12}, format="json")
    assert body.status_code == 200, body.content
    [twelve, twenty_four] = body.json()["laterFollowUps"]
    assert twelve["stillInWork"] is False and twelve["recordedAt"] and twelve["recordedBy"]["displayName"]
    assert twenty_four["recordedAt"] is None and body.json()["stillInWork"] is True  # the first point unchanged
    events = ClientEvent.objects.filter(kind="follow_up_recorded").order_by("id")
    assert [e.summary for e in events][-1] == "Placement follow-up after 12 months: no longer in work"

    before = (ClientEvent.objects.count(), list(PlacementFollowUp.objects.values_list("recorded_at", flat=True)))
    again = problem(counsellor.post(_url(world, placement), {"stillInWork": True, "months": 12}, format="json"), 409)
    assert again["code"] == "follow_up_already_recorded"
    early = problem(counsellor.post(_url(world, placement), {"stillInWork": True, "months": 24}, format="json"), 409)
    assert early["code"] == "follow_up_not_due"
    assert invalid_names(problem(counsellor.post(_url(world, placement), {"stillInWork": True, "months": 18},
                                                 format="json"), 400)) == {"months"}
    assert invalid_names(problem(counsellor.post(_url(world, placement), {"stillInWork": True, "months": 61},
                                                 format="json"), 400)) == {"months"}
    assert (ClientEvent.objects.count(), list(PlacementFollowUp.objects.values_list("recorded_at", flat=True))) == before


def test_a_later_point_of_another_desks_placement_is_404(api, world):
    placement = _placed(api, world, 370)
    problem(api("lwl_counsellor").post(_url(world, placement), {"stillInWork": True, "months": 12}, format="json"), 404)
    assert not PlacementFollowUp.objects.filter(recorded_at__isnull=False).exists()


def test_each_due_point_becomes_one_reminder_task(api, world):
    placement = _placed(api, world, 360)  # the 12-month point falls due in about 5 days
    outcome = Outcome.objects.get(uuid=placement["id"])
    Outcome.objects.filter(pk=outcome.pk).update(follow_up_recorded_at=timezone.now(), still_in_work=True)
    reminders.derive_reminders()
    point = PlacementFollowUp.objects.get(placement=outcome, months=12)
    task = Task.objects.get(source_key=f"follow-up:{point.pk}:due")
    assert task.due_on == point.due_on and task.assignee.username == "midden-rmt-counsellor"
    assert not Task.objects.filter(source_key__startswith="follow-up:").exclude(pk=task.pk).exists()
    assert reminders.derive_reminders()["follow_up_due"] == 0


@pytest.mark.parametrize("first,later", [(6, [24, 12]), (6, [6, 12]), (6, [12, 12]), (6, [12, 61]), (12, [6]),
                                         (0, []), (6, ["12"]), (6, [0])])
def test_a_schedule_is_ascending_after_the_first_and_within_60_months(first, later):
    with pytest.raises(ValidationError):
        Programme(code="x", name="X", follow_up_months=first, later_follow_up_months=later).clean()


def test_a_grown_schedule_gives_existing_placements_their_points(api, world):
    placement = _placed(api, world, 10)
    programme = world.case_a.programme
    programme.refresh_from_db()
    programme.later_follow_up_months = [12, 24, 36]
    programme.save()
    assert later_follow_ups_schedule(programme) == 1
    assert later_follow_ups_schedule(programme) == 0
    assert sorted(PlacementFollowUp.objects.filter(placement__uuid=placement["id"]).values_list("months", flat=True)
                  ) == [12, 24, 36]


def test_the_caseload_counts_each_due_point(api, world):
    from cases.caseload import caseload_for
    from rwc.models import User

    placement = _placed(api, world, 370)  # the 6- and 12-month points are due, the 24-month one not yet
    owner = User.objects.get(pk=world.case_a.owner_id)

    def due():
        return next(c.follow_ups_due for c in caseload_for(owner)["cases"] if c.pk == world.case_a.pk)

    before = due()
    api("counsellor").post(_url(world, placement), {"stillInWork": True, "months": 12}, format="json")
    assert due() == before - 1
    api("counsellor").post(_url(world, placement), {"stillInWork": True}, format="json")
    assert due() == before - 2
