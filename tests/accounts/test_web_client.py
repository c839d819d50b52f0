"""The public web client: authorization code + PKCE (no secret), a short-lived access token that calls
the API, a refresh token, and both revoked when the person signs out."""
import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.test import Client
from oauth2_provider.models import AccessToken, Application
from rest_framework.test import APIClient

from accounts.webclient import web_client_register
from tests.accounts.conftest import COUNSELLOR, password_step

pytestmark = pytest.mark.django_db

REDIRECT = "https://web.rwc.example.nl/callback"


def _pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def _authorize(browser, app, challenge, **extra):
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT, "scope": "staff",
              "state": "st-1", "code_challenge": challenge, "code_challenge_method": "S256", **extra}
    return browser.get("/oauth/authorize", params)


def _code(response) -> str:
    assert response.status_code == 302, response.content[:300]
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def _token(data):
    return Client().post("/oauth/token", data)


def _bearer(token):
    return APIClient(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def signed_in_browser(browser, app_of):
    app = app_of(COUNSELLOR)
    password_step(browser)
    assert browser.post("/signin/verify", {"code": app.code()}).status_code == 302
    return browser


def test_authorization_code_with_pkce_gives_a_short_token_that_calls_the_api_and_dies_with_the_session(
        signed_in_browser, settings):
    app = web_client_register(redirect_uris=[REDIRECT])
    assert app.client_type == Application.CLIENT_PUBLIC
    verifier, challenge = _pkce()
    code = _code(_authorize(signed_in_browser, app, challenge))
    response = _token({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                       "client_id": app.client_id, "code_verifier": verifier})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["expires_in"] == settings.WEB_CLIENT_ACCESS_TOKEN_SECONDS == 300 and body["scope"] == "staff"
    me = _bearer(body["access_token"]).get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == COUNSELLOR

    refreshed = _token({"grant_type": "refresh_token", "refresh_token": body["refresh_token"], "client_id": app.client_id})
    assert refreshed.status_code == 200, refreshed.content
    fresh = refreshed.json()
    assert _bearer(fresh["access_token"]).get("/api/v1/me").status_code == 200

    signed_in_browser.post("/signin/out")
    assert _bearer(fresh["access_token"]).get("/api/v1/me").status_code == 401
    again = _token({"grant_type": "refresh_token", "refresh_token": fresh["refresh_token"], "client_id": app.client_id})
    assert again.status_code == 400
    assert not AccessToken.objects.filter(application=app).exists()


def test_a_code_without_its_verifier_buys_nothing(signed_in_browser):
    app = web_client_register(redirect_uris=[REDIRECT])
    _verifier, challenge = _pkce()
    code = _code(_authorize(signed_in_browser, app, challenge))
    response = _token({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                       "client_id": app.client_id, "code_verifier": _pkce()[0]})
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert not AccessToken.objects.filter(application=app).exists()


def test_authorizing_needs_a_signed_in_session_and_pkce(client, signed_in_browser):
    app = web_client_register(redirect_uris=[REDIRECT])
    response = _authorize(client, app, _pkce()[1])
    assert response.status_code == 302 and response["Location"].startswith("/signin/?next=/oauth/authorize")
    without_pkce = signed_in_browser.get("/oauth/authorize", {"response_type": "code", "client_id": app.client_id,
                                                              "redirect_uri": REDIRECT, "scope": "staff", "state": "s"})
    assert "code=" not in without_pkce.get("Location", "")


def test_the_web_client_command_registers_the_client(capsys):
    call_command("web_client", "--redirect-uri", REDIRECT, "--allowed-origin", "https://web.rwc.example.nl")
    client_id = capsys.readouterr().out.strip()
    app = Application.objects.get(client_id=client_id)
    assert app.redirect_uris == REDIRECT and app.client_type == Application.CLIENT_PUBLIC
