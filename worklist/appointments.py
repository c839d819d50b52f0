"""Appointments of counsellors with clients: who sees them, their rules, rescheduling and the
no-show. Each write in one transaction, under a lock on the counsellor, so two planners cannot both
take the same hour.

Access: staff of the appointment's desk (and the counsellor) see it; the client must be one the
desk may see, and the counsellor must work at the desk and see the client (409 otherwise, naming
the rule only). An appointment ending before it starts is a 400; one overlapping another planned
appointment of the same counsellor is a 409 `overlapping_appointment`, unless forced with a reason.
"""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.access import clients_visible_to
from rwc.access import profile_for
from rwc.errors import Conflict, InvalidFields
from rwc.models import Desk, User

from .choices import AppointmentKind, AppointmentStatus
from .models import Appointment
from .todo import works_at

PLACE_MAX = 200
REASON_MAX = 300


def appointments_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.member_desk_ids:
        return Appointment.objects.none()
    return Appointment.objects.filter(Q(desk_id__in=profile.desk_ids) | Q(counsellor_id=profile.user_id))


def _user(actor):
    return actor if isinstance(actor, User) else None


def _clean_times(starts_at, ends_at, errors):
    if starts_at is None:
        errors.append(("starts_at", "required", _("This field is required.")))
    if ends_at is None:
        errors.append(("ends_at", "required", _("This field is required.")))
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors.append(("ends_at", "ends_before_start", _("An appointment ends after it starts.")))


def _overlap_rule(counsellor: User, starts_at, ends_at, *, force: bool, reason: str, exclude=None) -> str:
    """Lock the counsellor, then look for another planned appointment in the same time. Forcing
    needs a reason, which is kept with the appointment."""
    User.objects.select_for_update().filter(pk=counsellor.pk).first()
    reason = normalise.text(reason)[:REASON_MAX]
    if force and not reason:
        raise InvalidFields([("reason", "blank", _("Say why the appointment may overlap another one."))])
    clash = Appointment.objects.filter(counsellor=counsellor, status=AppointmentStatus.PLANNED,
                                       starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists() and not force:
        raise Conflict(_("The counsellor has another appointment at that time; plan another time, or force it "
                         "with a reason."), field="startsAt", code="overlapping_appointment")
    return reason if force else ""


@transaction.atomic
def appointment_plan(*, actor, desk: Desk, client, counsellor: User, data: dict, case=None, force=False,
                     reason: str = "") -> Appointment:
    errors = []
    kind = data.get("kind")
    if kind not in AppointmentKind.values:
        errors.append(("kind", "invalid_choice", _("Unknown kind; use one of: %(allowed)s.")
                       % {"allowed": ", ".join(AppointmentKind.values)}))
    place = normalise.text(data.get("place"))
    if len(place) > PLACE_MAX:
        errors.append(("place", "max_length", _("At most %(max)s characters.") % {"max": PLACE_MAX}))
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    _clean_times(starts_at, ends_at, errors)
    if case is not None and (case.client_id != client.pk or case.desk_id != desk.pk):
        errors.append(("case", "not_this_clients_case", _("The case is not the client's case at this desk.")))
    if errors:
        raise InvalidFields(errors)
    if not works_at(counsellor, desk):
        raise Conflict(_("The counsellor does not work at this desk."), field="counsellor",
                       code="counsellor_not_at_desk")
    if not clients_visible_to(counsellor).filter(pk=client.pk).exists():
        raise Conflict(_("The counsellor may not see this client."), field="counsellor",
                       code="counsellor_may_not_see_client")
    overlap_reason = _overlap_rule(counsellor, starts_at, ends_at, force=force, reason=reason)
    now = timezone.now()
    return Appointment.objects.create(client=client, case=case, desk=desk, counsellor=counsellor, kind=kind,
                                      place=place, starts_at=starts_at, ends_at=ends_at, status_changed_at=now,
                                      overlap_reason=overlap_reason, created_at=now, created_by=_user(actor))


def _locked_planned(appointment: Appointment) -> Appointment:
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if locked.status != AppointmentStatus.PLANNED:
        raise Conflict(_("The appointment is %(status)s; only a planned one changes.")
                       % {"status": locked.get_status_display()}, code="appointment_not_planned")
    return locked


@transaction.atomic
def appointment_reschedule(*, actor, appointment: Appointment, starts_at, ends_at, force=False,
                           reason: str = "") -> Appointment:
    errors = []
    _clean_times(starts_at, ends_at, errors)
    if errors:
        raise InvalidFields(errors)
    locked = _locked_planned(appointment)
    counsellor = User.objects.get(pk=locked.counsellor_id)
    overlap_reason = _overlap_rule(counsellor, starts_at, ends_at, force=force, reason=reason, exclude=locked)
    locked.starts_at, locked.ends_at = starts_at, ends_at
    locked.overlap_reason = overlap_reason
    locked.times_rescheduled += 1
    locked.version += 1
    locked.save(update_fields=["starts_at", "ends_at", "overlap_reason", "times_rescheduled", "version"])
    return locked


OUTCOMES = {AppointmentStatus.HELD, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED}


@transaction.atomic
def appointment_move(*, actor, appointment: Appointment, to_status: str) -> Appointment:
    """Held or no-show once it has started; cancelled any time before. From planned only."""
    if to_status not in OUTCOMES:
        raise InvalidFields([("status", "invalid_choice", _("Unknown status; use one of: %(allowed)s.")
                              % {"allowed": ", ".join(sorted(OUTCOMES))})])
    locked = _locked_planned(appointment)
    if to_status != AppointmentStatus.CANCELLED and locked.starts_at > timezone.now():
        raise Conflict(_("The appointment has not started yet."), field="status", code="not_yet_started")
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "status_changed_at", "version"])
    return locked
