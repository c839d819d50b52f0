"""Idempotency keys for POST (after the IETF draft "The Idempotency-Key HTTP Header Field").

A caller sends a key of its own choosing with a POST; a retry with the same key and the same
request gets the first answer again and changes nothing. The same key with a different request
is refused (422). Keys are per caller and kept for KEY_RETENTION; the worker clears older ones.

Concurrency: the record is claimed with an insert under a unique constraint in the request's own
transaction, so a concurrent retry waits for the first request to commit and then replays it.
"""
import hashlib
import json
import re
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import crypto
from .errors import DomainError, InvalidFields
from .models import IdempotencyRecord

KEY_RETENTION = timedelta(hours=24)
KEY_MAX_LENGTH = 255
KEY_RE = re.compile(r"^[\x20-\x7e]{1,255}$")  # printable ASCII, as the OpenAPI document says


class KeyReused(DomainError):
    status = 422
    code = "idempotency_key_reused"
    title = _("Idempotency key reused")


def owner_of(principal) -> str:
    system = getattr(principal, "partner_system", None)
    return f"system:{system.pk}" if system is not None else f"user:{principal.pk}"


def fingerprint(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), body])).hexdigest()


def claim(principal, key: str, request_fingerprint: str) -> tuple[IdempotencyRecord, bool]:
    """(record, is_new). Call inside the request's transaction; a new record is the caller's to
    complete with `complete`, an old one holds the answer to replay."""
    if not KEY_RE.match(key):
        raise InvalidFields([("Idempotency-Key", "invalid", _("Send 1 to %(key_max_length)s printable characters.")
                                                            % {"key_max_length": KEY_MAX_LENGTH})])
    owner = owner_of(principal)
    IdempotencyRecord.objects.filter(owner=owner, key=key, created_at__lt=timezone.now() - KEY_RETENTION).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(owner=owner, key=key, fingerprint=request_fingerprint), True
    except IntegrityError:  # a first request with this key committed (we waited for it if it was running)
        record = IdempotencyRecord.objects.get(owner=owner, key=key)
    if record.fingerprint != request_fingerprint:
        raise KeyReused("This Idempotency-Key was used for a different request; use a new key.")
    return record, False


def complete(record: IdempotencyRecord, *, status_code: int, body, location: str = "") -> None:
    """Keep the answer, encrypted: it may hold a client's details."""
    record.status_code, record.location = status_code, location
    record.response_sealed = crypto.seal(json.dumps(body, cls=DjangoJSONEncoder))
    record.save(update_fields=["status_code", "response_sealed", "location"])


def answer_of(record: IdempotencyRecord):
    return json.loads(crypto.unseal(record.response_sealed)) if record.response_sealed else None


def clear_expired(now=None) -> int:
    now = now or timezone.now()
    return IdempotencyRecord.objects.filter(created_at__lt=now - KEY_RETENTION).delete()[0]
