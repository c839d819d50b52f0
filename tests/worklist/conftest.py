"""Callers of the worklist tests: demo logins, and a counsellor working at two desks."""
import pytest
from rest_framework.test import APIClient

from rwc.models import DeskRole, StaffMembership, User
from rwc.oauth import issue_staff_token


def client_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(user)}")
    return client


@pytest.fixture
def as_user(db):
    """An API client signed in as a demo login: as_user("midden-rmt-counsellor")."""
    return lambda username: client_for(User.objects.get(username=username))


def make_staff(username, *desks, role=DeskRole.COUNSELLOR) -> User:
    user = User.objects.create(username=username, email=f"{username}@rwc.example.nl", first_name="Test")
    for desk in desks:
        StaffMembership.objects.create(user=user, desk=desk, role=role)
    return user


@pytest.fixture
def second_rmt_counsellor(world) -> User:
    return make_staff("midden-rmt-counsellor-2", world.rmt_a)


@pytest.fixture
def two_desk_counsellor(world) -> User:
    """Works at the RMT and the LWL of region A (Midden-Utrecht's merging teams)."""
    return make_staff("midden-rmt-lwl-counsellor", world.rmt_a, world.lwl_a)
