"""The money reports (issue 22): spend per funding source against its budget, and cost per person
helped and per placement. Who may ask is as for every report (a region manager, their own regions);
the sums come from services/figures.py; the publication rules are here (docs/indicators.md, "Money"):

- every euro amount is published rounded to whole euros (half up), each on its own from the exact
  cents, so rounded rows need not add up to the rounded total;
- the budgets and what is charged to them are the funders' own accounts, not figures about persons:
  published whatever the number of services behind them;
- an average (cost per person, cost per placement) is published only where the true number of
  people it is taken over is at least k (REPORT_MIN_CELL), and the cost per placement only where the
  placements are at least k too; else it is null and named in `suppressed`. The counts themselves
  and the cost totals of a group are not published (with them an average below k could be worked out
  by subtraction); the perturbed counts of people are in the `services-delivered` report. A group
  whose every average is suppressed is left out.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rwc.errors import InvalidFields
from rwc.replica import replica_reads
from services.figures import cost_groups, spend_by_source

from . import periods
from .service import _scope

SPEND_AMOUNTS = ("budget", "approved", "approvedInPeriod", "realised", "remaining")
COST_MEASURES = ("costPerPerson", "costPerPlacement")
COST_DIMENSIONS = ("region", "desk", "programme")
ROUTES = ("spend", "cost")  # /reports/spend and /reports/cost: never an indicator's key
EURO = Decimal("1")


def euros(amount: Decimal) -> int:
    """Whole euros, half up: 1234.50 -> 1235, 1234.49 -> 1234."""
    return int(Decimal(amount).quantize(EURO, rounding=ROUND_HALF_UP))


def _average(total: Decimal, count: int, k: int) -> int | None:
    return euros(total / count) if count and count >= k else None


def spend(principal, *, period: str | None, region=None) -> dict:
    parsed = periods.parse(period)
    scope, chosen = _scope(principal, region=region)
    since, until = parsed.bounds()
    with replica_reads():
        sources = spend_by_source(scope.region_ids, parsed.start, parsed.end, since=since, until=until)
    rows = [{"source": s["source"], "name": s["name"], "region": s["region"], "kind": s["kind"],
             "period_start": s["period_start"], "period_end": s["period_end"],
             "values": {"budget": euros(s["budget"]), "approved": euros(s["approved"]),
                        "approvedInPeriod": euros(s["approved_in_period"]), "realised": euros(s["realised"]),
                        "remaining": euros(s["remaining"])}} for s in sources]
    exact = {"budget": "budget", "approved": "approved", "approvedInPeriod": "approved_in_period",
             "realised": "realised", "remaining": "remaining"}
    total = {key: euros(sum((s[name] for s in sources), Decimal(0))) for key, name in exact.items()}
    return {"report": "spend", "period": parsed, "filters": {"region": chosen["region"]},
            "calculated_at": timezone.now(), "rows": rows, "total": {"values": total}}


def _cost_values(raw: dict, k: int) -> dict:
    people, placements = raw["people"], raw["placements"]
    per_person = _average(raw["cost"], people, k)
    per_placement = _average(raw["cost"], placements, k) if people >= k else None
    values = {"costPerPerson": per_person, "costPerPlacement": per_placement}
    return {"values": values, "suppressed": [key for key, value in values.items() if value is None]}


def cost(principal, *, period: str | None, by: list[str], region=None, desk=None, programme=None) -> dict:
    parsed = periods.parse(period)
    unknown = [d for d in by if d not in COST_DIMENSIONS]
    if unknown or len(by) > 1:
        raise InvalidFields([("by", "unknown_dimension", _("Break the cost down by one of: region, desk, programme."))])
    scope, chosen = _scope(principal, region=region, desk=desk, programme=programme)
    k = settings.REPORT_MIN_CELL
    narrow = {"desk_id": scope.desk_id, "programme_id": scope.programme_id}
    with replica_reads():
        total = cost_groups(scope.region_ids, parsed.start, parsed.end, **narrow)[None]
        groups = cost_groups(scope.region_ids, parsed.start, parsed.end, group=by[0], **narrow) if by else {}
    rows = []
    for value, raw in sorted(groups.items(), key=lambda kv: str(kv[0])):
        row = _cost_values(raw, k)
        if len(row["suppressed"]) < len(COST_MEASURES):
            rows.append({"dimensions": {by[0]: value if value not in (None, "") else "none"}, **row})
    return {"report": "cost", "period": parsed, "by": by, "filters": chosen, "minimum_cell_size": k,
            "calculated_at": timezone.now(), "rows": rows, "total": {"dimensions": {}, **_cost_values(total, k)}}
