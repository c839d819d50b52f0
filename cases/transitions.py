"""Labour-market transitions: a client's position changed on a date, from one position to another.

Recorded with `transition_record` (one transaction, a line on the client's timeline); read through
`transitions_visible_to` (the transitions of clients the principal may see) and narrowed by kind
with `transitions_of_kind`, a queryset filter, so reports and lists stay one query.

Rules:
- the date is not in the future and not before the client's birth date;
- the position changes (`from_position != to_position`), except employed -> employed: that is a
  job change (a new job or employer), the "job to job" kind, and it is allowed;
- details belong to the new position (`to_position`): contract type, hours, employer, sector and
  occupation only for work (employed or self-employed; hours from 0 to 60 inclusive); institution,
  programme, level and learning route only for education (in education or at school); the benefit
  only for "unemployed with a benefit";
- a case, when given, is one of the same client's.
"""
from decimal import Decimal, InvalidOperation

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.access import clients_visible_to
from clients.choices import Benefit, EducationLevel
from clients.models import Client
from clients.services import record_event
from rwc.errors import InvalidFields, RuleViolation, one_of
from rwc.models import User

from .choices import EDUCATION_POSITIONS, WORK_POSITIONS, ContractType, LearningRoute, Position, Source
from .models import Case, Transition

HOURS_MIN = Decimal("0")
HOURS_MAX = Decimal("60")

# The same position on both sides is a non-event, except a job change.
SAME_POSITION_ALLOWED = {Position.EMPLOYED}

WORK_FIELDS = ("contract_type", "hours_per_week", "employer_name", "sector", "occupation")
EDUCATION_FIELDS = ("institution", "education_programme", "education_level", "learning_route")
BENEFIT_FIELDS = ("benefit",)
TEXT_FIELDS = ("employer_name", "sector", "occupation", "institution", "education_programme")

# Which new positions each detail belongs to.
FIELD_POSITIONS: dict[str, tuple[str, ...]] = {
    **{name: WORK_POSITIONS for name in WORK_FIELDS},
    **{name: EDUCATION_POSITIONS for name in EDUCATION_FIELDS},
    **{name: (Position.UNEMPLOYED_WITH_BENEFIT,) for name in BENEFIT_FIELDS},
}
_POSITION_WORDS = {
    WORK_POSITIONS: _("work (employed or self-employed)"),
    EDUCATION_POSITIONS: _("education (in education or at school)"),
    (Position.UNEMPLOYED_WITH_BENEFIT,): _("unemployed with a benefit"),
}


class TransitionKind(models.TextChoices):
    SCHOOL_TO_WORK = "school_to_work", _("From education or school to work")
    BENEFIT_TO_WORK = "benefit_to_work", _("From a benefit to work")
    JOB_TO_JOB = "job_to_job", _("From one job to another")
    TO_EDUCATION = "to_education", _("Into education")
    NO_BENEFIT_TO_WORK = "no_benefit_to_work", _("From not working, without a benefit, to work")
    SELF_EMPLOYED_TO_JOB = "self_employed_to_job", _("From self-employment to a job")


KIND_FILTERS: dict[str, Q] = {
    TransitionKind.SCHOOL_TO_WORK: Q(from_position__in=EDUCATION_POSITIONS, to_position__in=WORK_POSITIONS),
    TransitionKind.BENEFIT_TO_WORK: Q(from_position=Position.UNEMPLOYED_WITH_BENEFIT, to_position__in=WORK_POSITIONS),
    TransitionKind.JOB_TO_JOB: Q(from_position=Position.EMPLOYED, to_position=Position.EMPLOYED),
    TransitionKind.TO_EDUCATION: Q(to_position=Position.IN_EDUCATION),
    TransitionKind.NO_BENEFIT_TO_WORK: Q(from_position=Position.NOT_WORKING_NO_BENEFIT, to_position__in=WORK_POSITIONS),
    TransitionKind.SELF_EMPLOYED_TO_JOB: Q(from_position=Position.SELF_EMPLOYED, to_position=Position.EMPLOYED),
}


def _user(actor):
    return actor if isinstance(actor, User) else None


# --- queries -------------------------------------------------------------------------------------


def transitions_visible_to(principal):
    """Transitions of clients the principal may see (one sub-select, no per-row checks)."""
    return Transition.objects.filter(client_id__in=clients_visible_to(principal, as_set=True).values("id"))


def transitions_of_kind(qs, kind: str):
    """Narrow a transition queryset to one kind (school_to_work, benefit_to_work, job_to_job,
    to_education, no_benefit_to_work, self_employed_to_job); an unknown kind is a RuleViolation on `kind`."""
    try:
        return qs.filter(KIND_FILTERS[kind])
    except KeyError:
        raise RuleViolation(_("Unknown kind; use one of: %(values)s.")
                            % {"values": ', '.join(TransitionKind.values)}, field="kind",
                            code="invalid_choice") from None


