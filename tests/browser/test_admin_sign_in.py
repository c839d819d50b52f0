"""The admin's own login form in Chromium: the bug of issue 18 (`Referrer-Policy: no-referrer` on the
form page made Chromium post `Origin: null`, and the CSRF check refused the sign-in)."""
import pytest

from cases.models import ContactMoment
from tests.browser.conftest import PASSWORD, call_api

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_admin_login_form_signs_in_and_the_session_calls_the_api(page, live_server, desk):
    desk.counsellor.is_staff = True
    desk.counsellor.save()
    response = page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", desk.counsellor.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url == f"{live_server.url}/admin/", page.content()[:500]  # not 403 CSRF
    assert response.headers["referrer-policy"] == "same-origin"

    result = call_api(page, desk.case)
    assert result["me"] == 200 and result["meBody"]["username"] == "browser-counsellor"
    assert result["post"] == 201, result["postBody"]
    assert result["withoutCsrf"] == 403
    assert ContactMoment.objects.filter(case=desk.case, summary="Gebeld vanuit de browser").count() == 1
