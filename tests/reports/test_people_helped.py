"""People helped: distinct clients with a case open at some time in the period, next to the cases.

Testregio (tests/reports/conftest.py) plus a second case for five of A's clients, at the youth desk,
opened 2025-03-01 and still open. In 2025 open at some time: A 10, B 6, C 4, D 5 (opened 2024), E 3,
F 10, the five second cases: 43 cases of 38 people (A's five count once).
"""
from datetime import date

import pytest

from cases.choices import CaseStatus
from cases.models import Case
from tests.reports.conftest import at

pytestmark = pytest.mark.usefixtures("no_noise")


@pytest.fixture
def twice(testregio):
    for case in Case.objects.filter(desk=testregio.rmt, closing_reason="work").order_by("id")[:5]:
        Case.objects.create(client=case.client, desk=testregio.youth, programme=case.programme, owner=case.owner,
                            opened_at=at(date(2025, 3, 1)), status_changed_at=at(date(2025, 3, 1)),
                            status=CaseStatus.ACTIVE)
    return testregio


def _get(regio, **params):
    response = regio.manager.get("/api/v1/reports/people-helped", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_a_person_with_two_cases_counts_once(twice):
    report = _get(twice, period="2025")
    assert report["total"]["values"] == {"people": 38, "cases": 43}


@pytest.mark.django_db
def test_per_desk_a_person_counts_at_each_desk_that_helped_them(twice):
    """RMT: A, B, C, D, F = 35 people in 35 cases; youth: E 3 + the five = 8. 35 + 8 = 43 > 38: desks
    need not add up to the total."""
    report = _get(twice, period="2025", by="desk")
    rows = {r["dimensions"]["desk"]: r["values"] for r in report["rows"]}
    assert rows == {"RMT Testregio": {"people": 35, "cases": 35}, "Jongerenloket Testregio": {"people": 8, "cases": 8}}
    assert report["total"]["values"] == {"people": 38, "cases": 43}


@pytest.mark.django_db
def test_by_quarter_each_quarter_on_its_own_and_the_total_over_the_year(twice):
    """Q1: A 10, D 5, E 3, F 10, the five = 33 cases of 28 people. Q2: A, B 6, D, E, F, five = 39 of 34.
    Q3: A (closed 15 Sep), B, C 4, D, E (closed 1 Aug), five = 33 of 28. Q4: B (closed 1 Oct), C, D, five =
    20 of 20. The year: 38 people, not the quarters' sum."""
    report = _get(twice, period="2025", by="quarter")
    rows = {r["dimensions"]["quarter"]: r["values"] for r in report["rows"]}
    assert rows == {"2025-Q1": {"people": 28, "cases": 33}, "2025-Q2": {"people": 34, "cases": 39},
                    "2025-Q3": {"people": 28, "cases": 33}, "2025-Q4": {"people": 20, "cases": 20}}
    assert report["total"]["values"] == {"people": 38, "cases": 43}


@pytest.mark.django_db
def test_by_desk_and_quarter_the_desk_subtotals_are_over_the_year(twice):
    report = _get(twice, period="2025", by="desk,quarter")
    desks = {r["dimensions"]["desk"]: r["values"]["people"] for r in report["subtotals"] if "quarter" not in r["dimensions"]}
    quarters = {r["dimensions"]["quarter"]: r["values"]["people"] for r in report["subtotals"]
                if "desk" not in r["dimensions"]}
    assert desks == {"RMT Testregio": 35, "Jongerenloket Testregio": 8}
    assert quarters == {"2025-Q1": 28, "2025-Q2": 34, "2025-Q3": 28, "2025-Q4": 20}
    q4 = {r["dimensions"]["desk"]: r["values"] for r in report["rows"] if r["dimensions"]["quarter"] == "2025-Q4"}
    assert q4 == {"RMT Testregio": {"people": 15, "cases": 15}, "Jongerenloket Testregio": {"people": 5, "cases": 5}}


@pytest.mark.django_db
def test_a_case_closed_before_the_period_or_opened_after_it_is_not_counted(twice):
    """2025-11: B closed 1 Oct (out), C 4, D 5, the five 5: 14 people."""
    assert _get(twice, period="2025-11")["total"]["values"] == {"people": 14, "cases": 14}
