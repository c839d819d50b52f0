"""Programmes' targets against what was realised (`GET /api/v1/reports/targets?period=2026`): per region
of the caller and target, the target, the realised figure as the indicator publishes it (the same cell,
so the same perturbed count, as `GET /api/v1/reports/{indicator}?period=&region=&programme=`) and the
share realised. A region's own target for a programme wins over the default without a region.

Queries: the scope, the targets, and one grouped aggregation per measure named by a target (three at
most), whatever the number of regions and targets."""
from dataclasses import replace

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import ProgrammeTarget, TargetMeasure
from rwc.errors import InvalidFields
from rwc.models import Region
from rwc.replica import replica_reads

from . import periods
from .engine import Scope, _group, _published, _scoped
from .indicators import BY_KEY
from .service import _scope

# what each kind of target counts: an indicator and its count measure
MEASURES = {TargetMeasure.TRAJECTORIES: ("intakes", "intakes"), TargetMeasure.PEOPLE: ("people-helped", "people"),
            TargetMeasure.PLACEMENTS: ("placements", "placed")}


def _whole_year(text) -> periods.Period:
    period = periods.parse(text)
    if (period.start.month, period.start.day, period.end.month, period.end.day) != (1, 1, 12, 31) or \
            period.start.year != period.end.year:
        raise InvalidFields([("period", "not_a_year", _("Targets are per year: name one year, e.g. 2026."))])
    return period


def _realised(measure: str, region_ids: list[int], programme_ids: set[int], period, today):
    """The measure's indicator (its one count) and {(region id, programme id): raw cell}, one grouped query."""
    key, measure_key = MEASURES[measure]
    indicator = BY_KEY[key]
    paths = indicator.paths
    grouped = replace(indicator, measures=[m for m in indicator.measures if m.key == measure_key],
                      expressions={"region_id": F(paths["region"]), "programme_id": F(paths["programme"])})
    qs = _scoped(grouped, indicator.queryset(period, today), Scope(region_ids=region_ids))
    qs = qs.filter(**{f"{paths['programme']}__in": programme_ids})
    return grouped, _group(grouped, qs, ["region_id", "programme_id"])


def targets(principal, *, period: str | None, region=None, province=None, today=None) -> dict:
    parsed = _whole_year(period)
    scope, chosen = _scope(principal, region=region, province=province)
    today = today or timezone.localdate()
    k, max_noise = settings.REPORT_MIN_CELL, settings.REPORT_MAX_NOISE
    year = parsed.start.year
    found = list(ProgrammeTarget.objects.filter(year=year).filter(
        Q(region_id__in=scope.region_ids) | Q(region__isnull=True)).select_related("programme"))
    regions = {r.id: r for r in Region.objects.filter(id__in=scope.region_ids)}
    applying = []  # (region, target): the region's own, else the default
    for region_id in scope.region_ids:
        own = {(t.programme_id, t.measure): t for t in found if t.region_id == region_id}
        default = {(t.programme_id, t.measure): t for t in found if t.region_id is None}
        applying += [(regions[region_id], t) for t in {**default, **own}.values()]
    rows = []
    with replica_reads():
        cells = {}
        for measure in {t.measure for _, t in applying}:
            cells[measure] = _realised(measure, scope.region_ids, {t.programme_id for _, t in applying
                                                                   if t.measure == measure}, parsed, today)
    for region_obj, t in sorted(applying, key=lambda rt: (rt[0].name, rt[1].programme.name, rt[1].measure)):
        indicator, grouped = cells[t.measure]
        raw = grouped.get((region_obj.id, t.programme_id), {})
        measure_key = MEASURES[t.measure][1]
        realised = _published(indicator, raw, k, max_noise)[measure_key]
        rows.append({"region": region_obj, "programme": t.programme, "measure": t.measure,
                     "indicator": MEASURES[t.measure][0], "target": t.target, "realised": realised,
                     "share": round(realised / t.target, 4), "own_target": t.region_id is not None})
    return {"period": parsed, "filters": chosen, "minimum_cell_size": k, "maximum_noise": max_noise,
            "calculated_at": timezone.now(), "rows": rows}

