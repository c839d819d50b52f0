"""The client list's count kept briefly per caller and filter (LIST_COUNT_CACHE_SECONDS): the next
pages read only their ids, and the count stays the exact count of that caller's filter."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.helpers import count_queries

from .test_client_list_pages import _register, _walk


def _page(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in ctx.captured_queries]


@pytest.fixture
def counting():
    cache.clear()
    with override_settings(LIST_COUNT_CACHE_SECONDS=60):
        yield
    cache.clear()


@pytest.mark.django_db
def test_the_next_pages_take_the_kept_count_and_count_nothing(api, world, counting):
    client = api("counsellor")
    _register(client, 5)
    first, sql_first = _page(client, "/api/v1/clients?pageSize=2")
    assert any("OVER ()" in q for q in sql_first)
    second, sql_second = _page(client, "/api/v1/clients?pageSize=2&page=2")
    assert second["count"] == first["count"] >= 5
    assert not any("OVER ()" in q or "COUNT(" in q for q in sql_second)
    assert any("EXISTS" in q and "UNION" not in q for q in sql_second)  # the probing form (client_list_for)
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
    assert count_queries(client, "/api/v1/clients?pageSize=2&page=3") == 6  # no more queries than uncounted


@pytest.mark.django_db
def test_each_filter_and_each_caller_has_its_own_count(api, world, counting):
    counsellor = api("counsellor")
    _register(counsellor, 3, surname="Eigenteller")
    everyone = _page(counsellor, "/api/v1/clients")[0]["count"]
    searched = _page(counsellor, "/api/v1/clients?name=eigenteller")[0]["count"]
    assert searched == 3 < everyone
    assert _page(api("lwl_counsellor"), "/api/v1/clients")[0]["count"] != everyone


@pytest.mark.django_db
def test_pages_read_with_a_kept_count_hold_every_visible_client_once_in_order(api, world, counting):
    from clients.access import clients_visible_to
    from rwc.models import User



    client = api("counsellor")
    _register(client, 7, surname="Doorblader")
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    expected = list(clients_visible_to(counsellor, as_set=True).order_by("surname", "given_names", "id")
                    .values_list("uuid", flat=True))
    rows, totals = _walk(client, "/api/v1/clients?pageSize=2")
    assert [r["id"] for r in rows] == [str(u) for u in expected] and totals == {len(expected)}
