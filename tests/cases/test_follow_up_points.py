"""Every follow-up point of a placement (the first on the outcome, the later ones as PlacementFollowUp):
`follow_up_points` lists them, `follow_up_record` without `months` records the next one not recorded
(refusing it while not due, and when all are recorded), and `GET /api/v1/follow-ups` lists a placement
whose later point is overdue too."""
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Outcome, PlacementFollowUp
from cases.outcomes import (
    FollowUpStatus,
    add_months,
    follow_up_points,
    follow_up_record,
    follow_ups_overdue,
    next_follow_up_point,
)
from clients.models import ClientEvent
from rwc.errors import Conflict
from rwc.models import User
from tests.cases.test_later_follow_ups import _placed, _url
from tests.helpers import count_queries, problem

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _outcome(placement) -> Outcome:
    return Outcome.objects.select_related("case__programme", "follow_up_recorded_by").get(uuid=placement["id"])


def _state():
    return (ClientEvent.objects.count(),
            list(Outcome.objects.order_by("id").values_list("follow_up_recorded_at", "still_in_work")),
            list(PlacementFollowUp.objects.order_by("id").values_list("recorded_at", "still_in_work")))


# --- domain --------------------------------------------------------------------------------------


def test_the_points_of_a_placement_are_the_first_and_the_later_ones_with_their_status(api, world):
    placement = _placed(api, world, 370)  # 6 months long past, 12 months a few days past, 24 months ahead
    placed_on = _today() - timedelta(days=370)
    points = follow_up_points(_outcome(placement))
    assert [(p.months, p.due_on, p.status, p.recorded_at) for p in points] == [
        (6, add_months(placed_on, 6), FollowUpStatus.OVERDUE, None),
        (12, add_months(placed_on, 12), FollowUpStatus.OVERDUE, None),
        (24, add_months(placed_on, 24), FollowUpStatus.SCHEDULED, None)]
    assert points[2].opens_on == add_months(placed_on, 24) - timedelta(days=14) and not points[2].recordable
    assert next_follow_up_point(points).months == 6

    rita = User.objects.get(username="midden-rmt-counsellor")
    follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=True)
    points = follow_up_points(_outcome(placement))
    assert [(p.months, p.status) for p in points][:2] == [(6, "recorded"), (12, "overdue")]
    assert points[0].recorded_by == rita and points[0].still_in_work is True and points[0].recorded_at
    assert next_follow_up_point(points).months == 12


def test_without_months_the_next_point_not_recorded_is_recorded_until_one_is_not_due(api, world):
    placement = _placed(api, world, 370)
    rita = User.objects.get(username="midden-rmt-counsellor")
    follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=True)  # the first point
    follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=False)  # then the 12-month one
    outcome = _outcome(placement)
    assert outcome.follow_up_recorded_at and outcome.still_in_work is True
    twelve = PlacementFollowUp.objects.get(placement=outcome, months=12)
    assert twelve.recorded_at and twelve.still_in_work is False and twelve.recorded_by == rita

    before = _state()
    with pytest.raises(Conflict) as refused:  # the 24-month point is next, and not due
        follow_up_record(actor=rita, outcome=outcome, still_in_work=True)
    assert refused.value.code == "follow_up_not_due" and "after 24 months" in str(refused.value.detail)
    assert _state() == before


def test_without_months_when_every_point_is_recorded_it_is_already_recorded(api, world):
    placement = _placed(api, world, 740)  # every point due
    rita = User.objects.get(username="midden-rmt-counsellor")
    for _ in range(3):
        follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=True)
    assert not PlacementFollowUp.objects.filter(recorded_at__isnull=True).exists()
    before = _state()
    with pytest.raises(Conflict) as refused:
        follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=False)
    assert refused.value.code == "follow_up_already_recorded"
    assert _state() == before


@pytest.mark.parametrize("named", [False, True])
def test_the_next_point_is_found_by_where_it_lives_when_the_first_point_moved_onto_a_later_ones_months(api, world, named):
    """The programme's first point moved from 6 to 12 months after this placement had its 12-month point:
    without `months` the 12-month PlacementFollowUp is recorded, not refused as the (recorded) first."""
    placement = _placed(api, world, 370)
    rita = User.objects.get(username="midden-rmt-counsellor")
    follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=True)  # the first point (6)
    programme = _outcome(placement).case.programme
    programme.follow_up_months = 12
    programme.save(update_fields=["follow_up_months"])
    follow_up_record(actor=rita, outcome=_outcome(placement), still_in_work=False,
                     months=12 if named else None)  # named: as the case page sends the point it offered
    twelve = PlacementFollowUp.objects.get(placement__uuid=placement["id"], months=12)
    assert twelve.recorded_at and twelve.still_in_work is False


