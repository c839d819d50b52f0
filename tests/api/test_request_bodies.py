"""Bodies the service will not read: JSON nested too deep is a 400, a body over the limit a 413,
both problem+json, answered before any authentication work (no query, no token check), and counted
by the anonymous rate limit, so a flood of them is a 429. Through the test client and once through
a real HTTP server, where the body arrives on a socket."""
import http.client
import io
import json
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from rest_framework.exceptions import ValidationError
from rest_framework.test import APIClient

from api.authentication import BearerAuthentication
from api.bodies import MAX_JSON_DEPTH, json_nesting_exceeds
from api.parsers import CamelCaseJSONParser, RequestBodyTooLarge
from tests.helpers import problem

DEEP = b"[" * 50_000
HUGE = b'{"surname": "' + b"x" * 3_000_000 + b'"}'
JSON_POSTS = ["/api/v1/clients", "/api/v1/referrals", "/api/v1/webhooks", "/api/v1/clients/bsn-search",
              "/api/v1/cases/6f1c1f44-52a3-4bd4-8d0b-0d6c6a0b5e01/status-changes"]


@pytest.fixture
def no_authentication(monkeypatch):
    """Fails the test if a bearer token is looked at."""

    def refuse(self, request):
        raise AssertionError("authentication ran")

    monkeypatch.setattr(BearerAuthentication, "authenticate", refuse)


@pytest.fixture
def anon_rate(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/min"}}
    yield
    cache.clear()


def test_nesting_is_measured_without_parsing():
    assert not json_nesting_exceeds(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    assert json_nesting_exceeds(b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1))
    assert json_nesting_exceeds(b'{"a":' * 40 + b"[" * 30)
    assert not json_nesting_exceeds(b'{"a": "' + b"[{" * 1000 + b'"}')  # brackets inside a string
    assert not json_nesting_exceeds(b'["\\"' + b"[" * 1000 + b'", "\\\\", []]')  # escaped quotes
    assert not json_nesting_exceeds(b"[]" * 100_000 + b"{}" * 100_000)
    assert json_nesting_exceeds(DEEP)


@pytest.mark.django_db
@pytest.mark.parametrize("path", JSON_POSTS)
def test_deep_json_is_400_before_authentication_without_a_query(path, no_authentication,
                                                                django_assert_num_queries):
    with django_assert_num_queries(0):
        response = APIClient().post(path, DEEP, content_type="application/json")
    body = problem(response, 400)
    assert body["invalidParams"] == [{"name": "body", "code": "too_deep", "reason": body["invalidParams"][0]["reason"]}]
    assert response["API-Version"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*JSON_POSTS, "/oauth/token", "/oauth/revoke-token", "/admin/login/", "/signin/", "/signin/verify"])
def test_a_body_over_the_limit_is_413_before_authentication(path, no_authentication, django_assert_num_queries):
    for content_type, data in (("application/json", HUGE), ("application/x-www-form-urlencoded", b"a=" + HUGE)):
        with django_assert_num_queries(0):
            response = APIClient().generic("POST", path, data, content_type=content_type)
        assert problem(response, 413)["type"].endswith("/request-too-large")


@pytest.mark.django_db
def test_a_signed_in_caller_gets_the_same_400(api):
    problem(api("counsellor").post("/api/v1/clients", DEEP, content_type="application/json"), 400)
    problem(api("counsellor").patch("/api/v1/clients/6f1c1f44-52a3-4bd4-8d0b-0d6c6a0b5e01", HUGE,
                                    content_type="application/json"), 413)


@pytest.mark.django_db
def test_a_flood_of_refused_bodies_is_throttled_per_address(anon_rate):
    caller, other = APIClient(REMOTE_ADDR="192.0.2.10"), APIClient(REMOTE_ADDR="192.0.2.20")
    codes = [caller.post("/api/v1/clients", body, content_type="application/json").status_code
             for body in (DEEP, HUGE, DEEP)]
    assert codes == [400, 413, 400]
    for body in (DEEP, HUGE):
        response = caller.post("/api/v1/clients", body, content_type="application/json")
        assert problem(response, 429)["type"].endswith("/too-many-requests")
        assert 0 < int(response["Retry-After"]) <= 60
    problem(caller.post("/oauth/token", b"a=" + HUGE, content_type="application/x-www-form-urlencoded"), 429)
    assert other.post("/api/v1/clients", DEEP, content_type="application/json").status_code == 400


def test_the_parser_holds_to_the_same_limits(settings):
    parser = CamelCaseJSONParser()
    with pytest.raises(ValidationError) as deep:
        parser.parse(io.BytesIO(DEEP), "application/json", {})
    assert deep.value.detail["non_field_errors"][0].code == "too_deep"
    with pytest.raises(RequestBodyTooLarge):
        parser.parse(io.BytesIO(HUGE), "application/json", {})
    nested = b'{"firstName": ' + b"[" * (MAX_JSON_DEPTH - 1) + b"]" * (MAX_JSON_DEPTH - 1) + b"}"
    assert "first_name" in parser.parse(io.BytesIO(nested), "application/json", {})


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """The project's WSGI application behind a real HTTP server in a thread."""
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()


def _post(address, path, body: bytes, content_type: str, *, declared: int | None = None):
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", content_type)
        connection.putheader("Content-Length", str(len(body) if declared is None else declared))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def test_through_a_real_server_deep_is_400_and_too_large_is_413(http_server, no_authentication, anon_rate):
    status, content_type, body = _post(http_server, "/api/v1/clients", DEEP, "application/json")
    assert (status, content_type) == (400, "application/problem+json")
    assert json.loads(body)["invalidParams"][0]["code"] == "too_deep"
    # Refused on the length it declares, before a byte of the body is read.
    for path, content_type in (("/api/v1/clients", "application/json"),
                               ("/oauth/token", "application/x-www-form-urlencoded")):
        status, answered_as, body = _post(http_server, path, b"", content_type, declared=len(HUGE))
        assert (status, answered_as) == (413, "application/problem+json")
    status, _, _ = _post(http_server, "/api/v1/clients", DEEP, "application/json")
    assert status == 429
