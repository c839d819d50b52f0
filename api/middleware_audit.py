"""Per request: the trace, the processing log and the change-history context.

Each API or admin request is one processing operation (`rwc.processing`): it takes the caller's
W3C `traceparent` when sent, answers with its own, and takes an optional `Processing-Purpose`
header (why the caller processes the data; otherwise the purpose follows from the role). The
output serializers note the clients shown; an answer that showed any, whatever its status, is
written to the processing log before the response leaves (an error answer only with the clients
it shows itself: `processing.note_problem_subjects`). Writes made while handling it carry the caller, the
channel and the trace id into the change history.
"""
from django.utils.functional import LazyObject

from rwc import history, processing

from .problems import problem_response

PURPOSE_HEADER = "Processing-Purpose"
_request_classes: dict[type, type] = {}


class _Audited:
    """Told when DRF sets the authenticated caller, so the history context names them before any write."""

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name == "user" and not isinstance(value, LazyObject):
            processing.annotate_principal(value)


def _audited_class(cls: type) -> type:
    if cls not in _request_classes:
        _request_classes[cls] = type(f"Audited{cls.__name__}", (_Audited, cls), {})
    return _request_classes[cls]


class ProcessingLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        channel = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else None
        if channel is None:
            return self.get_response(request)
        try:
            purpose = processing.clean_purpose(request.headers.get(PURPOSE_HEADER))
        except ValueError as exc:
            return problem_response(400, "The Processing-Purpose header is not valid.", request=request,
                                    invalidParams=[{"name": PURPOSE_HEADER, "code": "invalid", "reason": str(exc)}])
        op = processing.begin(channel, traceparent=request.headers.get("traceparent"), purpose=purpose)
        request.__class__ = _audited_class(type(request))
        with processing.active(op):
            with history.history_context(channel=channel, trace_id=op.trace_id, method=request.method):
                if channel == "admin":
                    processing.annotate_principal(request.user)
                response = self.get_response(request)
            # after the history context: the log is not a tracked table, its one statement needs no context
            match = request.resolver_match
            processing.record(op, principal=getattr(request, "user", None), status_code=response.status_code,
                              operation=f"{request.method} {match.view_name if match else path}")
        response["traceparent"] = op.traceparent
        return response
