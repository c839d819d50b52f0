"""Computing an indicator: one aggregation query per grouping (the cells, each dimension's totals,
the grand total), in the database, then small-cell suppression. Nothing is loaded per record.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Aggregate, FloatField, Q, QuerySet
from django.utils import timezone

from rwc.errors import InvalidFields

from . import dimensions, periods
from .suppression import TOTAL, Table, entries, small, suppress


class Median(Aggregate):
    """The median (PostgreSQL's percentile_cont); see `_median_fallback` for SQLite."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class Measure:
    key: str
    kind: str  # count | rate | median
    aggregate: object = None  # counts: an Aggregate; medians: the expression to take the median of
    numerator: str = ""  # rates: keys of two count measures
    denominator: str = ""
    over: str = ""  # medians: the count measure they are taken over (published only when >= k)


@dataclass
class Indicator:
    key: str
    title: str
    definition: str
    queryset: object  # (period, today) -> QuerySet of the records counted in the period
    date_path: str  # the date that places a record in a period ("" where none does: no time dimensions)
    paths: dict  # region, desk, programme, client, sector ... -> ORM paths
    measures: list[Measure]
    extra_dimensions: tuple[str, ...] = ()  # indicator-specific, e.g. closing_reason, kind
    expressions: dict = field(default_factory=dict)  # dimension -> expression (for computed ones)
    point_in_time: bool = False  # counted at the end of each period (caseload), not over it

    @property
    def dimensions(self) -> tuple[str, ...]:
        common = [d for d, need in dimensions.NEEDS.items() if need in self.paths]
        return (*common, *self.extra_dimensions, *(periods.TIME_DIMENSIONS if self.date_path else ()))


@dataclass
class Scope:
    """What the caller may see and asked to narrow to: region ids (never empty), desk, programme."""

    region_ids: list[int]
    desk_id: int | None = None
    programme_id: int | None = None


def _check_by(indicator: Indicator, by: list[str]) -> list[str]:
    unknown = [d for d in by if d not in indicator.dimensions]
    if unknown:
        raise InvalidFields([("by", "unknown_dimension",
                              f"{indicator.key} can be broken down by: {', '.join(indicator.dimensions)}.")])
    if len(by) > 2 or len(set(by)) != len(by):
        raise InvalidFields([("by", "too_many", "Break down by at most two different dimensions.")])
    if sum(d in periods.TIME_DIMENSIONS for d in by) > 1:
        raise InvalidFields([("by", "two_time_dimensions", "Use one of year, quarter, month.")])
    return by


def _scoped(indicator: Indicator, qs: QuerySet, scope: Scope) -> QuerySet:
    paths = indicator.paths
    qs = qs.filter(**{f"{paths['region']}__in": scope.region_ids})
    for name, value in (("desk", scope.desk_id), ("programme", scope.programme_id)):
        if value is None:
            continue
        if name not in paths:
            raise InvalidFields([(name, "not_for_indicator", f"{indicator.key} cannot be narrowed by {name}.")])
        qs = qs.filter(**{paths[name]: value})
    return qs


def _group(indicator: Indicator, qs: QuerySet, by: list[str]) -> dict[tuple, dict]:
    """{(dimension values...): {measure: value}} in one query."""
    aliases, annotations = [], {}
    for name in by:
        if name in indicator.expressions:
            expression, extra = indicator.expressions[name], {}
        else:
            expression, extra = dimensions.expression(name, indicator.paths, indicator.date_path)
        annotations.update(extra)
        annotations[f"d_{name}"] = expression
        aliases.append(f"d_{name}")
    if annotations:
        qs = qs.annotate(**annotations)
    aggregates = {}
    for m in indicator.measures:
        if m.kind == "count":
            aggregates[m.key] = m.aggregate
        elif m.kind == "median" and connection.vendor == "postgresql":
            aggregates[m.key] = Median(m.aggregate)
    grouped = qs.values(*aliases).annotate(**aggregates).order_by() if aliases else [qs.aggregate(**aggregates)]
    out = {}
    for row in grouped:
        key = tuple(_label(row[a], name) for a, name in zip(aliases, by))
        out[key] = {k: row.get(k) for k in aggregates}
    if connection.vendor != "postgresql":
        _median_fallback(indicator, qs, aliases, by, out)
    return out


def _median_fallback(indicator, qs, aliases, by, out):
    """SQLite (the local demo) has no percentile function: the numbers alone, grouped, in Python."""
    from statistics import median

    for m in indicator.measures:
        if m.kind != "median":
            continue
        values: dict[tuple, list] = {}
        for row in qs.annotate(_m=m.aggregate).values(*aliases, "_m"):
            if row["_m"] is not None:
                values.setdefault(tuple(_label(row[a], n) for a, n in zip(aliases, by)), []).append(row["_m"])
        for key, numbers in values.items():
            out.setdefault(key, {})[m.key] = float(median(numbers))


def _label(value, name: str):
    if value is None or value == "":
        return "none"
    if name in periods.TIME_DIMENSIONS:
        return periods.bucket_label(value, name)
    return value


def _count_of(indicator: Indicator, measure: Measure) -> str:
    """A median is published only where the count it is taken over is at least k."""
    return measure.over or next(m.key for m in indicator.measures if m.kind == "count")


def compute(indicator: Indicator, *, scope: Scope, period: periods.Period, by: list[str], k: int,
            today: date | None = None) -> dict:
    today = today or timezone.localdate()
    by = _check_by(indicator, by)
    time_dim = next((d for d in by if d in periods.TIME_DIMENSIONS), None)
    if indicator.point_in_time and time_dim:
        return _over_time(indicator, scope=scope, period=period, by=by, time_dim=time_dim, k=k, today=today)
    groupings = [by] + ([[d] for d in by] if len(by) == 2 else []) + ([[]] if by else [])
    qs = _scoped(indicator, indicator.queryset(period, today), scope)
    results = {tuple(g): _group(indicator, qs, g) for g in groupings}
    return _publish(indicator, by, results, k)


def _over_time(indicator, *, scope, period, by, time_dim, k, today) -> dict:
    """A point-in-time figure (the caseload) does not add up over time: each period end is its own
    table, suppressed on its own, and the report's total is the last period end's (the same figure,
    suppressed or not, as that period's row), so no published sum can uncover a hidden cell."""
    other = [d for d in by if d != time_dim]
    rows, subtotals, last = [], [], None
    for part in periods.buckets(period, time_dim):
        label = periods.bucket_label(part.end, time_dim)
        figures = compute(indicator, scope=scope, period=part, by=other, k=k, today=today)
        position = by.index(time_dim)

        def labelled(row):
            dims = list(row["dimensions"].items())
            dims.insert(position, (time_dim, label))
            return {**row, "dimensions": dict(dims)}

        if other:
            rows += [labelled(r) for r in figures["rows"]]
            subtotals.append(labelled(figures["total"]))
        else:
            rows.append(labelled(figures["total"]))
        last = figures["total"]
    return {"rows": rows, "subtotals": subtotals, "total": last}


def _publish(indicator: Indicator, by: list[str], results: dict, k: int) -> dict:
    cells = results[tuple(by)]
    counts = [m for m in indicator.measures if m.kind == "count"]
    hidden: dict[str, set] = {}  # measure -> suppressed entries (cell keys, margins, TOTAL)

    def entries_of(measure_key):
        table = Table(cells={key: v.get(measure_key) or 0 for key, v in cells.items()}, dims=len(by))
        if len(by) == 2:
            for axis, name in enumerate(by):
                for (value,), v in results[(name,)].items():
                    table.margins[(axis, value)] = v.get(measure_key) or 0
        total_row = results[()].get((), {}) if by else cells.get((), {})
        table.total = total_row.get(measure_key) or 0
        return table

    tables = {m.key: entries_of(m.key) for m in counts}
    extra: dict[str, set] = {m.key: set() for m in counts}
    while True:  # a rate may give its numerator away, which then needs secondary suppression of its own
        for m in counts:
            hidden[m.key] = suppress(tables[m.key], k, also=extra[m.key]).suppressed
        changed = False
        for m in (m for m in indicator.measures if m.kind == "rate"):
            num, den = tables[m.numerator], tables[m.denominator]
            for entry in entries(num):
                n, d = num.value(entry), den.value(entry)
                if small(d - n, k) and entry not in hidden[m.numerator]:
                    extra[m.numerator].add(entry)  # published with its denominator it tells the rest
                    changed = True
        if not changed:
            break
    return _shape(indicator, by, results, tables, hidden, k)


def _value(indicator, measure: Measure, entry, tables, hidden, raw: dict, k: int):
    if measure.kind == "count":
        if entry in hidden[measure.key]:
            return None
        return tables[measure.key].value(entry)
    if measure.kind == "rate":
        num, den = tables[measure.numerator], tables[measure.denominator]
        n, d = num.value(entry), den.value(entry)
        if d < k or entry in hidden[measure.numerator] or entry in hidden[measure.denominator] or d == 0:
            return None
        return round(n / d, 4)
    base = tables[_count_of(indicator, measure)].value(entry)
    value = raw.get(measure.key)
    return None if base < k or value is None else round(float(value), 1)


def _shape(indicator, by, results, tables, hidden, k):
    def row(entry, dims: dict, raw: dict):
        values = {m.key: _value(indicator, m, entry, tables, hidden, raw, k) for m in indicator.measures}
        return {"dimensions": dims, "values": values,
                "suppressed": [key for key, v in values.items() if v is None]}

    cells = results[tuple(by)]
    rows = [row(key, dict(zip(by, key)), raw) for key, raw in sorted(cells.items(), key=lambda kv: str(kv[0]))]
    subtotals = []
    if len(by) == 2:
        for axis, name in enumerate(by):
            for (value,), raw in sorted(results[(name,)].items(), key=lambda kv: str(kv[0])):
                subtotals.append(row(("margin", axis, value), {name: value}, raw))
    total_raw = (results[()].get((), {}) if by else cells.get((), {}))
    return {"rows": rows if by else [], "subtotals": subtotals, "total": row(TOTAL, {}, total_raw)}
