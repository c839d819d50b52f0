"""Employers the WSP serves: who may see and change them, their rules, and what can be done to
them (register, change, log a contact). Each write in one transaction.

Access (employer records are business data, not personal data):
- staff of any desk of the region read the region's employers (counsellors of every desk look for
  work for their clients);
- staff of an active WSP desk of the region register and change them and keep the contact log,
  which only WSP staff read (it is the WSP's working notes, like a case's contact log);
- managers, privacy officers, functional administrators and partner systems see none of it here.
"""
import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise, rules
from clients.choices import Sector
from rwc.access import profile_for
from rwc.errors import Conflict, InvalidFields, RuleViolation, one_of
from rwc.models import Desk, DeskKind, User
from rwc.versions import bump_version, lock_version

from .choices import EmployerContactKind, SizeClass
from .models import Employer, EmployerContact

KVK_RE = re.compile(r"^\d{8}$")
MAX_LOCATIONS = 50
MAX_CONTACT_PERSONS = 50
_WSP_ATTR = "_rwc_wsp_regions"


def _user(actor):
    return actor if isinstance(actor, User) else None


# --- access --------------------------------------------------------------------------------------


def wsp_desks_of(principal) -> list[Desk]:
    """The active WSP desks the principal works at (cached on the principal for the request)."""
    cached = getattr(principal, _WSP_ATTR, None)
    if cached is None:
        profile = profile_for(principal)
        cached = list(Desk.objects.filter(id__in=profile.member_desk_ids, kind=DeskKind.WSP, is_active=True)
                      .select_related("region")) if profile.member_desk_ids else []
        setattr(principal, _WSP_ATTR, cached)
    return cached


def works_at_wsp(principal) -> bool:
    return bool(wsp_desks_of(principal))


def wsp_desk_in(principal, region_id: int) -> Desk | None:
    """The principal's WSP desk in this region (the one it acts for), if any."""
    return next((d for d in wsp_desks_of(principal) if d.region_id == region_id), None)


def employers_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.member_desk_ids:
        return Employer.objects.none()
    return Employer.objects.filter(region_id__in=profile.desk_region_ids)


def employers_workable_by(principal):
    regions = {d.region_id for d in wsp_desks_of(principal)}
    return Employer.objects.filter(region_id__in=regions) if regions else Employer.objects.none()


# --- rules ---------------------------------------------------------------------------------------


def clean_kvk_number(value):
    digits = re.sub(r"[\s.]", "", str(value or ""))
    if not KVK_RE.match(digits) or digits == "00000000":
        raise RuleViolation(_("A KvK number has exactly eight digits."), code="invalid_kvk")
    return digits


def clean_locations(values):
    if not isinstance(values, (list, tuple)) or len(values) > MAX_LOCATIONS:
        raise RuleViolation(_("Give the locations as a list of at most %(max_locations)s.")
                            % {"max_locations": MAX_LOCATIONS}, code="invalid")
    cleaned = []
    for index, item in enumerate(values):
        if not isinstance(item, dict):
            raise RuleViolation(_("Location %(value)s is not an object.") % {"value": index + 1}, code="invalid")
        city = rules.clean_optional_text(item.get("city"))
        if not city:
            raise RuleViolation(_("Location %(value)s names no city.") % {"value": index + 1}, code="blank")
        cleaned.append({"name": rules.clean_optional_text(item.get("name")),
                        "postcode": rules.clean_postcode(item.get("postcode") or ""), "city": city})
    return cleaned


def clean_contact_persons(values):
    if not isinstance(values, (list, tuple)) or len(values) > MAX_CONTACT_PERSONS:
        raise RuleViolation(_("Give the contact persons as a list of at most %(max_contact_persons)s.")
                            % {"max_contact_persons": MAX_CONTACT_PERSONS}, code="invalid")
    cleaned = []
    for index, item in enumerate(values):
        if not isinstance(item, dict):
            raise RuleViolation(_("Contact person %(value)s is not an object.") % {"value": index + 1}, code="invalid")
        name = rules.clean_optional_text(item.get("name"))
        if not name:
            raise RuleViolation(_("Contact person %(value)s has no name.") % {"value": index + 1}, code="blank")
        cleaned.append({"name": name, "role": rules.clean_optional_text(item.get("role")),
                        "email": rules.clean_email(item.get("email") or ""),
                        "phone": rules.clean_phone(item.get("phone") or "")})
    return cleaned


CLEANERS = {
    "kvk_number": clean_kvk_number,
    "trade_name": rules.clean_required_text,
    "locations": clean_locations,
    "contact_persons": clean_contact_persons,
}
FIELDS = ("kvk_number", "trade_name", "sector", "size_class", "locations", "contact_persons", "sbb_recognised")


