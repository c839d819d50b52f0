"""NL GOV API Design Rules conventions: problem+json for every error, headers, paths, pagination,
the public OpenAPI document, and constant query counts."""
import re

import pytest

from rwc.models import Desk, Region
from rwc.organisation import desk_create
from tests.helpers import count_queries

PROBLEM = "application/problem+json"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def assert_problem(response, status):
    assert response.status_code == status, (response.status_code, response.content[:400])
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    for key in ("type", "title", "status", "detail", "instance"):
        assert key in body, key
    assert body["status"] == status
    assert b"<html" not in response.content.lower() and b"Traceback" not in response.content
    return body


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_route_is_problem_404(api):
    assert_problem(api("counsellor").get("/api/v1/no-such-thing"), 404)


@pytest.mark.django_db
def test_trailing_slash_is_404_not_a_redirect(api):
    body = assert_problem(api("counsellor").get("/api/v1/desks/"), 404)
    assert body["instance"] == "/api/v1/desks/"


@pytest.mark.django_db
def test_wrong_method_is_problem_405_with_allow(api):
    response = api("counsellor").delete("/api/v1/me")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_unacceptable_accept_header_is_problem_406(api):
    response = api("counsellor").get("/api/v1/me", HTTP_ACCEPT="text/csv")
    assert_problem(response, 406)


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_unhandled_exception_is_problem_500_without_a_trace(api, caplog):
    client = api("counsellor")
    client.raise_request_exception = False
    response = client.get("/api/v1/test-crash")
    body = assert_problem(response, 500)
    assert "hunter2" not in response.content.decode() and "RuntimeError" not in response.content.decode()
    assert body["instance"] == "/api/v1/test-crash"
    assert any("test-crash" in r.getMessage() for r in caplog.records), "the crash must be logged"


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_unsupported_media_type_is_problem_415(api):
    response = api("counsellor").post("/api/v1/test-echo", "birthDate=x", content_type="text/plain")
    assert_problem(response, 415)


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_malformed_json_is_problem_400(api):
    response = api("counsellor").post("/api/v1/test-echo", "{not json", content_type="application/json")
    assert_problem(response, 400)


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(api, constant):
    """RFC 8259 has no NaN or Infinity; Python's json reads them unless told not to."""
    body = f'{{"birthDate": "2000-01-01", "postcode": "1234AB", "deskIds": [], "hours": {constant}}}'
    response = api("counsellor").post("/api/v1/test-echo", body, content_type="application/json")
    problem = assert_problem(response, 400)
    assert constant.lstrip("-") in problem["detail"]


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_every_invalid_field_is_named_in_camel_case(api):
    response = api("counsellor").post(
        "/api/v1/test-echo", {"birthDate": "31-02-2000", "postcode": "12345", "deskIds": ["nope"]}, format="json"
    )
    body = assert_problem(response, 400)
    names = {p["name"] for p in body["invalidParams"]}
    assert names == {"birthDate", "postcode", "deskIds[0]"}
    assert all(p["code"] and p["reason"] for p in body["invalidParams"])


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_missing_fields_are_named_too(api):
    body = assert_problem(api("counsellor").post("/api/v1/test-echo", {}, format="json"), 400)
    assert {p["name"] for p in body["invalidParams"]} == {"birthDate", "postcode", "deskIds"}
    assert {p["code"] for p in body["invalidParams"]} == {"required"}


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_errors")
def test_camel_case_body_is_accepted_and_returned_in_camel_case(api):
    response = api("counsellor").post(
        "/api/v1/test-echo", {"birthDate": "2000-02-29", "postcode": "3511 AB", "deskIds": [str(Desk.objects.first().uuid)]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["birthDate"] == "2000-02-29"


# --- headers ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,role,status",
    [("/api/v1/me", "counsellor", 200), ("/api/v1/me", None, 401), ("/api/v1/nothing", "counsellor", 404),
     ("/api/v1/openapi.json", None, 200)],
)
def test_api_version_and_security_headers_on_every_response(api, path, role, status):
    response = api(role).get(path)
    assert response.status_code == status
    assert response["API-Version"] == "1.0.0"
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value, header
    assert "max-age=" in response["Strict-Transport-Security"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


# --- the OpenAPI document -----------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_document_is_public_with_cors_open(client):
    response = client.get("/api/v1/openapi.json", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    doc = response.json()
    assert doc["openapi"].startswith("3.") and doc["info"]["version"] == "1.0.0"
    assert client.get("/api/v1/openapi.yaml").status_code == 200


@pytest.mark.django_db
def test_api_cors_is_closed_to_unknown_origins(api):
    response = api("counsellor").get("/api/v1/me", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/redoc"])
def test_docs_viewers_are_served_without_login(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    scripts = re.findall(r'src="(/static/[^"]+\.js)"', page)
    assert scripts, "the viewer's own scripts are served from here (sidecar), not a CDN"
    for script in scripts:
        asset = client.get(script)
        assert asset.status_code == 200, script


@pytest.mark.django_db
def test_document_declares_security_schemes_with_the_real_token_url(client, settings):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    doc = client.get("/api/v1/openapi.json", HTTP_HOST="127.0.0.1:8123").json()
    schemes = doc["components"]["securitySchemes"]
    flows = [s for s in schemes.values() if s["type"] == "oauth2"]
    assert flows and flows[0]["flows"]["clientCredentials"]["tokenUrl"] == "http://127.0.0.1:8123/oauth/token"
    assert {"referrals:read", "referrals:write"} <= set(flows[0]["flows"]["clientCredentials"]["scopes"])


@pytest.mark.django_db
def test_document_written_without_a_request_names_the_token_url_at_public_base_url(settings):
    from drf_spectacular.generators import SchemaGenerator

    settings.PUBLIC_BASE_URL = "https://rwc.example.nl"
    doc = SchemaGenerator().get_schema(request=None, public=True)  # what `make openapi` writes
    flows = [s for s in doc["components"]["securitySchemes"].values() if s["type"] == "oauth2"]
    assert flows[0]["flows"]["clientCredentials"]["tokenUrl"] == "https://rwc.example.nl/oauth/token"


@pytest.mark.django_db
def test_every_operation_documents_errors_and_the_version_header(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = set(op["responses"])
            assert {"500"} <= codes, (path, method)
            if op.get("security", None) != []:
                assert {"401", "403"} <= codes, (path, method)
            for code, resp in op["responses"].items():
                assert "API-Version" in resp.get("headers", {}), (path, method, code)


# --- pagination and filters ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,bad",
    [("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("page=0", "page"), ("page=x", "page"),
     ("page=1&page=2", "page"), ("kind=", "kind"), ("kind=bogus", "kind")],
)
def test_bad_paging_or_filter_values_are_400_naming_the_parameter(api, query, bad):
    body = assert_problem(api("manager").get(f"/api/v1/desks?{query}"), 400)
    assert [p["name"] for p in body["invalidParams"]] == [bad]


@pytest.mark.django_db
def test_pages_link_to_each_other_and_a_page_past_the_end_is_empty(api):
    client = api("manager")
    first = client.get("/api/v1/desks?pageSize=3").json()
    assert first["count"] == 4 and len(first["results"]) == 3 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    past = client.get("/api/v1/desks?pageSize=3&page=9").json()
    assert past["results"] == [] and "page=2" in past["previous"]


@pytest.mark.django_db
def test_camel_case_filter_keys(api, world):
    response = api("manager").get("/api/v1/desks?kind=rmt&isActive=true")
    assert response.status_code == 200, response.content
    assert [d["id"] for d in response.json()["results"]] == [str(world.rmt_a.uuid)]


# --- query counts -------------------------------------------------------------------------------




@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/desks", "/api/v1/regions", "/api/v1/partner-organisations", "/api/v1/me"])
def test_query_count_does_not_grow_with_rows(api, world, path):
    client = api("functional_admin")
    url = path + ("?pageSize=100" if path != "/api/v1/me" else "")
    count_queries(client, url)  # warm the per-process caches (content types)
    before = count_queries(client, url)
    Region.objects.create(name="Extra", code="extra")
    for n in range(5):
        desk_create(region=world.region_a, name=f"Extra desk {n}", kind="rmt")
    after = count_queries(client, url)
    assert after == before, f"{path}: {before} queries, then {after} with more rows"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [13, 1.5, True])
def test_a_number_or_boolean_where_text_is_asked_is_a_400_naming_the_field(api, value):
    """DRF would store 13 as "13"; the document says string, so it is refused and nothing is stored."""
    from clients.models import Client

    before = Client.objects.count()
    response = api("counsellor").post("/api/v1/clients", {"givenNames": "Ans", "surname": value,
                                                          "birthDate": "2000-01-01"}, format="json")
    body = assert_problem(response, 400)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("surname", "not_a_string")]
    assert Client.objects.count() == before
