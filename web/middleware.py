"""The web client's pages are processing operations too (`rwc.processing`), as the API's requests
are (`api.middleware_audit`, which the web must not import): one operation per page request on the
channel "web"; the views note the clients a page shows (`processing.note_subjects`), and the
operation is written with the same `processing.record` when the page showed any. Writes made while
handling a page carry the person, the channel and the trace id into the change history."""
from rwc import history, processing

WEB_PREFIXES = ("/api/", "/admin/", "/oauth/", "/signin/", "/static/", "/health/")


class WebProcessingLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(WEB_PREFIXES):
            return self.get_response(request)
        op = processing.begin("web", traceparent=request.headers.get("traceparent"))
        with processing.active(op):
            with history.history_context(channel="web", trace_id=op.trace_id, method=request.method):
                processing.annotate_principal(request.user)
                response = self.get_response(request)
            match = request.resolver_match
            processing.record(op, principal=getattr(request, "user", None), status_code=response.status_code,
                              operation=f"{request.method} {match.view_name if match else request.path}")
        response["traceparent"] = op.traceparent
        return response
