"""The one lock-and-version helper (rwc/versions.py) behind every If-Match."""
import pytest
from django.db import transaction

from clients.models import Client
from rwc.errors import PreconditionFailed
from rwc.versions import bump_version, lock_version


def test_a_stale_version_is_a_412_and_changes_nothing(world):
    before = world.client_a.version
    with pytest.raises(PreconditionFailed) as caught, transaction.atomic():
        lock_version(Client.objects, world.client_a.pk, before + 1, "stale")
    assert caught.value.status == 412 and caught.value.detail == "stale"
    assert Client.objects.get(pk=world.client_a.pk).version == before


def test_the_current_version_or_none_locks_and_a_bump_saves_the_next(world):
    before = world.client_a.version
    with transaction.atomic():
        locked = lock_version(Client.objects, world.client_a.pk, before, "stale")
        assert lock_version(Client.objects, world.client_a.pk, None, "stale").version == before
        locked.given_names = "Anna-Lena"
        bump_version(locked, ["given_names"])
    fresh = Client.objects.get(pk=world.client_a.pk)
    assert (fresh.version, fresh.given_names) == (before + 1, "Anna-Lena")
