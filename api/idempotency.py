"""`Idempotency-Key` on every POST of the views that mix this in (see rwc.idempotency)."""
from django.db import transaction
from django.http import Http404
from rest_framework.response import Response

from clients.models import Client
from rwc import idempotency, processing

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


class _Replay(Exception):
    def __init__(self, record):
        self.record = record


class IdempotentPostMixin:
    """A POST with an Idempotency-Key runs in one transaction with its key record: a 2xx answer is
    kept and replayed to retries; any other answer leaves nothing behind, the key included.
    Actions that change nothing (a search) ignore the key: their answers are not worth keeping."""

    idempotency_exempt_actions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        key = request.headers.get(HEADER) if request.method == "POST" else None
        if key is None:
            return super().dispatch(request, *args, **kwargs)
        self._idempotency = {"key": key, "fingerprint": idempotency.fingerprint(
            request.method, request.path, request.body), "record": None}
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if not 200 <= response.status_code < 300 or response.get(REPLAYED):
                transaction.set_rollback(True)
            return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and permissions first
        state = getattr(self, "_idempotency", None)
        if state is None or self.action in self.idempotency_exempt_actions:
            self._idempotency = None
            return
        record, new = idempotency.claim(request.user, state["key"], state["fingerprint"])
        if not new:
            self._check_replay_reach(record)
            raise _Replay(record)
        state["record"] = record

    def _check_replay_reach(self, record):
        """A replay answers only a caller who may still reach what the answer is about: the record the
        route names (its visibility and object permissions, as a fresh request would check them) and
        the record the first request created (its Location). A caller who lost access since (left the
        desk, the grant ended) gets the 404 a fresh request would, not the kept answer."""
        if self.kwargs:
            queryset = self.get_queryset()  # a nested route resolves (or 404s) its parent here
            if self.lookup_url_kwarg in self.kwargs or self.lookup_field in self.kwargs:
                self.get_object()
        else:
            queryset = None
        if record.location and 200 <= (record.status_code or 0) < 300:
            created = record.location.rstrip("/").rsplit("/", 1)[-1]
            queryset = queryset if queryset is not None else self.get_queryset()
            about_client = queryset.model is Client or hasattr(queryset.model, "client_id")
            column = "pk" if queryset.model is Client or not about_client else "client_id"
            found = queryset.filter(**{self.lookup_field: created}).values_list(column, flat=True).first()
            if found is None:
                raise Http404
            if about_client:  # the kept answer shows that client's data again: logged as a processing
                processing.note_subject(found)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            record = exc.record
            headers = {REPLAYED: "true"}
            if record.location:
                headers["Location"] = record.location
            return Response(idempotency.answer_of(record), status=record.status_code, headers=headers)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        state = getattr(self, "_idempotency", None)
        if state and state["record"] is not None and 200 <= response.status_code < 300:
            idempotency.complete(state["record"], status_code=response.status_code, body=response.data,
                                 location=response.get("Location", ""))
        return super().finalize_response(request, response, *args, **kwargs)
