"""Outcomes of a case: a placement in work (with its follow-up after the programme's months) or a
credential (praktijkverklaring, diploma, certificate, startkwalificatie) or education started.

Rules of `outcome_record`:
- the date is not in the future and not before the case was opened;
- a closed case still takes outcomes within its programme's reopen period after closing (results
  are often reported late); after that it is a Conflict `case_closed_too_long`;
- a placement rests on a transition of the same client into work (employed or self-employed),
  which no other outcome uses yet (Conflict `transition_already_used`); its follow-up falls due
  `programme.follow_up_months` calendar months after the placement date (the day clamped to the
  month's end: 31 August + 6 months = 28/29 February); an employer instrument is optional;
- a praktijkverklaring names the crebo code (5 digits), the qualification, the work processes
  shown (at least one, none blank), the learning company, whether SBB recognises it, and the school;
- a diploma or certificate names the qualification;
- details belong to their kind: the transition and instrument only to a placement, work
  processes and learning company only to a praktijkverklaring.

`follow_up_record` records whether the placed client is still in work: once per placement and
follow-up point (Conflict `follow_up_already_recorded`), from 14 days before the due date (Conflict
`follow_up_not_due`), also when the case has been closed since (the usual case after a placement).

Follow-up points (retention beyond six months): the first point, after `programme.follow_up_months`,
lives on the outcome itself (`follow_up_due_on`, `follow_up_recorded_at`, `still_in_work`), as it
always has; the later points the programme asks for (`programme.later_follow_up_months`, e.g. 12
and 24) are `PlacementFollowUp` rows, made when the placement is recorded (and by
`later_follow_ups_schedule` for a programme's existing placements when its schedule grows). One home
per point. `follow_up_record(months=...)` records either: `months` absent or the programme's first
point is the outcome's own follow-up; another month of the schedule is that later point; a month the
placement has no point for is a 400 naming `months`. Without `months` it records the placement's next
point: the earliest not yet recorded (`follow_up_points`, which the case page shows too), refused
like any other when it is not due yet; when every point is recorded it is `follow_up_already_recorded`.

`follow_ups_overdue` lists each placement with a point past its due date and not recorded, the first
or a later one, annotated with its oldest such point (`overdue_due_on`, `overdue_months`) and how many
points are overdue (`overdue_points`): one query however many rows.
"""
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import Case as SqlCase
from django.db.models import Count, DateField, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.choices import Sector
from clients.services import record_event
from rwc.errors import Conflict, InvalidFields, one_of
from rwc.models import User

from .access import cases_visible_to
from .choices import WORK_POSITIONS, CaseStatus, EmployerInstrument, OutcomeKind
from .models import Case, Outcome, PlacementFollowUp, Transition

FOLLOW_UP_WINDOW_DAYS = 14  # a follow-up may be recorded this many days before it is due
CREBO_RE = re.compile(r"^\d{5}$")
CREDENTIAL_KINDS = (OutcomeKind.PRAKTIJKVERKLARING, OutcomeKind.DIPLOMA, OutcomeKind.CERTIFICATE,
                    OutcomeKind.STARTKWALIFICATIE, OutcomeKind.EDUCATION_STARTED)
TITLE_REQUIRED = (OutcomeKind.PRAKTIJKVERKLARING, OutcomeKind.DIPLOMA, OutcomeKind.CERTIFICATE)

# Which kinds each detail belongs to.
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "transition": (OutcomeKind.PLACEMENT,),
    "instrument": (OutcomeKind.PLACEMENT,),
    "crebo_code": CREDENTIAL_KINDS,
    "qualification_title": CREDENTIAL_KINDS,
    "school": CREDENTIAL_KINDS,
    "work_processes": (OutcomeKind.PRAKTIJKVERKLARING,),
    "learning_company": (OutcomeKind.PRAKTIJKVERKLARING,),
    "learning_company_sbb_recognised": (OutcomeKind.PRAKTIJKVERKLARING,),
    "sector": TITLE_REQUIRED,
}

# Which kinds each detail is required for (checked in clean_outcome below; the API's document
# states it from this table).
REQUIRED_FOR: dict[str, tuple[str, ...]] = {
    "transition": (OutcomeKind.PLACEMENT,),
    "qualification_title": TITLE_REQUIRED,
    **{name: (OutcomeKind.PRAKTIJKVERKLARING,) for name in (
        "crebo_code", "work_processes", "learning_company", "learning_company_sbb_recognised", "school")},
}


class FollowUpStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("Not a placement")
    SCHEDULED = "scheduled", _("Not yet due")
    DUE = "due", _("Due (within the window, not past the date)")
    OVERDUE = "overdue", _("Past its due date, not recorded")
    RECORDED = "recorded", _("Recorded")


def _user(actor):
    return actor if isinstance(actor, User) else None


def add_months(day: date, months: int) -> date:
    """Calendar months later, the day clamped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _point_status(due_on: date, recorded_at, today: date) -> str:
    if recorded_at is not None:
        return FollowUpStatus.RECORDED
    if due_on < today:
        return FollowUpStatus.OVERDUE
    if due_on - timedelta(days=FOLLOW_UP_WINDOW_DAYS) <= today:
        return FollowUpStatus.DUE
    return FollowUpStatus.SCHEDULED


def follow_up_status(outcome: Outcome, today: date | None = None) -> str:
    """The first point's status (the outcome's own follow-up)."""
    today = today or timezone.localdate()
    if outcome.kind != OutcomeKind.PLACEMENT or outcome.follow_up_due_on is None:
        return FollowUpStatus.NOT_APPLICABLE
    return _point_status(outcome.follow_up_due_on, outcome.follow_up_recorded_at, today)


@dataclass(frozen=True)
class FollowUpPoint:
    """One follow-up point of a placement, wherever it lives (the outcome or a PlacementFollowUp)."""

    months: int
    due_on: date
    recorded_at: datetime | None
    recorded_by: User | None
    still_in_work: bool | None
    status: str
    on_outcome: bool = False  # the first point, kept on the outcome itself

    @property
    def opens_on(self) -> date:
        """The first day it may be recorded."""
        return self.due_on - timedelta(days=FOLLOW_UP_WINDOW_DAYS)

    @property
    def recordable(self) -> bool:
        return self.status in (FollowUpStatus.DUE, FollowUpStatus.OVERDUE)


def follow_up_points(outcome: Outcome, today: date | None = None) -> list[FollowUpPoint]:
    """Every follow-up point of a placement, earliest first: the first (on the outcome, after its
    programme's `follow_up_months`), then the later ones. Reads `outcome.case.programme`,
    `outcome.follow_up_recorded_by` and `outcome.later_follow_ups` (with `recorded_by`): for a list,
    select and prefetch them. Not a placement: no points."""
    if outcome.kind != OutcomeKind.PLACEMENT or outcome.follow_up_due_on is None:
        return []
    today = today or timezone.localdate()
    first = FollowUpPoint(
        months=outcome.case.programme.follow_up_months, due_on=outcome.follow_up_due_on,
        recorded_at=outcome.follow_up_recorded_at, recorded_by=outcome.follow_up_recorded_by,
        still_in_work=outcome.still_in_work,
        status=_point_status(outcome.follow_up_due_on, outcome.follow_up_recorded_at, today), on_outcome=True)
    later = [FollowUpPoint(months=p.months, due_on=p.due_on, recorded_at=p.recorded_at, recorded_by=p.recorded_by,
                           still_in_work=p.still_in_work, status=_point_status(p.due_on, p.recorded_at, today))
             for p in outcome.later_follow_ups.all()]
    return [first, *sorted(later, key=lambda p: (p.due_on, p.months))]


def next_follow_up_point(points: list[FollowUpPoint]) -> FollowUpPoint | None:
    """The point to record next: the earliest not yet recorded (None when all are)."""
    return next((p for p in points if p.recorded_at is None), None)


# --- queries -------------------------------------------------------------------------------------


def outcomes_visible_to(principal):
    return Outcome.objects.filter(case_id__in=cases_visible_to(principal).values("id"))


def follow_ups_overdue(principal, today: date | None = None):
    """Placements the principal may see with a follow-up point past its due date and not recorded:
    the first point (the partial index `outcome_follow_up`) or a later one (`later_follow_up_open`).
    Annotated with the oldest such point (`overdue_due_on`, `overdue_months`) and how many points are
    overdue (`overdue_points`); sub-queries, so one query for any number of rows."""
    today = today or timezone.localdate()
    first_open = Q(follow_up_recorded_at__isnull=True, follow_up_due_on__lt=today)
    later_open = PlacementFollowUp.objects.filter(recorded_at__isnull=True, due_on__lt=today)
    mine = later_open.filter(placement=OuterRef("pk")).order_by()
    return (
        outcomes_visible_to(principal).filter(kind=OutcomeKind.PLACEMENT)
        .filter(first_open | Q(pk__in=later_open.values("placement_id")))
        .annotate(
            overdue_due_on=SqlCase(
                When(first_open, then=F("follow_up_due_on")),
                default=Subquery(mine.order_by("due_on").values("due_on")[:1]), output_field=DateField()),
            overdue_months=SqlCase(
                When(first_open, then=F("case__programme__follow_up_months")),
                default=Subquery(mine.order_by("due_on").values("months")[:1]), output_field=IntegerField()),
            overdue_points=SqlCase(When(first_open, then=Value(1)), default=Value(0), output_field=IntegerField())
            + Coalesce(Subquery(mine.values("placement").annotate(n=Count("id")).values("n")[:1],
                                output_field=IntegerField()), Value(0)),
        )
    )


# --- recording -----------------------------------------------------------------------------------


def _check_case_takes_outcomes(case: Case, now: datetime):
    if case.status != CaseStatus.CLOSED:
        return
    days = case.programme.reopen_days
    if case.closed_at is None or now > case.closed_at + timedelta(days=days):
        raise Conflict(
            _("The case was closed more than %(days)s days ago: record the outcome on a new case.")
            % {"days": days},
            code="case_closed_too_long",
        )


def _present(value) -> bool:
    return value not in (None, "", [])


def _clean(case: Case, data: dict) -> dict:
    errors: list[tuple[str, str, str]] = []
    kind = data.get("kind")
    if kind not in OutcomeKind.values:
        errors.append(("kind", "invalid_choice" if kind else "required",
                       _("Unknown kind of outcome; use one of: %(allowed)s.") % {"allowed": one_of(OutcomeKind)}))
    when = data.get("date")
    if when is None:
        errors.append(("date", "required", _("Give the date of the outcome.")))
    elif when > timezone.localdate():
        errors.append(("date", "in_future", _("An outcome cannot lie in the future.")))
    elif when < timezone.localdate(case.opened_at):
        errors.append(("date", "before_case", _("The outcome lies before the case was opened.")))
    cleaned = {name: data.get(name) for name in FIELD_KINDS}
    for name in ("crebo_code", "qualification_title", "school", "learning_company"):
        cleaned[name] = normalise.text(cleaned[name])
    processes = cleaned["work_processes"]
    if processes is not None:
        if not isinstance(processes, (list, tuple)) or not all(isinstance(p, str) for p in processes):
            errors.append(("work_processes", "invalid", _("Give the work processes as a list of texts.")))
            processes = []
        else:
            processes = [normalise.text(p) for p in processes]
            if any(not p for p in processes):
                errors.append(("work_processes", "blank", _("A work process cannot be blank.")))
        cleaned["work_processes"] = processes
    if kind in OutcomeKind.values:
        for name, kinds in FIELD_KINDS.items():
            if _present(cleaned[name]) and kind not in kinds:
                errors.append((name, "not_for_kind", _("Not part of a %(label)s outcome.")
                                                     % {"label": OutcomeKind(kind).label.lower()}))
    if _present(cleaned["instrument"]) and cleaned["instrument"] not in EmployerInstrument.values:
        errors.append(("instrument", "invalid_choice", _("Unknown employer instrument; use one of: %(allowed)s.")
                                                       % {"allowed": one_of(EmployerInstrument)}))
    if _present(cleaned["sector"]) and cleaned["sector"] not in Sector.values:
        errors.append(("sector", "invalid_choice", _("Unknown sector; use one of: %(allowed)s.")
                                                   % {"allowed": one_of(Sector)}))
    if cleaned["crebo_code"] and not CREBO_RE.match(cleaned["crebo_code"]):
        errors.append(("crebo_code", "invalid_crebo", _("A crebo code is five digits.")))
    if kind == OutcomeKind.PLACEMENT:
        transition = cleaned["transition"]
        if transition is None:
            errors.append(("transition", "required", _("A placement rests on the client's transition into work.")))
        elif not isinstance(transition, Transition) or transition.client_id != case.client_id:
            errors.append(("transition", "other_client", _("The transition is not one of this client's.")))
        elif transition.to_position not in WORK_POSITIONS:
            errors.append(("transition", "not_into_work", _("A placement rests on a transition into work.")))
    if kind in TITLE_REQUIRED and not cleaned["qualification_title"]:
        errors.append(("qualification_title", "required", _("Name the qualification.")))
    if kind == OutcomeKind.PRAKTIJKVERKLARING:
        if not cleaned["crebo_code"]:
            errors.append(("crebo_code", "required", _("A praktijkverklaring names the crebo code.")))
        if not cleaned["work_processes"]:
            errors.append(("work_processes", "required", _("Name the work processes the client has shown.")))
        if not cleaned["learning_company"]:
            errors.append(("learning_company", "required", _("Name the learning company.")))
        if cleaned["learning_company_sbb_recognised"] is None:
            errors.append(("learning_company_sbb_recognised", "required",
                           _("Say whether SBB recognises the learning company.")))
        if not cleaned["school"]:
            errors.append(("school", "required", _("Name the school that issues it.")))
    if errors:
        raise InvalidFields(errors)
    cleaned["instrument"] = cleaned["instrument"] or ""
    cleaned["sector"] = cleaned["sector"] or ""
    cleaned["work_processes"] = cleaned["work_processes"] or []
    return cleaned


@transaction.atomic
def outcome_record(*, actor, case: Case, data: dict) -> Outcome:
    """Record what the case achieved; a placement schedules its follow-up."""
    case = Case.objects.select_related("client", "desk", "programme").get(pk=case.pk)
    _check_case_takes_outcomes(case, timezone.now())
    details = _clean(case, data)
    kind = data["kind"]
    transition = details.pop("transition")
    if transition is not None:
        transition = Transition.objects.select_for_update().get(pk=transition.pk)
        if Outcome.objects.filter(transition=transition).exists():
            raise Conflict(_("Another outcome already rests on this transition."), field="transition",
                           code="transition_already_used")
    outcome = Outcome(case=case, kind=kind, date=data["date"], transition=transition, recorded_by=_user(actor),
                      **details)
    if kind == OutcomeKind.PLACEMENT:
        outcome.follow_up_due_on = add_months(outcome.date, case.programme.follow_up_months)
    try:
        with transaction.atomic():
            outcome.save()
    except IntegrityError:  # a concurrent placement on the same transition won the race
        raise Conflict(_("Another outcome already rests on this transition."), field="transition",
                       code="transition_already_used") from None
    summary = _("Outcome: %(kind)s") % {"kind": outcome.get_kind_display()}
    if outcome.qualification_title:
        summary += f" ({outcome.qualification_title})"
    if kind == OutcomeKind.PLACEMENT:
        PlacementFollowUp.objects.bulk_create(
            [PlacementFollowUp(placement=outcome, months=m, due_on=add_months(outcome.date, m))
             for m in case.programme.later_follow_up_months])
    if outcome.follow_up_due_on:
        summary += _(", follow-up due %(due_on)s") % {"due_on": outcome.follow_up_due_on.isoformat()}
    record_event(case.client, "outcome_recorded", summary, actor=actor, desk=case.desk, subject_id=outcome.uuid,
                 restricted_to_desk=case.desk)
    return outcome


def _recorded_at(recorded_on: date, now: datetime) -> datetime:
    """The model keeps a moment; a follow-up dated earlier than today is kept at noon of that day."""
    if recorded_on == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(recorded_on, time(12)))


def later_follow_ups_schedule(programme) -> int:
    """Give the programme's placements the later follow-up points its schedule asks for and they do not
    have yet (after the schedule grew in the admin); points already there stay. Returns how many were
    made."""
    made = 0
    for months in programme.later_follow_up_months:
        missing = (Outcome.objects.filter(kind=OutcomeKind.PLACEMENT, case__programme=programme)
                   .exclude(later_follow_ups__months=months).only("id", "date"))
        made += len(PlacementFollowUp.objects.bulk_create(
            [PlacementFollowUp(placement=o, months=months, due_on=add_months(o.date, months)) for o in missing],
            ignore_conflicts=True))
    return made


def _check_recorded_on(recorded_on, placed_on, due_on, months, now):
    today = timezone.localdate(now)
    recorded_on = recorded_on or today
    if recorded_on > today:
        raise InvalidFields([("recorded_on", "in_future", _("A follow-up cannot be recorded in the future."))])
    if recorded_on < placed_on:
        raise InvalidFields([("recorded_on", "before_outcome", _("The follow-up lies before the placement."))])
    opens_on = due_on - timedelta(days=FOLLOW_UP_WINDOW_DAYS)
    if recorded_on < opens_on:
        raise Conflict(_("The follow-up after %(months)s months is due on %(follow_up_due_on)s; it can be recorded "
                         "from %(opens_on)s.")
                       % {"months": months, "follow_up_due_on": due_on.isoformat(), "opens_on": opens_on.isoformat()},
                       code="follow_up_not_due")
    return recorded_on


def _already_recorded(months: int) -> Conflict:
    return Conflict(_("The follow-up after %(months)s months of this placement is already recorded.")
                    % {"months": months}, code="follow_up_already_recorded")


def _later_follow_up_record(*, actor, outcome: Outcome, months: int, still_in_work: bool,
                            recorded_on: date | None) -> Outcome:
    point = PlacementFollowUp.objects.select_for_update().filter(placement=outcome, months=months).first()
    if point is None:
        raise InvalidFields([("months", "no_such_follow_up",
                              _("This placement has no follow-up after %(months)s months.") % {"months": months})])
    if point.recorded_at is not None:
        raise _already_recorded(months)
    now = timezone.now()
    recorded_on = _check_recorded_on(recorded_on, outcome.date, point.due_on, months, now)
    point.still_in_work = bool(still_in_work)
    point.recorded_at = _recorded_at(recorded_on, now)
    point.recorded_by = _user(actor)
    point.save(update_fields=["still_in_work", "recorded_at", "recorded_by"])
    case = Case.objects.select_related("client", "desk").get(pk=outcome.case_id)
    summary = (_("Placement follow-up after %(months)s months: still in work") if point.still_in_work
               else _("Placement follow-up after %(months)s months: no longer in work")) % {"months": months}
    record_event(case.client, "follow_up_recorded", summary, actor=actor, desk=case.desk, subject_id=outcome.uuid,
                 restricted_to_desk=case.desk)
    return outcome


@transaction.atomic
def follow_up_record(*, actor, outcome: Outcome, still_in_work: bool, recorded_on: date | None = None,
                     months: int | None = None) -> Outcome:
    """Record whether the placed client is still in work at a follow-up point: `months` names it;
    without, the placement's next point (the earliest not yet recorded, as `follow_up_points` and
    the case page show it). The outcome's row lock serialises every point of the placement."""
    locked = (Outcome.objects.select_for_update(of=("self",)).select_related("case__programme", "follow_up_recorded_by")
              .get(pk=outcome.pk))
    if locked.kind != OutcomeKind.PLACEMENT:
        raise Conflict(_("Only a placement has a follow-up."), code="not_a_placement")
    first_months = locked.case.programme.follow_up_months
    later = False
    if months is None:
        point = next_follow_up_point(follow_up_points(locked))
        if point is None:
            raise Conflict(_("Every follow-up of this placement is already recorded."),
                           code="follow_up_already_recorded")
        # by where the point lives, not by its months: the programme's first point may have been
        # moved since, onto the months of a later point this placement already has
        months, later = point.months, not point.on_outcome
    elif months == first_months and locked.follow_up_recorded_at is not None:
        # the same case named by its months (the case page sends the point it offered)
        later = locked.later_follow_ups.filter(months=months, recorded_at__isnull=True).exists()
    if later or months != first_months:
        return _later_follow_up_record(actor=actor, outcome=locked, months=months, still_in_work=still_in_work,
                                       recorded_on=recorded_on)
    if locked.follow_up_recorded_at is not None:
        raise _already_recorded(months)
    now = timezone.now()
    recorded_on = _check_recorded_on(recorded_on, locked.date, locked.follow_up_due_on, months, now)
    locked.still_in_work = bool(still_in_work)
    locked.follow_up_recorded_at = _recorded_at(recorded_on, now)
    locked.follow_up_recorded_by = _user(actor)
    locked.save(update_fields=["still_in_work", "follow_up_recorded_at", "follow_up_recorded_by"])
    case = Case.objects.select_related("client", "desk").get(pk=locked.case_id)
    summary = (_("Placement follow-up: still in work") if locked.still_in_work
               else _("Placement follow-up: no longer in work"))
    record_event(case.client, "follow_up_recorded", summary, actor=actor, desk=case.desk, subject_id=locked.uuid,
                 restricted_to_desk=case.desk)
    return locked
