"""A job seeker's work wishes: the sectors they want to work in and the hours per week (a range).
The WSP's shortlist matches vacancies against them (employers.shortlist).

Rules: at least one sector, each known; hours from 0 to 60, the minimum not above the maximum, at
most one decimal. Setting replaces the whole wish (PUT), in one transaction, with a timeline line.
"""
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rwc.errors import InvalidFields, one_of
from rwc.models import User

from .choices import Sector
from .models import Client, JobWish, JobWishSector
from .services import record_event

HOURS_MAX = Decimal("60")


def _hours(value, name, errors):
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.append((name, "invalid", _("Give the hours per week as a number.")))
        return None
    if not hours.is_finite() or hours < 0 or hours > HOURS_MAX or hours != hours.quantize(Decimal("0.1")):
        errors.append((name, "out_of_range", _("Hours per week lie from 0 to 60, with at most one decimal.")))
        return None
    return hours


@transaction.atomic
def job_wish_set(*, actor, client: Client, data: dict, desk=None) -> JobWish:
    errors = []
    sectors = list(data.get("sectors") or [])
    if not sectors:
        errors.append(("sectors", "required", _("Name at least one sector.")))
    elif any(s not in Sector.values for s in sectors):
        errors.append(("sectors", "invalid_choice", _("Unknown sector; use one of: %(allowed)s.")
                                                    % {"allowed": one_of(Sector)}))
    low = _hours(data.get("min_hours"), "min_hours", errors)
    high = _hours(data.get("max_hours"), "max_hours", errors)
    if low is not None and high is not None and low > high:
        errors.append(("min_hours", "above_max", _("The minimum hours lie above the maximum.")))
    if errors:
        raise InvalidFields(errors)
    wish, _created = JobWish.objects.update_or_create(client=client, defaults={
        "min_hours": low, "max_hours": high, "available_from": data.get("available_from"),
        "updated_by": actor if isinstance(actor, User) else None,
    })
    JobWishSector.objects.filter(client=client).exclude(sector__in=sectors).delete()
    have = set(JobWishSector.objects.filter(client=client).values_list("sector", flat=True))
    JobWishSector.objects.bulk_create([JobWishSector(client=client, sector=s) for s in sorted(set(sectors) - have)])
    record_event(client, "job_wish_set", _("Work wishes: %(sectors)s, %(low)s-%(high)s hours")
                 % {"sectors": ", ".join(sorted(set(sectors))), "low": low, "high": high},
                 actor=actor, desk=desk)
    return wish


def job_wish_of(client: Client) -> dict | None:
    wish = JobWish.objects.filter(client=client).first()
    if wish is None:
        return None
    return {"sectors": sorted(client.wished_sectors.values_list("sector", flat=True)), "min_hours": wish.min_hours,
            "max_hours": wish.max_hours, "available_from": wish.available_from, "updated_at": wish.updated_at}
