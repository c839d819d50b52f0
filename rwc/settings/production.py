"""Production: everything secret or host-specific must come from the environment.

`python manage.py check --deploy --fail-level WARNING` passes with these settings.
"""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # required: no default in production
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
BSN_ENCRYPTION_KEYS = env.list("BSN_ENCRYPTION_KEYS")  # required: no default in production
BSN_INDEX_KEY = env.str("BSN_INDEX_KEY")
# Documents on the file system need DOCUMENTS_ENCRYPTION_KEYS (base reads it): without it the storage
# refuses to store or read a file (ImproperlyConfigured) rather than keep one in clear. Not required
# here, so a deployment with DOCUMENTS_STORAGE=s3 (the bucket encrypts) needs none.
REPORT_CELL_KEY_SECRET = env.str("REPORT_CELL_KEY_SECRET")  # required: keys the report perturbation

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # a load balancer probes over plain http
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Rate-limit counters must be shared by every worker: required, e.g. redis://127.0.0.1:6379/0
# (`locmemcache://` only for a single-process deployment).
CACHES = {"default": env.cache("CACHE_URL")}
# The task engine's broker: required, e.g. redis://127.0.0.1:6379/1 or amqp://user:pw@host:5672//
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
# Staff sessions: HttpOnly, SameSite=Lax and 8 hours (base), Secure and __Host- (above); gone when
# the browser closes, so a shared workstation does not keep someone signed in.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
