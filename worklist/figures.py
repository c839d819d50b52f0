"""Figures of the worklist for the reports: pure functions of the database, no people in them."""
from django.db.models import Count, Q

from .choices import AppointmentStatus
from .models import Appointment


def attended_appointments():
    """Appointments that took place or were missed: the set the no-show figure counts in (the report
    `no-shows` in reports/indicators.py counts from it)."""
    return Appointment.objects.filter(status__in=[AppointmentStatus.HELD, AppointmentStatus.NO_SHOW])


def no_show_figures(*, start, end, desk_ids=None, region_ids=None) -> dict:
    """Appointments that were due in [start, end) and how many the client missed (`no_show`), by
    one aggregation query: `{"appointments": n, "held": h, "no_shows": m}` (cancelled ones count
    in neither). The desks report no-shows (issue 24); the report package applies its disclosure
    control to these counts."""
    qs = Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(status=AppointmentStatus.CANCELLED)
    if desk_ids is not None:
        qs = qs.filter(desk_id__in=desk_ids)
    if region_ids is not None:
        qs = qs.filter(desk__region_id__in=region_ids)
    return qs.aggregate(appointments=Count("id", filter=~Q(status=AppointmentStatus.PLANNED)),
                        held=Count("id", filter=Q(status=AppointmentStatus.HELD)),
                        no_shows=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)))


def no_show_count(*, start, end, desk_ids=None, region_ids=None) -> int:
    return no_show_figures(start=start, end=end, desk_ids=desk_ids, region_ids=region_ids)["no_shows"]
