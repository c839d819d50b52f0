"""Review: replaying a kept answer passes the record-level checks a fresh request would."""
import pytest
from django.utils import timezone

from rwc.models import DeskRole, StaffMembership, User
from tests.helpers import problem


def _move_to(world, username, desk):
    user = User.objects.get(username=username)
    StaffMembership.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())
    StaffMembership.objects.create(user=user, desk=desk, role=DeskRole.COUNSELLOR)


@pytest.mark.django_db
def test_a_counsellor_who_left_the_desk_cannot_replay_a_registration_to_read_the_client(api, world):
    body = {"givenNames": "Noor", "surname": "Replay", "birthDate": "1991-04-01", "email": "noor@example.org"}
    first = api("counsellor").post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-moved")
    assert first.status_code == 201, first.content
    _move_to(world, "midden-rmt-counsellor", world.lwl_a)
    again = api("counsellor").post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-moved")
    assert "Replay" not in again.content.decode() and "noor@example.org" not in again.content.decode()
    problem(again, 404)


@pytest.mark.django_db
def test_a_counsellor_who_left_the_desk_cannot_replay_a_status_change_of_its_referral(api, world):
    url = f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes"
    first = api("counsellor").post(url, {"status": "accepted"}, format="json", HTTP_IDEMPOTENCY_KEY="acc-moved")
    assert first.status_code == 200, first.content
    assert first.json()["client"]["id"] == str(world.client_a.uuid)
    _move_to(world, "midden-rmt-counsellor", world.lwl_a)
    again = api("counsellor").post(url, {"status": "accepted"}, format="json", HTTP_IDEMPOTENCY_KEY="acc-moved")
    assert str(world.client_a.uuid) not in again.content.decode()
    problem(again, 404)
