"""Prepared reads (rwc.prepared): compiled once, the same rows and related objects as the queryset,
and the access rules still read live from the database on every call."""
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.access import client_visible_to, clients_visible_to
from clients.models import Client
from clients.services import client_grant_to_desk
from rwc import prepared
from rwc.models import User
from rwc.oauth import issue_staff_token


def test_the_same_instances_as_the_queryset_with_related_and_prefetched_ones(world):
    user = User.objects.get(username="midden-rmt-counsellor")
    expected = (clients_visible_to(user).select_related("registered_by_desk")
                .prefetch_related("target_groups").get(uuid=world.client_a.uuid))
    got = client_visible_to(user, world.client_a.uuid, related=("registered_by_desk",), prefetch=("target_groups",))
    assert got.pk == expected.pk and got.surname == expected.surname and got.birth_date == expected.birth_date
    with CaptureQueriesContext(connection) as queries:
        assert got.registered_by_desk.name == expected.registered_by_desk.name
        assert list(got.target_groups.all()) == list(expected.target_groups.all())
    assert len(queries) == 0  # joined and prefetched, as the queryset would


def test_compiled_once_then_only_the_values_change(world):
    builds = []

    def build(uuid):
        builds.append(uuid)
        return Client.objects.filter(uuid=uuid)

    key = ("test-compiled-once", uuid.uuid4())
    assert prepared.first(Client, key, build, uuid=world.client_a.uuid).pk == world.client_a.pk
    assert prepared.first(Client, key, build, uuid=world.client_b.uuid).pk == world.client_b.pk
    assert prepared.first(Client, key, build, uuid=uuid.uuid4()) is None
    assert len(builds) == 1 and builds[0] not in (world.client_a.uuid, world.client_b.uuid)  # a marker


def test_a_value_that_is_not_a_parameter_exactly_once_is_refused(world):
    with pytest.raises(ValueError):
        prepared.first(Client, ("test-twice", uuid.uuid4()),
                       lambda uuid: Client.objects.filter(uuid=uuid) | Client.objects.filter(uuid=uuid), uuid=uuid.uuid4())
    with pytest.raises(TypeError):
        prepared.first(Client, ("test-type", uuid.uuid4()), lambda when: Client.objects.filter(registered_at=when),
                       when=timezone.now())


def test_nothing_to_ask_is_no_row(world):
    assert prepared.fetch(Client, ("test-none", uuid.uuid4()), lambda uuid: Client.objects.none(),
                          uuid=uuid.uuid4()) == []


def test_a_grant_given_and_revoked_shows_at_once_in_the_compiled_detail(world):
    from rest_framework.test import APIClient

    """The SQL is kept, the access rule is not: a grant is read by the query on every call."""
    lwl = User.objects.get(username="midden-lwl-counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(lwl)}")
    assert caller.get(url).status_code == 404  # compiled for this access profile here
    grant = client_grant_to_desk(actor=lwl, client=world.client_a, desk=world.lwl_a, reason="Shared case")
    assert caller.get(url).status_code == 200
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    assert caller.get(url).status_code == 404


def test_a_revoked_token_is_refused_on_its_next_request(world, client):
    from oauth2_provider.models import AccessToken

    token = issue_staff_token(User.objects.get(username="midden-rmt-counsellor"))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/v1/clients/{world.client_a.uuid}"
    assert client.get(url, **headers).status_code == 200
    AccessToken.objects.filter(user__username="midden-rmt-counsellor").delete()
    assert client.get(url, **headers).status_code == 401


def test_two_counsellors_of_one_desk_share_the_compiled_caseload_but_each_sees_their_own(world):
    """The caseload's SQL is kept per set of desks; the owner is the bound value. A case handed to the
    team lead leaves the counsellor's caseload on the next call and joins the lead's."""
    from cases.caseload import caseload_for
    from cases.services import case_reassign

    counsellor = User.objects.get(username="midden-rmt-counsellor")
    lead = User.objects.get(username="midden-rmt-lead")
    assert [c.pk for c in caseload_for(counsellor)["cases"]] == [world.case_a.pk]
    assert world.case_a.pk not in [c.pk for c in caseload_for(lead)["cases"]]
    case_reassign(actor=lead, case=world.case_a, owner=lead)
    assert caseload_for(counsellor)["cases"] == []
    assert world.case_a.pk in [c.pk for c in caseload_for(lead)["cases"]]


def test_a_case_opened_on_a_grant_leaves_the_compiled_case_detail_once_the_grant_is_revoked(world):
    from rest_framework.test import APIClient

    from cases.models import Programme
    from cases.services import case_open

    rmt = User.objects.get(username="midden-rmt-counsellor")
    lwl = User.objects.get(username="midden-lwl-counsellor")
    grant = client_grant_to_desk(actor=lwl, client=world.client_lwl_a, desk=world.rmt_a, reason="Referred")
    case = case_open(actor=rmt, client=world.client_lwl_a, desk=world.rmt_a,
                     programme=Programme.objects.get(code="general"), access_grant=grant)
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(rmt)}")
    assert caller.get(f"/api/v1/cases/{world.case_a.uuid}").status_code == 200  # compiled for this profile
    assert caller.get(f"/api/v1/cases/{case.uuid}").status_code == 200
    assert caller.get(f"/api/v1/cases/{world.case_b.uuid}").status_code == 404  # another region's
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    assert caller.get(f"/api/v1/cases/{case.uuid}").status_code == 404
    assert caller.get(f"/api/v1/cases/{world.case_a.uuid}").status_code == 200


def test_the_least_recently_used_read_goes_when_the_cache_is_full(world, monkeypatch):
    monkeypatch.setattr(prepared, "_MAX", 2)
    builds = []

    def build(uuid):
        builds.append(1)
        return Client.objects.filter(uuid=uuid)

    keys = [("test-lru", n, uuid.uuid4()) for n in range(3)]
    prepared.first(Client, keys[0], build, uuid=world.client_a.uuid)
    prepared.first(Client, keys[1], build, uuid=world.client_a.uuid)
    prepared.first(Client, keys[0], build, uuid=world.client_a.uuid)  # used again: now the newest
    prepared.first(Client, keys[2], build, uuid=world.client_a.uuid)  # the full cache drops keys[1]
    assert len(builds) == 3
    prepared.first(Client, keys[0], build, uuid=world.client_a.uuid)
    assert len(builds) == 3
    prepared.first(Client, keys[1], build, uuid=world.client_a.uuid)
    assert len(builds) == 4
