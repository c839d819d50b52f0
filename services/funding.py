"""What a service costs, who pays it, and the team lead's approval against the budgets.

Rules:
- the cost is euros, not negative, with at most two decimals (400 naming `cost`);
- the funding splits the cost over one or more sources of the case's region (400 `does_not_exist`),
  each once (`duplicate_source`), each amount above zero with at most two decimals, the amounts adding
  up to the cost (`funding_does_not_add_up`), the service's planned start within each source's period
  (`outside_funding_period`);
- an invoice is booked once: the same reference on another service is a 409 `duplicate_invoice`
  (compared cleaned: spaces trimmed, upper case; a unique index holds it under concurrency too);
- approval: only a team lead of the case's desk (403), once (409 `already_approved`), of a service whose
  cost is set and fully funded (409 `not_funded`), and only within each source's remaining budget:
  ceiling minus what approved services already charge to it (409 `budget_exceeded`, naming the
  budget). The source rows are locked (SELECT ... FOR UPDATE, in id order) while their spending is
  summed, so two approvals at once cannot both take the last of a budget;
- once approved, cost, invoice and funding no longer change (409 `already_approved`);
- refusal: only a team lead of the case's desk (403), with a reason (400 `reason`), not of an approved
  service (409 `already_approved`); the counsellor may change the cost or funding and the lead approve
  later, which clears the refusal.
"""
import re
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.services import is_team_lead_of
from rwc.errors import Conflict, InvalidFields, NotAllowed, PreconditionFailed, RuleViolation

from .catalogue import spent_on
from .models import DeliveredService, FundingSource, ServiceFunding

MONEY_FIELDS = ("cost", "invoice_reference", "funding")
MAX_AMOUNT = Decimal("1000000.00")
MAX_SOURCES = 10
CENT = Decimal("0.01")


