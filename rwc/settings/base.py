"""Settings shared by every environment; everything that differs comes from the environment.

Read with django-environ. Without `DATABASE_URL` the embedded default is a SQLite file under
`var/`, so the service can be tried without a database server.
"""
from datetime import timedelta
from pathlib import Path

import environ

from accounts.lifetimes import access_token_seconds

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

API_VERSION = "1.0.0"  # semver of the published API; the URL carries the major version only

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "guardian",
    "oauth2_provider",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "rwc",
    "clients",
    "cases",
    "employers",
    "referrals",
    "worklist",
    "reports",
    "privacy",
    "demo",
    "api",
    "accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "api.middleware.ProblemDetailsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # The language of every text a person reads (Accept-Language, else LANGUAGE_CODE); before the
    # body limit, so a 413 is in the caller's language too. No session language since Django 4.
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiHeadersMiddleware",
    "accounts.middleware.PageReferrerPolicyMiddleware",  # below ApiHeaders: pages with forms get same-origin
    "api.bodies.RequestBodyLimitMiddleware",  # before anything reads a body or authenticates
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.signin.SignedInSessionMiddleware",  # a session counts only once the sign-in (with 2FA) is complete
    "api.middleware_audit.ProcessingLogMiddleware",
    "api.query_parameters.UnknownQueryParametersMiddleware",  # undocumented query parameters: 400
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The largest request body read (bytes): a larger one is a 413 before authentication (api.bodies).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("REQUEST_BODY_MAX_BYTES", default=1024 * 1024)

ROOT_URLCONF = "rwc.urls"
WSGI_APPLICATION = "rwc.wsgi.application"
APPEND_SLASH = False  # NL GOV ADR: no trailing slashes, and a trailing slash is a 404, not a redirect

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rwc.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per session: no JIT (it costs more than it saves on short queries) and index access priced
    # for SSD storage, so the planner fetches a desk's few thousand clients by key instead of
    # scanning a national table. DB_SESSION_OPTIONS="" leaves the server's own settings.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env.str(
        "DB_SESSION_OPTIONS", default="-c jit=off -c random_page_cost=1.1")
