"""The client list's pages (ids and total in one query, then the rows): every visible client once, in
order, with the right total, also when searched by name; a page past the end; and the rule the list
relies on to search one region only: no client is ever shared with a desk of another region."""
import pytest

from clients.access import client_list_for, clients_visible_to
from clients.models import ClientDeskGrant
from clients.services import client_grant_to_desk
from rwc.errors import InvalidFields
from rwc.models import User
from tests.helpers import count_queries

from .test_clients_api import VALID


def _register(client, n: int, surname: str = "Paginga", born_from: int = 1970):
    for i in range(n):
        response = client.post("/api/v1/clients", {**VALID, "givenNames": f"Kees {chr(65 + i)}", "surname": surname,
                                                   "birthDate": f"{born_from + i}-01-01"}, format="json")
        assert response.status_code == 201, response.content


def _walk(client, url: str) -> tuple[list[dict], set[int]]:
    """All pages of a list, following `next`; the rows and the totals each page reported."""
    rows, totals = [], set()
    while url:
        body = client.get(url).json()
        rows += body["results"]
        totals.add(body["count"])
        url = body["next"]
    return rows, totals


@pytest.mark.django_db
def test_the_pages_hold_every_visible_client_once_in_order_with_the_right_total(api, world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    client = api("counsellor")
    _register(client, 7)
    client_grant_to_desk(actor=counsellor, client=world.client_lwl_a, desk=world.rmt_a, reason="joint trajectory")
    expected = set(clients_visible_to(counsellor, as_set=True).values_list("uuid", flat=True))
    assert str(world.client_lwl_a.uuid) in {str(u) for u in expected}  # seen through the grant

    rows, totals = _walk(client, "/api/v1/clients?pageSize=3")
    assert [r["id"] for r in rows] and {r["id"] for r in rows} == {str(u) for u in expected}
    assert len(rows) == len(expected) and totals == {len(expected)}
    keys = [(r["surname"], r["givenNames"]) for r in rows]
    assert keys == sorted(keys)
    assert str(world.client_b.uuid) not in {r["id"] for r in rows}


@pytest.mark.django_db
def test_a_name_search_is_counted_and_paged_like_the_whole_list(api, world):
    client = api("counsellor")
    _register(client, 5)
    _register(api("lwl_counsellor"), 2, born_from=1990)  # another desk's Paginga clients: not the counsellor's
    rows, totals = _walk(client, "/api/v1/clients?name=paginga&pageSize=2")
    assert len(rows) == 5 and totals == {5}
    assert [r["givenNames"] for r in rows] == [f"Kees {c}" for c in "ABCDE"]
    assert api("privacy_officer").get("/api/v1/clients?name=paginga").json()["count"] == 7  # the region's


@pytest.mark.django_db
def test_a_page_past_the_end_is_empty_with_the_total_and_a_link_back(api):
    client = api("counsellor")
    _register(client, 4)
    total = client.get("/api/v1/clients?pageSize=100").json()["count"]
    past = client.get("/api/v1/clients?pageSize=2&page=999").json()
    assert past["results"] == [] and past["count"] == total and past["next"] is None
    assert f"page={(total + 1) // 2}" in past["previous"]
    far = client.get(f"/api/v1/clients?pageSize=100&page={10**20}")  # beyond what SQL's OFFSET can take
    assert far.status_code == 200 and far.json()["results"] == [] and far.json()["count"] == total
    none = client.get("/api/v1/clients?name=nobodyhere").json()
    assert none == {**none, "count": 0, "results": [], "next": None, "previous": None}


@pytest.mark.django_db
def test_a_searched_page_costs_the_same_queries_as_a_plain_one(api):
    client = api("counsellor")
    _register(client, 6)
    plain = count_queries(client, "/api/v1/clients?pageSize=5")
    searched = count_queries(client, "/api/v1/clients?name=paginga&pageSize=5")
    assert searched == plain, (plain, searched)


@pytest.mark.django_db
def test_the_list_is_the_visible_set_for_every_role(world):
    """`client_list_for` narrows to the caller's regions: the same clients as `clients_visible_to`."""
    for username in ("midden-rmt-counsellor", "midden-lwl-counsellor", "midden-privacy-officer", "midden-manager"):
        user = User.objects.get(username=username)
        assert set(client_list_for(user)) == set(clients_visible_to(user, as_set=True)), username


@pytest.mark.django_db
def test_a_client_is_never_shared_with_a_desk_of_another_region(world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    before = ClientDeskGrant.objects.count()
    with pytest.raises(InvalidFields) as raised:
        client_grant_to_desk(actor=counsellor, client=world.client_a, desk=world.rmt_b, reason="moved away")
    assert [(f, c) for f, c, _ in raised.value.errors] == [("desk", "other_region")]
    assert ClientDeskGrant.objects.count() == before
