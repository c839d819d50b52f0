"""The sign-in pages: password, second factor (verify or enrol), single sign-on, sign-out.

Every refusal is a page in the person's language (Dutch unless the browser asks for English) that
leaves no signed-in session and creates nothing; every outcome is on the security log.
"""
import time
from base64 import b32encode

import requests
import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import oidc, signin
from .language import in_page_language
from .security import security_event

RECOVERY_CODES = 10

WRONG_PASSWORD = _("That username and password do not match. Check both and try again.")
WRONG_CODE = _("That code is not right, or it was used already. Enter the code your app shows now, "
               "or one of your recovery codes.")
EXPIRED = _("Signing in took too long. Please start again.")
SSO_STATE = _("This sign-in link is not valid (any more). Please start signing in again.")
SSO_FAILED = _("The sign-in at your organisation could not be completed. Please try again.")
SSO_UNKNOWN = _("Your organisation's account is not linked to an account here. Ask the functional "
                "administrator of your region.")


def _page(request, template, status=200, **context):
    return render(request, f"accounts/{template}", {"oidc_enabled": oidc.enabled(), **context}, status=status)


def _refused(request, message, status, event_user=None, **log):
    """A refusal page; the half-begun sign-in is forgotten."""
    request.session.pop(signin.PENDING, None)
    security_event("signin.failed", request, user=event_user, **log)
    return _page(request, "error.html", status=status, message=message)


def _second_step(request, user, *, method, next_url):
    signin.begin_second_step(request, user, method=method, next_url=next_url)
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return redirect("accounts:verify" if has_device else "accounts:enrol")