if env.str("REPLICA_DATABASE_URL", default=""):
    # A streaming standby of the primary, for report figures only (rwc.replica); same session options.
    DATABASES["replica"] = {**env.db("REPLICA_DATABASE_URL"), **{k: v for k, v in DATABASES["default"].items()
                                                                if k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS")}}
DATABASE_ROUTERS = ["rwc.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "rwc.User"
# guardian stores the grants (direct foreign-key tables), but its has_perm() checker is left out on
# purpose: it knows nothing of a grant's expiry or revocation. Record access is decided only by the
# query functions in rwc.access.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
SILENCED_SYSTEM_CHECKS = [
    "guardian.W001",  # "backend not hooked": on purpose, see above
    "models.W040",  # SQLite (the demo) ignores the covering columns of an index; PostgreSQL reads them
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/signin/"  # the sign-in pages (accounts): password + second factor, or single sign-on
LOGIN_REDIRECT_URL = "/signin/"

# Dutch for people (problem titles and details, choice labels, the admin), English on request
# (Accept-Language: en). Field names and codes stay English. Catalogues: <app>/locale/nl (README "Languages").
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # the sign-in pages' catalogue (accounts); the apps keep their own
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True  # stored in UTC, rendered as ISO 8601 with offset

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions and CSRF for the web client.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"  # API responses; HTML pages get same-origin (accounts.middleware)

# CORS: the OpenAPI document is open to all origins (api.middleware); the API itself only to
# the web clients named here.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["API-Version", "ETag", "Location", "Retry-After"]

# guardian: no anonymous user row; grants are only ever given to desks (groups) and users.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Bearer first, so an unauthenticated call gets 401 with WWW-Authenticate: Bearer.
        "api.authentication.BearerAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsStaffOrPartner"],
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.CamelCaseJSONRenderer",
        "api.renderers.ProblemJSONRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.CamelCaseJSONParser"],  # within the body limits of api.bodies
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "URL_FORMAT_OVERRIDE": None,  # no ?format=: JSON is the only representation
    "UNAUTHENTICATED_USER": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}

# Access tokens live ACCESS_TOKEN_EXPIRE_SECONDS, those of the public web client (accounts.webclient)
# WEB_CLIENT_ACCESS_TOKEN_SECONDS; the web client refreshes with a refresh token.
ACCESS_TOKEN_SECONDS = env.int("ACCESS_TOKEN_EXPIRE_SECONDS", default=3600)
WEB_CLIENT_ACCESS_TOKEN_SECONDS = env.int("WEB_CLIENT_ACCESS_TOKEN_SECONDS", default=300)
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": access_token_seconds,
    "REFRESH_TOKEN_EXPIRE_SECONDS": env.int("REFRESH_TOKEN_EXPIRE_SECONDS", default=8 * 3600),
    "SCOPES": {
        "staff": "A staff member acting in their own name (tokens from issue_token)",
        "referrals:read": "Read the status and outcome of referrals the organisation sent, and those sent to it",
        "referrals:write": "Send referrals in for the organisation, and answer referrals sent to it",
        "webhooks:manage": "Register webhook endpoints and read their delivery log",
    },
    "DEFAULT_SCOPES": ["referrals:read"],
    "SCOPES_BACKEND_CLASS": "rwc.oauth.PartnerScopes",
    "OAUTH2_VALIDATOR_CLASS": "rwc.oauth.Validator",  # a bearer token and its principal in one query
    "PKCE_REQUIRED": True,
    # RFC 9700 (OAuth 2.0 Security BCP) throughout: no implicit or password grant, tokens only in
    # the Authorization header, only checksums of tokens at rest, https redirect URIs.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH_TOKEN_PATH = "/oauth/token"
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

SPECTACULAR_SETTINGS = {
    "TITLE": "RWC case-management API",
    "DESCRIPTION": (
        "Clients, cases, labour-market transitions, referrals and outcomes of the Regional Work "
        "Centres (Regionale Werkcentra). Errors are application/problem+json (RFC 9457); every "
        "response carries API-Version."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {"name": "RWC platform team", "email": "api@rwc.example.nl", "url": "https://rwc.example.nl/api"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/en/"},
    "SERVERS": [{"url": "/api/v1", "description": "This server, API major version 1"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DeskKindEnum": "rwc.models.DeskKind",
        "TaskSubjectKindEnum": "worklist.choices.SubjectKind",
        "TaskPriorityEnum": "worklist.choices.TaskPriority",
        "TaskStatusEnum": "worklist.choices.TaskStatus",
        "TaskOriginEnum": "worklist.choices.TaskOrigin",
        "NotificationKindEnum": "worklist.choices.NotificationKind",
        "DigestFrequencyEnum": "worklist.choices.DigestFrequency",
        "AppointmentKindEnum": "worklist.choices.AppointmentKind",
        "AppointmentStatusEnum": "worklist.choices.AppointmentStatus",
        "PartnerKindEnum": "rwc.models.PartnerKind",
        "DeskRoleEnum": "rwc.models.DeskRole",
        "RegionRoleEnum": "rwc.models.RegionRoleKind",
        "PrincipalKindEnum": "api.serializers.organisation.PrincipalKind",
        "GenderEnum": "clients.choices.Gender",
        "EducationLevelEnum": "clients.choices.EducationLevel",
        "BenefitEnum": "clients.choices.Benefit",
        "TargetGroupEnum": "clients.choices.TargetGroup",
        "LegalBasisEnum": "clients.choices.LegalBasis",
        "EvidenceEnum": "clients.choices.Evidence",
        "DataCategoryEnum": "clients.choices.DataCategory",
        "AccessReasonKindEnum": "api.serializers.clients.AccessReasonKind",
        "DuplicateMatchEnum": "api.serializers.clients.DuplicateMatch",
        "CaseStatusEnum": "cases.choices.CaseStatus",
        "ClosingReasonEnum": "cases.choices.ClosingReason",
        "ContactChannelEnum": "cases.choices.Channel",
        "ContactKindEnum": "cases.choices.ContactKind",
        "PositionEnum": "cases.choices.Position",
        "ContractTypeEnum": "cases.choices.ContractType",
        "LearningRouteEnum": "cases.choices.LearningRoute",
        "SourceEnum": "cases.choices.Source",
        "OutcomeKindEnum": "cases.choices.OutcomeKind",
        "EmployerInstrumentEnum": "cases.choices.EmployerInstrument",
        "TransitionKindEnum": "cases.transitions.TransitionKind",
        "FollowUpStatusEnum": "cases.outcomes.FollowUpStatus",
        "ReferralStatusEnum": "referrals.choices.ReferralStatus",
        "UrgencyEnum": "referrals.choices.Urgency",
        "DeliveryStatusEnum": "referrals.models.DeliveryStatus",
        "SectorEnum": "clients.choices.Sector",
        "SizeClassEnum": "employers.choices.SizeClass",
        "EmployerContactKindEnum": "employers.choices.EmployerContactKind",
        "VacancyStatusEnum": "employers.choices.VacancyStatus",
        "ProposalStatusEnum": "employers.choices.ProposalStatus",
        "MatchKindEnum": "employers.choices.MatchKind",
    },
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "api.schema.nlgov_postprocess",
    ],
    "TAGS": [
        {"name": "me", "description": "Who the caller is."},
        {"name": "organisation", "description": "Regions, desks and partner organisations."},
        {"name": "documentation", "description": "This document."},
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DISABLE_ERRORS_AND_WARNINGS": False,
    "DEFAULT_GENERATOR_CLASS": "api.schema.SchemaGenerator",  # the document is English (README "Languages")
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(trace_id)s] %(message)s"},
        "json": {"()": "rwc.logfilters.JsonFormatter"},  # LOG_FORMAT=json: one object per line
    },
    "filters": {  # personal data a caller typed into a URL; the request's trace id (rwc.logfilters)
        "redact_bsn": {"()": "rwc.logfilters.RedactBsn"},
        "unmatched_paths": {"()": "rwc.logfilters.WithholdUnmatchedPaths"},
        "trace_id": {"()": "rwc.logfilters.WithTraceId"},
    },
    # One handler, and the redaction sits on it: whatever logger a record comes from, it is
    # redacted before it is written.
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": env.str("LOG_FORMAT", default="plain"),
                             "filters": ["redact_bsn", "trace_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own defaults give "django" a console handler (under DEBUG) and mail to ADMINS, and
        # "django.server" (runserver's access log, request lines with their query strings) a handler
        # of its own that does not propagate: both would write around the redaction. Configured
        # here, they lose those handlers and write through the root's alone.
        "django": {"level": "INFO", "propagate": True},
        "django.server": {"level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR", "filters": ["unmatched_paths", "redact_bsn"]},
        # Query logging (DEBUG=True) would write parameters, names in clear: never, whatever LOG_LEVEL.
        "django.db.backends": {"level": "INFO"},
    },
}

# Demo data
# BSN at rest: Fernet keys (comma-separated; the first encrypts, all decrypt, for rotation) and the
# key of the blind index used to look BSNs up. Both separate from SECRET_KEY; required in production.
# Make a Fernet key with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
BSN_ENCRYPTION_KEYS = env.list("BSN_ENCRYPTION_KEYS", default=[])
BSN_INDEX_KEY = env.str("BSN_INDEX_KEY", default="")

# Webhooks (referrals.webhooks, referrals.delivery): https to public addresses only, unless insecure
# delivery is allowed (local and test settings, for a receiver on 127.0.0.1).
WEBHOOK_ALLOW_INSECURE = env.bool("WEBHOOK_ALLOW_INSECURE", default=False)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
# Per endpoint: deliveries in flight at once; consecutive failures that open its circuit, and the
# first cool-down before one delivery probes it (half-open); the first retry's wait (then doubling).
WEBHOOK_ENDPOINT_CONCURRENCY = env.int("WEBHOOK_ENDPOINT_CONCURRENCY", default=2)
WEBHOOK_CIRCUIT_FAILURES = env.int("WEBHOOK_CIRCUIT_FAILURES", default=5)
WEBHOOK_CIRCUIT_COOLDOWN_SECONDS = env.float("WEBHOOK_CIRCUIT_COOLDOWN_SECONDS", default=60.0)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
# A delivery queued this long ago and still not taken by a worker (its message was lost with a
# broker or a worker) is queued again.
WEBHOOK_REQUEUE_SECONDS = env.float("WEBHOOK_REQUEUE_SECONDS", default=300.0)

# --- The task engine: Celery (rwc/celery.py) -----------------------------------------------------
# Production names Redis (or RabbitMQ); without one, kombu's filesystem transport under var/celery
# carries the messages between the processes of one machine (`make run`).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
ENGINE_STATE_DIR = Path(env.str("ENGINE_STATE_DIR", default=str(VAR_DIR / "engine")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"), "data_folder_out": str(_queue_dir / "queue"),
        "control_folder": str(_queue_dir / "control"), "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
    }
    for _folder in ("queue", "control", "processed"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True  # no result backend: the database holds every outcome
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds no more messages than it works on
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # LOGGING (above) applies to the worker too
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="rwc")
CELERY_TIMEZONE = "Europe/Amsterdam"
# Periodic work, run by `celery beat` (one per deployment): the relay's safety net (new events
# also wake it at once), referral expiry, idempotency-key clean-up and the retention run.
WEBHOOK_RELAY_SECONDS = env.float("WEBHOOK_RELAY_SECONDS", default=1.0)
RETENTION_SCHEDULE = env.str("RETENTION_SCHEDULE", default="30 2 * * *")  # cron: minute hour day month weekday
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "referrals.relay_outbox", "schedule": WEBHOOK_RELAY_SECONDS,
                     "options": {"expires": max(WEBHOOK_RELAY_SECONDS * 5, 5)}},
    "expire-referrals": {"task": "referrals.expire_referrals",
                         "schedule": env.float("REFERRAL_EXPIRY_SECONDS", default=60.0), "options": {"expires": 120}},
    "clear-idempotency-keys": {"task": "rwc.clear_idempotency_keys", "schedule": 600.0, "options": {"expires": 1200}},
}
if RETENTION_SCHEDULE:
    from celery.schedules import crontab

    _minute, _hour, _day, _month, _weekday = RETENTION_SCHEDULE.split()
    CELERY_BEAT_SCHEDULE["apply-retention"] = {
        "task": "rwc.run_command", "args": ["apply_retention"],
        "schedule": crontab(minute=_minute, hour=_hour, day_of_month=_day, month_of_year=_month,
                            day_of_week=_weekday),
    }

# The worklist (worklist/): notifications, their e-mail digest, derived reminders. The digest goes
# through Django's SMTP backend; it holds no personal data, only how many of what and a link.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="RWC <noreply@rwc.example.nl>")
DIGEST_DAILY_HOUR = env.int("DIGEST_DAILY_HOUR", default=7)  # local time of the daily digest
WORKLIST_SWEEP_SECONDS = env.float("WORKLIST_SWEEP_SECONDS", default=60.0)
REMINDER_SECONDS = env.float("REMINDER_SECONDS", default=3600.0)
REMINDER_LEAD_DAYS = env.int("REMINDER_LEAD_DAYS", default=7)  # follow-ups and consents this close become tasks
CELERY_BEAT_SCHEDULE.update({
    "worklist-sweep": {"task": "worklist.sweep", "schedule": WORKLIST_SWEEP_SECONDS, "options": {"expires": 120}},
    "worklist-reminders": {"task": "worklist.derive_reminders", "schedule": REMINDER_SECONDS,
                           "options": {"expires": 1800}},
    "worklist-daily-digests": {"task": "worklist.daily_digests", "schedule": 900.0, "options": {"expires": 900}},
})

# Outcome reports (reports/): every count is perturbed by the cell key method
# (reports/cellkey.py, docs/indicators.md): counts from 1 to k-1 are published as 0, every
# other count within +-REPORT_MAX_NOISE of the truth, the same cell always with the same noise.
# The secret keys the records (HMAC-SHA256); required in production, and changing it changes every
# published figure (a reader could then average old and new ones), so keep it.
REPORT_MIN_CELL = env.int("REPORT_MIN_CELL", default=5)
REPORT_MAX_NOISE = env.int("REPORT_MAX_NOISE", default=2)
REPORT_CELL_KEY_SECRET = env.str("REPORT_CELL_KEY_SECRET", default="dev-only-report-cell-key")
# A placement's follow-up still unrecorded this many days after it fell due counts as not sustained.
# Retention (AVG): a client's personal data is anonymised this many months after their last case
# closed (a programme may set its own period); `manage.py apply_retention` does it.
RETENTION_MONTHS = env.int("RETENTION_MONTHS", default=24)
REPORT_FOLLOW_UP_GRACE_DAYS = env.int("REPORT_FOLLOW_UP_GRACE_DAYS", default=30)

RWC_DEMO_PASSWORD = env.str("RWC_DEMO_PASSWORD", default="rwc-demo-2026!")
# seed_demo invents people and logins with a published password: only the local and test settings
# allow it, so it refuses under production (and anything built on it) unless a settings file says so.
DEMO_DATA_ALLOWED = False

# --- Hardening: shared cache, API rate limits, sign-in lock-out (README "Hardening") ------------
# The cache holds the rate-limit counters. locmem (the default) is per process: fine for `make run`
# and the tests; production names a shared one, e.g. CACHE_URL=redis://127.0.0.1:6379/0.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# How long the client list keeps the exact count of one caller's filter (api.pagination.CountingPaginator); 0: never.
LIST_COUNT_CACHE_SECONDS = env.int("LIST_COUNT_CACHE_SECONDS", default=30)

REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "api.throttling.StaffRateThrottle",
    "api.throttling.PartnerRateThrottle",
    "api.throttling.AnonymousRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "staff": env.str("API_RATE_STAFF", default="600/min"),  # per staff member
    "partner": env.str("API_RATE_PARTNER", default="300/min"),  # per partner application
    "anon": env.str("API_RATE_ANONYMOUS", default="60/min"),  # per address, without credentials
}
# Trusted reverse proxies in front of the service: how far back in X-Forwarded-For the caller is.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("NUM_PROXIES", default=0)

