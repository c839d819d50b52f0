"""Computing an indicator: one aggregation query per grouping (the cells, each dimension's totals,
the grand total), in the database, each count with the sum of its records' keys; then every count is
perturbed by the cell key method (`cellkey`). Nothing is loaded per record.
"""
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rwc.errors import InvalidFields

from . import cellkey, dimensions, periods

KEY = "key_"  # prefix of the aggregate holding a count's sum of record keys


class Median(Aggregate):
    """The median (PostgreSQL's percentile_cont); see `_median_fallback` for SQLite."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass(frozen=True)
class Counted:
    """What a count measure counts: the distinct records at `path` (of the indicator's records) where
    `where` holds, or the sum of their field `total` (a vacancy's places). Their record keys, summed
    over the same records, give the cell key."""

    path: str = "id"
    where: Q | None = None
    total: str = ""

    def aggregate(self):
        if self.total:
            return Sum(self.total, filter=self.where)
        return Count(self.path, distinct=True, filter=self.where)

    def key_sum(self, model):
        """The sum of the counted records' keys (distinct records: a join that repeats one adds it once)."""
        target, path = model, self.path
        if path != "id":
            for part in path.split("__"):
                target = target._meta.get_field(part).related_model
            path = f"{path}__id"
        return Sum(cellkey.RecordKey(target._meta.label_lower, path), distinct=True, filter=self.where)


@dataclass
class Measure:
    key: str
    kind: str  # count | rate | median
    aggregate: object = None  # counts: a Counted; medians: the expression to take the median of
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
    per_period: bool = False  # by a time dimension: counted over each period on its own (people helped: a
    # person helped in two quarters counts in each), the total over the whole period

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
                              _("%(indicator)s can be broken down by: %(dimensions)s.")
                              % {"indicator": indicator.key, "dimensions": ", ".join(indicator.dimensions)})])
    if len(by) > 2 or len(set(by)) != len(by):
        raise InvalidFields([("by", "too_many", _("Break down by at most two different dimensions."))])
    if sum(d in periods.TIME_DIMENSIONS for d in by) > 1:
        raise InvalidFields([("by", "two_time_dimensions", _("Use one of year, quarter, month."))])
    return by


def _scoped(indicator: Indicator, qs: QuerySet, scope: Scope) -> QuerySet:
    paths = indicator.paths
    qs = qs.filter(**{f"{paths['region']}__in": scope.region_ids})
    for name, value in (("desk", scope.desk_id), ("programme", scope.programme_id)):
        if value is None:
            continue
        if name not in paths:
            raise InvalidFields([(name, "not_for_indicator", _("%(indicator)s cannot be narrowed by %(name)s.")
                                  % {"indicator": indicator.key, "name": name})])
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
    for m in indicator.measures:  # aliases apart from field names (a measure `attended` filters on one)
        if m.kind == "count":
            aggregates[f"m_{m.key}"] = m.aggregate.aggregate()
            aggregates[f"m_{KEY}{m.key}"] = m.aggregate.key_sum(qs.model)
        elif m.kind == "median" and connection.vendor == "postgresql":
            aggregates[f"m_{m.key}"] = Median(m.aggregate)
    grouped = qs.values(*aliases).annotate(**aggregates).order_by() if aliases else [qs.aggregate(**aggregates)]
    out = {}
    for row in grouped:
        key = tuple(_label(row[a], name) for a, name in zip(aliases, by))
        out[key] = {name[2:]: row.get(name) for name in aggregates}
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
            max_noise: int | None = None, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    max_noise = settings.REPORT_MAX_NOISE if max_noise is None else max_noise
    by = _check_by(indicator, by)
    time_dim = next((d for d in by if d in periods.TIME_DIMENSIONS), None)
    if (indicator.point_in_time or indicator.per_period) and time_dim:
        return _over_time(indicator, scope=scope, period=period, by=by, time_dim=time_dim, k=k,
                          max_noise=max_noise, today=today)
    groupings = [by] + ([[d] for d in by] if len(by) == 2 else []) + ([[]] if by else [])
    qs = _scoped(indicator, indicator.queryset(period, today), scope)
    results = {tuple(g): _group(indicator, qs, g) for g in groupings}
    return _publish(indicator, by, results, k, max_noise)


def _over_time(indicator, *, scope, period, by, time_dim, k, max_noise, today) -> dict:
    """A point-in-time figure (the caseload) does not add up over time: each period end is its own
    table, and the report's total is the last period end's (the same cell, so the same published
    figure, as that period's row). A per-period figure (people helped) neither: each period is its own
    table, and the total and the other dimension's subtotals are over the whole period."""
    other = [d for d in by if d != time_dim]
    rows, subtotals, last = [], [], None
    for part in periods.buckets(period, time_dim):
        label = periods.bucket_label(part.end, time_dim)
        figures = compute(indicator, scope=scope, period=part, by=other, k=k, max_noise=max_noise, today=today)
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
    if indicator.per_period:
        whole = compute(indicator, scope=scope, period=period, by=other, k=k, max_noise=max_noise, today=today)
        subtotals += whole["rows"]
        last = whole["total"]
    return {"rows": rows, "subtotals": subtotals, "total": last}


def _published(indicator: Indicator, raw: dict, k: int, max_noise: int) -> dict:
    """The published values of one cell: each count perturbed by its own cell key; a rate from the
    published numerator and denominator (none over a published 0); a median only where the count it
    is taken over is published as more than 0, that is: truly at least k."""
    values = {}
    for m in indicator.measures:
        if m.kind == "count":
            values[m.key] = cellkey.perturb(int(raw.get(m.key) or 0), int(raw.get(KEY + m.key) or 0),
                                            k=k, max_noise=max_noise)
    for m in indicator.measures:
        if m.kind == "rate":
            n, d = values[m.numerator], values[m.denominator]
            values[m.key] = round(min(n / d, 1.0), 4) if d else None
        elif m.kind == "median":
            value = raw.get(m.key)
            values[m.key] = round(float(value), 1) if values[_count_of(indicator, m)] and value is not None else None
    return {m.key: values[m.key] for m in indicator.measures}


def _publish(indicator: Indicator, by: list[str], results: dict, k: int, max_noise: int) -> dict:
    """Rows and subtotals whose every count is published as 0 are left out (their dimension values,
    free text such as a qualification title among them, included): a listed row with only zeros
    would tell that something was there."""

    def row(dims: dict, raw: dict):
        values = _published(indicator, raw, k, max_noise)
        return {"dimensions": dims, "values": values, "suppressed": [key for key, v in values.items() if v is None]}

    def shown(figure) -> bool:
        return any(figure["values"][m.key] for m in indicator.measures if m.kind == "count")

    cells = results[tuple(by)]
    rows = [row(dict(zip(by, key)), raw) for key, raw in sorted(cells.items(), key=lambda kv: str(kv[0]))]
    subtotals = []
    if len(by) == 2:
        for name in by:
            for (value,), raw in sorted(results[(name,)].items(), key=lambda kv: str(kv[0])):
                subtotals.append(row({name: value}, raw))
    total_raw = (results[()].get((), {}) if by else cells.get((), {}))
    return {"rows": [r for r in rows if shown(r)] if by else [], "subtotals": [r for r in subtotals if shown(r)],
            "total": row({}, total_raw)}