def clean_amount(value, *, positive=False) -> Decimal:
    """Euros with at most two decimals, not negative (above zero when `positive`), at most a million."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise RuleViolation(_("Give an amount in euros, e.g. 1250.00."), code="invalid") from None
    if not amount.is_finite():
        raise RuleViolation(_("Give an amount in euros, e.g. 1250.00."), code="invalid")
    if amount < 0 or (positive and amount == 0):
        raise RuleViolation(_("An amount is above zero.") if positive else _("An amount cannot be negative."),
                            code="min_value")
    if amount > MAX_AMOUNT:
        raise RuleViolation(_("An amount is at most %(max_amount)s euros.") % {"max_amount": MAX_AMOUNT},
                            code="max_value")
    if amount != amount.quantize(CENT):
        raise RuleViolation(_("An amount in euros has at most two decimals."), code="max_decimal_places")
    return amount.quantize(CENT)


def clean_invoice_reference(value) -> str:
    return re.sub(r"\s+", " ", (value or "").strip()).upper()[:60]


def as_pairs(allocations) -> list[tuple[int, Decimal]]:
    return sorted((a["source"].pk, a["amount"]) for a in allocations)


def funding_of(service: DeliveredService) -> list[tuple[int, Decimal]]:
    if service.pk is None:
        return []
    return sorted(service.funding.values_list("source_id", "amount"))


def clean_money(case: Case, planned_start, money: dict, errors: list, *, service: DeliveredService | None = None) -> dict:
    """Check cost, invoice and funding (as given, against the rest of the record); errors go to `errors`."""
    cleaned = {}
    if "cost" in money:
        if money["cost"] is None:
            cleaned["cost"] = None
        else:
            try:
                cleaned["cost"] = clean_amount(money["cost"])
            except RuleViolation as exc:
                errors.append(("cost", exc.code, exc.detail))
    if "invoice_reference" in money:
        cleaned["invoice_reference"] = clean_invoice_reference(money["invoice_reference"])
    if "funding" in money:
        allocations, seen = [], set()
        items = money["funding"] or []
        if len(items) > MAX_SOURCES:
            errors.append(("funding", "too_many", _("At most %(max_sources)s funding sources.")
                                                  % {"max_sources": MAX_SOURCES}))
            items = []
        for index, item in enumerate(items):
            source, name = item.get("source"), f"funding[{index}]"
            if source is None or source.region_id != case.desk.region_id:
                errors.append((f"{name}.source", "does_not_exist", _("No such funding source in the region.")))
                continue
            if source.pk in seen:
                errors.append((f"{name}.source", "duplicate_source", _("Name each funding source once.")))
                continue
            seen.add(source.pk)
            if not source.is_active:
                errors.append((f"{name}.source", "inactive", _("This funding source is closed.")))
            elif planned_start and not source.period_start <= planned_start <= source.period_end:
                errors.append((f"{name}.source", "outside_funding_period",
                               _("The service starts outside the period of %(budget)s (%(start)s to %(end)s).")
                               % {"budget": source.name, "start": source.period_start, "end": source.period_end}))
            try:
                allocations.append({"source": source, "amount": clean_amount(item.get("amount"), positive=True)})
            except RuleViolation as exc:
                errors.append((f"{name}.amount", exc.code, exc.detail))
        cleaned["funding"] = allocations
    if errors:
        return cleaned
    cost = cleaned["cost"] if "cost" in cleaned else (service.cost if service else None)
    if "funding" in cleaned:
        pairs = as_pairs(cleaned["funding"])
    else:
        pairs = funding_of(service) if service else []
    if ("cost" in cleaned or "funding" in cleaned) and pairs and sum(a for _, a in pairs) != cost:
        errors.append(("funding", "funding_does_not_add_up",
                       _("The funding amounts add up to %(total)s euros, not the cost of %(cost)s.")
                       % {"total": sum(a for _, a in pairs), "cost": cost if cost is not None else "-"}))
    ref = cleaned.get("invoice_reference")
    if ref and DeliveredService.objects.filter(invoice_reference=ref).exclude(pk=getattr(service, "pk", None)).exists():
        raise _duplicate_invoice()
    return cleaned


def _duplicate_invoice():
    return Conflict(_("This invoice is already booked on another service."), field="invoiceReference",
                    code="duplicate_invoice")


def save_with_funding(service: DeliveredService, allocations: list | None) -> None:
    """Save the service (a concurrent booking of the same invoice loses on the unique index) and, when
    given, replace its funding."""
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError:
        raise _duplicate_invoice() from None
    if allocations is not None:
        ServiceFunding.objects.filter(service=service).delete()
        ServiceFunding.objects.bulk_create([ServiceFunding(service=service, source=a["source"], amount=a["amount"])
                                            for a in allocations])


@transaction.atomic
def service_approve(*, actor, service: DeliveredService, expected_version: int | None = None) -> DeliveredService:
    """A team lead of the case's desk approves the cost and its funding, within each source's budget."""
    case = service.case
    if actor is None or not is_team_lead_of(actor, case.desk):
        raise NotAllowed(_("Only a team lead of the case's desk approves a service's funding."))
    locked = DeliveredService.objects.select_for_update(of=("self",)).get(pk=service.pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The service was changed since you read it; fetch it again and retry."))
    if locked.approved_at is not None:
        raise Conflict(_("The service's funding was approved already."), code="already_approved")
    allocations = list(locked.funding.all())
    if locked.cost is None or not allocations or sum(a.amount for a in allocations) != locked.cost:
        raise Conflict(_("Set the cost and split it over the funding sources before approval."), code="not_funded")
    sources = {s.pk: s for s in FundingSource.objects.select_for_update().filter(
        id__in=[a.source_id for a in allocations]).order_by("id")}
    for allocation in sorted(allocations, key=lambda a: a.source_id):
        source = sources[allocation.source_id]
        remaining = source.budget_ceiling - spent_on(source)
        if allocation.amount > remaining:
            raise Conflict(
                _("The budget %(budget)s has %(remaining)s euros left, less than the %(amount)s asked.")
                % {"budget": source.name, "remaining": remaining, "amount": allocation.amount},
                field="funding", code="budget_exceeded",
                extra={"budget": str(source.uuid), "budgetName": source.name, "remaining": str(remaining)})
    locked.approved_at = timezone.now()
    locked.approved_by = actor
    locked.refused_at, locked.refused_by, locked.refusal_reason = None, None, ""
    locked.version += 1
    locked.save(update_fields=["approved_at", "approved_by", "refused_at", "refused_by", "refusal_reason", "version"])
    return locked


MAX_REASON = 500


def check_may_refuse(actor, service: DeliveredService) -> None:
    """403 unless the actor is a team lead of the case's desk (checked before the request body is)."""
    if actor is None or not is_team_lead_of(actor, service.case.desk):
        raise NotAllowed(_("Only a team lead of the case's desk refuses a service's funding."))


@transaction.atomic
def service_refuse(*, actor, service: DeliveredService, reason: str,
                   expected_version: int | None = None) -> DeliveredService:
    """A team lead of the case's desk refuses the funding, saying why; the counsellor may change the cost
    or funding and ask again (a later approval clears the refusal). An approved service is not refused."""
    check_may_refuse(actor, service)
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidFields([("reason", "required", _("Say why the funding is refused."))])
    if len(reason) > MAX_REASON:
        raise InvalidFields([("reason", "max_length", _("A reason has at most %(max_reason)s characters.")
                              % {"max_reason": MAX_REASON})])
    locked = DeliveredService.objects.select_for_update(of=("self",)).get(pk=service.pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The service was changed since you read it; fetch it again and retry."))
    if locked.approved_at is not None:
        raise Conflict(_("The service's funding was approved already."), code="already_approved")
    locked.refused_at = timezone.now()
    locked.refused_by = actor
    locked.refusal_reason = reason
    locked.version += 1
    locked.save(update_fields=["refused_at", "refused_by", "refusal_reason", "version"])
    return locked
