"""Encryption of personal data at rest: MultiFernet over `BSN_ENCRYPTION_KEYS` (the first key
encrypts, all decrypt, so keys rotate). Used for the BSN and for the kept answers of idempotent
POSTs, which may hold a client's details."""
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = settings.BSN_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("BSN_ENCRYPTION_KEYS is not set (comma-separated Fernet keys).")
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
