"""The citizen service number (BSN): validation, encryption at rest and the blind index.

The number is stored twice, never in clear: Fernet-encrypted (MultiFernet over
`BSN_ENCRYPTION_KEYS`, first key encrypts, all decrypt, so keys rotate) and as an HMAC-SHA256
blind index under its own `BSN_INDEX_KEY`, so equality lookups (duplicates, search) need no
decryption. Both keys are separate from `SECRET_KEY`.
"""
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from rwc import crypto

BSN_RE = re.compile(r"^\d{9}$")


def normalise(value: str) -> str:
    """Digits only: people type `1234.56.782` or `1234 56 782`; an 8-digit BSN gets its leading 0."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid(bsn: str) -> bool:
    """The eleven-test (elfproef): 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a positive multiple of 11."""
    if not BSN_RE.match(bsn or ""):
        return False
    digits = [int(c) for c in bsn]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8])) - digits[8]
    return total % 11 == 0 and total > 0


def mask(bsn: str | None) -> str | None:
    """What staff without a legal basis see: that there is one, and its last three digits."""
    return None if not bsn else "******" + bsn[-3:]


def encrypt(bsn: str) -> str:
    return crypto.seal(bsn)


def decrypt(token: str) -> str:
    return crypto.unseal(token)


def blind_index(bsn: str) -> str:
    key = settings.BSN_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("BSN_INDEX_KEY is not set.")
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def reset_key_cache() -> None:
    """For tests that change the keys."""
    crypto._fernet.cache_clear()
