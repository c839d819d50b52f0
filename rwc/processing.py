"""Recording the processing of personal data (see `rwc.audit_models`).

An operation is opened per request (by `api.middleware_audit`) or per command run; whatever shows
a client's data notes that client (`note_subjects`: the API's output serializers do it, so a list
notes exactly the clients on the page); when the operation ends, it is written in one statement
whatever the number of clients (on PostgreSQL: the operation and its subjects, INSERT ... SELECT,
in one data-modifying CTE). An error
answer is written only when it shows clients itself (`note_problem_subjects`), whatever its status.
A success that showed records which may hold personal data without naming a client (an employer's
document: its contact persons, candidates) is written too, with no subject (`note_records_read`).
"""
import contextvars
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .audit_models import ActorKind, ProcessingOperation, ProcessingSubject
from .tracecontext import parse_traceparent

_current: contextvars.ContextVar["Operation | None"] = contextvars.ContextVar("rwc_processing", default=None)

PURPOSE_MAX = 300
_CHUNK = 1000


@dataclass
class Operation:
    channel: str
    trace_id: str
    span_id: str
    parent_span_id: str = ""
    purpose_given: str = ""
    activity: str = ""  # a purpose the code knows better than the role does (an export, a retention run)
    started_at: datetime = field(default_factory=timezone.now)
    subjects: set[int] = field(default_factory=set)
    problem_subjects: set[int] = field(default_factory=set)  # shown by an error answer (note_problem_subjects)
    records_read: bool = False  # a success is logged even without a subject (note_records_read)

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-01"


def begin(channel: str, *, traceparent: str | None = None, purpose: str = "") -> Operation:
    """A new operation; a valid W3C `traceparent` from the caller makes it part of the caller's trace."""
    trace_id, parent = parse_traceparent(traceparent) or (None, "")
    return Operation(channel=channel, trace_id=trace_id or secrets.token_hex(16), span_id=secrets.token_hex(8),
                     parent_span_id=parent, purpose_given=purpose)


def clean_purpose(value: str | None) -> str:
    """A purpose a caller gives: printable text of at most PURPOSE_MAX characters, else ValueError."""
    value = (value or "").strip()
    if len(value) > PURPOSE_MAX or any(not ch.isprintable() for ch in value):
        raise ValueError(f"At most {PURPOSE_MAX} printable characters.")
    return value


def current() -> Operation | None:
    return _current.get()


@contextmanager
def active(op: Operation):
    token = _current.set(op)
    try:
        yield op
    finally:
        _current.reset(token)


def note_subjects(client_ids: Iterable[int]) -> None:
    """These clients' data is being processed in the current operation (a no-op outside one)."""
    op = _current.get()
    if op is not None:
        op.subjects.update(i for i in client_ids if i is not None)


def note_subject(client_id: int | None) -> None:
    note_subjects([client_id])


def note_problem_subjects(client_ids: Iterable[int]) -> None:
    """An error answer shows these clients' data (a 409 listing duplicate candidates): it is logged
    with them, whatever its status. Without this an error answer logs nobody, whatever was read
    and noted before it failed (a 404, a 403, a crash, a 400 show no stored data)."""
    op = _current.get()
    if op is not None:
        op.problem_subjects.update(i for i in client_ids if i is not None)


def note_records_read() -> None:
    """The answer shows records that may hold personal data whoever they belong to (a document, whatever
    its parent: an employer's may hold its contact persons' or candidates' data): a success is logged
    even when it names no client. An error answer is not (it showed none of them)."""
    op = _current.get()
    if op is not None:
        op.records_read = True


def _success(status_code: int | None) -> bool:
    return status_code is None or 200 <= status_code < 300


def shown(op: Operation, status_code: int | None) -> set[int]:
    """The clients the answer showed: a success (or a command) what was noted; any other answer
    only what it says it shows."""
    return op.subjects if _success(status_code) else op.problem_subjects


def annotate_principal(principal) -> None:
    """Name the caller, once authenticated, in the open change-history context (`rwc.history`):
    staff member or partner system, desks, regions, roles. Here rather than in history, which the
    models import: history stays free of access and processing."""
    from .history import annotate

    who = describe_principal(principal)
    annotate(actor=who.pop("actor_kind"), **who)


def describe_principal(principal) -> dict:
    """Who acts, on behalf of which desks, regions or organisation, in which roles: no query
    beyond the access profile the request already computed."""
    from .access import profile_for

    if principal is None or not getattr(principal, "is_authenticated", False):
        return {"actor_kind": ActorKind.SYSTEM}
    profile = profile_for(principal)
    if profile.is_partner:
        return {"actor_kind": ActorKind.PARTNER_SYSTEM, "username": principal.username[:150],
                "partner_system": principal.partner_system.application.client_id[:200],
                "organisation_id": profile.partner_organisation_id, "roles": ["partner_system"]}
    roles = sorted({*(r for r, regions in profile.region_roles.items() if regions),
                    *(["team_lead"] if profile.team_lead_desk_ids else []),
                    *(["counsellor"] if profile.member_desk_ids - profile.team_lead_desk_ids else [])})
    regions = sorted({r for ids in profile.region_roles.values() for r in ids})
    return {"actor_kind": ActorKind.STAFF, "user_uuid": principal.uuid, "username": principal.username[:150],
            "desk_ids": sorted(profile.member_desk_ids), "region_ids": regions, "roles": roles}


