import pytest
from django.test import Client

from tests.helpers import signed_in


@pytest.fixture
def browser_as(db):
    """A Django test client signed in (second factor done) as a demo login, asking for Dutch."""

    def make(username: str | None) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        if username:
            signed_in(client, username)
        return client

    return make
