"""Sign-in lock-out (django-axes): the sign-in page (how staff get a session) and the OAuth token
endpoint lock a username (client id) at one address out after repeated failures, with 429 and
Retry-After; the lock lifts after the cool-off, by command, and never reaches other addresses."""
import base64
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from accounts.signin import PENDING
from demo.organisation import demo_password, partner_secret
from tests.helpers import problem

ADMIN = "midden-functional-admin"
LIMIT = 3
COOL_OFF = timedelta(minutes=15)


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = COOL_OFF
    AccessAttempt.objects.all().delete()


def _sign_in(browser, password, username=ADMIN):
    return browser.post("/signin/", {"username": username, "password": password, "next": "/admin/"})


def _signed_in(browser) -> bool:
    """Past the password: the second step (accounts.signin) is under way."""
    return PENDING in browser.session


def _assert_locked_page(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == COOL_OFF.total_seconds()
    assert "tijdelijk geblokkeerd" in response.content.decode()  # Dutch unless the browser asks for English


@pytest.mark.django_db
def test_admin_login_locks_out_after_the_limit_even_with_the_right_password(lockout):
    browser = Client()
    assert [_sign_in(browser, "wrong").status_code for _ in range(LIMIT - 1)] == [200] * (LIMIT - 1)  # the form again
    _assert_locked_page(_sign_in(browser, "wrong"))
    _assert_locked_page(_sign_in(browser, demo_password()))
    assert not _signed_in(browser)


@pytest.mark.django_db
def test_the_lock_holds_one_address_not_the_account_everywhere(lockout):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(LIMIT):
        _sign_in(attacker, "wrong")
    _assert_locked_page(_sign_in(attacker, demo_password()))
    colleague = Client(REMOTE_ADDR="192.0.2.44")
    assert _sign_in(colleague, demo_password()).status_code == 302 and _signed_in(colleague)


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_count(lockout):
    """Successful is the whole sign-in, password and second factor."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from rwc.models import User

    device = TOTPDevice.objects.create(user=User.objects.get(username=ADMIN), name="app", confirmed=True)
    browser = Client()
    for _ in range(LIMIT - 1):
        _sign_in(browser, "wrong")
    assert _sign_in(browser, demo_password()).status_code == 302
    assert browser.post("/signin/verify", {"code": f"{TOTP(device.bin_key).token():06d}"}).status_code == 302
    assert browser.get("/admin/").status_code == 200
    browser.post("/signin/out")
    assert [_sign_in(browser, "wrong").status_code for _ in range(LIMIT - 1)] == [200] * (LIMIT - 1)
    assert _sign_in(browser, demo_password()).status_code == 302


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(lockout):
    browser = Client()
    for _ in range(LIMIT):
        _sign_in(browser, "wrong")
    _assert_locked_page(_sign_in(browser, demo_password()))
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - COOL_OFF - timedelta(seconds=1))
    assert _sign_in(browser, demo_password()).status_code == 302 and _signed_in(browser)


@pytest.mark.django_db
def test_an_administrator_can_lift_the_lock_by_command(lockout):
    browser = Client()
    for _ in range(LIMIT):
        _sign_in(browser, "wrong")
    _assert_locked_page(_sign_in(browser, demo_password()))
    call_command("axes_reset_username", ADMIN)
    assert _sign_in(browser, demo_password()).status_code == 302


@pytest.mark.django_db
def test_the_password_is_not_kept_with_a_failed_attempt(lockout):
    _sign_in(Client(), "my-Secret-guess-42")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == ADMIN and "my-Secret-guess-42" not in attempt.post_data


# --- the OAuth token endpoint ------------------------------------------------------------------


def _token_request(client_id, secret, *, address="192.0.2.7"):
    credentials = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return APIClient(REMOTE_ADDR=address).post(
        "/oauth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}",
        format="multipart",
    )


@pytest.mark.django_db
def test_wrong_client_secrets_lock_the_client_out_with_problem_json(lockout):
    codes = [_token_request("midden-gemeente", "wrong").status_code for _ in range(LIMIT - 1)]
    assert codes == [401] * (LIMIT - 1)
    body = problem(_token_request("midden-gemeente", "wrong"), 429)
    assert body["type"].endswith("/locked-out") and body["error"] == "invalid_client"
    locked = _token_request("midden-gemeente", partner_secret("midden"))
    body = problem(locked, 429)
    assert "access_token" not in body and int(locked["Retry-After"]) == COOL_OFF.total_seconds()
    # Another application, and the same one from its own address, still get tokens.
    assert _token_request("amersfoort-gemeente", partner_secret("amersfoort")).status_code == 200
    assert _token_request("midden-gemeente", partner_secret("midden"), address="192.0.2.8").status_code == 200


@pytest.mark.django_db
def test_client_secret_posted_in_the_body_counts_too_and_is_not_kept(lockout):
    for _ in range(LIMIT):
        response = APIClient().post("/oauth/token", {
            "grant_type": "client_credentials", "client_id": "midden-gemeente", "client_secret": "guess-123",
        }, format="multipart")
    problem(response, 429)
    assert all("guess-123" not in a.post_data for a in AccessAttempt.objects.all())


@pytest.mark.django_db
def test_a_token_issued_resets_the_client_count(lockout):
    for _ in range(LIMIT - 1):
        _token_request("midden-gemeente", "wrong")
    assert _token_request("midden-gemeente", partner_secret("midden")).status_code == 200
    assert [_token_request("midden-gemeente", "wrong").status_code for _ in range(LIMIT - 1)] == [401] * (LIMIT - 1)