def derived_purpose(who: dict) -> str:
    """The purpose that follows from the role, when neither the caller nor the code named one."""
    roles = set(who.get("roles", []))
    if who["actor_kind"] == ActorKind.PARTNER_SYSTEM:
        return "Referral hand-over and feedback with a partner organisation"
    if who["actor_kind"] == ActorKind.SYSTEM:
        return "System task"
    if roles & {"counsellor", "team_lead"}:
        return "Guidance of the client by the desk"
    if "privacy_officer" in roles:
        return "Supervision of the processing of personal data (privacy officer)"
    return "Work of the region's staff"


def record(op: Operation, *, principal, operation: str, status_code: int | None, force: bool = False) -> ProcessingOperation | None:
    """Write the operation and its subjects, when its answer showed any client's data (`shown`),
    whatever the status, or, on success, records that may hold personal data (`note_records_read`),
    or when `force`d."""
    subjects = sorted(shown(op, status_code))
    if not subjects and not force and not (op.records_read and _success(status_code)):
        return None
    who = describe_principal(principal)
    purpose = op.purpose_given or op.activity or derived_purpose(who)
    row = ProcessingOperation(
        trace_id=op.trace_id, span_id=op.span_id, parent_span_id=op.parent_span_id,
        operation=operation[:200], channel=op.channel, status_code=status_code,
        started_at=op.started_at, ended_at=timezone.now(), purpose=purpose[:PURPOSE_MAX],
        purpose_given=bool(op.purpose_given), subject_count=len(subjects), **who,
    )
    if connection.vendor == "postgresql":
        _insert_in_one_statement(row, subjects)
        return row
    with transaction.atomic(savepoint=False):  # SQLite (the try-out default): both or neither, in two
        row.save(force_insert=True)
        _insert_subjects(row, subjects)
    return row


def _insert_in_one_statement(row: ProcessingOperation, client_ids: list[int]) -> None:
    """The operation and its subjects in one statement (it runs on every request that shows a
    client): a data-modifying CTE inserts the operation, the next one its subjects from the client
    table; both or neither, without a transaction of its own."""
    from django.apps import apps  # the clients app sits above rwc: its table by name, not by import
    from django.db.models.sql import InsertQuery

    fields = [f for f in ProcessingOperation._meta.concrete_fields if not f.primary_key]
    query = InsertQuery(ProcessingOperation)
    query.insert_values(fields, [row])
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = [ProcessingOperation._meta.pk]
    (insert_sql, insert_params), = compiler.as_sql()
    subject, client = ProcessingSubject._meta, apps.get_model("clients", "Client")._meta
    q = connection.ops.quote_name
    sql = (f"WITH op AS ({insert_sql}), subjects AS ("
           f"INSERT INTO {q(subject.db_table)} (operation_id, client_id, client_uuid, region_id, started_at) "
           f"SELECT op.{q(ProcessingOperation._meta.pk.column)}, c.id, c.uuid, c.region_id, %s "
           f"FROM {q(client.db_table)} c CROSS JOIN op WHERE c.id = ANY(%s)) SELECT * FROM op")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*insert_params, connection.ops.adapt_datetimefield_value(row.started_at), client_ids])
        row.pk = cursor.fetchone()[0]
    row._state.adding = False


def _insert_subjects(row: ProcessingOperation, client_ids: list[int]) -> None:
    from django.apps import apps  # the clients app sits above rwc: its table by name, not by import

    subject, client = ProcessingSubject._meta, apps.get_model("clients", "Client")._meta
    q = connection.ops.quote_name
    for start in range(0, len(client_ids), _CHUNK):
        chunk = client_ids[start:start + _CHUNK]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {q(subject.db_table)} (operation_id, client_id, client_uuid, region_id, started_at) "
                f"SELECT %s, id, uuid, region_id, %s FROM {q(client.db_table)} "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                [row.pk, connection.ops.adapt_datetimefield_value(row.started_at), *chunk],
            )


@contextmanager
def command_operation(name: str, *, purpose: str, principal=None):
    """A management command's processing: logged with the command's name and purpose, also when
    it touched no client (a retention run that found nothing is worth knowing about too)."""
    from .history import history_context

    op = begin("command")
    op.activity = purpose
    with active(op), history_context(channel="command", command=name, trace_id=op.trace_id):
        yield op
        record(op, principal=principal, operation=f"command {name}", status_code=None, force=True)
