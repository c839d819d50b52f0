"""CSV and XLSX carry the same figures as the JSON, with the definition and the moment of calculation."""
import csv
import io
import uuid

import pytest
from openpyxl import load_workbook

from cases.models import Case
from tests.helpers import count_queries

pytestmark = pytest.mark.usefixtures("no_noise")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}  # the tests' client asks for English unless told (tests/conftest.py)


@pytest.mark.django_db
def test_csv_has_the_definition_and_the_figures(testregio):
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025", "by": "quarter",
                                                                  "desk": str(testregio.rmt.uuid)}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="intakes-2025.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    about = {r[0]: r[1] for r in rows if r[0].startswith("#")}
    assert "Cases opened in the period" in about["# definition"] and about["# calculated at"].startswith("20")
    table = [r for r in rows if not r[0].startswith("#")]
    assert "cell key method" in about["# disclosure control"]
    assert table == [["quarter", "intakes"], ["2025-Q1", "20"], ["2025-Q2", "6"], ["total", "30"]]


@pytest.mark.django_db
def test_xlsx_has_the_same_figures_and_an_about_sheet(testregio):
    response = testregio.manager.get("/api/v1/reports/placements", {"period": "2025"}, HTTP_ACCEPT=XLSX)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert [list(r) for r in book["figures"].iter_rows(values_only=True)] == [
        ["Placed", "Still in work at the follow-up"], [10, 5]]
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


@pytest.mark.django_db
@pytest.mark.parametrize("fmt, media_type", [("csv", "text/csv"), ("xlsx", XLSX)])
def test_format_in_the_query_makes_a_download_link_that_works_from_a_browser(testregio, fmt, media_type):
    """No Accept header (a browser's is text/html,...): ?format= decides, and wins over Accept."""
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025", "format": fmt},
                                     HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response["Content-Type"].startswith(media_type)
    assert f'filename="intakes-2025.{fmt}"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_unknown_format_is_a_400_problem(testregio):
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025", "format": "pdf"})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["format"]


def _dutch_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode()), "UTF-8 with a byte-order mark, so Excel reads it as UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_the_dutch_excel_dialect(testregio):
    """placement-rate, 2025, by desk: RMT exits A 10 + B 6 + F 10 = 26, 10 with a placement (A):
    10/26 = 0.3846; youth 3 (published as 0: the row is left out); total 29, 10/29 = 0.3448.
    `;` between fields, a decimal comma, Dutch labels, no comment lines."""
    response = testregio.manager.get("/api/v1/reports/placement-rate",
                                     {"period": "2025", "by": "desk", "format": "csv", "dialect": "excel-nl"}, **NL)
    assert response.status_code == 200
    rows = _dutch_csv(response)
    assert not any(r and r[0].startswith("#") for r in rows)
    assert rows == [["Loket", "Uitstroom", "Uitstroom met plaatsing", "Plaatsingspercentage"],
                    ["RMT Testregio", "26", "10", "0,3846"], ["totaal", "29", "10", "0,3448"]]
    assert b";" in response.content.splitlines()[1] and b"\r\n" in response.content


@pytest.mark.django_db
def test_the_description_is_a_second_file_linked_from_the_first(testregio):
    response = testregio.manager.get("/api/v1/reports/intakes",
                                     {"period": "2025", "format": "csv", "dialect": "excel-nl"}, **NL)
    link = response["Link"]
    assert link.endswith('>; rel="describedby"') and "part=about" in link and "dialect=excel-nl" in link
    about = testregio.manager.get(link[1:link.index(">")], **NL)
    assert about.status_code == 200 and 'filename="intakes-2025-about.csv"' in about["Content-Disposition"]
    lines = dict(_dutch_csv(about))
    assert lines["definitie"].startswith("Trajecten die in de periode zijn geopend.")
    assert lines["periode"] == "2025-01-01 tot en met 2025-12-31"
    assert "celsleutelmethode" in lines["onthullingsbeveiliging"]


@pytest.mark.django_db
def test_labels_in_english_on_request(testregio):
    response = testregio.manager.get("/api/v1/reports/exits", {"period": "2025", "by": "closing_reason",
                                                                "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(io.BytesIO(response.content))["figures"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Closing reason", "Exits"]
    assert ["Found work", 10] in rows and rows[-1] == ["total", 29]
    about = dict(load_workbook(io.BytesIO(response.content))["about"].iter_rows(values_only=True))
    assert about["definition"].startswith("Cases closed in the period")


@pytest.mark.django_db
def test_the_json_carries_labels_beside_the_codes(testregio):
    report = testregio.manager.get("/api/v1/reports/exits", {"period": "2025", "by": "closing_reason"}, **NL).json()
    work = next(r for r in report["rows"] if r["dimensions"]["closingReason"] == "work")
    assert work["labels"] == {"closingReason": "Werk gevonden"}
    assert report["indicator"]["dimensionLabels"]["closingReason"] == "Reden van afsluiting"
    assert report["indicator"]["measures"] == [{"key": "exits", "kind": "count", "label": "Uitstroom"}]


@pytest.mark.django_db
def test_a_range_of_days(testregio):
    """2025-01-01/2025-06-30: A 10 (Feb), B 6 (Apr), E 3 (Mar), F 10 (Jan) = 29 intakes; C (July) and D
    (2024) outside. By desk: RMT 26, youth 3 (1 to k-1: published as 0, the row left out)."""
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025-01-01/2025-06-30", "by": "desk"})
    report = response.json()
    assert report["period"] == {"start": "2025-01-01", "end": "2025-06-30"}
    assert [(r["dimensions"]["desk"], r["values"]["intakes"]) for r in report["rows"]] == [("RMT Testregio", 26)]
    assert report["total"]["values"]["intakes"] == 29
    one_day = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025-02-10/2025-02-10"}).json()
    assert one_day["total"]["values"]["intakes"] == 10
    download = testregio.manager.get("/api/v1/reports/intakes", {"period": "2025-01-01/2025-06-30", "format": "csv"})
    assert 'filename="intakes-2025-01-01_2025-06-30.csv"' in download["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["2025-02-30/2025-03-01", "2025-06-30/2025-01-01", "2025-01-01/", "2025/2026",
                                   "1999-12-31/2025-01-01", "2025-01-01/2101-01-01"])
def test_a_bad_range_of_days_is_a_400(testregio, period):
    response = testregio.manager.get("/api/v1/reports/intakes", {"period": period})
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "period"


@pytest.mark.django_db
def test_a_formula_is_neutralised_in_the_dutch_dialect_too(testregio):
    from cases.models import Outcome

    attack = "@SUM(1+1)*cmd|' /C calc'!A0"
    Outcome.objects.filter(kind="praktijkverklaring").update(qualification_title=attack)
    response = testregio.manager.get("/api/v1/reports/praktijkverklaringen", {
        "period": "2025", "by": "qualification", "format": "csv", "dialect": "excel-nl"})
    labels = [r[0] for r in _dutch_csv(response)[1:]]
    assert "'" + attack in labels and not any(label.startswith("@") for label in labels)


def test_every_spreadsheet_the_service_writes_goes_through_rwc_spreadsheets():
    """No module writes CSV or XLSX cells but through csv_writer / xlsx_append (formula injection)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {".venv", "tests", "bench"} or path.name == "spreadsheets.py":
            continue
        text = path.read_text()
        if "csv.writer(" in text or "csv.DictWriter(" in text or ("Workbook(" in text and "xlsx_append" not in text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