@never_cache
@in_page_language
@require_http_methods(["GET", "POST"])
def signin_page(request):
    """GET: the form (or, when signed in, who you are and the sign-out button). POST: the password."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "GET":
        if request.user.is_authenticated:
            return _page(request, "signed_in.html", how=request.session.get(signin.SIGNED_IN, {}))
        return _page(request, "signin.html", next=next_url, signed_out="signed_out" in request.GET)
    username = request.POST.get("username", "").strip()
    user = authenticate(request, username=username, password=request.POST.get("password", ""))
    if user is None:  # a wrong password (axes counted it; at the limit its middleware answers 429)
        known = get_user_model().objects.filter(username=username).first()
        security_event("signin.failed", request, user=known, method="password", reason="credentials")
        return _page(request, "signin.html", next=next_url, username=username, error=WRONG_PASSWORD)
    reason = signin.refusal(user)
    if reason:
        return _refused(request, reason, 403, event_user=user, method="password", reason="no_active_role")
    if signin.second_factor_required(user):
        return _second_step(request, user, method="password", next_url=next_url)
    return redirect(signin.complete(request, user, method="password", second_factor="not_required", next_url=next_url))


def _code_attempt_allowed(request, user):
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.username}
    if settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(request, credentials):
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        return get_lockout_response(request, None, credentials)
    return None


def _code_failed(request, user, method):
    """A wrong or replayed code counts as a failed sign-in of the account (axes), and is logged."""
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    security_event("signin.failed", request, user=user, method=method, reason="second_factor")


def _matching_device(user, code):
    """The confirmed device that accepts this code, and which kind; django-otp refuses a replayed
    TOTP code (it remembers the last time step used) and uses a recovery code up."""
    if not code:
        return None, None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device, "totp"
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device, "recovery"
    return None, None


@never_cache
@in_page_language
@require_http_methods(["GET", "POST"])
def verify_page(request):
    """The second factor: the code from the authenticator app, or a recovery code."""
    user = signin.pending_user(request)
    if user is None:
        return _refused(request, EXPIRED, 400, reason="no_pending_sign_in")
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:enrol")
    if request.method == "GET":
        return _page(request, "verify.html")
    locked = _code_attempt_allowed(request, user)
    if locked is not None:
        return locked
    method = request.session[signin.PENDING]["method"]
    device, kind = _matching_device(user, request.POST.get("code", "").replace(" ", ""))
    if device is None:
        _code_failed(request, user, method)
        return _page(request, "verify.html", error=WRONG_CODE)
    return redirect(signin.complete(request, user, method=method, second_factor=kind, device=device))


def _qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4))  # noqa: S308 - segno's own SVG markup


@never_cache
@in_page_language
@require_http_methods(["GET", "POST"])
def enrol_page(request):
    """First sign-in without an authenticator: show a new secret (QR code and text), confirm it with a
    code, then show the recovery codes once."""
    user = signin.pending_user(request)
    if user is None:
        return _refused(request, EXPIRED, 400, reason="no_pending_sign_in")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    context = {"qr": _qr_svg(device.config_url), "secret": _spaced(b32encode(device.bin_key).decode())}
    if request.method == "GET":
        return _page(request, "enrol.html", **context)
    locked = _code_attempt_allowed(request, user)
    if locked is not None:
        return locked
    method = request.session[signin.PENDING]["method"]
    if not device.verify_token(request.POST.get("code", "").replace(" ", "")):
        _code_failed(request, user, method)
        return _page(request, "enrol.html", error=WRONG_CODE, **context)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _recovery_codes_replace(user)
    security_event("2fa.enrolled", request, user=user, device="totp", recovery_codes=len(codes))
    next_url = signin.complete(request, user, method=method, second_factor="totp", device=device)
    return _page(request, "recovery_codes.html", codes=codes, next=next_url)


def _spaced(secret: str) -> str:
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@in_page_language
@require_POST
def signout_page(request):
    """Ends the session (the user_logged_out receiver logs it and revokes the web client's tokens)."""
    logout(request)
    return HttpResponseRedirect(reverse("accounts:signin") + "?" + urlencode({"signed_out": "1"}))


def oidc_start(request):
    """Off to the OpenID provider (404 when single sign-on is not configured)."""
    if not oidc.enabled():
        raise Http404
    return oidc.RequestView.as_view()(request)


@never_cache
@in_page_language
def oidc_callback(request):
    """Back from the OpenID provider: state, code, ID token and account checked; a second factor if needed."""
    if not oidc.enabled():
        raise Http404
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    entry = states.pop(state, None) if state else None
    if entry is not None:
        request.session["oidc_states"] = states  # used up, even when the rest fails
    if request.GET.get("error") or entry is None or not request.GET.get("code"):
        return _refused(request, SSO_STATE, 400, method="oidc", reason="state")
    if entry.get("added_on", 0) + settings.OIDC_STATE_MAX_AGE_SECONDS < time.time():
        return _refused(request, SSO_STATE, 400, method="oidc", reason="state_expired")
    backend = oidc.Backend()
    try:
        user = backend.authenticate(request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier"))
    except (SuspiciousOperation, requests.RequestException, ValueError, KeyError) as exc:
        return _refused(request, SSO_FAILED, 400, method="oidc", reason=type(exc).__name__)
    if user is None:
        return _refused(request, SSO_UNKNOWN, 403, method="oidc", reason="unknown_user")
    reason = signin.refusal(user)
    if reason:
        return _refused(request, reason, 403, event_user=user, method="oidc", reason="no_active_role")
    next_url = request.session.pop("oidc_login_next", None) or ""
    if oidc.provider_asserts_mfa(backend.id_claims):
        return redirect(signin.complete(request, user, method="oidc", second_factor="provider", next_url=next_url))
    if signin.second_factor_required(user):
        return _second_step(request, user, method="oidc", next_url=next_url)
    return redirect(signin.complete(request, user, method="oidc", second_factor="not_required", next_url=next_url))


def admin_login(request):
    """The admin signs in here too (with the second factor): its own login form is not used."""
    return HttpResponseRedirect(reverse("accounts:signin") + "?" + urlencode({"next": request.GET.get("next", "/admin/")}))