def test_the_overdue_query_takes_later_points_and_names_the_oldest(api, world):
    placement = _placed(api, world, 370)
    rita = User.objects.get(username="midden-rmt-counsellor")

    def overdue():
        return [(o.uuid, o.overdue_months, o.overdue_due_on, o.overdue_points) for o in follow_ups_overdue(rita)]

    placed_on = _today() - timedelta(days=370)
    outcome = _outcome(placement)
    assert overdue() == [(outcome.uuid, 6, add_months(placed_on, 6), 2)]
    follow_up_record(actor=rita, outcome=outcome, still_in_work=True, months=6)
    assert overdue() == [(outcome.uuid, 12, add_months(placed_on, 12), 1)]  # the later point alone
    follow_up_record(actor=rita, outcome=outcome, still_in_work=True, months=12)
    assert overdue() == []


# --- API -----------------------------------------------------------------------------------------


def test_the_api_records_the_next_point_without_months_and_refuses_it_not_due(api, world):
    placement = _placed(api, world, 370)
    counsellor = api("counsellor")
    first = counsellor.post(_url(world, placement), {"stillInWork": True}, format="json")
    assert first.status_code == 200 and first.json()["followUpStatus"] == "recorded"
    second = counsellor.post(_url(world, placement), {"stillInWork": False}, format="json")
    assert second.status_code == 200, second.content
    [twelve, twenty_four] = second.json()["laterFollowUps"]
    assert twelve["recordedAt"] and twelve["stillInWork"] is False and twenty_four["recordedAt"] is None

    before = _state()
    body = problem(counsellor.post(_url(world, placement), {"stillInWork": True}, format="json"), 409)
    assert body["code"] == "follow_up_not_due" and "after 24 months" in body["detail"]
    again = problem(counsellor.post(_url(world, placement), {"stillInWork": True, "months": 12}, format="json"), 409)
    assert again["code"] == "follow_up_already_recorded" and "after 12 months" in again["detail"]
    assert _state() == before


def test_the_api_refusal_is_dutch_when_asked(api, world):
    placement = _placed(api, world, 10)
    body = problem(api("counsellor").post(_url(world, placement), {"stillInWork": True}, format="json",
                                          HTTP_ACCEPT_LANGUAGE="nl"), 409)
    assert "De nameting na 6 maanden valt op" in body["detail"]


def test_the_follow_ups_list_shows_a_placement_whose_later_point_is_overdue(api, world):
    placement = _placed(api, world, 370)
    counsellor = api("counsellor")
    placed_on = _today() - timedelta(days=370)
    [row] = counsellor.get("/api/v1/follow-ups").json()["results"]
    assert (row["id"], row["followUpMonths"], row["followUpDueOn"], row["followUpsOverdue"]) == (
        placement["id"], 6, str(add_months(placed_on, 6)), 2)
    assert counsellor.post(_url(world, placement), {"stillInWork": True}, format="json").status_code == 200
    [row] = counsellor.get("/api/v1/follow-ups").json()["results"]  # before: only the first point counted
    assert (row["id"], row["followUpMonths"], row["followUpDueOn"], row["followUpsOverdue"]) == (
        placement["id"], 12, str(add_months(placed_on, 12)), 1)
    assert api("lwl_counsellor").get("/api/v1/follow-ups").json()["results"] == []  # another desk's
    assert counsellor.post(_url(world, placement), {"stillInWork": True}, format="json").status_code == 200
    assert counsellor.get("/api/v1/follow-ups").json()["results"] == []


def test_the_follow_ups_list_of_later_points_reads_a_constant_number_of_queries(api, world):
    placements = [_placed(api, world, days) for days in (400, 390, 380)]
    counsellor = api("counsellor")
    for placement in placements:  # only their later (12-month) points are overdue
        assert counsellor.post(_url(world, placement), {"stillInWork": True}, format="json").status_code == 200
    team_lead = api("team_lead")
    count_queries(team_lead, "/api/v1/follow-ups")  # warm up
    small = count_queries(team_lead, "/api/v1/follow-ups?pageSize=1")
    large = count_queries(team_lead, "/api/v1/follow-ups?pageSize=20")
    assert small == large
    rows = team_lead.get("/api/v1/follow-ups?pageSize=20").json()["results"]
    assert [(r["id"], r["followUpMonths"]) for r in rows] == [(p["id"], 12) for p in placements]  # oldest due first
