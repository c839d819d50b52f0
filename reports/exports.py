"""The same figures as CSV and XLSX, with the definition, the period, the disclosure control and the
moment of calculation in the file, so a spreadsheet passed on still says what it holds."""
import io

from django.utils import timezone

from rwc.spreadsheets import csv_writer, xlsx_append

SUPPRESSED = "suppressed"


def _about(report: dict) -> list[tuple[str, str]]:
    indicator, k, noise = report["indicator"], report["minimum_cell_size"], report["maximum_noise"]
    filters = ", ".join(f"{name}={getattr(v, 'name', v)}" for name, v in report["filters"].items() if v is not None)
    return [
        ("indicator", f"{indicator.key}: {indicator.title}"),
        ("definition", indicator.definition + " Full definition: docs/indicators.md."),
        ("period", f"{report['period'].start.isoformat()} to {report['period'].end.isoformat()}"),
        ("filters", filters or "all your regions"),
        ("disclosure control", f"every count is perturbed (cell key method): a count published as more than 0 is "
                               f"within {noise} of the true count, a published 0 stands for 0 to {k + noise - 1}; "
                               f"rows and totals are perturbed each on their own and need not add up; a rate or "
                               f"median over a count published as 0 is '{SUPPRESSED}'. See docs/indicators.md."),
        ("calculated at", timezone.localtime(report["calculated_at"]).isoformat(timespec="seconds")),
    ]


def table(report: dict) -> tuple[list[str], list[list]]:
    """Header and rows: the cells, the subtotals (`total` in the other dimension), the grand total."""
    by = report["by"]
    measures = [m.key for m in report["indicator"].measures]
    header = [*by, *measures]

    def line(row):
        dims = [row["dimensions"].get(d, "total") for d in by]
        return [*dims, *(SUPPRESSED if row["values"][m] is None and m in row["suppressed"] else row["values"][m]
                          for m in measures)]

    rows = [line(r) for r in report["rows"]] + [line(r) for r in report["subtotals"]]
    rows.append(line(report["total"]) if by else line(report["total"]))
    return header, rows


def to_csv(report: dict) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    for name, value in _about(report):
        writer.writerow([f"# {name}", value])
    header, rows = table(report)
    writer.writerow(header or ["value"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def to_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "figures"
    header, rows = table(report)
    xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    about = book.create_sheet("about")
    for name, value in _about(report):
        xlsx_append(about, [name, value])
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 16, 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
