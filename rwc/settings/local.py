"""Trying it out on one machine: SQLite under var/ unless DATABASE_URL says otherwise."""
import base64
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env

VAR_DIR.mkdir(exist_ok=True)


def _local_key(name: str, make) -> str:
    """A per-checkout random key kept in var/ (mode 600), so the demo survives restarts."""
    path = VAR_DIR / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_key("secret_key", lambda: secrets.token_urlsafe(50))
BSN_ENCRYPTION_KEYS = env.list("BSN_ENCRYPTION_KEYS", default=[]) or [
    _local_key("bsn_encryption_key", lambda: Fernet.generate_key().decode())
]
BSN_INDEX_KEY = env.str("BSN_INDEX_KEY", default="") or _local_key("bsn_index_key", lambda: secrets.token_urlsafe(32))
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": STORAGES["documents"],  # noqa: F405
}
DOCUMENTS_ENCRYPTION_KEYS = env.list("DOCUMENTS_ENCRYPTION_KEYS", default=[]) or [
    _local_key("documents_encryption_key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
]
WEBHOOK_ALLOW_INSECURE = env.bool("WEBHOOK_ALLOW_INSECURE", default=True)  # a receiver on 127.0.0.1
DEMO_DATA_ALLOWED = True  # seed_demo (base says no)

# `make run` has no mail server: digests are printed by the worker unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
