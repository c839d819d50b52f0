"""Euro figures of services and funding, for a funder and the region's manager: no personal data,
and nothing about a group smaller than k (REPORT_MIN_CELL).

The counts (services delivered, training, front-door questions) are indicators of the reports
engine (reports/service_indicators.py) with its cell key noise. These are sums of euros, which the
engine does not publish; they are pure functions here, not yet behind an API route:

- `spend_by_source`: per funding source of the regions, its ceiling, what approved services charge to
  it, what remains, and what is booked on services not yet approved. Budgets are the funders' own
  figures: shown whatever the number of services.
- `cost_per_person` and `cost_per_placement`: the approved cost of services started in the period,
  divided by the distinct people they were delivered to, or by the placements dated in the period;
  None (suppressed) when fewer than k people or placements, so no single person's cost shows.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from cases.choices import OutcomeKind
from cases.models import Outcome

from .catalogue import ZERO
from .models import DeliveredService, FundingSource

CENT = Decimal("0.01")


def spend_by_source(region_ids) -> list[dict]:
    sources = FundingSource.objects.filter(region_id__in=region_ids).annotate(
        spent=Coalesce(Sum("allocations__amount", filter=Q(allocations__service__approved_at__isnull=False)), ZERO),
        pending=Coalesce(Sum("allocations__amount", filter=Q(allocations__service__approved_at__isnull=True)), ZERO),
    ).order_by("region_id", "name", "id")
    return [{"source": s.code, "name": s.name, "region": s.region_id, "period_start": s.period_start,
             "period_end": s.period_end, "budget_ceiling": s.budget_ceiling, "spent": s.spent,
             "remaining": s.budget_ceiling - s.spent, "pending": s.pending} for s in sources]


def _approved_started(region_ids, start, end):
    return DeliveredService.objects.filter(case__desk__region_id__in=region_ids, approved_at__isnull=False,
                                           actual_start__gte=start, actual_start__lte=end)


def _per(total: Decimal, count: int, k: int) -> Decimal | None:
    if count < k or count == 0:
        return None
    return (total / count).quantize(CENT, rounding=ROUND_HALF_UP)


def cost_per_person(region_ids, start, end, *, k: int | None = None) -> dict:
    k = settings.REPORT_MIN_CELL if k is None else k
    services = _approved_started(region_ids, start, end)
    total = services.aggregate(total=Coalesce(Sum("cost"), ZERO))["total"]
    people = services.values("case__client").distinct().count()
    return {"cost": total, "people": people if people >= k else None, "cost_per_person": _per(total, people, k)}


def cost_per_placement(region_ids, start, end, *, k: int | None = None) -> dict:
    k = settings.REPORT_MIN_CELL if k is None else k
    total = _approved_started(region_ids, start, end).aggregate(total=Coalesce(Sum("cost"), ZERO))["total"]
    placements = Outcome.objects.filter(case__desk__region_id__in=region_ids, kind=OutcomeKind.PLACEMENT,
                                        date__gte=start, date__lte=end).count()
    return {"cost": total, "placements": placements if placements >= k else None,
            "cost_per_placement": _per(total, placements, k)}
