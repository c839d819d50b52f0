"""A manager's report request: what they may see (their own regions, never names), what they
asked for, and the figures with the moment they were calculated."""
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Programme
from rwc.access import profile_for
from rwc.errors import InvalidFields, NotFound
from rwc.models import Desk, ProvinceRole, Region, RegionRoleKind
from rwc.replica import replica_reads

from . import periods
from .engine import Scope, compute
from .indicators import BY_KEY, INDICATORS


def provinces_held(principal) -> set[str]:
    """The provinces whose manager the principal is (a role of its own, `rwc.ProvinceRole`)."""
    if principal is None or not getattr(principal, "is_authenticated", False) or getattr(principal, "is_partner", False):
        return set()
    cached = getattr(principal, "_rwc_provinces", None)
    if cached is None:  # once a request (the principal object lives as long as it)
        cached = set(ProvinceRole.objects.filter(user=principal, ended_at__isnull=True)
                     .values_list("province", flat=True))
        principal._rwc_provinces = cached
    return cached


def report_region_ids(principal) -> frozenset[int]:
    """The regions whose figures the principal reads: those they manage, and those lying in a province
    they manage. The second needs one query, made only for someone who manages no region."""
    managed = profile_for(principal).regions_with_role(RegionRoleKind.MANAGER)
    provinces = provinces_held(principal)
    if not provinces:
        return managed
    return managed | frozenset(Region.objects.filter(province__in=provinces).values_list("id", flat=True))


def may_read_reports(principal) -> bool:
    return bool(profile_for(principal).regions_with_role(RegionRoleKind.MANAGER)) or bool(provinces_held(principal))


def _scope(principal, *, region=None, desk=None, programme=None, province=None) -> tuple[Scope, dict]:
    """The regions asked for among those the caller reads. `province` narrows to the regions of a
    province the caller manages; another province is a NotFound (404), as a record one may not see."""
    chosen = {"region": None, "desk": None, "programme": None, "province": None}
    if province is not None:
        if province not in provinces_held(principal):
            raise NotFound(_("No such province among yours."))
        regions = sorted(Region.objects.filter(province=province).values_list("id", flat=True))
        chosen["province"] = province
    else:
        regions = sorted(report_region_ids(principal))
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
           province=None, today=None) -> dict:
    indicator = BY_KEY.get(key)
    if indicator is None:
        raise NotFound(_("No such indicator."))
    parsed = periods.parse(period)
    scope, chosen = _scope(principal, region=region, desk=desk, programme=programme, province=province)
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
