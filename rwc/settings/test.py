"""Tests: always PostgreSQL (DATABASE_URL, else the server on 127.0.0.1:5432)."""
import os
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import STATIC_ROOT, env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/rwc"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {"BACKEND": "documents.storage.EncryptedFileSystemStorage"},  # tests/documents move its root
}
# Files of documents the tests store without a storage of their own: a folder of this run, never var/.
DOCUMENTS_ROOT = Path(os.environ.get("TMPDIR", "/tmp")) / f"rwc-test-documents-{os.getpid()}"
DOCUMENTS_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWRvY3VtZW50cy1rZXktMzItYnl0ZXM="]  # test-only key
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
BSN_ENCRYPTION_KEYS = ["oe2kDl2_MnMMaB-Ey6S4rZnA1U-Ov2YwQm4vPnB2Rwk="]  # test-only keys
BSN_INDEX_KEY = "test-only-bsn-index-key"
WEBHOOK_ALLOW_INSECURE = env.bool("WEBHOOK_ALLOW_INSECURE", default=True)  # a receiver on 127.0.0.1
DEMO_DATA_ALLOWED = True  # seed_demo (base says no)

# Rate limits far above what any test makes, so the suite is never throttled by accident; the
# throttling tests set low rates themselves. Lock-out off for the same reason (and because the test
# client's login() authenticates without a request, which axes refuses); the lock-out tests turn it on.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"staff": "100000/min", "partner": "100000/min", "anon": "100000/min"}}  # noqa: F405
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LIST_COUNT_CACHE_SECONDS = 0  # counts exact at once: tests change data and list again (test_list_count_cache turns it on)

# The engine's tests run real workers against Redis (.ci/run starts it): a queue of this run's own,
# so runs side by side never take each other's messages.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default=f"rwc-test-{os.getpid()}")
CELERY_BROKER_CONNECTION_TIMEOUT = 2

OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's back-off after a wrong code waits in real time; axes still counts
OTP_STATIC_THROTTLE_FACTOR = 0
