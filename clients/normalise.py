"""Normalisation on input, so equal things compare equal: names, postcodes, phone numbers."""
import re
import unicodedata

import phonenumbers

POSTCODE_RE = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})$")
_FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}  # never issued by PostNL


def text(value: str | None) -> str:
    """Trimmed, inner whitespace collapsed, Unicode in NFC."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value or "")).strip()


def fold(value: str | None) -> str:
    """For search and duplicate matching: lower case, no accents, letters and spaces only.

    "Ö. van der Bérg-Smit" -> "o van der berg smit".
    """
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", plain)).strip()


def postcode(value: str) -> str | None:
    """`1234ab`, ` 1234 AB ` -> `1234 AB`; None when it is not a Dutch postcode."""
    match = POSTCODE_RE.match(text(value))
    if not match:
        return None
    letters = match.group(2).upper()
    if letters in _FORBIDDEN_POSTCODE_LETTERS:
        return None
    return f"{match.group(1)} {letters}"


def phone(value: str) -> str | None:
    """Dutch or international number -> E.164 (`06 12345678` -> `+31612345678`); None if invalid."""
    try:
        number = phonenumbers.parse(text(value), "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(value: str) -> str:
    """Trimmed, the domain in lower case (the local part is the mail server's business)."""
    value = text(value)
    if "@" not in value:
        return value
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"
