"""Euro sums of services and funding, exact to the cent, for the money reports (reports/money.py),
which round them, suppress averages over fewer than k people and decide who may see them.

- `spend_by_source`: per funding source of the regions whose period overlaps [start, end]: its
  ceiling; what services approved up to the end charge to it (`approved`), of that what was approved
  within the period (`approved_in_period`) and what is on services that had started by the end
  (`realised`: delivered, whether since completed, stopped early or still running); the remainder
  (ceiling minus approved). One query.
- `cost_groups`: the approved cost of services started in [start, end] and the distinct people they
  were delivered to, per group (region, desk or programme of the case, or none: one group), and the
  placements dated in [start, end] per the same group. Two queries.

Nothing is loaded per record: the database sums.
"""
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from cases.choices import OutcomeKind
from cases.models import Outcome

from .catalogue import ZERO
from .models import DeliveredService, FundingSource

# group -> path from a service or an outcome (both hang on a case) to the group's value
GROUP_PATHS = {"region": "case__desk__region__name", "desk": "case__desk__name", "programme": "case__programme__code"}


def spend_by_source(region_ids, start, end, *, since, until) -> list[dict]:
    """`start`, `end`: the period's days (both included); `since`, `until`: its moments [since, until)."""
    approved = Q(allocations__service__approved_at__lt=until)
    sources = FundingSource.objects.filter(region_id__in=region_ids, period_start__lte=end, period_end__gte=start)
    sources = sources.annotate(
        approved=Coalesce(Sum("allocations__amount", filter=approved), ZERO),
        approved_in_period=Coalesce(Sum("allocations__amount", filter=approved & Q(
            allocations__service__approved_at__gte=since)), ZERO),
        realised=Coalesce(Sum("allocations__amount", filter=approved & Q(
            allocations__service__actual_start__lte=end)), ZERO),
        region_name=F("region__name"),
    ).order_by("region__name", "name", "id")
    return [{"source": s.code, "name": s.name, "region": s.region_name, "kind": s.kind,
             "period_start": s.period_start, "period_end": s.period_end, "budget": s.budget_ceiling,
             "approved": s.approved, "approved_in_period": s.approved_in_period, "realised": s.realised,
             "remaining": s.budget_ceiling - s.approved} for s in sources]


def _narrowed(qs, region_ids, desk_id, programme_id):
    qs = qs.filter(case__desk__region_id__in=region_ids)
    if desk_id is not None:
        qs = qs.filter(case__desk_id=desk_id)
    if programme_id is not None:
        qs = qs.filter(case__programme_id=programme_id)
    return qs


def cost_groups(region_ids, start, end, *, group: str | None = None, desk_id=None, programme_id=None) -> dict:
    """{group value (None without a group): {"cost", "people", "placements"}}."""
    services = _narrowed(DeliveredService.objects.filter(approved_at__isnull=False, actual_start__gte=start,
                                                         actual_start__lte=end), region_ids, desk_id, programme_id)
    placements = _narrowed(Outcome.objects.filter(kind=OutcomeKind.PLACEMENT, date__gte=start, date__lte=end),
                           region_ids, desk_id, programme_id)
    sums = {"cost": Coalesce(Sum("cost"), ZERO), "people": Count("case__client", distinct=True)}
    out: dict = {}
    if group is None:
        out[None] = {**services.aggregate(**sums), "placements": placements.count()}
        return out
    path = GROUP_PATHS[group]
    for row in services.values(g=F(path)).annotate(**sums).order_by():
        out[row["g"]] = {"cost": row["cost"], "people": row["people"], "placements": 0}
    for row in placements.values(g=F(path)).annotate(n=Count("id")).order_by():
        out.setdefault(row["g"], {"cost": ZERO, "people": 0, "placements": 0})["placements"] = row["n"]
    return out
