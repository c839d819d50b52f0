"""`Idempotency-Key` on every POST of the views that mix this in (see rwc.idempotency).

A request's fingerprint is its raw body, except on the views that take a file upload
(`idempotency_parsed_body`): their body streams to a temporary file and is never read into memory,
and a multipart body's boundary changes from one try to the next, so their fingerprint is the parsed
fields with each file's name, size and SHA-256.
"""
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from rest_framework.response import Response

from clients.models import Client
from rwc import idempotency, processing, undo

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
    idempotency_parsed_body = False  # fingerprint the parsed fields and files, not the raw body (uploads)

    def dispatch(self, request, *args, **kwargs):
        key = request.headers.get(HEADER) if request.method == "POST" else None
        if key is None:
            return super().dispatch(request, *args, **kwargs)
        fingerprint = None if self.idempotency_parsed_body else idempotency.fingerprint(
            request.method, request.path, request.body)
        self._idempotency = {"key": key, "fingerprint": fingerprint, "record": None}
        with undo.atomic():  # a file stored on the way is removed again if this does not commit
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
        if state["fingerprint"] is None:  # after authentication: a stranger's upload is not parsed
            state["fingerprint"] = idempotency.fingerprint(request.method, request.path, _parsed_body(request))
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
            if not self.replay_shows(queryset.filter(**{self.lookup_field: created})):
                raise Http404

    def replay_shows(self, created) -> bool:
        """Whether the record the first request created (`created`, filtered from what the caller
        reaches) is still in reach; the kept answer shows it again, so its client is noted for the
        processing log. A view whose records are logged otherwise says so here."""
        model = created.model
        about_client = model is Client or hasattr(model, "client_id")
        column = "pk" if model is Client or not about_client else "client_id"
        found = list(created.values_list(column, flat=True)[:1])
        if not found:
            return False
        if about_client:  # the kept answer shows that client's data again: logged as a processing
            processing.note_subject(found[0])
        return True

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


def _parsed_body(request) -> bytes:
    """The parsed request as bytes to fingerprint: each field's values in order, a file as its name,
    size and SHA-256 (read from the temporary file, which is then rewound for the view)."""
    data = request.data
    if not hasattr(data, "keys"):  # a JSON body that is no object: the view refuses it, the key is not kept
        return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True).encode()
    fields = []
    for name in sorted(data):
        values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
        for value in values:
            if hasattr(value, "chunks"):
                digest = hashlib.sha256()
                for chunk in value.chunks():
                    digest.update(chunk)
                value.seek(0)
                value = {"file": value.name, "size": value.size, "sha256": digest.hexdigest()}
            fields.append([name, value])
    return json.dumps(fields, cls=DjangoJSONEncoder, sort_keys=True).encode()
