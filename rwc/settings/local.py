"""Trying it out on one machine: SQLite under var/ unless DATABASE_URL says otherwise."""
import secrets
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env

VAR_DIR.mkdir(exist_ok=True)


def _local_secret_key() -> str:
    """A per-checkout random key kept in var/, so sessions survive restarts of the demo."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
