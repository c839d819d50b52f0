"""Settings shared by every environment; everything that differs comes from the environment.

Read with django-environ. Without `DATABASE_URL` the embedded default is a SQLite file under
`var/`, so the service can be tried without a database server.
"""
from datetime import timedelta
from pathlib import Path

import environ

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
    "referrals",
    "api",
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
    "api.bodies.RequestBodyLimitMiddleware",  # before anything reads a body or authenticates
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
LOGIN_URL = "/admin/login/"

# Dutch for people (problem titles and details, choice labels, the admin), English on request
# (Accept-Language: en). Field names and codes stay English. Catalogues: <app>/locale/nl (README "Languages").
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
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
SECURE_REFERRER_POLICY = "no-referrer"

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

OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("ACCESS_TOKEN_EXPIRE_SECONDS", default=3600),
    "SCOPES": {
        "staff": "A staff member acting in their own name (tokens from issue_token)",
        "referrals:read": "Read the status and outcome of referrals the organisation sent, and those sent to it",
        "referrals:write": "Send referrals in for the organisation, and answer referrals sent to it",
        "webhooks:manage": "Register webhook endpoints and read their delivery log",
    },
    "DEFAULT_SCOPES": ["referrals:read"],
    "SCOPES_BACKEND_CLASS": "rwc.oauth.PartnerScopes",
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
        "SectorEnum": "clients.employer_choices.Sector",
        "SizeClassEnum": "clients.employer_choices.SizeClass",
        "EmployerContactKindEnum": "clients.employer_choices.EmployerContactKind",
        "VacancyStatusEnum": "cases.wsp_choices.VacancyStatus",
        "ProposalStatusEnum": "cases.wsp_choices.ProposalStatus",
        "MatchKindEnum": "cases.wsp_choices.MatchKind",
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
WORKER_POLL_SECONDS = env.float("WORKER_POLL_SECONDS", default=1.0)

# Outcome reports (cases.reports): counts from 1 to k-1 are suppressed; a placement's follow-up
# still unrecorded this many days after it fell due counts as not sustained.
REPORT_MIN_CELL = env.int("REPORT_MIN_CELL", default=5)
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
