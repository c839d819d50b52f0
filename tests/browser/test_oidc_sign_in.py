"""(b) Single sign-on in a real Chromium through the local OpenID provider (a second process): the
sign-in page's button, the provider's own login form, back through the callback; the provider asserts
MFA, so no code is asked here. Then the session reads /api/v1/me, posts a contact with its CSRF token
and signs out."""
import pytest

from accounts.models import ExternalIdentity
from cases.models import ContactMoment
from tests.accounts.provider import PASSWORD, running_provider
from tests.browser.conftest import call_api

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def provider(live_server, settings, tmp_path):
    people = [("oidc-bram", "bram@gemeente.example.nl", "pwd,mfa")]
    with running_provider([f"{live_server.url}/signin/oidc/callback"], people, tmp_path / "provider.log") as running:
        running.configure(settings)
        yield running


def test_single_sign_on_through_the_provider_then_the_session_calls_the_api_and_signs_out(page, live_server, desk,
                                                                                         provider):
    ExternalIdentity.objects.create(user=desk.counsellor, subject="oidc-bram")
    page.goto(f"{live_server.url}/signin/")
    with page.expect_navigation(url=f"{provider.issuer.removesuffix('/o')}/login/**"):
        page.click("#sso")
    page.fill("#id_username", "oidc-bram")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation(url=f"{live_server.url}/signin/"):
        page.click("#provider-submit")
    assert "Bram Browser" in page.inner_text("#who"), page.content()[:500]

    result = call_api(page, desk.case)
    assert result["me"] == 200 and result["meBody"]["username"] == "browser-counsellor"
    assert result["post"] == 201, result["postBody"]
    assert result["withoutCsrf"] == 403
    assert ContactMoment.objects.filter(case=desk.case, summary="Gebeld vanuit de browser").count() == 1

    with page.expect_navigation():
        page.click("#signout")
    assert page.inner_text("#signed-out") == "U bent afgemeld."
    assert page.evaluate("fetch('/api/v1/me').then(r => r.status)") == 401