# django-axes: lock out a username from one address after repeated failed sign-ins (admin login,
# and the OAuth token endpoint for wrong client secrets: api.lockout.TokenView).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # must stay last
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the pair: an attacker elsewhere cannot lock a user out
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "api.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "api.lockout.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "client_secret"]  # never stored with a failed attempt
AXES_USERNAME_FORM_FIELD = "username"

# --- Staff sign-in from a browser (accounts; README "Signing in") -----------------------------------
# Two-factor authentication (django-otp): TOTP codes, recovery codes; the app shows this issuer name.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="RWC")

# Single sign-on with OpenID Connect (mozilla-django-oidc, accounts.oidc): off unless a client id and
# a provider (discovery URL, issuer, or explicit endpoints) are set. Explicit endpoints win over discovery.
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_DISCOVERY_URL = env.str("OIDC_DISCOVERY_URL", default="")
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGORITHM", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_MATCH_CLAIM = env.str("OIDC_MATCH_CLAIM", default="sub")  # sub (ExternalIdentity) or email
# The provider asserted more than one factor when `amr` holds one of these, or `acr` is one of these:
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa"])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # never: accounts and roles are managed in the admin
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
OIDC_STATE_MAX_AGE_SECONDS = env.int("OIDC_STATE_MAX_AGE_SECONDS", default=600)
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT_SECONDS", default=10.0)
OIDC_VERIFY_SSL = env.bool("OIDC_VERIFY_SSL", default=True)
