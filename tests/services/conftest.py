"""Callers for the services tests: demo logins by name, beside the matrix roles."""
import pytest
from rest_framework.test import APIClient

from rwc.models import User
from rwc.oauth import issue_staff_token


@pytest.fixture
def as_user(db):
    """An API client signed in as a demo login: as_user("midden-rmt-lead")."""

    def make(username: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(username=username))}")
        return client

    return make
