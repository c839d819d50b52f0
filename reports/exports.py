"""The same figures as CSV and XLSX, with the definition, the period, the disclosure control and the
moment of calculation, so a spreadsheet passed on still says what it holds.

- **CSV** (`dialect=rfc4180`, the default): comma-separated, UTF-8, codes as in the JSON
  (`closing_reason`, `work`), the description first as `# name,value` lines: for programs.
- **CSV in the Dutch Excel dialect** (`dialect=excel-nl`): what Excel with Dutch settings opens with a
  double click: `;` between fields, a decimal comma, UTF-8 with a byte-order mark, no comment lines,
  human labels in the request's language; the description is a second file (`part=about`).
- **XLSX**: human labels; the figures on the first sheet, the description on the second.

Every text cell goes through `rwc.spreadsheets` (formula injection neutralised).
"""
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rwc.spreadsheets import csv_writer, xlsx_append

from . import labels

SUPPRESSED = gettext_noop("suppressed")  # the code; `_(SUPPRESSED)` its label
DIALECTS = ("rfc4180", "excel-nl")
PARTS = ("figures", "about")
BOM = "\ufeff"


def about(report: dict) -> list[tuple[str, str, str]]:
    """(code, label, value) of each line describing the figures, the values in the request's language."""
    indicator, k, noise = report["indicator"], report["minimum_cell_size"], report["maximum_noise"]
    filters = ", ".join(f"{labels.dimension(name)}={getattr(v, 'name', getattr(v, 'code', v))}"
                        for name, v in report["filters"].items() if v is not None)
    return [
        ("indicator", _("indicator"), f"{indicator.key}: {labels.shown(indicator.title)}"),
        ("definition", _("definition"),
         labels.shown(indicator.definition) + " " + _("Full definition: docs/indicators.md.")),
        ("period", _("period"), _("%(start)s to %(end)s") % {"start": report["period"].start.isoformat(),
                                                             "end": report["period"].end.isoformat()}),
        ("filters", _("filters"), filters or _("all your regions")),
        ("disclosure control", _("disclosure control"), _(
            "every count is perturbed (cell key method): a count published as more than 0 is within %(noise)s of "
            "the true count, a published 0 stands for 0 to %(zero)s; rows and totals are perturbed each on their "
            "own and need not add up; a rate or median over a count published as 0 is '%(suppressed)s'. See "
            "docs/indicators.md.") % {"noise": noise, "zero": k + noise - 1, "suppressed": _(SUPPRESSED)}),
        ("calculated at", _("calculated at"), timezone.localtime(report["calculated_at"]).isoformat(timespec="seconds")),
    ]


def table(report: dict, *, labelled: bool = False) -> tuple[list[str], list[list]]:
    """Header and rows: the cells, the subtotals (`total` in the other dimension), the grand total.
    `labelled`: human labels for the dimensions, measures and values instead of their codes."""
    by = report["by"]
    measures = [m.key for m in report["indicator"].measures]
    if labelled:
        header = [*(labels.dimension(d) for d in by), *(labels.measure(m) for m in measures)]
    else:
        header = [*by, *measures]
    suppressed = _(SUPPRESSED) if labelled else SUPPRESSED

    def line(row):
        dims = [row["dimensions"].get(d, "total") for d in by]
        if labelled:
            dims = [labels.value(d, v) for d, v in zip(by, dims)]
        return [*dims, *(suppressed if row["values"][m] is None and m in row["suppressed"] else row["values"][m]
                          for m in measures)]

    rows = [line(r) for r in report["rows"]] + [line(r) for r in report["subtotals"]]
    rows.append(line(report["total"]))
    return header, rows


def _decimal_comma(value):
    return str(value).replace(".", ",") if isinstance(value, float) else value


