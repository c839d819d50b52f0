"""Who gets in: staff sessions (with CSRF) and bearer tokens, partner client credentials, and
clear 401s for missing, invalid, expired and revoked credentials."""
import base64
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken
from rest_framework.test import APIClient

from demo.organisation import demo_password, partner_secret
from rwc.models import User
from rwc.organisation import membership_end
from tests.conftest import partner_token
from tests.helpers import signed_in


def _basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.mark.django_db
def test_me_for_a_counsellor_names_desk_region_and_role(api, world):
    body = api("counsellor").get("/api/v1/me").json()
    assert body["kind"] == "staff" and body["username"] == "midden-rmt-counsellor"
    assert [(d["desk"]["id"], d["role"]) for d in body["desks"]] == [(str(world.rmt_a.uuid), "counsellor")]
    assert body["regionRoles"] == [] and body["organisation"] is None and body["scopes"] == ["staff"]


@pytest.mark.django_db
@pytest.mark.parametrize("role,region_role", [("manager", "manager"), ("privacy_officer", "privacy_officer"),
                                              ("functional_admin", "functional_admin")])
def test_me_for_region_roles(api, world, role, region_role):
    body = api(role).get("/api/v1/me").json()
    assert body["desks"] == []
    assert [(r["region"]["id"], r["role"]) for r in body["regionRoles"]] == [(str(world.region_a.uuid), region_role)]


@pytest.mark.django_db
def test_me_for_a_partner_system_names_its_organisation_and_scopes(api, world):
    body = api("partner").get("/api/v1/me").json()
    assert body["kind"] == "partner" and body["username"] == "midden-gemeente"
    assert body["organisation"]["id"] == str(world.partner_a.uuid)
    assert body["scopes"] == ["referrals:read", "referrals:write", "webhooks:manage"], "without asking: the scopes it was registered with"
    assert body["desks"] == [] and body["regionRoles"] == []


@pytest.mark.django_db
def test_partner_may_ask_for_its_registered_scopes_but_not_more():
    token = partner_token(scope="referrals:read referrals:write")
    assert _bearer(token).get("/api/v1/me").json()["scopes"] == ["referrals:read", "referrals:write"]
    response = APIClient().post(
        "/oauth/token", {"grant_type": "client_credentials", "scope": "staff"},
        HTTP_AUTHORIZATION=_basic("midden-gemeente", partner_secret("midden")), format="multipart",
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


@pytest.mark.django_db
def test_wrong_client_secret_gets_no_token():
    response = APIClient().post(
        "/oauth/token", {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic("midden-gemeente", "wrong"), format="multipart",
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


@pytest.mark.django_db
def test_password_grant_is_refused():
    response = APIClient().post(
        "/oauth/token",
        {"grant_type": "password", "username": "midden-rmt-counsellor", "password": demo_password()},
        HTTP_AUTHORIZATION=_basic("midden-gemeente", partner_secret("midden")), format="multipart",
    )
    assert response.status_code in (400, 401) and "access_token" not in response.json()


@pytest.mark.django_db
def test_tokens_are_not_stored_in_clear(token_for):
    raw = token_for("counsellor")
    assert not AccessToken.objects.filter(token=raw).exists()
    assert AccessToken.objects.filter(scope="staff").exclude(token="").count() == 0


@pytest.mark.django_db
def test_expired_token_is_401(token_for):
    raw = token_for("counsellor")
    AccessToken.objects.filter(scope="staff").update(expires=timezone.now() - timedelta(seconds=1))
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


@pytest.mark.django_db
def test_revoked_partner_token_is_401():
    raw = partner_token()
    assert _bearer(raw).get("/api/v1/me").status_code == 200
    response = APIClient().post(
        "/oauth/revoke-token", {"token": raw},
        HTTP_AUTHORIZATION=_basic("midden-gemeente", partner_secret("midden")), format="multipart",
    )
    assert response.status_code == 200
    assert _bearer(raw).get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_token_in_query_string_is_not_accepted(token_for):
    raw = token_for("counsellor")
    response = APIClient().get(f"/api/v1/me?access_token={raw}")
    assert response.status_code in (400, 401)


@pytest.mark.django_db
def test_deactivated_user_token_is_401(token_for):
    raw = token_for("counsellor")
    User.objects.filter(username="midden-rmt-counsellor").update(is_active=False)
    assert _bearer(raw).get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_staff_who_left_their_desk_is_403(token_for, world):
    raw = token_for("counsellor")
    membership = User.objects.get(username="midden-rmt-counsellor").memberships.get(desk=world.rmt_a)
    membership_end(membership)
    response = _bearer(raw).get("/api/v1/desks")
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_issue_token_command_prints_a_working_token(capsys):
    call_command("issue_token", "midden-rmt-lead", "--hours", "1")
    raw = capsys.readouterr().out.strip()
    assert _bearer(raw).get("/api/v1/me").json()["username"] == "midden-rmt-lead"


@pytest.mark.django_db
def test_issue_token_refuses_unknown_users_and_silly_lifetimes():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("issue_token", "nobody")
    with pytest.raises(CommandError):
        call_command("issue_token", "midden-rmt-lead", "--hours", "0")


@pytest.mark.django_db
def test_session_login_works_and_unsafe_methods_need_csrf():
    client = Client(enforce_csrf_checks=True)
    assert signed_in(client, "midden-rmt-counsellor")
    response = client.get("/api/v1/me")
    assert response.status_code == 200 and response.json()["username"] == "midden-rmt-counsellor"
    response = client.post("/api/v1/me", {}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_admin_is_for_functional_administrators_only():
    admin = Client()
    assert signed_in(admin, "midden-functional-admin")
    assert admin.get("/admin/rwc/desk/").status_code == 200
    counsellor = Client()
    assert signed_in(counsellor, "midden-rmt-counsellor")
    assert counsellor.get("/admin/rwc/desk/").status_code == 302  # to the admin login


@pytest.mark.django_db
def test_functional_admin_cannot_hand_out_superuser_or_staff(world):
    """rwc.change_user lets a functional administrator edit accounts, never their privileges."""
    admin = Client()
    assert signed_in(admin, "midden-functional-admin")
    target = User.objects.get(username="midden-rmt-counsellor")
    page = admin.get(f"/admin/rwc/user/{target.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert field not in form.fields, field
    admin.post(f"/admin/rwc/user/{target.pk}/change/", {
        "username": target.username, "is_superuser": "on", "is_staff": "on", "is_active": "on",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    target.refresh_from_db()
    assert not target.is_superuser and not target.is_staff
