"""Sign-in lock-out (django-axes): the response of a locked-out caller, and the OAuth token endpoint.

Axes watches Django's own sign-ins (the admin login, which is also how staff get a session):
after `LOGIN_FAILURE_LIMIT` failures for one username from one address, that pair is locked out for
`LOGIN_LOCKOUT_MINUTES`, even with the right password. The OAuth2 token endpoint does not go through
Django's `authenticate()`, so `TokenView` feeds axes itself: a wrong client secret counts as a failed
sign-in of that client id.

A locked-out caller gets 429 with `Retry-After`: problem+json on the API and the token endpoint
(there with an OAuth `error` member too, for OAuth client libraries), plain text on the sign-in pages.
The sign-in pages (accounts) feed axes too: a wrong password through `authenticate()`, a wrong or
replayed second-factor code as a failed sign-in of that account.
"""
import base64
import binascii
import json
from urllib.parse import unquote

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oauth2_provider import views as oauth2_views
from rest_framework.throttling import BaseThrottle

from .problems import PROBLEM_CONTENT_TYPE, problem

LOCKED_OUT = _("Too many failed sign-in attempts: locked out for a while. Try again after Retry-After seconds.")
PROBLEM_PATHS = ("/api/", "/oauth/")
LOCKED_OUT_PAGE = _("Too many failed sign-in attempts: locked out. Try again in %(minutes)s minutes.")
LOCKED_OUT_PAGE_LATER = _("Too many failed sign-in attempts: locked out. Try again later.")


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or the address `NUM_PROXIES` trusted proxies saw.

    The same rule as the API throttles (DRF's `get_ident`), so lock-out and rate limits agree.
    """
    return BaseThrottle().get_ident(request)


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 with Retry-After, problem+json where the API or OAuth is concerned."""
    cool_off = get_cool_off(request)
    retry_after = str(int(cool_off.total_seconds())) if cool_off else None
    if request.path.startswith(PROBLEM_PATHS):
        body = problem(429, LOCKED_OUT, instance=request.path, title=_("Locked out"), code="locked-out")
        if request.path.startswith("/oauth/"):
            body.update({"error": "invalid_client", "error_description": str(LOCKED_OUT)})
        response = HttpResponse(json.dumps(body, cls=DjangoJSONEncoder), status=429, content_type=PROBLEM_CONTENT_TYPE)
    else:  # the sign-in pages: in the person's language (Dutch unless the browser asks for English)
        from accounts.language import page_language

        minutes = (int(cool_off.total_seconds() // 60) or 1) if cool_off else None
        with translation.override(page_language(request)):
            text = str(LOCKED_OUT_PAGE % {"minutes": minutes} if minutes else LOCKED_OUT_PAGE_LATER)
        response = HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    if retry_after:
        response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    return response


def _client_id(request) -> str | None:
    """The client id a token request names: HTTP Basic (RFC 6749 2.3.1, form-encoded) or the body."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, sep, _ = decoded.partition(":")
        return unquote(client_id.replace("+", " ")) if sep else None
    client_id = request.POST.get("client_id")
    return client_id or None


class TokenView(oauth2_views.TokenView):
    """django-oauth-toolkit's token endpoint, with failed client authentication counted by axes."""

    def post(self, request, *args, **kwargs):
        client_id = _client_id(request) if settings.AXES_ENABLED else None
        if client_id is None:
            return super().post(request, *args, **kwargs)
        credentials = {settings.AXES_USERNAME_FORM_FIELD: client_id}
        if not AxesProxyHandler.is_allowed(request, credentials):
            # Counted like a refused admin sign-in: a try during the lock-out prolongs it.
            user_login_failed.send(sender=type(self), credentials=credentials, request=request)
            return get_lockout_response(request, None, credentials)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 401:  # invalid_client: unknown client or wrong secret
            # Axes records the failure; at the limit it flags the request and AxesMiddleware
            # answers with lockout_response instead.
            user_login_failed.send(sender=type(self), credentials=credentials, request=request)
        elif response.status_code == 200 and settings.AXES_RESET_ON_SUCCESS:
            AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=client_id)
        return response
