"""Retention after 6, 12 and 24 months, worked by hand on Testregio (tests/reports/conftest.py).

A's 10 placements dated 2025-05-10 (programme `general`, first follow-up after 6 months): 8 followed
up at 6 months, 5 of them in work. Here their later points: at 12 months 9 followed up, 6 in work (one
not recorded); at 24 months 6 followed up, 5 in work (four not recorded).
Expected (D = 0, k = 5): placed 10; 6 months 8 / 5 = 0.625; 12 months 9 / 6 = 0.6667; 24 months 6 / 5 = 0.8333.
"""
import pytest

from cases.models import Outcome, PlacementFollowUp
from cases.outcomes import add_months
from tests.reports.conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_noise")]


@pytest.fixture
def retained(testregio):
    placed = list(Outcome.objects.filter(case__desk=testregio.rmt, kind="placement").order_by("id"))
    for i, outcome in enumerate(placed):
        for months, recorded, in_work in ((12, i < 9, i < 6), (24, i < 6, i < 5)):
            due = add_months(outcome.date, months)
            PlacementFollowUp.objects.create(placement=outcome, months=months, due_on=due,
                                             recorded_at=at(due) if recorded else None,
                                             still_in_work=in_work if recorded else None)
    return testregio


def _total(regio, **params):
    response = regio.manager.get("/api/v1/reports/retention", {"period": "2025", **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_retention_per_follow_up_point(retained):
    assert _total(retained)["total"]["values"] == {
        "placed": 10, "followedUp6": 8, "stillInWork6": 5, "retention6": 0.625,
        "followedUp12": 9, "stillInWork12": 6, "retention12": 0.6667,
        "followedUp24": 6, "stillInWork24": 5, "retention24": 0.8333}


def test_a_point_below_k_is_published_as_0_and_its_share_is_null(retained, settings):
    settings.REPORT_MIN_CELL = 7
    values = _total(retained)["total"]["values"]
    assert (values["followedUp24"], values["stillInWork24"], values["retention24"]) == (0, 0, None)
    assert (values["followedUp12"], values["stillInWork12"]) == (9, 0) and values["retention12"] == 0.0


def test_retention_is_over_placements_dated_in_the_period(retained):
    assert _total(retained, period="2026")["total"]["values"]["placed"] == 0


def test_the_indicator_has_labels_in_both_languages(retained):
    body = retained.manager.get("/api/v1/reports/retention", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["indicator"]["title"] == "Retention after 6, 12 and 24 months"
