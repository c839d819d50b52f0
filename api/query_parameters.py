"""Query parameters an operation does not document are a 400 naming each one, before the view runs.

Otherwise a mistyped or invented parameter (`GET /clients?bsn=...`) is silently ignored: the caller
gets the unfiltered list, and the value travels on in the `next` link. The parameters an operation
accepts are read from the OpenAPI document itself (generated once per process by drf-spectacular,
from the same filtersets, paginators and `extend_schema` parameters the published document comes
from), so the check and the document cannot disagree. Routes the document leaves out (the
documentation viewers) are not checked.
"""
import re
import threading

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .problems import problem_response

UNKNOWN_REASON = _("This operation has no such parameter.")
_lock = threading.Lock()
_documented: dict[str, dict[tuple, frozenset[str]]] = {}


def documented_query_parameters(urlconf: str) -> dict[tuple, frozenset[str]]:
    """{(view callback, METHOD): names of its query parameters} for every documented operation."""
    with _lock:
        if urlconf not in _documented:
            _documented[urlconf] = _read_document(urlconf)
        return _documented[urlconf]


def _read_document(urlconf: str) -> dict[tuple, frozenset[str]]:
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.settings import spectacular_settings

    generator = SchemaGenerator(urlconf=urlconf)
    paths = generator.get_schema(request=None, public=True)["paths"]
    prefix = "^" + spectacular_settings.SCHEMA_PATH_PREFIX.lstrip("^")
    found = {}
    for path, _regex, method, callback in generator.endpoints:
        if spectacular_settings.SCHEMA_PATH_PREFIX_TRIM:  # as SchemaGenerator.parse names the path
            path = re.sub(prefix, "", path, flags=re.IGNORECASE)
        operation = paths.get(path if path.startswith("/") else "/" + path, {}).get(method.lower())
        if operation is not None:
            found[callback, method.upper()] = frozenset(
                p["name"] for p in operation.get("parameters", []) if p.get("in") == "query")
    return found


def unknown_parameters(request, callback) -> list[str] | None:
    """The query parameters of this request its operation does not document (None: not checked)."""
    if not request.GET:
        return []
    method = "GET" if request.method == "HEAD" else request.method
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    allowed = documented_query_parameters(urlconf).get((callback, method))
    if allowed is None:
        return None
    return sorted(name for name in request.GET if name not in allowed)


class UnknownQueryParametersMiddleware:
    """A 400 problem+json naming every undocumented query parameter, before the view (and its query) runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if not request.path.startswith("/api/"):
            return None
        unknown = unknown_parameters(request, callback)
        if not unknown:
            return None
        # `instance` without the query: it holds what the caller should not have sent (a BSN, say)
        return problem_response(
            400, _("The request has query parameters this operation does not take; see invalidParams."),
            instance=request.path,
            invalidParams=[{"name": name, "code": "unknown_parameter", "reason": UNKNOWN_REASON} for name in unknown])

