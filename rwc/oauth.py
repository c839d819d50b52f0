"""OAuth2 glue: partner systems as principals, their scopes, and staff tokens for scripts."""
import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from oauth2_provider.generators import generate_client_id
from oauth2_provider.models import AccessToken, Application, set_token_value
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import SettingsScopes
from oauthlib.common import generate_token

from accounts.lifetimes import WEB_CLIENT_APPLICATION  # the public browser client (accounts.webclient)
from rwc import prepared

STAFF_CLI_APPLICATION = "rwc-staff-cli"



class PartnerPrincipal:
    """The caller behind a client-credentials token: one partner system of one organisation.

    Not a Django user: it has no password, no admin access and no desk; it acts only for its
    organisation and within its token's scopes.
    """

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    is_partner = True
    pk = None

    def __init__(self, partner_system, scopes):
        self.partner_system = partner_system
        self.scopes = frozenset(scopes)

    @property
    def organisation(self):
        return self.partner_system.organisation

    @property
    def username(self):
        return f"partner:{self.partner_system.application.client_id}"

    def __str__(self):
        return str(self.partner_system)


class PartnerScopes(SettingsScopes):
    """A partner system may ask only for the scopes it was registered with; staff tokens get `staff`."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        system = getattr(application, "partner_system", None) if application is not None else None
        if system is not None:
            return system.scope_list
        if application is not None and application.name in (STAFF_CLI_APPLICATION, WEB_CLIENT_APPLICATION):
            return ["staff"]
        return []

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)


class Validator(OAuth2Validator):
    """django-oauth-toolkit's validator, loading a bearer token with its principal in one query:
    the user, or the partner system and its organisation (`api.authentication` reads them from
    the token instead of looking the partner system up on every request)."""

    def _load_access_token(self, token):
        checksum = hashlib.sha256(token.encode("utf-8")).hexdigest()
        return prepared.first(AccessToken, "bearer-token", _token_with_principal, checksum=checksum)


def _token_with_principal(checksum):
    """The token by its checksum, with its user or partner system and organisation (compiled once:
    `rwc.prepared`; the checksum is unique, so at most one row)."""
    return (AccessToken.objects.select_related("user", "application__partner_system__organisation")
            .filter(token_checksum=checksum))


def issue_staff_token(user, *, hours: int = 8) -> str:
    """A bearer token for a staff user, for scripts and tests (`manage.py issue_token`).

    Returns the token itself: only its SHA-256 checksum is stored (RFC 9700 token storage).
    """
    app, _ = Application.objects.get_or_create(
        name=STAFF_CLI_APPLICATION,
        defaults={
            "client_id": generate_client_id(),
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_CLIENT_CREDENTIALS,
            "skip_authorization": True,
        },
    )
    raw = generate_token()
    token = AccessToken(user=user, application=app, expires=timezone.now() + timedelta(hours=hours), scope="staff")
    set_token_value(token, raw)
    token.save()
    return raw


def token_url(request=None) -> str:
    """Where partner systems get a token: on the host and scheme the caller reached us at when there is
    a request (the served OpenAPI document), else at PUBLIC_BASE_URL (`manage.py spectacular`, printed
    links). Never a fixed port: `make run PORT=8123` serves a document that points at 8123."""
    if request is not None:
        return request.build_absolute_uri(settings.OAUTH_TOKEN_PATH)
    return settings.PUBLIC_BASE_URL.rstrip("/") + settings.OAUTH_TOKEN_PATH