def to_csv(report: dict, *, dialect: str = "rfc4180", part: str = "figures") -> bytes:
    out = io.StringIO()
    if dialect == "excel-nl":
        out.write(BOM)
        writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
        if part == "about":
            writer.writerows([[label, value] for _code, label, value in about(report)])
        else:
            header, rows = table(report, labelled=True)
            writer.writerow(header or [_("value")])
            writer.writerows([[_decimal_comma(v) for v in row] for row in rows])
        return out.getvalue().encode("utf-8")
    writer = csv_writer(out)
    if part == "about":
        writer.writerows([[code, value] for code, _label, value in about(report)])
        return out.getvalue().encode("utf-8")
    for code, _label, value in about(report):
        writer.writerow([f"# {code}", value])
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
    header, rows = table(report, labelled=True)
    xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    sheet_about = book.create_sheet("about")
    for _code, label, value in about(report):
        xlsx_append(sheet_about, [label, value])
    sheet_about.column_dimensions["A"].width, sheet_about.column_dimensions["B"].width = 20, 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def period_report_xlsx(report: dict) -> bytes:
    """The standing period report as one workbook: `figures` (indicator, measure, value, one line per
    measure, labels in the request's language), `definitions` (each indicator's), `about`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "figures"
    xlsx_append(sheet, [_("indicator"), _("measure"), _("value")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator, total in report["figures"]:
        for m in indicator.measures:
            value = total["values"][m.key]
            xlsx_append(sheet, [labels.shown(indicator.title), labels.measure(m.key),
                                _(SUPPRESSED) if value is None else value])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 45, 35
    definitions = book.create_sheet("definitions")
    for indicator, _total in report["figures"]:
        xlsx_append(definitions, [indicator.key, labels.shown(indicator.title), labels.shown(indicator.definition)])
    sheet_about = book.create_sheet("about")
    k, noise = report["minimum_cell_size"], report["maximum_noise"]
    filters = ", ".join(f"{labels.dimension(name)}={v.name}" for name, v in report["filters"].items() if v is not None)
    for label, value in (
        (_("period"), _("%(start)s to %(end)s") % {"start": report["period"].start.isoformat(),
                                                   "end": report["period"].end.isoformat()}),
        (_("filters"), filters or _("all your regions")),
        (_("disclosure control"), _(
            "every count is perturbed (cell key method): a count published as more than 0 is within %(noise)s of "
            "the true count, a published 0 stands for 0 to %(zero)s; rows and totals are perturbed each on their "
            "own and need not add up; a rate or median over a count published as 0 is '%(suppressed)s'. See "
            "docs/indicators.md.") % {"noise": noise, "zero": k + noise - 1, "suppressed": _(SUPPRESSED)}),
        (_("calculated at"), timezone.localtime(report["calculated_at"]).isoformat(timespec="seconds")),
    ):
        xlsx_append(sheet_about, [label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def money_about(report: dict) -> list[tuple[str, str, str]]:
    """(code, label, value) of the lines describing a money report (reports/money.py)."""
    filters = ", ".join(f"{labels.dimension(name)}={getattr(v, 'name', getattr(v, 'code', v))}"
                        for name, v in report["filters"].items() if v is not None)
    title, definition = labels.MONEY_REPORTS[report["report"]]
    if report["report"] == "spend":
        control = _("amounts in whole euros (rounded half up, each on its own: rows need not add up to the total); "
                    "budgets and what is charged to them are the funders' accounts, published whatever the number of "
                    "services. See docs/indicators.md.")
    else:
        control = _("amounts in whole euros (rounded half up); an average is '%(suppressed)s' where it is taken over "
                    "fewer than %(k)s people (the cost per placement also over fewer than %(k)s placements); counts "
                    "and cost totals of a group are not published. See docs/indicators.md.") % {
            "suppressed": _(SUPPRESSED), "k": report["minimum_cell_size"]}
    return [
        ("report", _("report"), f"{report['report']}: {labels.shown(title)}"),
        ("definition", _("definition"), labels.shown(definition) + " " + _("Full definition: docs/indicators.md.")),
        ("period", _("period"), _("%(start)s to %(end)s") % {"start": report["period"].start.isoformat(),
                                                             "end": report["period"].end.isoformat()}),
        ("filters", _("filters"), filters or _("all your regions")),
        ("disclosure control", _("disclosure control"), control),
        ("calculated at", _("calculated at"), timezone.localtime(report["calculated_at"]).isoformat(timespec="seconds")),
    ]


SPEND_COLUMNS = ("source", "name", "region", "kind", "periodStart", "periodEnd")


def money_table(report: dict, *, labelled: bool = False) -> tuple[list[str], list[list]]:
    """Header and rows of a money report: per source (spend) or per group (cost), then the total."""
    total_label = labels.value("", "total") if labelled else "total"
    if report["report"] == "spend":
        from reports.money import SPEND_AMOUNTS

        columns, measures = list(SPEND_COLUMNS), list(SPEND_AMOUNTS)
        header = [*(labels.column(c) for c in columns), *(labels.measure(m) for m in measures)] if labelled \
            else [*columns, *measures]
        kinds = labels.funding_kinds() if labelled else {}
        rows = [[r["source"], r["name"], r["region"], str(kinds.get(r["kind"], r["kind"])),
                 r["period_start"].isoformat(), r["period_end"].isoformat(), *(r["values"][m] for m in measures)]
                for r in report["rows"]]
        rows.append([total_label, "", "", "", "", "", *(report["total"]["values"][m] for m in measures)])
        return header, rows
    from reports.money import COST_MEASURES

    by, measures = report["by"], list(COST_MEASURES)
    header = [*(labels.dimension(d) for d in by), *(labels.measure(m) for m in measures)] if labelled \
        else [*by, *measures]
    suppressed = _(SUPPRESSED) if labelled else SUPPRESSED

    def line(row):
        dims = [row["dimensions"].get(d, "total") for d in by]
        if labelled:
            dims = [labels.value(d, v) for d, v in zip(by, dims)]
        return [*dims, *(suppressed if row["values"][m] is None else row["values"][m] for m in measures)]

    return header, [line(r) for r in report["rows"]] + [line(report["total"])]


def _csv(lines: list[tuple[str, str, str]], table_of, *, dialect: str, part: str) -> bytes:
    """A report's CSV from its describing lines and `table_of(labelled=...)`: in the RFC 4180 dialect
    the lines as `# code,value` above the codes' table, in the Dutch Excel dialect the labelled table
    (decimal comma) or, with `part=about`, the lines as a file of their own."""
    out = io.StringIO()
    if dialect == "excel-nl":
        out.write(BOM)
        writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
        if part == "about":
            writer.writerows([[label, value] for _code, label, value in lines])
        else:
            header, rows = table_of(labelled=True)
            writer.writerow(header)
            writer.writerows([[_decimal_comma(v) for v in row] for row in rows])
        return out.getvalue().encode("utf-8")
    writer = csv_writer(out)
    if part == "about":
        writer.writerows([[code, value] for code, _label, value in lines])
        return out.getvalue().encode("utf-8")
    for code, _label, value in lines:
        writer.writerow([f"# {code}", value])
    header, rows = table_of(labelled=False)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def money_csv(report: dict, *, dialect: str = "rfc4180", part: str = "figures") -> bytes:
    return _csv(money_about(report), lambda labelled: money_table(report, labelled=labelled), dialect=dialect,
                part=part)


def money_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "figures"
    header, rows = money_table(report, labelled=True)
    xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    sheet_about = book.create_sheet("about")
    for _code, label, value in money_about(report):
        xlsx_append(sheet_about, [label, value])
    sheet_about.column_dimensions["A"].width, sheet_about.column_dimensions["B"].width = 20, 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TARGET_COLUMNS = ("region", "programme", "programmeName", "measure", "indicator", "target", "ownTarget", "realised",
                  "share")


def targets_about(report: dict) -> list[tuple[str, str, str]]:
    """(code, label, value) of the lines describing the targets report (reports/targets.py)."""
    filters = ", ".join(f"{labels.dimension(name)}={getattr(v, 'name', getattr(v, 'code', v))}"
                        for name, v in report["filters"].items() if v is not None)
    title, definition = labels.TARGETS_REPORT
    k, noise = report["minimum_cell_size"], report["maximum_noise"]
    return [
        ("report", _("report"), f"targets: {labels.shown(title)}"),
        ("definition", _("definition"), labels.shown(definition) + " " + _("Full definition: docs/indicators.md.")),
        ("period", _("period"), _("%(start)s to %(end)s") % {"start": report["period"].start.isoformat(),
                                                             "end": report["period"].end.isoformat()}),
        ("filters", _("filters"), filters or _("all your regions")),
        ("disclosure control", _("disclosure control"), _(
            "every count is perturbed (cell key method): a count published as more than 0 is within %(noise)s of "
            "the true count, a published 0 stands for 0 to %(zero)s; rows and totals are perturbed each on their "
            "own and need not add up; a rate or median over a count published as 0 is '%(suppressed)s'. See "
            "docs/indicators.md.") % {"noise": noise, "zero": k + noise - 1, "suppressed": _(SUPPRESSED)}),
        ("calculated at", _("calculated at"), timezone.localtime(report["calculated_at"]).isoformat(timespec="seconds")),
    ]


def targets_table(report: dict, *, labelled: bool = False) -> tuple[list[str], list[list]]:
    """Header and rows of the targets report, one per region, programme and measure, as in the JSON;
    `realised` is the published (perturbed) count."""
    header = [labels.column(c) for c in TARGET_COLUMNS] if labelled else list(TARGET_COLUMNS)
    yes, no = (_("yes"), _("no")) if labelled else ("true", "false")
    rows = [[r["region"].name, r["programme"].code, r["programme"].name,
             labels.target_measure(r["measure"]) if labelled else r["measure"], r["indicator"], r["target"],
             yes if r["own_target"] else no, r["realised"], r["share"]] for r in report["rows"]]
    return header, rows


def targets_csv(report: dict, *, dialect: str = "rfc4180", part: str = "figures") -> bytes:
    return _csv(targets_about(report), lambda labelled: targets_table(report, labelled=labelled), dialect=dialect,
                part=part)
