"""Single sign-on through a real OpenID provider (accounts.devprovider in a second process), with the
real redirect flow: matched to existing accounts only, never creating one; the provider's `amr` spares
the second factor; bad state, unknown subjects and ended roles are refused with a Dutch page."""
import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import oidc
from accounts.models import ExternalIdentity
from accounts.signin import PENDING, SIGNED_IN
from rwc.models import RegionRole, StaffMembership, User
from tests.accounts.conftest import COUNSELLOR, MANAGER, signed_in_as
from tests.accounts.provider import running_provider, sign_in_at_provider

pytestmark = pytest.mark.django_db

LWL = "midden-lwl-counsellor"
YOUTH = "midden-youth-counsellor"
PEOPLE = [
    ("oidc-counsellor", "counsellor@gemeente.example.nl", "pwd,mfa"),  # asserts two factors
    ("oidc-lwl", "lwl@gemeente.example.nl", "pwd"),  # a password only
    ("oidc-stranger", "stranger@gemeente.example.nl", "pwd,mfa"),  # linked to nobody
    ("oidc-youth", "youth@gemeente.example.nl", "pwd,mfa"),
    ("oidc-manager", "manager@gemeente.example.nl", "pwd"),
]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(["http://testserver/signin/oidc/callback"], PEOPLE,
                          tmp_path_factory.mktemp("provider") / "log") as running:
        yield running


@pytest.fixture
def sso(provider, settings):
    provider.configure(settings)
    for username, subject in ((COUNSELLOR, "oidc-counsellor"), (LWL, "oidc-lwl"), (YOUTH, "oidc-youth")):
        ExternalIdentity.objects.create(user=User.objects.get(username=username), subject=subject)
    return provider


def _nothing_created(before):
    assert (User.objects.count(), ExternalIdentity.objects.count(), TOTPDevice.objects.count()) == before


def _counts():
    return User.objects.count(), ExternalIdentity.objects.count(), TOTPDevice.objects.count()


def test_a_provider_that_asserts_mfa_signs_in_without_a_second_factor_here(client, sso, security_log):
    before = _counts()
    response = sign_in_at_provider(client, sso, "oidc-counsellor", start="/signin/oidc/start?next=/api/v1/me")
    assert response.status_code == 302 and response["Location"] == "/api/v1/me", response.content[:300]
    assert signed_in_as(client) == COUNSELLOR
    assert client.session[SIGNED_IN] == {"method": "oidc", "second_factor": "provider"}
    _nothing_created(before)
    assert any(line.startswith(f"signin.succeeded user={COUNSELLOR} ") and "method=oidc" in line
               for line in security_log())


def test_without_mfa_from_the_provider_the_second_factor_is_asked_here(client, sso):
    response = sign_in_at_provider(client, sso, "oidc-lwl")
    assert response.status_code == 302 and response["Location"] == "/signin/enrol"
    assert signed_in_as(client) is None and client.session[PENDING]["method"] == "oidc"


def test_which_amr_values_count_as_mfa_is_configurable(client, sso, settings):
    settings.OIDC_MFA_AMR = ["hwk"]
    response = sign_in_at_provider(client, sso, "oidc-counsellor")
    assert response["Location"] == "/signin/enrol" and signed_in_as(client) is None


def test_a_subject_linked_to_nobody_is_refused_and_nothing_is_created(client, sso, security_log):
    before = _counts()
    response = sign_in_at_provider(client, sso, "oidc-stranger")
    assert response.status_code == 403 and "niet aan een account gekoppeld" in response.content.decode()
    assert signed_in_as(client) is None and PENDING not in client.session
    _nothing_created(before)
    assert any("method=oidc reason=unknown_user" in line for line in security_log())


def test_an_account_whose_roles_have_all_ended_is_refused(client, sso):
    user = User.objects.get(username=YOUTH)
    StaffMembership.objects.filter(user=user).update(ended_at="2026-01-01T00:00:00Z")
    RegionRole.objects.filter(user=user).update(ended_at="2026-01-01T00:00:00Z")
    response = sign_in_at_provider(client, sso, "oidc-youth")
    assert response.status_code == 403 and "geen actieve rol" in response.content.decode()
    assert signed_in_as(client) is None


def test_matching_by_email_when_configured(client, sso, settings):
    settings.OIDC_MATCH_CLAIM = "email"
    User.objects.filter(username=MANAGER).update(email="manager@gemeente.example.nl")
    response = sign_in_at_provider(client, sso, "oidc-manager")
    assert response.status_code == 302 and signed_in_as(client) == MANAGER
    assert client.session[SIGNED_IN] == {"method": "oidc", "second_factor": "not_required"}


def test_a_tampered_state_is_refused(client, sso, security_log):
    client.get("/signin/oidc/start")
    response = client.get("/signin/oidc/callback", {"code": "stolen", "state": "forged"})
    assert response.status_code == 400 and "niet (meer) geldig" in response.content.decode()
    assert signed_in_as(client) is None
    assert any("reason=state" in line for line in security_log())


def test_an_expired_state_is_refused(client, sso, monkeypatch):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 3600)  # the state was stored an hour ago
    client.get("/signin/oidc/start")
    monkeypatch.setattr(time, "time", real)
    state = next(iter(client.session["oidc_states"]))
    response = client.get("/signin/oidc/callback", {"code": "x", "state": state})
    assert response.status_code == 400 and signed_in_as(client) is None
    assert state not in client.session["oidc_states"], "used up"


def test_single_sign_on_is_off_when_not_configured(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert not oidc.enabled()
    assert client.get("/signin/oidc/start").status_code == 404
    assert client.get("/signin/oidc/callback", {"code": "x", "state": "y"}).status_code == 404
    assert 'id="sso"' not in client.get("/signin/").content.decode()
