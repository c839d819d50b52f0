"""CSV and XLSX carry the same figures as the JSON, with the definition and the moment of calculation."""
import csv
import io
import uuid

import pytest
from openpyxl import load_workbook

from cases.models import Case
from tests.helpers import count_queries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db
def test_csv_has_the_definition_and_the_figures_with_suppression_marked(testregio):
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025", "by": "quarter",
                                                                  "desk": str(testregio.rmt.uuid)}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="intakes-2025.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    about = {r[0]: r[1] for r in rows if r[0].startswith("#")}
    assert "Cases opened in the period" in about["# definition"] and about["# calculated at"].startswith("20")
    table = [r for r in rows if not r[0].startswith("#")]
    assert table == [["quarter", "intakes"], ["2025-Q1", "20"], ["2025-Q2", "suppressed"],
                     ["2025-Q3", "suppressed"], ["total", "30"]]


@pytest.mark.django_db
def test_xlsx_has_the_same_figures_and_an_about_sheet(testregio):
    response = testregio.manager.get("/api/v1/reports/placements", {"period": "2025"}, HTTP_ACCEPT=XLSX)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert [list(r) for r in book["figures"].iter_rows(values_only=True)] == [["placed", "stillInWork"], [10, 5]]
    about = dict(book["about"].iter_rows(values_only=True))
    assert about["indicator"].startswith("placements") and about["calculated at"]


@pytest.mark.django_db
def test_an_error_asked_for_as_csv_is_still_problem_json(testregio):
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "x"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(testregio):
    """Cells, each dimension's totals and the grand total: four aggregation queries, whatever the size."""
    url = "/api/v1/reports/exits?period=2025&by=desk,quarter"
    first = count_queries(testregio.manager, url)
    for case in Case.objects.filter(desk=testregio.rmt, status="closed")[:5]:  # five more exits
        case.pk, case.uuid = None, uuid.uuid4()
        case.save()
    assert count_queries(testregio.manager, url) == first


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["text/csv", XLSX])
def test_a_qualification_title_is_no_formula_in_either_export(testregio, accept):
    """A qualificationTitle typed as a formula is text in the CSV and a string cell in the XLSX."""
    from cases.models import Outcome

    attack = '=HYPERLINK("https://evil.example","open")'
    Outcome.objects.filter(kind="praktijkverklaring").update(qualification_title=attack)
    response = testregio.manager.get("/api/v1/reports/praktijkverklaringen",
                                     {"period": "2025", "by": "qualification"}, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    if accept == XLSX:
        sheet = load_workbook(io.BytesIO(response.content))["figures"]
        labels = [(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=2)]
    else:
        rows = [r for r in csv.reader(io.StringIO(response.content.decode())) if not r[0].startswith("#")]
        labels = [(r[0], "s") for r in rows[1:]]
    assert ("'" + attack, "s") in labels
    assert not any(str(value).startswith("=") or kind == "f" for value, kind in labels)
