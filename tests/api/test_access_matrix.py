"""Every API route against every role, with own and foreign records.

The routes come from the URL configuration (tests/api/routes.py), the expectations from
tests/api/matrix.py, so a route added later is covered, or this suite fails, without anyone
having to remember.
"""
import re

import pytest

from tests.api.matrix import MATRIX, params_of
from tests.api.routes import api_routes
from tests.conftest import ROLES

ROUTES = api_routes()
PROTECTED = [r for r in ROUTES if not MATRIX.get(r.name) or not MATRIX[r.name].public]
WITH_ID = [r for r in PROTECTED if "{" in r.template]
LISTS = [r for r in PROTECTED if r.name.endswith("-list")]
SAMPLE_ID = "00000000-0000-4000-8000-000000000000"


def _url(route, params=None):
    params = params or {}
    return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m.group(1), SAMPLE_ID)), route.template)


def _call(client, method, url):
    return getattr(client, method.lower())(url, {}, format="json") if method != "GET" else client.get(url)


def _assert_problem(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]


def test_every_api_route_is_in_the_matrix():
    missing = sorted(r.name for r in ROUTES if r.name not in MATRIX)
    assert not missing, f"Add these routes to tests/api/matrix.py: {missing}"
    stale = sorted(set(MATRIX) - {r.name for r in ROUTES})
    assert not stale, f"The matrix names routes that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_unauthenticated_caller_gets_401_on_every_method_of_every_protected_route(api, route):
    client = api(None)
    for method in route.methods:
        response = _call(client, method, _url(route))
        _assert_problem(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_invalid_bearer_token_gets_401_on_every_protected_route(route, client):
    response = client.get(_url(route), HTTP_AUTHORIZATION="Bearer not-a-real-token")
    _assert_problem(response, 401)
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_user_without_desk_or_region_role_is_refused_everywhere(api, route, world):
    client = api("no_role")
    spec = MATRIX[route.name]
    params = params_of(spec.own(world, "counsellor")) if spec.own else {}
    for method in route.methods:
        _assert_problem(_call(client, method, _url(route, params)), 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", WITH_ID, ids=lambda r: r.name)
def test_foreign_record_is_404_and_own_record_follows_the_role(api, world, route, role):
    """Every method: a record the role may not see is 404 (403 for a caller with no role at all,
    and for roles refused the whole kind of record); the own record answers per the matrix."""
    spec = MATRIX[route.name]
    client = api(role)
    refused = role == "no_role" or role not in spec.allowed
    for method in sorted(route.methods, key=lambda m: m != "GET"):  # read before a DELETE removes it
        refused_here = refused or (method != "GET" and role not in spec.writers)  # role-level: any record
        for record in spec.foreign(world, role) if spec.foreign else []:
            response = _call(client, method, _url(route, params_of(record)))
            _assert_problem(response, 403 if refused_here else 404)
        if spec.own:
            response = _call(client, method, _url(route, params_of(spec.own(world, role))))
            if refused_here or (method != "GET" and spec.own_writers is not None and role not in spec.own_writers):
                _assert_problem(response, 403)
            elif method == "GET":
                assert response.status_code == 200, response.content[:300]
            else:  # an empty body: refused on its content, not on access
                assert response.status_code in (200, 201, 204, 400, 409, 428), response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(set(ROLES) - {"no_role"}))
@pytest.mark.parametrize("route", LISTS, ids=lambda r: r.name)
def test_lists_never_return_foreign_records(api, world, route, role):
    spec = MATRIX[route.name]
    own = params_of(spec.own(world, "counsellor")) if spec.own else {}
    response = api(role).get(_url(route, own), {"pageSize": 100})
    if role not in spec.allowed:
        _assert_problem(response, 403)
        return
    assert response.status_code == 200, response.content[:300]
    returned = {item["id"] for item in response.json()["results"]}
    assert returned, "a list that returns nothing proves nothing: seed an own record"
    foreign = {str(record.uuid) for record in (spec.foreign_items(world, role) if spec.foreign_items else [])}
    assert not returned & foreign


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_methods_a_route_does_not_offer_are_405_problems(api, route):
    allowed = MATRIX[route.name].allowed
    client = api("counsellor" if "counsellor" in allowed or not allowed else sorted(allowed)[0])
    for method in {"POST", "PUT", "PATCH", "DELETE"} - set(route.methods):
        response = getattr(client, method.lower())(_url(route), {}, format="json")
        _assert_problem(response, 405)
        assert "Allow" in response
