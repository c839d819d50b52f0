"""The rules of signing in, whatever the first factor (password or OpenID Connect).

A sign-in has up to two steps. After the first factor the session holds only a *pending* sign-in
(which account, how, until when); the account is signed in (`django.contrib.auth.login`) only when
the second factor is done or not needed, and the session then carries `SIGNED_IN` saying how.
`SignedInSessionMiddleware` treats a session without that mark as anonymous, so no other way into a
session (an old admin login, a half-finished sign-in) reaches the API, the admin or /oauth/authorize.
"""
import time

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login

from rwc.models import RegionRole, RegionRoleKind, StaffMembership

from .security import security_event

SIGNED_IN = "accounts.signed_in"  # {"method": "password"|"oidc", "second_factor": "totp"|"recovery"|"provider"|"not_required"}
PENDING = "accounts.pending"  # {"user": pk, "method": ..., "until": epoch seconds, "next": url}
PENDING_SECONDS = 300
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"

NO_ROLE = _("Your account has no active role at a desk or region (any more). Ask the functional "
            "administrator of your region.")


def second_factor_required(user) -> bool:
    """Local accounts that reach personal data (desk staff, privacy officers) or the admin need a second factor."""
    if user.is_staff or user.is_superuser:
        return True
    if StaffMembership.objects.filter(user=user, ended_at__isnull=True).exists():
        return True
    return RegionRole.objects.filter(user=user, ended_at__isnull=True, role=RegionRoleKind.PRIVACY_OFFICER).exists()


def refusal(user):
    """Why this account may not sign in now (a text for the person), or None.

    An account whose memberships and region roles have all ended has nothing left to do here;
    superusers (the platform's own administrators) hold no region role.
    """
    if not user.is_active:
        return NO_ROLE
    if user.is_superuser:
        return None
    has_role = (StaffMembership.objects.filter(user=user, ended_at__isnull=True).exists()
                or RegionRole.objects.filter(user=user, ended_at__isnull=True).exists())
    return None if has_role else NO_ROLE


def safe_next(request, url) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure()):
        return url
    return settings.LOGIN_REDIRECT_URL


def begin_second_step(request, user, *, method: str, next_url: str) -> None:
    """The first factor is done: remember who, in a fresh session, for PENDING_SECONDS."""
    request.session.cycle_key()
    request.session[PENDING] = {"user": user.pk, "method": method, "until": time.time() + PENDING_SECONDS,
                                "next": next_url}


def pending_user(request):
    """The account whose second step is under way, or None (none begun, expired, or account gone)."""
    pending = request.session.get(PENDING)
    if not pending or pending["until"] < time.time():
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def complete(request, user, *, method: str, second_factor: str, device=None, next_url: str | None = None) -> str:
    """Sign the account in (a new session key, the SIGNED_IN mark, the security log); returns where to go."""
    pending = request.session.pop(PENDING, None) or {}
    login(request, user, backend=SESSION_BACKEND)
    if device is not None:
        otp_login(request, device)
    request.session[SIGNED_IN] = {"method": method, "second_factor": second_factor}
    security_event("signin.succeeded", request, user=user, method=method, second_factor=second_factor)
    return safe_next(request, next_url or pending.get("next"))


class SignedInSessionMiddleware:
    """After AuthenticationMiddleware: a session user counts only when the session carries SIGNED_IN.

    No query of its own: the mark lives in the session that authentication has loaded anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session_user = request.user
        request.user = SimpleLazyObject(lambda: _checked(request, session_user))
        return self.get_response(request)


def _checked(request, session_user):
    if session_user.is_authenticated and SIGNED_IN not in request.session:
        return AnonymousUser()
    return session_user
