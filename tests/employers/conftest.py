"""Callers for the employer-services tests: WSP staff of region A (and B), beside the matrix roles."""
import pytest
from rest_framework.test import APIClient

from rwc.models import Desk, DeskKind, Region, User
from rwc.oauth import issue_staff_token


@pytest.fixture
def as_user(db):
    """An API client signed in as a demo login: as_user("midden-wsp-counsellor")."""

    def make(username: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(username=username))}")
        return client

    return make


@pytest.fixture
def wsp(as_user) -> APIClient:
    return as_user("midden-wsp-counsellor")


@pytest.fixture
def wsp_a(db) -> Desk:
    return Desk.objects.get(region=Region.objects.get(code="midden-utrecht"), kind=DeskKind.WSP)


@pytest.fixture
def wsp_user(db) -> User:
    return User.objects.get(username="midden-wsp-counsellor")
