"""OpenID Connect single sign-on (mozilla-django-oidc), configured from the environment.

The provider is named by its discovery document (OIDC_DISCOVERY_URL, or OIDC_ISSUER + the well-known
path) or by explicit endpoints (OIDC_OP_*_ENDPOINT, which win over discovery). Without a client id and
a provider, single sign-on is off: its URLs answer 404 and the sign-in page shows no button.

Matching (OIDC_MATCH_CLAIM): `sub` looks the subject up in ExternalIdentity (linked by an
administrator), `email` compares the e-mail claim with the account's address. A sign-in never creates
an account, a role or a link.
"""
import logging
import time

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

logger = logging.getLogger(__name__)

DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_ISSUER": "issuer",
}
_discovered: dict[str, tuple[float, dict]] = {}
DISCOVERY_CACHE_SECONDS = 3600


def discovery_url() -> str:
    url = getattr(settings, "OIDC_DISCOVERY_URL", "")
    issuer = getattr(settings, "OIDC_ISSUER", "")
    if not url and issuer:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    return url


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", "")) and bool(
        discovery_url() or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", ""))


def _discovery() -> dict:
    url = discovery_url()
    if not url:
        return {}
    cached = _discovered.get(url)
    if cached and cached[0] > time.time():
        return cached[1]
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    _discovered[url] = (time.time() + DISCOVERY_CACHE_SECONDS, document)
    return document


def oidc_setting(name, *default):
    """A mozilla-django-oidc setting: the explicit one, else the provider's discovery document."""
    value = getattr(settings, name, "")
    if value not in ("", None):
        return value
    if name in DISCOVERY_KEYS and discovery_url():
        found = _discovery().get(DISCOVERY_KEYS[name])
        if found:
            return found
    if name == "OIDC_OP_ISSUER":
        return None
    return import_from_settings(name, *default)


class RequestView(OIDCAuthenticationRequestView):
    """Off to the provider: state, nonce and PKCE in the session (mozilla-django-oidc)."""

    get_settings = staticmethod(oidc_setting)


class Backend(OIDCAuthenticationBackend):
    """Code for tokens, the ID token checked (signature, nonce, issuer, audience), an existing account found.

    Not in AUTHENTICATION_BACKENDS: only the callback view calls it, so a password sign-in never
    reaches it. `id_claims` keeps the ID token's claims, for `amr`/`acr`.
    """

    get_settings = staticmethod(oidc_setting)
    id_claims: dict = {}
    outcome: str = "unknown_user"

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        issuer = oidc_setting("OIDC_OP_ISSUER")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if payload.get("exp") is not None and payload["exp"] < time.time():
            raise SuspiciousOperation("ID token expired")
        if "nonce" in kwargs:  # the ID token, not a signed userinfo response
            self.id_claims = payload
        return payload

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_MATCH_CLAIM))

    def filter_users_by_claims(self, claims):
        users = get_user_model().objects.filter(is_active=True)
        if settings.OIDC_MATCH_CLAIM == "email":
            if claims.get("email_verified") is False:
                return users.none()
            return users.filter(email__iexact=claims["email"])
        if settings.OIDC_MATCH_CLAIM != "sub":
            raise ImproperlyConfigured("OIDC_MATCH_CLAIM is sub or email")
        subject = claims.get("sub")
        if subject != self.id_claims.get("sub"):  # userinfo about someone else than the ID token
            return users.none()
        return users.filter(external_identities__subject=subject)

    def create_user(self, claims):  # OIDC_CREATE_USER is False; this is the second lock
        raise SuspiciousOperation("Single sign-on never creates accounts")


def provider_asserts_mfa(claims: dict) -> bool:
    """Did the provider say this sign-in used more than one factor (OIDC_MFA_AMR / OIDC_MFA_ACR)?"""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR):
        return True
    return bool(settings.OIDC_MFA_ACR) and claims.get("acr") in settings.OIDC_MFA_ACR
