"""(a) Password + TOTP in a real Chromium: the first sign-in enrols the authenticator (the test reads the
key off the page, as a person's app would scan it), then the session reads /api/v1/me and posts a
contact with its CSRF token, and signing out ends the session.

Also the bug of issue 18: the sign-in form page says `Referrer-Policy: same-origin` (with `no-referrer`
Chromium posted `Origin: null` and the CSRF check refused the form)."""
import pytest

from cases.models import ContactMoment
from tests.browser.conftest import PASSWORD, call_api, totp_now

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_password_and_totp_sign_in_then_the_session_calls_the_api_and_signs_out(page, live_server, desk):
    response = page.goto(f"{live_server.url}/signin/")
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["content-language"] == "nl"
    page.fill("#username", desk.counsellor.username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#submit")
    assert page.url == f"{live_server.url}/signin/enrol", page.content()[:500]  # not 403 CSRF
    assert "Tweestapsverificatie instellen" in page.inner_text("h1")
    assert page.locator("#qr svg").count() == 1
    page.fill("#code", totp_now(page.inner_text("#secret")))
    with page.expect_navigation():
        page.click("#submit")
    assert page.locator("#recovery-codes li").count() == 10
    with page.expect_navigation():
        page.click("#continue")
    assert "Bram Browser" in page.inner_text("#who")

    result = call_api(page, desk.case)
    assert result["me"] == 200 and result["meBody"]["username"] == "browser-counsellor"
    assert result["post"] == 201, result["postBody"]
    assert result["withoutCsrf"] == 403
    assert ContactMoment.objects.filter(case=desk.case, summary="Gebeld vanuit de browser").count() == 1

    with page.expect_navigation():
        page.click("#signout")
    assert page.inner_text("#signed-out") == "U bent afgemeld."
    assert page.evaluate("fetch('/api/v1/me').then(r => r.status)") == 401
