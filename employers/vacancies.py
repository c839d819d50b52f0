"""Vacancies of the region's employers: who sees and changes them, posting, changing and the
status table (open -> filled | closed; filled -> open | closed). Business data: staff of every desk
of the region read them; staff of the region's WSP desk post and change them.

Rules: title, occupation and city are not blank; hours per week more than 0 and at most 60 (one
decimal); 1 to 500 places, never fewer than the candidates already hired; the postcode is Dutch.
A vacancy fills itself when its hires reach its places (employers.proposals); it can be marked filled
by hand (filled elsewhere), reopened while places are left, and closed. A closed vacancy is final.
"""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.transitions import clean_hours_per_week
from clients import rules as client_rules
from clients.choices import EducationLevel, Sector
from employers.employers import employers_visible_to, employers_workable_by
from rwc.errors import Conflict, InvalidFields, RuleViolation, one_of
from rwc.models import Desk, User
from rwc.states import StateTable
from rwc.versions import bump_version, lock_version

from .choices import ProposalStatus
from .choices import VacancyStatus as S
from .models import Vacancy

MOVES = StateTable({
    (S.OPEN, S.FILLED): "fill",
    (S.OPEN, S.CLOSED): "close",
    (S.FILLED, S.OPEN): "reopen",
    (S.FILLED, S.CLOSED): "close",
}, illegal=_("A %(status)s vacancy cannot become %(to_status)s; allowed: %(value)s."))
MAX_PLACES = 500
FIELDS = ("title", "occupation", "sector", "hours_per_week", "education_level", "city", "postcode", "places",
          "description")


allowed_moves = MOVES.allowed_moves


def vacancies_visible_to(principal):
    return Vacancy.objects.filter(employer_id__in=employers_visible_to(principal).values("id"))


def vacancies_workable_by(principal):
    return Vacancy.objects.filter(employer_id__in=employers_workable_by(principal).values("id"))


def hires_of(vacancy: Vacancy) -> int:
    return vacancy.proposals.filter(status=ProposalStatus.HIRED).count()


def _clean(data: dict, *, partial: bool) -> dict:
    cleaned, errors = {}, []
    for name in ("title", "occupation", "city"):
        if name in data:
            try:
                cleaned[name] = client_rules.clean_required_text(data[name])
            except RuleViolation as exc:
                errors.append((name, exc.code, exc.detail))
        elif not partial:
            errors.append((name, "required", _("This field is required.")))
    if "hours_per_week" in data:
        try:
            hours = clean_hours_per_week(data["hours_per_week"])
            if hours is None or hours <= Decimal("0"):
                raise RuleViolation(_("A vacancy has more than 0 hours per week."), code="out_of_range")
            cleaned["hours_per_week"] = hours
        except RuleViolation as exc:
            errors.append(("hours_per_week", exc.code, exc.detail))
    elif not partial:
        errors.append(("hours_per_week", "required", _("This field is required.")))
    if "sector" in data:
        if data["sector"] not in Sector.values:
            errors.append(("sector", "invalid_choice", _("Unknown sector; use one of: %(allowed)s.")
                                                       % {"allowed": one_of(Sector)}))
        cleaned["sector"] = data["sector"]
    elif not partial:
        errors.append(("sector", "required", _("This field is required.")))
    if "places" in data:
        places = data["places"]
        if not isinstance(places, int) or isinstance(places, bool) or not 1 <= places <= MAX_PLACES:
            errors.append(("places", "out_of_range", _("A vacancy has 1 to %(max_places)s places.")
                                                     % {"max_places": MAX_PLACES}))
        cleaned["places"] = places
    elif not partial:
        cleaned["places"] = 1
    level = data.get("education_level")
    if level and level not in EducationLevel.values:
        errors.append(("education_level", "invalid_choice", _("Unknown education level; use one of: %(allowed)s.")
                                                            % {"allowed": one_of(EducationLevel)}))
    if "education_level" in data:
        cleaned["education_level"] = level or ""
    if "postcode" in data:
        try:
            cleaned["postcode"] = client_rules.clean_postcode(data["postcode"] or "")
        except RuleViolation as exc:
            errors.append(("postcode", exc.code, exc.detail))
    if "description" in data:
        cleaned["description"] = (data["description"] or "").strip()
    if errors:
        raise InvalidFields(errors)
    return cleaned


@transaction.atomic
def vacancy_post(*, actor, desk: Desk, employer, data: dict) -> Vacancy:
    cleaned = _clean(data, partial=False)
    now = timezone.now()
    return Vacancy.objects.create(employer=employer, status=S.OPEN, status_changed_at=now, posted_at=now,
                                  posted_by=actor if isinstance(actor, User) else None, posted_by_desk=desk,
                                  **cleaned)


def _lock(vacancy: Vacancy, expected_version: int | None) -> Vacancy:
    return lock_version(Vacancy.objects.select_related("employer"), vacancy.pk, expected_version,
                        _("The vacancy was changed since you read it; fetch it again and retry."))


@transaction.atomic
def vacancy_update(*, actor, vacancy: Vacancy, data: dict, expected_version: int | None) -> Vacancy:
    cleaned = _clean(data, partial=True)
    locked = _lock(vacancy, expected_version)
    if locked.status == S.CLOSED:
        raise Conflict(_("The vacancy is closed; post a new one."), code="vacancy_closed")
    if "places" in cleaned and cleaned["places"] < hires_of(locked):
        raise InvalidFields([("places", "below_hires", _("There are more hires than that already."))])
    changed = [n for n in FIELDS if n in cleaned and getattr(locked, n) != cleaned[n]]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, cleaned[name])
    return bump_version(locked)


@transaction.atomic
def vacancy_move(*, actor, vacancy: Vacancy, to_status: str, expected_version: int | None = None) -> Vacancy:
    """Move along the status table; an illegal move is a Conflict and changes nothing."""
    locked = _lock(vacancy, expected_version)
    MOVES.check(locked.status, to_status)
    if to_status == S.OPEN and hires_of(locked) >= locked.places:
        raise Conflict(_("Every place is filled by a hire: raise the places to reopen it."), code="no_places_left")
    return _set_status(locked, to_status)


def _set_status(locked: Vacancy, to_status: str) -> Vacancy:
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    return bump_version(locked, ["status", "status_changed_at"])
