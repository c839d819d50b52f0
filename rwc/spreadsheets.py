"""Cells for every CSV and XLSX the service writes, safe to open in a spreadsheet.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `=cmd|...`): text typed by a client,
a partner system or a header would run on a manager's machine. Such text gets a leading `'`
(OWASP, "CSV injection"), so it shows as the text it is. Numbers stay numbers (a negative number is
not text, and is written as a number), and XLSX text cells are always strings, never formulas.
Every writer of CSV or XLSX goes through `csv_writer` or `xlsx_append`, so none can forget.
"""
import csv
import datetime
import decimal
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so XLSX) cannot hold; openpyxl refuses a cell that has one.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value):
    """The cell as written: text that would start a formula gets a leading `'`; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _SafeWriter:
    """`csv.writer(out, **options)` whose every text cell is neutralised."""
    return _SafeWriter(csv.writer(out, **options))


_XLSX_NATIVE = (int, float, decimal.Decimal, bool, datetime.date, datetime.datetime, datetime.time)


def xlsx_append(sheet, row) -> None:
    """Append a row to an openpyxl worksheet: numbers, dates and booleans as themselves, everything
    else as a string cell (data type `s`, even when it starts with `=`), neutralised like CSV."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in row:
        cell = Cell(sheet)
        if isinstance(value, _XLSX_NATIVE) or value is None:
            cell.value = value
        else:
            cell.value = _XML_ILLEGAL.sub("", neutralise(str(value)))
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)
