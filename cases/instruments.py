"""Employer instruments used in a placement, with the harmonised rules of the region.

The rules (one table, RULES; the four Utrecht regions harmonised them, so they hold for every
region here) per instrument: the longest first term, whether and to how long it may be extended,
and what else it needs:

- proefplaatsing (trial placement): at most 2 months, extendable once to at most 6 months in all,
  and only when the employer intends a contract of at least 6 months (`intendedContractMonths`);
- werkervaringsplek (work-experience place): at most 6 months, extendable once to 12;
- loonkostensubsidie (wage-cost subsidy): at most 60 months a term, needs the assessed wage value
  (`wageValuePercentage`, 1-99) and a client in the doelgroepregister or on Wajong/WIA;
- no-riskpolis: at most 60 months, for a client in the doelgroepregister or on Wajong/WIA;
- jobcoach: at most 36 months, extendable once to 60.

Every use starts on or after the placement's date and ends after it starts; the same instrument
may not overlap itself on one placement. A broken duration or detail rule is a 400 naming the
field with the rule as its code (e.g. `proefplaatsing_max_2_months`); a rule about the state of
things (not a placement, not eligible, overlapping, not extendable, already extended or ended) is
a 409 with its code.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.choices import Benefit, TargetGroup
from rwc.errors import Conflict, InvalidFields, one_of
from rwc.models import User

from .choices import EmployerInstrument as I
from .choices import OutcomeKind
from .models import Case, InstrumentUse, Outcome
from .outcomes import add_months


@dataclass(frozen=True)
class Rule:
    max_months: int
    extended_max_months: int | None = None  # None: not extendable
    min_intended_contract_months: int | None = None
    needs_wage_value: bool = False
    needs_work_disability: bool = False


RULES: dict[str, Rule] = {
    I.PROEFPLAATSING: Rule(max_months=2, extended_max_months=6, min_intended_contract_months=6),
    I.WERKERVARINGSPLEK: Rule(max_months=6, extended_max_months=12),
    I.LOONKOSTENSUBSIDIE: Rule(max_months=60, needs_wage_value=True, needs_work_disability=True),
    I.NO_RISKPOLIS: Rule(max_months=60, needs_work_disability=True),
    I.JOBCOACH: Rule(max_months=36, extended_max_months=60),
}
WORK_DISABILITY_BENEFITS = (Benefit.WAJONG, Benefit.WIA)


def instruments_of(placement: Outcome):
    return placement.instrument_uses.select_related("recorded_by").order_by("start_on", "id")


def _eligible(client) -> bool:
    return (client.benefit in WORK_DISABILITY_BENEFITS
            or client.target_groups.filter(code=TargetGroup.DOELGROEPREGISTER).exists())


def _clean(placement: Outcome, data: dict) -> tuple[Rule, dict]:
    errors = []
    instrument = data.get("instrument")
    rule = RULES.get(instrument)
    if rule is None:
        raise InvalidFields([("instrument", "invalid_choice", _("Unknown employer instrument; use one of: %(allowed)s.")
                                                              % {"allowed": one_of(RULES)})])
    start, end = data.get("start_on"), data.get("end_on")
    if start is None:
        errors.append(("start_on", "required", _("Give the first day.")))
    elif start < placement.date:
        errors.append(("start_on", "before_placement", _("The instrument starts before the placement.")))
    if end is None:
        errors.append(("end_on", "required", _("Give the last day.")))
    elif start is not None and end <= start:
        errors.append(("end_on", "before_start", _("The instrument ends before it starts.")))
    elif start is not None and end > add_months(start, rule.max_months):
        errors.append(("end_on", f"{instrument}_max_{rule.max_months}_months",
                       f"A {I(instrument).label.lower()} lasts at most {rule.max_months} months"
                       + (f" (extendable to {rule.extended_max_months})." if rule.extended_max_months else ".")))
    months = data.get("intended_contract_months")
    if rule.min_intended_contract_months is not None:
        if months is None or months < rule.min_intended_contract_months:
            errors.append(("intended_contract_months",
                           f"{instrument}_needs_contract_{rule.min_intended_contract_months}_months",
                           _("Only when the employer intends a contract of at least "
                             "%(min_intended_contract_months)s months.")
                           % {"min_intended_contract_months": rule.min_intended_contract_months}))
    elif months is not None:
        errors.append(("intended_contract_months", "not_for_instrument", _("Only for a proefplaatsing.")))
    wage = data.get("wage_value_percentage")
    if rule.needs_wage_value:
        if wage is None or not 1 <= wage <= 99:
            errors.append(("wage_value_percentage", f"{instrument}_needs_wage_value",
                           _("Give the assessed wage value, 1 to 99 percent.")))
    elif wage is not None:
        errors.append(("wage_value_percentage", "not_for_instrument", _("Only for a loonkostensubsidie.")))
    if errors:
        raise InvalidFields(errors)
    return rule, {"instrument": instrument, "start_on": start, "end_on": end, "intended_contract_months": months,
                  "wage_value_percentage": wage, "note": normalise.text(data.get("note"))[:500]}


@transaction.atomic
def instrument_record(*, actor, placement: Outcome, data: dict) -> InstrumentUse:
    locked = Outcome.objects.select_for_update().get(pk=placement.pk)
    if locked.kind != OutcomeKind.PLACEMENT:
        raise Conflict(_("Employer instruments belong to a placement."), code="not_a_placement")
    rule, details = _clean(locked, data)
    client = Case.objects.select_related("client").get(pk=locked.case_id).client
    if rule.needs_work_disability and not _eligible(client):
        raise Conflict(_("A %(label)s is for a client in the doelgroepregister or on Wajong/WIA.")
                       % {"label": I(details['instrument']).label.lower()}, field="instrument", code="client_not_eligible")
    if locked.instrument_uses.filter(instrument=details["instrument"], start_on__lte=details["end_on"],
                                     end_on__gte=details["start_on"]).exists():
        raise Conflict(_("The same instrument already runs in that period."), code="instrument_overlaps")
    use = InstrumentUse.objects.create(placement=locked, first_end_on=details["end_on"],
                                       recorded_by=actor if isinstance(actor, User) else None, **details)
    if not locked.instrument:  # the placement's own field names its (first) instrument, for the outcome reports
        locked.instrument = details["instrument"]
        locked.save(update_fields=["instrument"])
    return use


@transaction.atomic
def instrument_extend(*, actor, use: InstrumentUse, end_on) -> InstrumentUse:
    locked = InstrumentUse.objects.select_for_update().get(pk=use.pk)
    rule = RULES[locked.instrument]
    if rule.extended_max_months is None:
        raise Conflict(_("A %(instrument)s cannot be extended.")
                       % {"instrument": locked.get_instrument_display().lower()}, code="not_extendable")
    if locked.extended_at is not None:
        raise Conflict(_("It was extended already; it can be extended once."), code="already_extended")
    if locked.end_on < timezone.localdate():
        raise Conflict(_("It has ended: extend before the last day."), code="already_ended")
    if end_on is None or end_on <= locked.end_on:
        raise InvalidFields([("end_on", "not_later", _("The new last day lies after the current one."))])
    if end_on > add_months(locked.start_on, rule.extended_max_months):
        raise InvalidFields([("end_on", f"{locked.instrument}_max_{rule.extended_max_months}_months",
                              _("Extended, it lasts at most %(extended_max_months)s months in all.")
                              % {"extended_max_months": rule.extended_max_months})])
    if locked.placement.instrument_uses.filter(instrument=locked.instrument, start_on__lte=end_on,
                                               end_on__gte=locked.start_on).exclude(pk=locked.pk).exists():
        raise Conflict(_("The same instrument already runs in that period."), code="instrument_overlaps")
    locked.end_on = end_on
    locked.extended_at = timezone.now()
    locked.save(update_fields=["end_on", "extended_at"])
    return locked