def kinds_of(transition: Transition) -> list[str]:
    """The kinds one (already loaded) transition belongs to, in Python, matching KIND_FILTERS."""
    frm, to = transition.from_position, transition.to_position
    kinds = []
    if frm in EDUCATION_POSITIONS and to in WORK_POSITIONS:
        kinds.append(TransitionKind.SCHOOL_TO_WORK.value)
    if frm == Position.UNEMPLOYED_WITH_BENEFIT and to in WORK_POSITIONS:
        kinds.append(TransitionKind.BENEFIT_TO_WORK.value)
    if frm == Position.EMPLOYED and to == Position.EMPLOYED:
        kinds.append(TransitionKind.JOB_TO_JOB.value)
    if to == Position.IN_EDUCATION:
        kinds.append(TransitionKind.TO_EDUCATION.value)
    if frm == Position.NOT_WORKING_NO_BENEFIT and to in WORK_POSITIONS:
        kinds.append(TransitionKind.NO_BENEFIT_TO_WORK.value)
    if frm == Position.SELF_EMPLOYED and to == Position.EMPLOYED:
        kinds.append(TransitionKind.SELF_EMPLOYED_TO_JOB.value)
    return kinds


# --- recording -----------------------------------------------------------------------------------


def clean_hours_per_week(value):
    """0 to 60 hours inclusive, at most one decimal (e.g. 32 or 25.5)."""
    if value is None:
        return None
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise RuleViolation(_("Give the hours per week as a number."), field="hours_per_week", code="invalid") from None
    if not hours.is_finite() or hours < HOURS_MIN or hours > HOURS_MAX:
        raise RuleViolation(_("Hours per week lie from %(hours_min)s to %(hours_max)s.")
                            % {"hours_min": HOURS_MIN, "hours_max": HOURS_MAX}, field="hours_per_week",
                            code="out_of_range")
    if hours != hours.quantize(Decimal("0.1")):
        raise RuleViolation(_("Hours per week have at most one decimal."), field="hours_per_week", code="invalid")
    return hours


def _present(value) -> bool:
    return value not in (None, "")


def _clean(client: Client, case: Case | None, data: dict) -> dict:
    errors: list[tuple[str, str, str]] = []
    frm, to = data.get("from_position"), data.get("to_position")
    if frm not in Position.values:
        errors.append(("from_position", "invalid_choice", _("Unknown position; use one of: %(allowed)s.")
                                                          % {"allowed": one_of(Position)}))
    if to not in Position.values:
        errors.append(("to_position", "invalid_choice", _("Unknown position; use one of: %(allowed)s.")
                                                        % {"allowed": one_of(Position)}))
    if frm in Position.values and frm == to and frm not in SAME_POSITION_ALLOWED:
        errors.append(("to_position", "same_position", _("The new position must differ from the old one.")))
    when = data.get("date")
    if when is None:
        errors.append(("date", "required", _("Give the date of the transition.")))
    elif when > timezone.localdate():
        errors.append(("date", "in_future", _("A transition cannot lie in the future.")))
    elif when < client.birth_date:
        errors.append(("date", "before_birth", _("The transition lies before the client's birth date.")))
    if data.get("source") not in Source.values:
        errors.append(("source", "invalid_choice" if data.get("source") else "required",
                       _("Say who reported it: one of %(allowed)s.") % {"allowed": one_of(Source)}))
    cleaned = {name: data.get(name) for name in FIELD_POSITIONS}
    for name in TEXT_FIELDS:
        cleaned[name] = normalise.text(cleaned[name])
    for name, positions in FIELD_POSITIONS.items():
        if _present(cleaned[name]) and to in Position.values and to not in positions:
            errors.append((name, "not_for_position", _("Only for a transition into %(position_words)s.")
                                                     % {"position_words": _POSITION_WORDS[positions]}))
    if cleaned["hours_per_week"] is not None:
        try:
            cleaned["hours_per_week"] = clean_hours_per_week(cleaned["hours_per_week"])
        except RuleViolation as exc:
            errors.append((exc.field, exc.code, exc.detail))
    for name, choices in (("contract_type", ContractType), ("learning_route", LearningRoute),
                          ("education_level", EducationLevel)):
        if _present(cleaned[name]) and cleaned[name] not in choices.values:
            errors.append((name, "invalid_choice", _("Unknown value; use one of: %(allowed)s.")
                                                   % {"allowed": one_of(choices)}))
    benefit = cleaned["benefit"]
    if _present(benefit) and (benefit not in Benefit.values or benefit == Benefit.NONE):
        errors.append(("benefit", "invalid_choice", _("Name the benefit the client receives: one of %(allowed)s.")
                       % {"allowed": one_of([b for b in Benefit.values if b != Benefit.NONE])}))
    if case is not None and case.client_id != client.id:
        errors.append(("case", "other_client", _("The case belongs to another client.")))
    if errors:
        raise InvalidFields(errors)
    for name in FIELD_POSITIONS:
        if cleaned[name] is None and name != "hours_per_week":
            cleaned[name] = ""
    return cleaned


@transaction.atomic
def transition_record(*, actor, client: Client, data: dict, case: Case | None = None) -> Transition:
    """Record that the client moved from one labour-market position to another on a date."""
    details = _clean(client, case, data)
    transition = Transition.objects.create(
        client=client, case=case, date=data["date"], from_position=data["from_position"],
        to_position=data["to_position"], source=data["source"], verified=bool(data.get("verified")),
        recorded_by=_user(actor), **details,
    )
    summary = _("Transition: %(from_position)s -> %(to_position)s") % {
        "from_position": transition.get_from_position_display(), "to_position": transition.get_to_position_display()}
    record_event(client, "transition_recorded", summary, actor=actor, desk=case.desk if case else None,
                 restricted_to_desk=case.desk if case else None,
                 subject_id=transition.uuid)
    return transition
