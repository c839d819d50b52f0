"""OpenAPI document shaping for the NL GOV API Design Rules.

drf-spectacular builds the document; `nlgov_postprocess` then adds what the ADR linter demands of
every operation: the API-Version header on success responses, problem+json error responses
(400, for an unknown query parameter if nothing else, and 401/403/404/406/429/500 everywhere; 413
and 415 wherever a body is sent), and the security schemes with
the real token URL.
"""
from django.utils import translation
from django.utils.functional import Promise
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator as _SchemaGenerator
from drf_spectacular.openapi import AutoSchema as _AutoSchema
from rest_framework import serializers

from rwc.oauth import token_url

from .schema_operations import apply_operation_docs
from .schema_webhooks import WEBHOOK_SCHEMAS

PUBLIC_PATHS = {"/openapi.json"}
# POSTs whose answer is not kept to replay: a new calendar-feed address is a secret, and a secret is
# not stored beside the Idempotency-Key (a retry simply makes another address, revoking the first).
# A document's signature request, signature and deletion take no key yet (api.views.documents:
# DocumentViewSet.idempotency_exempt_actions); its uploads (a new document, a new version) do.
NOT_REPLAYED_POSTS = {"/calendar-feed", "/documents/{id}/signature-request", "/documents/{id}/signature",
                      "/documents/{id}/deletion"}
WRITE_METHODS = {"post", "put", "patch"}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Identifies the kind of problem."},
        "title": {"type": "string", "description": "Short summary of the kind of problem."},
        "status": {"type": "integer", "description": "The HTTP status code.", "minimum": 100, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong in this case."},
        "instance": {"type": "string", "description": "The request path this problem is about."},
        "code": {"type": "string", "description": "For a broken business rule: which one, e.g. `illegal_move`."},
        "invalidParams": {
            "type": "array",
            "description": "For 400: every invalid field, named as sent (camelCase, dotted when nested).",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}
INVALID_PARAM_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "code": {"type": "string"},
        "reason": {"type": "string"},
    },
    "required": ["name", "code", "reason"],
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: every bad field is listed in invalidParams; nothing was changed.",
    "401": "Missing, invalid or expired credentials.",
    "403": "Authenticated, but this role may not do this.",
    "404": "The resource does not exist, or the caller may not see it.",
    "406": "The Accept header asks for a format the API does not serve.",
    "409": "The change conflicts with the current state; nothing was changed.",
    "412": "The record changed since the caller read it (If-Match).",
    "413": "The request body is larger than the service reads (REQUEST_BODY_MAX_BYTES); nothing was changed.",
    "415": "The body is not application/json.",
    "422": "The Idempotency-Key was used before for a different request; nothing was changed.",
    "429": (
        "Too many requests: the rate limit of this staff member, partner application or (without "
        "credentials) address is used up; see Retry-After."
    ),
    "500": "The server failed; nothing about the failure is disclosed.",
}
API_VERSION_HEADER = {
    "description": "The full semantic version of the API that answered.",
    "required": True,
    "schema": {"type": "string", "example": "1.0.0"},
}


