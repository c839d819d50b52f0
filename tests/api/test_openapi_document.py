"""The OpenAPI document tells the truth: what each operation returns, in which media type, with
which filters, what it is for, what a request looks like, and the rules a schema can state.
(Schemathesis in test_fuzz.py checks the responses against it; this pins the document itself.)"""
import re
from datetime import datetime, timezone
from uuid import uuid4

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource

from api.idempotency import IdempotentPostMixin
from api.views.base import VisibleReadOnlyViewSet

HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def validator(document, schema):
    registry = Registry().with_resource("urn:doc", Resource.opaque(document))
    root = {**schema, "components": document["components"]}
    return OAS30Validator(root, registry=registry)


def test_change_logs_are_documented_as_the_pages_they_return(document):
    for kind in ("clients", "cases", "employers", "vacancies"):
        ok = document["paths"][f"/{kind}/{{id}}/changes"]["get"]["responses"]["200"]
        assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PaginatedChangeList"}
    page = document["components"]["schemas"]["PaginatedChangeList"]
    assert page["properties"]["results"]["items"] == {"$ref": "#/components/schemas/Change"}


def test_problem_json_is_documented_only_for_errors(document):
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            media = set(response.get("content", {}))
            if code[0] in "23":
                assert "application/problem+json" not in media, (method, path, code)
            else:
                assert media == {"application/problem+json"}, (method, path, code)


def test_every_operation_has_a_description_of_its_own(document):
    inherited = {" ".join(cls.__doc__.split()) for cls in (IdempotentPostMixin, VisibleReadOnlyViewSet)}
    seen = {}
    for path, method, operation in operations(document):
        description = operation.get("description", "").strip()
        assert description, f"{method.upper()} {path} has no description (api/schema_operations.py)"
        assert " ".join(description.split()) not in inherited, (method, path)
        assert description not in seen, f"{method.upper()} {path} shares its description with {seen[description]}"
        seen[description] = f"{method.upper()} {path}"


def test_every_request_body_has_an_example_that_fits_its_schema(document):
    for path, method, operation in operations(document):
        if "requestBody" not in operation:
            continue
        for media_type, media in operation["requestBody"]["content"].items():
            examples = media.get("examples", {})
            assert examples, f"{method.upper()} {path} ({media_type}) has no example"
            for example in examples.values():
                errors = list(validator(document, media["schema"]).iter_errors(example["value"]))
                assert not errors, (method, path, [e.message for e in errors])


@pytest.mark.parametrize("schema_name, field", [
    ("Transition", "contractType"), ("Transition", "learningRoute"), ("Client", "educationLevel"),
    ("Vacancy", "educationLevel"), ("ShortlistClient", "educationLevel"),
])
def test_a_choice_the_api_may_leave_blank_lists_the_blank(document, schema_name, field):
    """Read-only choices of a blank-able column: DRF drops allow_blank from them, the document must not."""
    prop = document["components"]["schemas"][schema_name]["properties"][field]
    assert {"$ref": "#/components/schemas/BlankEnum"} in prop.get("oneOf", []), prop


def test_list_filters_are_documented_only_where_they_apply(document):
    client_filters = {"name", "birthDate", "postcode", "educationLevel", "targetGroup", "desk"}
    case_filters = {"status", "desk", "programme", "owner", "client"}

    def query_names(path):
        return {p["name"] for p in document["paths"][path]["get"]["parameters"] if p["in"] == "query"}

    assert client_filters <= query_names("/clients")
    assert case_filters <= query_names("/cases")
    assert not client_filters & query_names("/clients/{id}/timeline")
    assert not case_filters & query_names("/cases/{id}/history")


def test_the_webhook_event_in_the_document_is_what_the_worker_sends(document):
    """The payload built by referrals.events, for either side, fits the documented WebhookEvent."""
    from types import SimpleNamespace

    from referrals.events import _payload

    referral = SimpleNamespace(uuid=uuid4(), status="declined", answer_due_at=datetime.now(timezone.utc),
                               decline_reason="No capacity", outcome_summary="", failure_reason="",
                               partner_reference="GEM-123")
    event_schema = {"$ref": "#/components/schemas/WebhookEvent"}
    for side, previous in (("sender", "requested"), ("receiver", None)):
        body = _payload(uuid4(), referral, previous, side, datetime.now(timezone.utc))
        errors = list(validator(document, event_schema).iter_errors(body))
        assert not errors, [e.message for e in errors]
    assert "WebhookEvent" in document["paths"]["/webhooks"]["post"]["description"]
    payload = document["components"]["schemas"]["Event"]["properties"]["payload"]
    assert "#/components/schemas/WebhookEvent" in str(payload)


def _query_parameter(document, path, name):
    return next(p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name)


@pytest.mark.parametrize("period, fits", [
    ("2025", True), ("2100-Q4", True), ("2000-01..2025-12", True), ("1999", False), ("2101", False),
    ("2025-13", False), ("2025-00", False), ("2025-Q5", False), ("2026-01-01/2026-06-30", True),
    ("2026-1-1/2026-06-30", False), ("2026-01-01/2026-13-01", False), ("2026-01-01..2026-06-30", False),
])
def test_the_report_period_states_its_years_and_months(document, period, fits):
    pattern = _query_parameter(document, "/reports/{key}", "period")["schema"]["pattern"]
    assert bool(re.search(pattern, period)) is fits


def test_the_schema_states_the_shapes_and_conditions_it_can(document):
    schemas = document["components"]["schemas"]
    phone = schemas["ClientCreateRequest"]["properties"]["phone"]
    assert any("pattern" in branch for branch in phone["oneOf"])
    url = schemas["WebhookEndpointInputRequest"]["properties"]["url"]
    assert re.search(url["pattern"], "https://partner.example.nl/hook")
    assert not re.search(url["pattern"], "http://127.0.0.1:9/hook with space")
    assert not re.search(url["pattern"], "http://127.0.0.1:9/hook\r\nX: y")
    assert "warmHandover" in schemas["ReferralInputRequest"]["properties"]["plannedMeetingAt"]["description"]
    assert "required with `praktijkverklaring`" in schemas["OutcomeInputRequest"]["properties"]["school"]["description"]
    benefit = schemas["TransitionInputRequest"]["properties"]["benefit"]["description"]
    assert "Only with toPosition `unemployed_with_benefit`" in benefit
    assert "400" in str(document["paths"]["/referrals"]["post"]["responses"])


def test_every_post_documented_with_an_idempotency_key_honours_it(document):
    """A documented header the view ignores is a promise broken silently (a retry would act twice)."""
    from django.urls import resolve

    ignored = []
    for path, method, operation in operations(document):
        names = {p["name"] for p in operation.get("parameters", [])}
        if method != "post" or "Idempotency-Key" not in names:
            continue
        concrete = re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)
        view = resolve(f"/api/v1{concrete}").func
        cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
        if not issubclass(cls, IdempotentPostMixin):
            ignored.append(f"POST {path} ({cls.__name__})")
    assert not ignored, ignored
