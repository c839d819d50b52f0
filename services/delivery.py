"""Services delivered on a case: who sees them, the rules of a record, and its status table.

Visibility is exactly the case's (`cases.access.cases_visible_to`): whoever sees the case sees its
services; whoever works on it (`cases_workable_by`) records and changes them. Each write in one
transaction, the service row locked; a stale If-Match is a 412.

Rules:
- the service type is offered in the case's region, for the case's desk kind and programme
  (`services.catalogue.offering_for`: 400 `not_offered`, `not_allowed_for_desk`, `not_allowed_for_programme`);
- the provider: the desk itself, a partner organisation of the region, or one of the region's
  training providers (with its KvK number) — named exactly as its kind asks (400 `does_not_exist`,
  `required`, `not_for_this_provider`);
- dates in order: planned end not before planned start, actual end not before actual start (400
  `dates_out_of_order`); hours 0 to 5,000 with one decimal;
- course name, level, qualification code (a crebo is five digits) only on a training or language
  course, the course name required there; the certificate only once the service is completed (409
  `not_completed`);
- status: planned -> started | stopped_early; started -> completed | stopped_early; completed and
  stopped early are final (409 `illegal_move`); stopping early needs a reason;
- the case is open to record a service (409 `case_closed`);
- cost, invoice and funding: see services.funding.
"""
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.access import cases_visible_to, cases_workable_by
from cases.choices import CaseStatus
from cases.models import Case
from clients import normalise
from rwc.errors import Conflict, InvalidFields, PreconditionFailed, RuleViolation, one_of
from rwc.models import User

from . import funding
from .catalogue import offering_for
from .choices import TRAINING_TYPES, ProviderKind, ServiceStatus, ServiceType
from .models import DeliveredService

S = ServiceStatus
MOVES: dict[tuple[str, str], str] = {
    (S.PLANNED, S.STARTED): "start",
    (S.PLANNED, S.STOPPED_EARLY): "stop",
    (S.STARTED, S.COMPLETED): "complete",
    (S.STARTED, S.STOPPED_EARLY): "stop",
}
MAX_HOURS = Decimal("5000")
COURSE_FIELDS = ("course_name", "course_level", "qualification_code")
FIELDS = ("service_type", "provider_kind", "partner_organisation", "training_provider", "planned_start", "planned_end",
          "actual_start", "actual_end", "hours", "note", *COURSE_FIELDS, "certificate_obtained")
QUALIFICATION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/]{0,19}$")


def allowed_moves(status: str) -> list[str]:
    return [to for (frm, to) in MOVES if frm == status]


def services_visible_to(principal):
    return DeliveredService.objects.filter(case__in=cases_visible_to(principal))


def services_workable_by(principal):
    return DeliveredService.objects.filter(case__in=cases_workable_by(principal))


def services_of(case: Case):
    return DeliveredService.objects.filter(case=case)


def _user(actor):
    return actor if isinstance(actor, User) else None


def clean_hours(value):
    if value is None:
        return None
    value = Decimal(str(value))
    if value < 0 or value > MAX_HOURS or value != value.quantize(Decimal("0.1")):
        raise RuleViolation(_("Hours are 0 to %(max_hours)s, with at most one decimal.") % {"max_hours": MAX_HOURS},
                            code="out_of_range")
    return value


def clean_qualification_code(value):
    value = (value or "").strip()
    if not value:
        return ""
    if not QUALIFICATION_RE.match(value) or (value.isdigit() and len(value) != 5):
        raise RuleViolation(_("A crebo has five digits; another qualification code is letters, digits, dots and "
                              "dashes, at most 20."), code="invalid_qualification_code")
    return value


