"""Every error as application/problem+json (RFC 9457, NL GOV ADR /core/error-handling).

`type`, `title`, `status`, `detail`, `instance`, and for invalid input `invalidParams`: one
entry per bad field, named as the client spelled it (camelCase, dotted for nested fields).
"""
import json
import logging
import math
import re
from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from rwc import processing
from rwc.errors import DomainError, InvalidFields

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://rwc.example.nl/problems/"

_CODES = {
    400: "invalid-input",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    428: "precondition-required",
    412: "precondition-failed",
    413: "request-too-large",
    415: "unsupported-media-type",
    422: "idempotency-key-reused",
    429: "too-many-requests",
    500: "server-error",
}


# The titles a person reads, in the request's language (the English is the HTTP reason phrase).
_TITLES = {
    400: _("Bad Request"),
    401: _("Unauthorized"),
    403: _("Forbidden"),
    404: _("Not Found"),
    405: _("Method Not Allowed"),
    406: _("Not Acceptable"),
    409: _("Conflict"),
    412: _("Precondition Failed"),
    413: _("Request Entity Too Large"),
    415: _("Unsupported Media Type"),
    422: _("Unprocessable Entity"),
    428: _("Precondition Required"),
    429: _("Too Many Requests"),
    500: _("Internal Server Error"),
    503: _("Service Unavailable"),
}

INVALID_FIELDS = _("The request has invalid fields; see invalidParams.")
NOT_FOUND = _("The resource does not exist, or you may not see it.")
NOT_ALLOWED = _("You may not do this.")


def throttled_detail(wait=None) -> str:
    if wait is None:
        return str(_("Too many requests; try again later."))
    return str(_("Too many requests; try again in %(seconds)s seconds.") % {"seconds": max(math.ceil(wait), 1)})


def problem_title(status: int) -> str:
    title = _TITLES.get(status)
    return str(title) if title is not None else HTTPStatus(status).phrase


def problem(status: int, detail: str, *, instance: str = "", title: str | None = None, code: str | None = None, **extra):
    """The body; `title` and `detail` are rendered in the active language here (they may be lazy)."""
    body = {
        "type": TYPE_BASE + (code or _CODES.get(status, str(status))),
        "title": str(title) if title else problem_title(status),
        "status": status,
        "detail": str(detail),
        "instance": instance,
    }
    body.update(extra)
    return body


def problem_response(status: int, detail: str, *, request=None, instance: str | None = None, **kwargs) -> HttpResponse:
    """A plain Django response, for errors raised outside DRF (routing, middleware, crashes)."""
    if instance is None:
        instance = request.get_full_path() if request is not None else ""
    body = problem(status, detail, instance=instance, **kwargs)
    return HttpResponse(json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=PROBLEM_CONTENT_TYPE)


def _camel_path(path: list) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = underscore_to_camel_name(part)
            out += f".{name}" if out else name
    return out


def underscore_to_camel_name(name: str) -> str:
    """`birth_date` -> `birthDate`, as the camelCase parser and renderer spell it."""
    if name in ("non_field_errors", "__all__"):
        return ""
    return re.sub(camelize_re, underscore_to_camel, name)


def flatten_errors(detail, path=None) -> list[dict]:
    """DRF's nested error detail as a flat list of {name, code, reason}."""
    path = path or []
    items = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            items += flatten_errors(value, path + [key])
    elif isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            for value in detail:
                items.append(_param(path, value))
        else:
            for index, value in enumerate(detail):
                if value:
                    items += flatten_errors(value, path + [index])
    else:
        items.append(_param(path, detail))
    return items


def _param(path, value) -> dict:
    return {"name": _camel_path(path) or "body", "code": getattr(value, "code", None) or "invalid", "reason": str(value)}


def exception_handler(exc, context):
    """DRF's handler, reshaped into problem+json; domain errors mapped to 400/404/409/412."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, DomainError):
        processing.note_problem_subjects(getattr(exc, "subjects", ()))  # an answer showing clients is logged
        extra = {}
        if isinstance(exc, InvalidFields):
            extra["invalidParams"] = [
                {"name": underscore_to_camel_name(name) or "body", "code": code, "reason": str(reason)}
                for name, code, reason in exc.errors
            ]
        elif exc.field:
            extra["invalidParams"] = [{"name": exc.field, "code": exc.code, "reason": str(exc.detail)}]
        if exc.extra:
            extra.update(exc.extra)
        body = problem(exc.status, exc.detail, instance=instance, code=_CODES.get(exc.status), **extra)
        body["code"] = exc.code  # the rule that said no, e.g. follow_up_already_recorded
        return Response(body, status=exc.status, content_type=PROBLEM_CONTENT_TYPE)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # unhandled: ProblemDetailsMiddleware answers 500 without a trace
    status = response.status_code
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = INVALID_FIELDS
        extra["invalidParams"] = flatten_errors(exc.detail)
    elif isinstance(exc, (Http404, exceptions.NotFound)):
        detail = NOT_FOUND
    elif isinstance(exc, DjangoPermissionDenied):
        detail = NOT_ALLOWED
    elif isinstance(exc, exceptions.Throttled):  # our words: DRF's Dutch for it is poor ("verstikt")
        detail = throttled_detail(exc.wait)
    else:
        detail = str(getattr(exc, "detail", "")) or problem_title(status)
    response.data = problem(status, detail, instance=instance)
    response.data.update(extra)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


# Django-level handlers (rwc.urls): routing misses and crashes outside DRF.


def not_found(request, exception=None):
    return problem_response(404, NOT_FOUND, request=request)


def server_error(request):
    return problem_response(500, _("The server failed to handle the request; it has been logged."), request=request)


def bad_request(request, exception=None):
    return problem_response(400, _("The request could not be understood."), request=request)


def permission_denied(request, exception=None):
    return problem_response(403, NOT_ALLOWED, request=request)