def clean_employer_data(data: dict, *, region_id: int) -> dict:
    """Every field through its rule; all failures at once as InvalidFields."""
    cleaned, errors = {}, []
    for name, value in data.items():
        try:
            cleaned[name] = CLEANERS[name](value) if name in CLEANERS else value
        except RuleViolation as exc:
            errors.append((name, exc.code, exc.detail))
    if "sector" in cleaned and cleaned["sector"] not in Sector.values:
        errors.append(("sector", "invalid_choice", _("Unknown sector; use one of: %(allowed)s.")
                                                   % {"allowed": one_of(Sector)}))
    if "size_class" in cleaned and cleaned["size_class"] not in SizeClass.values:
        errors.append(("size_class", "invalid_choice", _("Unknown size class; use one of: %(allowed)s.")
                                                       % {"allowed": one_of(SizeClass)}))
    desk = cleaned.get("managing_desk")
    if desk is not None and (desk.kind != DeskKind.WSP or not desk.is_active or desk.region_id != region_id):
        errors.append(("managing_desk", "not_a_wsp_desk", _("The managing desk is an active WSP desk of the region.")))
    if errors:
        raise InvalidFields(errors)
    return cleaned


def _duplicate_kvk(kvk: str):
    return Conflict(_("An employer with this KvK number is already registered in the region."), field="kvkNumber",
                    code="duplicate_kvk")


# --- services ------------------------------------------------------------------------------------


@transaction.atomic
def employer_register(*, actor, desk: Desk, data: dict) -> Employer:
    """Register an employer at a WSP desk (the managing desk unless another WSP desk is named)."""
    if desk.kind != DeskKind.WSP:
        raise RuleViolation(_("Only a WSP desk registers employers."), field="desk", code="not_a_wsp_desk")
    data = clean_employer_data(data, region_id=desk.region_id)
    missing = [n for n in ("kvk_number", "trade_name", "sector", "size_class") if n not in data]
    if missing:
        raise InvalidFields([(n, "required", _("This field is required.")) for n in missing])
    employer = Employer(region_id=desk.region_id, managing_desk=data.get("managing_desk") or desk,
                        registered_by=_user(actor), **{n: data[n] for n in FIELDS if n in data})
    employer.name_search = normalise.fold(employer.trade_name)
    if Employer.objects.filter(region_id=desk.region_id, kvk_number=employer.kvk_number).exists():
        raise _duplicate_kvk(employer.kvk_number)
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:  # a concurrent registration won the race
        raise _duplicate_kvk(employer.kvk_number) from None
    return employer


@transaction.atomic
def employer_update(*, actor, employer: Employer, data: dict, expected_version: int | None) -> Employer:
    """Change some fields, if nobody changed the record since the caller read it (If-Match)."""
    data = clean_employer_data(data, region_id=employer.region_id)
    locked = lock_version(Employer.objects, employer.pk, expected_version,
                          _("The employer was changed since you read it; fetch it again and retry."))
    changed = False
    for name in (*FIELDS, "managing_desk"):
        if name in data and getattr(locked, name) != data[name]:
            setattr(locked, name, data[name])
            changed = True
    if not changed:
        return locked
    if Employer.objects.filter(region_id=locked.region_id, kvk_number=locked.kvk_number).exclude(pk=locked.pk).exists():
        raise _duplicate_kvk(locked.kvk_number)
    locked.name_search = normalise.fold(locked.trade_name)
    try:
        with transaction.atomic():
            bump_version(locked)
    except IntegrityError:
        raise _duplicate_kvk(locked.kvk_number) from None
    return locked


@transaction.atomic
def employer_contact_record(*, actor, desk: Desk, employer: Employer, data: dict) -> EmployerContact:
    """Log a visit, call, e-mail, meeting or agreement with the employer."""
    errors = []
    summary = normalise.text(data.get("summary"))
    if not summary:
        errors.append(("summary", "blank", _("Write what the contact was about.")))
    if data.get("kind") not in EmployerContactKind.values:
        errors.append(("kind", "invalid_choice", _("Unknown kind of contact; use one of: %(allowed)s.")
                                                 % {"allowed": one_of(EmployerContactKind)}))
    now = timezone.now()
    at = data.get("at") or now
    if at > now + timedelta(minutes=5):
        errors.append(("at", "in_future", _("A contact cannot lie in the future; plan a follow-up instead.")))
    follow_up = data.get("follow_up_on")
    if follow_up is not None and follow_up < timezone.localdate(at):
        errors.append(("follow_up_on", "before_contact", _("The follow-up lies before the contact.")))
    if errors:
        raise InvalidFields(errors)
    return EmployerContact.objects.create(
        employer=employer, at=at, kind=data["kind"], summary=summary,
        contact_person=normalise.text(data.get("contact_person"))[:120], follow_up_on=follow_up,
        recorded_by=_user(actor), recorded_by_desk=desk,
    )
