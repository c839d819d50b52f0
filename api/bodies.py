"""Request bodies the service will not read: too large (413) or JSON nested too deep (400).

Both are answered by `RequestBodyLimitMiddleware` before any authentication work (the bearer check
of django-oauth-toolkit reads the body), cheaply (no recursion, no JSON objects built), and each
refusal counts against the caller address's anonymous rate limit, so a flood of them is a 429
(`api.throttling.count_refused_request`). The JSON parser (`api.parsers`) applies the same two
limits again for any body that reaches it another way.

The size limit is Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (`REQUEST_BODY_MAX_BYTES`), except on the
routes that take a document upload (a POST to `api.urls_documents.UPLOAD_PATH`, and the web client's
upload forms at the same paths without `/api/v1`): there a body may be
`DOCUMENTS_MAX_UPLOAD_BYTES` plus `DOCUMENTS_UPLOAD_OVERHEAD_BYTES` for the multipart framing and
the metadata (the file streams to a temporary file, never into memory; the file's own size is
checked again after parsing, documents.services.check_file). The nesting
limit is `MAX_JSON_DEPTH` levels of arrays and objects, far more than any document of the API has.
"""
import re
from array import array
from itertools import accumulate

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .problems import problem_response
from .throttling import count_refused_request

MAX_JSON_DEPTH = 64
_UPLOAD_PATH = re.compile(
    r"^(?:/api/v1)?/(?:(?:clients|cases|referrals|employers|vacancies)/[0-9a-fA-F-]{36}"
    r"(?:/(?:consents|outcomes)/[0-9a-fA-F-]{36})?/documents|documents/[0-9a-fA-F-]{36}/versions)$")

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)  # unrolled: linear, no backtracking blow-up
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes


def json_nesting_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects in this JSON text nest deeper than `limit`, without parsing it:
    strings (which may hold brackets) are dropped, and the running depth of what is left is
    summed in C. Linear in the size of the body."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    skeleton = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    return max(accumulate(array("b", skeleton.translate(_STEP))), default=0) > limit


def body_limit() -> int | None:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def upload_limit(request) -> int | None:
    """The larger limit of a document upload route, or None for any other request."""
    if request.method != "POST" or not _UPLOAD_PATH.match(request.path):
        return None
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES + settings.DOCUMENTS_UPLOAD_OVERHEAD_BYTES


def declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # as Django reads it: no body


def is_json(content_type: str) -> bool:
    content_type = content_type.lower()
    return content_type == "application/json" or (content_type.startswith("application/")
                                                   and content_type.endswith("+json"))


def too_large_response(request, limit: int):
    if upload_limit(request) is not None and not request.path.startswith("/api/"):
        # the web client's upload form: a page saying so, not a problem document
        from django.shortcuts import render
        from django.template.defaultfilters import filesizeformat

        back = request.path[:-len("documents")] if request.path.endswith("/documents") else "/"
        return render(request, "web/too_large.html", {"limit": filesizeformat(settings.DOCUMENTS_MAX_UPLOAD_BYTES),
                                                      "back": back}, status=413)
    return problem_response(413, _("The request body is larger than %(limit)s bytes.") % {"limit": limit},
                            request=request)


def too_deep_response(request):
    reason = _("Arrays and objects nest at most %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH}
    return problem_response(400, _("The request body nests too deeply; see invalidParams."), request=request,
                            invalidParams=[{"name": "body", "code": "too_deep", "reason": reason}])


class RequestBodyLimitMiddleware:
    """Refuses an oversized body, or JSON nested too deeply, on any route, before authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is None:
            return self.get_response(request)
        throttled = count_refused_request(request)
        return throttled if throttled is not None else refusal

    @staticmethod
    def _refusal(request):
        length = declared_length(request)
        if not length:
            return None
        limit = upload_limit(request) or body_limit()
        json_body = is_json(request.content_type or "")
        if json_body and body_limit() is not None:  # the larger limit is for files only
            limit = min(limit, body_limit())
        if limit is not None and length > limit:
            return too_large_response(request, limit)
        if json_body and json_nesting_exceeds(request.body):
            return too_deep_response(request)
        return None
