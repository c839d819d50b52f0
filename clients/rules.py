"""The rules of the client record, one cleaner per field: each returns the normalised value or
raises RuleViolation. The API's serializers call them per field (so every bad field is named at
once) and the services call `clean_client_data` again, so the admin and commands obey them too."""
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rwc.errors import InvalidFields, RuleViolation, one_of

from . import bsn as bsn_codec
from . import normalise
from .choices import TargetGroup
from .languages import ISO_639_1

MAX_AGE_YEARS = 120


def clean_bsn(value):
    if value in (None, ""):
        return None
    digits = bsn_codec.normalise(str(value))
    if not bsn_codec.is_valid(digits):
        # Never echo the number: it may be a real person's BSN with a typo.
        raise RuleViolation(_("This is not a valid BSN (nine digits passing the eleven-test)."), code="invalid_bsn")
    return digits


def clean_birth_date(value: date):
    today = timezone.localdate()
    if value > today:
        raise RuleViolation(_("The birth date lies in the future."), code="in_future")
    if value < today.replace(year=today.year - MAX_AGE_YEARS):
        raise RuleViolation(_("The birth date is more than %(max_age_years)s years ago.")
                            % {"max_age_years": MAX_AGE_YEARS}, code="implausible")
    return value


def clean_optional_text(value):
    value = normalise.text(value)
    if any(ord(c) < 32 for c in value):
        raise RuleViolation(_("Control characters are not allowed."), code="invalid")
    return value


def clean_required_text(value):
    value = clean_optional_text(value)
    if not value:
        raise RuleViolation(_("This field may not be blank."), code="blank")
    return value


def _clean_with(normaliser, message: str, code: str):
    """A cleaner for an optional field that `normaliser` turns into its one spelling, or None if invalid."""

    def clean(value):
        if not normalise.text(value):
            return ""
        result = normaliser(value)
        if result is None:
            raise RuleViolation(message, code=code)
        return result

    return clean


clean_postcode = _clean_with(normalise.postcode, "A Dutch postcode is four digits and two letters, e.g. 3511 AB.",
                             "invalid_postcode")
clean_phone = _clean_with(normalise.phone, "Not a valid phone number (Dutch, or international with +).",
                          "invalid_phone")


def clean_email(value):
    value = normalise.email(value)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise RuleViolation(_("Not a valid e-mail address."), code="invalid_email") from None
    return value


def clean_language(value):
    value = normalise.text(value).lower()
    if value and value not in ISO_639_1:
        raise RuleViolation(_("Use an ISO 639-1 language code such as nl, en, ar, tr, pl, ti."), code="invalid_language")
    return value


def clean_target_groups(values):
    values = list(values or [])
    unknown = [v for v in values if v not in TargetGroup.values]
    if unknown:
        raise RuleViolation(_("Unknown target groups: %(values)s; use any of: %(allowed)s.")
                            % {"values": ', '.join(map(str, unknown)), "allowed": one_of(TargetGroup)}, code="invalid_choice")
    return sorted(set(values))


def clean_municipality_code(value):
    """A CBS gemeentecode (GM and four digits) of a municipality in clients.municipalities, or empty."""
    from .municipalities import CODE_RE, MUNICIPALITIES, normalise_code

    value = normalise_code(value)
    if not value:
        return ""
    if not CODE_RE.match(value):
        raise RuleViolation(_("A municipality code is GM and four digits (CBS gemeentecode), e.g. GM0344."),
                            code="invalid_municipality_code")
    if value not in MUNICIPALITIES:
        raise RuleViolation(_("No municipality has this code in the regions served."), code="unknown_municipality")
    return value


CLEANERS = {
    "bsn": clean_bsn,
    "given_names": clean_required_text,
    "surname": clean_required_text,
    "name_prefix": clean_optional_text,
    "birth_date": clean_birth_date,
    "postcode": clean_postcode,
    "phone": clean_phone,
    "email": clean_email,
    "house_number_addition": clean_optional_text,
    "city": clean_optional_text,
    "municipality": clean_optional_text,
    "municipality_code": clean_municipality_code,
    "preferred_language": clean_language,
    "target_groups": clean_target_groups,
}


def clean_client_data(data: dict) -> dict:
    """Every field through its cleaner; all failures at once as InvalidFields."""
    cleaned, errors = {}, []
    for name, value in data.items():
        cleaner = CLEANERS.get(name)
        if cleaner is None:
            cleaned[name] = value
            continue
        try:
            cleaned[name] = cleaner(value)
        except RuleViolation as exc:
            errors.append((name, exc.code, exc.detail))
    if errors:
        raise InvalidFields(errors)
    return cleaned
