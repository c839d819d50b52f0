"""A query parameter an operation does not document is a 400 naming it (like an unknown body
field), before the view and its query run: `GET /clients?bsn=...` no longer answers the unfiltered
list with the BSN carried on in the `next` link. What an operation accepts is what the OpenAPI
document says, on every route."""
import re
import uuid

import pytest
from rest_framework.test import APIClient

from tests.api.routes import api_routes
from tests.helpers import problem

BSN = "123456782"
# Routes the OpenAPI document leaves out: the documentation viewers (no data, no query).
UNDOCUMENTED = {"v1:openapi-yaml", "v1:docs", "v1:redoc"}


def _url(template: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda m: "intakes" if m.group(0) == "{key}" else str(uuid.uuid4()), template)


def _unknown(response) -> list[str]:
    body = problem(response, 400)
    assert all(p["code"] == "unknown_parameter" for p in body["invalidParams"]), body
    return [p["name"] for p in body["invalidParams"]]


@pytest.mark.django_db
def test_an_unknown_parameter_is_400_naming_it_before_any_query(api, django_assert_num_queries):
    counsellor = api("counsellor")
    counsellor.get("/api/v1/me")  # warm per-process caches; the 400 below runs no query at all
    with django_assert_num_queries(0):
        response = counsellor.get(f"/api/v1/clients?bsn={BSN}&pageSize=2")
    assert _unknown(response) == ["bsn"]
    assert BSN not in response.content.decode()  # not even in `instance`
    assert response.json()["instance"] == "/api/v1/clients"


@pytest.mark.django_db
def test_every_unknown_parameter_is_named_and_known_ones_are_not(api):
    response = api("counsellor").get("/api/v1/clients?name=Berg&Name=x&foo=1&foo=2&page_size=3&pageSize=2")
    assert _unknown(response) == ["Name", "foo", "page_size"]


@pytest.mark.django_db
def test_documented_parameters_work_and_next_links_carry_only_them(api, world):
    page = api("privacy_officer").get("/api/v1/clients?pageSize=1&educationLevel=mbo_2")
    assert page.status_code == 200, page.content
    next_link = page.json()["next"]
    if next_link:
        assert set(re.findall(r"[?&]([^=&]+)=", next_link)) <= {"pageSize", "educationLevel", "page"}


@pytest.mark.django_db
def test_a_change_log_pages_through_its_documented_page_parameters(api, world):
    client = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"city": "Zeist"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    first = client.get(f"{url}/changes?pageSize=1")
    assert first.status_code == 200, first.content
    assert first.json()["next"] and client.get(first.json()["next"]).status_code == 200


@pytest.mark.django_db
def test_every_documented_route_refuses_an_unknown_parameter_even_without_credentials():
    anonymous = APIClient()
    checked = 0
    for route in api_routes():
        if route.name in UNDOCUMENTED:
            continue
        for method in route.methods:
            response = anonymous.generic(method, f"{_url(route.template)}?bogus=1&bsn={BSN}")
            assert _unknown(response) == ["bogus", "bsn"], (method, route.template)
            checked += 1
    assert checked > 80


@pytest.mark.django_db
def test_no_documented_query_parameter_is_refused_as_unknown(client):
    document = client.get("/api/v1/openapi.json").json()
    anonymous = APIClient()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            if not names:
                continue
            query = "&".join(f"{name}=1" for name in names)
            response = anonymous.generic(method.upper(), f"{_url('/api/v1' + path)}?{query}")
            codes = [p.get("code") for p in response.json().get("invalidParams", [])]
            assert "unknown_parameter" not in codes, (method, path, response.content[:300])