def _validate(case: Case, merged: dict, given: dict, errors: list):
    """Check the whole record as it would be after the change; `given` are the fields the caller sent."""
    service_type = merged["service_type"]
    if service_type not in ServiceType.values:
        errors.append(("service_type", "invalid_choice", _("Unknown service type; use one of: %(allowed)s.")
                                                          % {"allowed": one_of(ServiceType)}))
    elif "service_type" in given:
        try:
            offering_for(case, service_type)
        except RuleViolation as exc:
            errors.append(("service_type", exc.code, exc.detail))
    kind = merged["provider_kind"]
    if kind not in ProviderKind.values:
        errors.append(("provider_kind", "invalid_choice", _("Unknown provider kind; use one of: %(allowed)s.")
                                                           % {"allowed": one_of(ProviderKind)}))
    partner, trainer = merged.get("partner_organisation"), merged.get("training_provider")
    region_id = case.desk.region_id
    if kind == ProviderKind.PARTNER:
        if partner is None:
            errors.append(("partner_organisation", "required", _("Name the partner organisation that provides it.")))
        elif partner.region_id != region_id or not partner.is_active:
            errors.append(("partner_organisation", "does_not_exist", _("No such partner organisation in the region.")))
    elif partner is not None:
        errors.append(("partner_organisation", "not_for_this_provider",
                       _("Only a service provided by a partner organisation names one.")))
    if kind == ProviderKind.TRAINING_PROVIDER:
        if trainer is None:
            errors.append(("training_provider", "required", _("Name the training provider that provides it.")))
        elif trainer.region_id != region_id or not trainer.is_active:
            errors.append(("training_provider", "does_not_exist", _("No such training provider in the region.")))
    elif trainer is not None:
        errors.append(("training_provider", "not_for_this_provider",
                       _("Only a service provided by a training provider names one.")))
    if merged.get("planned_end") and merged["planned_end"] < merged["planned_start"]:
        errors.append(("planned_end", "dates_out_of_order", _("The planned end lies before the planned start.")))
    if merged.get("actual_end") and merged.get("actual_start") and merged["actual_end"] < merged["actual_start"]:
        errors.append(("actual_end", "dates_out_of_order", _("The actual end lies before the actual start.")))
    today = timezone.localdate()
    for name in ("actual_start", "actual_end"):
        if name in given and given[name] is not None and given[name] > today:
            errors.append((name, "in_future", _("This has not happened yet: it cannot lie in the future.")))
    is_course = service_type in TRAINING_TYPES
    for name in COURSE_FIELDS:
        if merged.get(name) and not is_course:
            errors.append((name, "not_a_course", _("Only a training or language course has course details.")))
    if is_course and not merged.get("course_name"):
        errors.append(("course_name", "required", _("Name the course.")))


def _clean_fields(data: dict, errors: list) -> dict:
    cleaned = dict(data)
    for name, cleaner in (("hours", clean_hours), ("qualification_code", clean_qualification_code)):
        if name in data:
            try:
                cleaned[name] = cleaner(data[name])
            except RuleViolation as exc:
                errors.append((name, exc.code, exc.detail))
    for name in ("course_name", "course_level", "note"):
        if name in data:
            cleaned[name] = normalise.text(data[name])
    return cleaned


def _open_case(case: Case):
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("The case is closed: reopen it to record services."), code="case_closed")


@transaction.atomic
def service_record(*, actor, case: Case, data: dict) -> DeliveredService:
    """Plan a service on the case (status planned), with its cost and funding when known."""
    _open_case(case)
    errors = []
    missing = [n for n in ("service_type", "provider_kind", "planned_start") if data.get(n) in (None, "")]
    if missing:
        raise InvalidFields([(n, "required", _("This field is required.")) for n in missing])
    money = {n: data.pop(n) for n in funding.MONEY_FIELDS if n in data}
    if data.get("certificate_obtained") is not None:
        raise Conflict(_("A certificate is recorded once the service is completed."), field="certificateObtained",
                       code="not_completed")
    cleaned = _clean_fields(data, errors)
    merged = {n: cleaned.get(n) for n in FIELDS}
    _validate(case, merged, cleaned, errors)
    money = funding.clean_money(case, merged["planned_start"], money, errors)
    if errors:
        raise InvalidFields(errors)
    service = DeliveredService(case=case, status=S.PLANNED, status_changed_at=timezone.now(), recorded_by=_user(actor),
                               **{n: v for n, v in merged.items() if v is not None})
    if "invoice_reference" in money:
        service.invoice_reference = money["invoice_reference"]
    if "cost" in money:
        service.cost = money["cost"]
    funding.save_with_funding(service, money.get("funding"))
    return service


