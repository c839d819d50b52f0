"""The standing period report of a region: every indicator's total for the period in one XLSX, each
figure the same as the indicator's own report gives (the same cell, the same noise)."""
import io
import uuid

import pytest
from openpyxl import load_workbook

from cases.models import Case
from tests.helpers import count_queries

pytestmark = pytest.mark.usefixtures("no_noise")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(response) -> dict:
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["figures", "definitions", "about"]
    rows = list(book["figures"].iter_rows(values_only=True))
    assert rows[0] == ("indicator", "measure", "value")
    return {(indicator, measure): value for indicator, measure, value in rows[1:]}


@pytest.mark.django_db
def test_the_period_report_holds_every_indicator_hand_worked(testregio):
    """Testregio 2025: intakes A 10, B 6, C 4, E 3, F 10 = 33; exits A, B, E, F = 29; placements 10, 5
    still in work; people helped: A, B, C, D, E, F = 38 people in 38 cases; praktijkverklaringen 5."""
    response = testregio.manager.get("/api/v1/period-report", {"period": "2025", "region": str(testregio.region.uuid),
                                                                "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert 'filename="period-report-testregio-2025.xlsx"' in response["Content-Disposition"]
    figures = _figures(response)
    assert figures[("Intakes", "Intakes")] == 33 and figures[("Exits", "Exits")] == 29
    assert figures[("Placements in work", "Placed")] == 10
    assert figures[("Placements in work", "Still in work at the follow-up")] == 5
    assert figures[("People helped", "People")] == 38 and figures[("People helped", "Cases")] == 38
    assert figures[("Praktijkverklaringen issued", "Issued")] == 5
    assert figures[("Placement rate", "Placement rate")] == round(10 / 29, 4)
    about = dict(load_workbook(io.BytesIO(response.content))["about"].iter_rows(values_only=True))
    assert about["period"] == "2025-01-01 to 2025-12-31" and "cell key method" in about["disclosure control"]


@pytest.mark.django_db
def test_in_dutch(testregio):
    response = testregio.manager.get("/api/v1/period-report", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="nl")
    rows = list(load_workbook(io.BytesIO(response.content))["figures"].iter_rows(values_only=True))
    assert rows[0] == ("indicator", "maatstaf", "waarde")
    assert ("Geholpen mensen", "Mensen", 38) in rows


@pytest.mark.django_db
@pytest.mark.parametrize("params, field", [({"period": "2025-13"}, "period"), ({}, "period"),
                                           ({"period": "2025", "region": str(uuid.uuid4())}, "region"),
                                           ({"period": "2025", "format": "csv"}, "format"),
                                           ({"period": "2025", "by": "desk"}, "by")])
def test_bad_input_is_a_400_problem(testregio, params, field):
    response = testregio.manager.get("/api/v1/period-report", params)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in [p["name"] for p in response.json()["invalidParams"]]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(testregio):
    url = "/api/v1/period-report?period=2025"
    first = count_queries(testregio.manager, url)
    for case in Case.objects.filter(desk=testregio.rmt, status="closed")[:5]:
        case.pk, case.uuid = None, uuid.uuid4()
        case.save()
    assert count_queries(testregio.manager, url) == first
