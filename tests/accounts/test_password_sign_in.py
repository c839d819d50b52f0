"""Signing in with a password and a second factor (TOTP or a recovery code), and signing out.

Bad input leaves no signed-in session and creates nothing: a wrong password, a wrong or replayed code,
an expired half-finished sign-in, an account whose roles have all ended."""
import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signin import PENDING, SIGNED_IN
from demo.organisation import demo_password
from rwc.models import RegionRole, StaffMembership, User
from tests.accounts.conftest import COUNSELLOR, MANAGER, password_step, signed_in_as
from tests.browser.conftest import totp_now

pytestmark = pytest.mark.django_db


def test_password_then_totp_signs_in_and_only_then_the_session_reaches_the_api(browser, app_of, security_log):
    app = app_of(COUNSELLOR)
    response = password_step(browser, next_url="/api/v1/me")
    assert response.status_code == 302 and response["Location"] == "/signin/verify"
    assert signed_in_as(browser) is None, "half-way is not signed in"
    code = app.code()
    response = browser.post("/signin/verify", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/api/v1/me"
    assert signed_in_as(browser) == COUNSELLOR
    assert browser.session[SIGNED_IN] == {"method": "password", "second_factor": "totp"}
    assert any(line.startswith(f"signin.succeeded user={COUNSELLOR} ") and "second_factor=totp" in line
               for line in security_log())
    assert not any(demo_password() in line or code in line for line in security_log())


def test_the_first_sign_in_enrols_an_authenticator_and_hands_out_recovery_codes(browser, security_log):
    assert password_step(browser)["Location"] == "/signin/enrol"
    page = browser.get("/signin/enrol")
    assert page.status_code == 200 and "Tweestapsverificatie instellen" in page.content.decode()
    assert "<svg" in page.content.decode()
    secret = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page.content.decode()).group(1)
    wrong = browser.post("/signin/enrol", {"code": "000000" if totp_now(secret) != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.content.decode() and signed_in_as(browser) is None
    assert not TOTPDevice.objects.filter(user__username=COUNSELLOR, confirmed=True).exists()

    done = browser.post("/signin/enrol", {"code": totp_now(secret)})
    assert done.status_code == 200 and "Herstelcodes" in done.content.decode()
    codes = re.findall(r"<li>([a-z2-7]+)</li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.filter(user__username=COUNSELLOR, confirmed=True).count() == 1
    assert signed_in_as(browser) == COUNSELLOR
    assert any(line.startswith(f"2fa.enrolled user={COUNSELLOR} ") for line in security_log())
    assert not any(secret.replace(" ", "") in line or codes[0] in line for line in security_log())


def test_a_wrong_password_is_a_dutch_page_without_a_session_or_the_password_in_the_log(browser, security_log):
    response = password_step(browser, password="Verkeerd-wachtwoord-1")
    text = response.content.decode()
    assert response.status_code == 200 and "horen niet bij elkaar" in text and response["Content-Language"] == "nl"
    assert PENDING not in browser.session and signed_in_as(browser) is None
    assert [line for line in security_log() if "signin.failed" in line and "reason=credentials" in line]
    assert not any("Verkeerd-wachtwoord-1" in line for line in security_log())


def test_the_pages_speak_english_when_the_browser_asks(client):
    response = client.post("/signin/", {"username": COUNSELLOR, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "That username and password do not match" in response.content.decode()
    assert response["Content-Language"] == "en"
    page = client.get("/signin/", HTTP_ACCEPT_LANGUAGE="de-DE")  # neither: Dutch
    assert "Aanmelden" in page.content.decode() and page["Content-Language"] == "nl"


def test_a_wrong_or_replayed_code_is_refused(browser, app_of, security_log):
    app = app_of(COUNSELLOR)
    password_step(browser)
    wrong = browser.post("/signin/verify", {"code": "12345x"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    assert signed_in_as(browser) is None
    code = app.code()
    assert browser.post("/signin/verify", {"code": code}).status_code == 302
    browser.post("/signin/out")
    assert signed_in_as(browser) is None

    password_step(browser)
    replay = browser.post("/signin/verify", {"code": code})
    assert replay.status_code == 200 and "al gebruikt" in replay.content.decode()
    assert signed_in_as(browser) is None
    assert sum("reason=second_factor" in line for line in security_log()) == 2


def test_a_recovery_code_works_once(browser, app_of):
    app_of(COUNSELLOR)
    device = StaticDevice.objects.create(user=User.objects.get(username=COUNSELLOR), name="recovery", confirmed=True)
    device.token_set.create(token="herstel42")
    password_step(browser)
    assert browser.post("/signin/verify", {"code": "herstel42"}).status_code == 302
    assert browser.session[SIGNED_IN]["second_factor"] == "recovery"
    browser.post("/signin/out")
    password_step(browser)
    assert browser.post("/signin/verify", {"code": "herstel42"}).status_code == 200
    assert signed_in_as(browser) is None


def test_an_account_whose_roles_have_all_ended_cannot_sign_in(browser, security_log):
    user = User.objects.get(username=COUNSELLOR)
    StaffMembership.objects.filter(user=user).update(ended_at=timezone.now())
    RegionRole.objects.filter(user=user).update(ended_at=timezone.now())
    response = password_step(browser)
    assert response.status_code == 403 and "geen actieve rol" in response.content.decode()
    assert PENDING not in browser.session and signed_in_as(browser) is None
    assert not TOTPDevice.objects.filter(user=user).exists(), "nothing created"
    assert any("reason=no_active_role" in line for line in security_log())


def test_without_personal_data_or_admin_no_second_factor_is_asked(browser):
    response = password_step(browser, username=MANAGER, next_url="/api/v1/me")
    assert response.status_code == 302 and response["Location"] == "/api/v1/me"
    assert browser.session[SIGNED_IN] == {"method": "password", "second_factor": "not_required"}
    assert signed_in_as(browser) == MANAGER


def test_a_half_finished_sign_in_expires(browser, app_of):
    app = app_of(COUNSELLOR)
    password_step(browser)
    session = browser.session
    session[PENDING] = {**session[PENDING], "until": 0}
    session.save()
    response = browser.post("/signin/verify", {"code": app.code()})
    assert response.status_code == 400 and "duurde te lang" in response.content.decode()
    assert signed_in_as(browser) is None


def test_a_session_made_around_the_sign_in_pages_counts_for_nothing(client):
    client.force_login(User.objects.get(username=COUNSELLOR))  # e.g. Django's own login form
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/admin/").status_code == 302


def test_the_admin_signs_in_at_the_sign_in_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == "/signin/?next=%2Fadmin%2F"


def test_signing_out_ends_the_session_and_is_logged(browser, app_of, security_log):
    app = app_of(COUNSELLOR)
    password_step(browser)
    browser.post("/signin/verify", {"code": app.code()})
    response = browser.post("/signin/out")
    assert response.status_code == 302 and response["Location"] == "/signin/?signed_out=1"
    assert signed_in_as(browser) is None
    assert "U bent afgemeld." in browser.get(response["Location"]).content.decode()
    assert any(line.startswith(f"signout user={COUNSELLOR} ") for line in security_log())


def test_wrong_codes_count_towards_the_lock_out(browser, app_of, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    AccessAttempt.objects.all().delete()
    app = app_of(COUNSELLOR)
    password_step(browser)
    assert [browser.post("/signin/verify", {"code": "000001"}).status_code for _ in range(2)] == [200, 200]
    assert browser.post("/signin/verify", {"code": "000002"}).status_code == 429
    assert browser.post("/signin/verify", {"code": app.code()}).status_code == 429, "locked, even with the right code"
    assert signed_in_as(browser) is None


def test_pages_with_forms_say_same_origin_and_the_api_no_referrer(client):
    assert client.get("/signin/")["Referrer-Policy"] == "same-origin"
    assert client.get("/api/v1/me")["Referrer-Policy"] == "no-referrer"