def _lock(service: DeliveredService, expected_version: int | None) -> DeliveredService:
    locked = (DeliveredService.objects.select_for_update(of=("self",)).select_related("case__desk", "case__programme")
              .get(pk=service.pk))
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The service was changed since you read it; fetch it again and retry."))
    return locked


@transaction.atomic
def service_update(*, actor, service: DeliveredService, data: dict, expected_version: int | None) -> DeliveredService:
    """Change some fields (If-Match). Cost, invoice and funding are frozen once approved (409)."""
    locked = _lock(service, expected_version)
    errors = []
    money = {n: data.pop(n) for n in funding.MONEY_FIELDS if n in data}
    if money and locked.approved_at is not None:
        raise Conflict(_("The service's funding is approved: its cost, invoice and funding no longer change."),
                       field=next(iter(money)), code="already_approved")
    if data.get("certificate_obtained") is not None and locked.status != S.COMPLETED:
        raise Conflict(_("A certificate is recorded once the service is completed."), field="certificateObtained",
                       code="not_completed")
    cleaned = _clean_fields(data, errors)
    merged = {n: (cleaned[n] if n in cleaned else getattr(locked, n)) for n in FIELDS}
    _validate(locked.case, merged, cleaned, errors)
    money = funding.clean_money(locked.case, merged["planned_start"], money, errors, service=locked)
    if errors:
        raise InvalidFields(errors)
    changed = [n for n in FIELDS if n in cleaned and getattr(locked, n) != merged[n]]
    for name in changed:
        setattr(locked, name, merged[name] if merged[name] is not None or name not in COURSE_FIELDS else "")
    for name in ("cost", "invoice_reference"):
        if name in money and getattr(locked, name) != money[name]:
            setattr(locked, name, money[name])
            changed.append(name)
    new_funding = money.get("funding")
    if new_funding is not None and funding.funding_of(locked) != funding.as_pairs(new_funding):
        changed.append("funding")
    if not changed:
        return locked
    locked.version += 1
    funding.save_with_funding(locked, new_funding)
    return locked


@transaction.atomic
def service_move(*, actor, service: DeliveredService, to_status: str, on=None, reason: str = "",
                 certificate_obtained=None, expected_version: int | None = None) -> DeliveredService:
    """Start, complete or stop a service early; an illegal move is a 409 and changes nothing."""
    locked = _lock(service, expected_version)
    if (locked.status, to_status) not in MOVES:
        raise Conflict(_("A %(status)s service cannot become %(to_status)s; allowed: %(value)s.")
                       % {"status": locked.status, "to_status": to_status,
                          "value": ", ".join(allowed_moves(locked.status)) or _("nothing")}, code="illegal_move")
    today = timezone.localdate()
    on = on or today
    errors = []
    if on > today:
        errors.append(("date", "in_future", _("This has not happened yet: it cannot lie in the future.")))
    reason = normalise.text(reason)
    if to_status == S.STOPPED_EARLY and not reason:
        errors.append(("reason", "required", _("Say why the service stopped early.")))
    if certificate_obtained is not None and to_status != S.COMPLETED:
        errors.append(("certificate_obtained", "not_completed",
                       _("A certificate is recorded once the service is completed.")))
    if to_status == S.STARTED:
        locked.actual_start = on
    elif locked.actual_start and on < locked.actual_start:
        errors.append(("date", "dates_out_of_order", _("The end lies before the start.")))
    if errors:
        raise InvalidFields(errors)
    if to_status in (S.COMPLETED, S.STOPPED_EARLY):
        locked.actual_end = on
    if to_status == S.STOPPED_EARLY:
        locked.stop_reason = reason[:500]
    if certificate_obtained is not None:
        locked.certificate_obtained = certificate_obtained
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.version += 1
    locked.save()
    return locked