def _model_field_allows_blank(field) -> bool:
    """A read-only ChoiceField of a ModelSerializer loses `allow_blank` (DRF drops it for read-only
    fields), yet shows "" whenever the model column is blank: the model field says what is sent."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return False
    try:
        return bool(model._meta.get_field(field.source).blank)
    except Exception:  # a property or method, not a column
        return False


class SchemaGenerator(_SchemaGenerator):
    """The document is English whatever language the caller asks for or the process runs in
    (`manage.py spectacular` runs with LANGUAGE_CODE, nl): choice labels in enum descriptions and
    other marked texts are rendered in English here, once, so no lazy text reaches the renderer."""

    def get_schema(self, request=None, public=False):
        with translation.override("en"):
            return _english(super().get_schema(request=request, public=public))


def _english(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _english(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_english(item) for item in value)
    return value


class AutoSchema(_AutoSchema):
    """Security requirement per view: staff bearer/session always, partner scopes when allowed."""

    def get_auth(self):
        auths = super().get_auth()
        return [a for a in auths if a] if auths else auths

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if (isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank
                and _model_field_allows_blank(field)):
            field.allow_blank = True  # the enum then lists "" (BlankEnum), as the API answers
        return super()._map_serializer_field(field, direction, bypass_extensions)


class BearerAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerAuthentication"
    name = ["bearerAuth", "oauth2"]

    def get_security_requirement(self, auto_schema):
        requirements = [{"bearerAuth": []}]
        partner_scopes = getattr(auto_schema.view, "partner_scopes", None)
        if partner_scopes is not None:
            requirements.append({"oauth2": list(partner_scopes)})
        return requirements

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        scopes = {k: v for k, v in settings.OAUTH2_PROVIDER["SCOPES"].items() if k != "staff"}
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "description": "A staff bearer token (`python manage.py issue_token USERNAME`).",
            },
            {
                "type": "oauth2",
                "description": "Partner systems: OAuth2 client credentials, scoped to their organisation.",
                "flows": {"clientCredentials": {"tokenUrl": token_url(), "scopes": scopes}},
            },
        ]


def _error_response(code: str) -> dict:
    response = {
        "description": ERROR_DESCRIPTIONS.get(code, "Error."),
        "headers": {"API-Version": API_VERSION_HEADER},
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if code == "401":
        response["headers"]["WWW-Authenticate"] = {"schema": {"type": "string"}, "description": "Bearer challenge."}
    if code == "429":
        response["headers"]["Retry-After"] = {
            "schema": {"type": "integer", "minimum": 0}, "description": "Seconds to wait before trying again.",
        }
    return response


IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "A key of your choosing: a retry with the same key and body gets the first answer again "
                   "(with `Idempotent-Replayed: true`) and changes nothing; the same key with another body is a "
                   "422. Kept for 24 hours, per caller.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7e]+$"},
}

PURPOSE_PARAMETER = {
    "name": "Processing-Purpose", "in": "header", "required": False,
    "description": "Why you process the data (the processing log keeps it; without it, the purpose follows from "
                   "your role). At most 300 printable characters, else 400.",
    "schema": {"type": "string", "maxLength": 300, "pattern": "^[\\x20-\\x7e]*$"},
}
TRACEPARENT_PARAMETER = {
    "name": "traceparent", "in": "header", "required": False,
    "description": "W3C Trace Context (`00-<trace id>-<parent id>-<flags>`): this request becomes part of your "
                   "trace in the processing log. One that does not parse is ignored and a new trace begins, as the "
                   "W3C recommendation asks.",
    "schema": {"type": "string"},
}
TRACEPARENT_HEADER = {
    "description": "W3C Trace Context of this request (the processing log and change history carry its trace id).",
    "schema": {"type": "string"},
}

NO_NUL = "^[^\\u0000]*$"


def _no_nul_characters(prop: dict) -> None:
    """Text fields refuse NUL characters (PostgreSQL cannot store them): say so in the document."""
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        _no_nul_characters(prop["items"])
    elif prop.get("type") == "string" and not ({"format", "enum", "pattern", "$ref"} & prop.keys()):
        prop["pattern"] = NO_NUL


def nlgov_postprocess(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components["schemas"]["InvalidParam"] = INVALID_PARAM_SCHEMA
    components["schemas"].update(WEBHOOK_SCHEMAS)
    for name, schema in components["schemas"].items():
        if name.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False  # unknown fields are a 400 (StrictInputMixin)
            for prop in schema.get("properties", {}).values():
                _no_nul_characters(prop)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            apply_operation_docs(operation)
            responses = operation.setdefault("responses", {})
            if path not in PUBLIC_PATHS:
                operation.setdefault("parameters", []).extend([PURPOSE_PARAMETER, TRACEPARENT_PARAMETER])
            codes = ["404", "406", "429", "500"]
            if path not in PUBLIC_PATHS:
                codes += ["401", "403"]
            codes.append("400")  # everywhere: a query parameter the operation does not take is one
            if method in WRITE_METHODS:
                codes += ["413", "415"]
            if method == "post" and not path.endswith("/_search") and path not in NOT_REPLAYED_POSTS:
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
                codes.append("422")
            for code in codes:
                responses.setdefault(code, _error_response(code))
            for code, response in responses.items():
                if code[0] in "23":
                    # problem+json is an error format: a success is never served as one
                    response.get("content", {}).pop("application/problem+json", None)
                    response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
                    if path not in PUBLIC_PATHS:
                        response["headers"]["traceparent"] = TRACEPARENT_HEADER
                elif code[0] in "45":
                    response["content"] = _error_response(code)["content"]
                    response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
            if path in PUBLIC_PATHS:
                operation["security"] = []
                for code, response in responses.items():
                    if code[0] in "23":
                        response["headers"]["access-control-allow-origin"] = {
                            "description": "Always `*`: the document is public.",
                            "schema": {"type": "string"},
                        }
    for scheme in components.get("securitySchemes", {}).values():
        if scheme.get("type") == "oauth2":  # the served document names the host it was fetched from
            scheme["flows"]["clientCredentials"]["tokenUrl"] = token_url(request)
    result["paths"] = dict(sorted(result.get("paths", {}).items()))
    return result
