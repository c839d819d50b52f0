"""Headers every response carries, and problem+json for errors that never reached DRF."""
import logging
import traceback

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .problems import PROBLEM_CONTENT_TYPE, problem_response

logger = logging.getLogger("rwc.errors")

API_PREFIX = "/api/"
OPENAPI_PATHS = ("/api/v1/openapi.json", "/api/v1/openapi.yaml")
DOCS_PATHS = ("/api/v1/docs", "/api/v1/redoc")

API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; frame-ancestors 'none'"
)


class ProblemDetailsMiddleware:
    """Outermost: whatever went wrong below, an API caller gets problem+json, never HTML or a trace.

    Covers routing misses (also under DEBUG), Django's own 4xx pages and unhandled exceptions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            replacement = problem_response(response.status_code, _detail_for(response.status_code), request=request)
            for header in ("Allow", "WWW-Authenticate", "Retry-After", "Content-Language", "Vary"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response

    def process_exception(self, request, exception):
        if request.path.startswith(API_PREFIX):
            status = _client_error_status(exception)
            if status is not None:  # the caller's mistake, as Django itself would answer it: no 500
                return problem_response(status, _detail_for(status), request=request)
            # Where it broke, but not the exception's message: a database error quotes the values
            # it choked on ("Key (surname)=(...)"), and those are personal data.
            trace = "".join(traceback.format_tb(exception.__traceback__))
            logger.error(
                "Unhandled error on %s %s: %s.%s (message withheld)\n%s", request.method, request.path,
                type(exception).__module__, type(exception).__qualname__, trace,
            )
            return problem_response(500, _detail_for(500), request=request)
        return None


def _client_error_status(exception) -> int | None:
    from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
    from django.http import Http404
    from django.http.multipartparser import MultiPartParserError

    if isinstance(exception, RequestDataTooBig):
        return 413
    if isinstance(exception, (SuspiciousOperation, BadRequest, MultiPartParserError)):
        return 400
    if isinstance(exception, Http404):
        return 404
    if isinstance(exception, PermissionDenied):
        return 403
    return None


_DETAILS = {
    400: _("The request could not be understood."),
    403: _("You may not do this."),
    404: _("The resource does not exist, or you may not see it."),
    405: _("This method is not allowed on this resource."),
    413: _("The request body is too large."),
    500: _("The server failed to handle the request; it has been logged."),
}


def _detail_for(status: int) -> str:
    return str(_DETAILS.get(status, _("The request could not be handled.")))


class ApiHeadersMiddleware:
    """API-Version on every response; the ADR security headers (/core/transport/security-headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["API-Version"] = settings.API_VERSION
        path = request.path
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("Strict-Transport-Security", "max-age=31536000")
        response.setdefault("Referrer-Policy", "no-referrer")
        if path.startswith(API_PREFIX):
            response["Cache-Control"] = "no-store"
            response["Content-Security-Policy"] = DOCS_CSP if path.startswith(DOCS_PATHS) else API_CSP
        else:
            response.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        if path in OPENAPI_PATHS:
            response["Access-Control-Allow-Origin"] = "*"
        return response
