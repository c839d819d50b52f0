"""A manager's report request: what they may see (their own regions, never names), what they
asked for, and the figures with the moment they were calculated."""
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Programme
from rwc.access import profile_for
from rwc.errors import InvalidFields, NotFound
from rwc.models import Desk, Region, RegionRoleKind
from rwc.replica import replica_reads

from . import periods
from .engine import Scope, compute
from .indicators import BY_KEY, INDICATORS


def may_read_reports(principal) -> bool:
    return bool(profile_for(principal).regions_with_role(RegionRoleKind.MANAGER))


def _scope(principal, *, region=None, desk=None, programme=None) -> tuple[Scope, dict]:
    regions = sorted(profile_for(principal).regions_with_role(RegionRoleKind.MANAGER))
    chosen = {"region": None, "desk": None, "programme": None}
    errors = []
    if region is not None:
        found = Region.objects.filter(uuid=region, id__in=regions).first()
        if found is None:
            errors.append(("region", "does_not_exist", _("No such region among yours.")))
        else:
            regions, chosen["region"] = [found.id], found
    desk_id = programme_id = None
    if desk is not None:
        found = Desk.objects.filter(uuid=desk, region_id__in=regions).first()
        if found is None:
            errors.append(("desk", "does_not_exist", _("No such desk in your regions.")))
        else:
            desk_id, chosen["desk"] = found.id, found
    if programme is not None:
        found = Programme.objects.filter(code=programme).first()
        if found is None:
            errors.append(("programme", "does_not_exist", _("No programme with this code.")))
        else:
            programme_id, chosen["programme"] = found.id, found
    if errors:
        raise InvalidFields(errors)
    return Scope(region_ids=regions, desk_id=desk_id, programme_id=programme_id), chosen


def report(principal, key: str, *, period: str | None, by: list[str], region=None, desk=None, programme=None,
           today=None) -> dict:
    indicator = BY_KEY.get(key)
    if indicator is None:
        raise NotFound(_("No such indicator."))
    parsed = periods.parse(period)
    scope, chosen = _scope(principal, region=region, desk=desk, programme=programme)
    k, max_noise = settings.REPORT_MIN_CELL, settings.REPORT_MAX_NOISE
    with replica_reads():  # the figures only: who may ask was decided on the primary above
        figures = compute(indicator, scope=scope, period=parsed, by=by, k=k, max_noise=max_noise, today=today)
    return {
        "indicator": indicator, "period": parsed, "by": by, "filters": chosen, "minimum_cell_size": k,
        "maximum_noise": max_noise,
        "calculated_at": timezone.now(), **figures,
    }


def period_report(principal, *, period: str | None, region=None, today=None) -> dict:
    """The standing period report of a region (the quarterly or annual set a manager sends to the
    municipalities and the province): every indicator's total for the period, each perturbed as in
    its own report (the same cells, so the same figures). One aggregation query per indicator."""
    parsed = periods.parse(period)
    scope, chosen = _scope(principal, region=region)
    k, max_noise = settings.REPORT_MIN_CELL, settings.REPORT_MAX_NOISE
    figures = []
    with replica_reads():
        for indicator in INDICATORS:
            computed = compute(indicator, scope=scope, period=parsed, by=[], k=k, max_noise=max_noise, today=today)
            figures.append((indicator, computed["total"]))
    return {"period": parsed, "filters": chosen, "minimum_cell_size": k, "maximum_noise": max_noise,
            "calculated_at": timezone.now(), "figures": figures}
