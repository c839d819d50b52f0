"""Change history: who changed what, when, through which channel, before and after.

django-pghistory installs PostgreSQL triggers on the tracked tables (see `TRACKED` in each
domain package's models), so every insert, update and delete lands in the record's `*Change`
table in the same transaction, bulk `update()`s and cascaded deletes included. The triggers copy
a row as it is in the database: encrypted BSN columns are left out of the copy, so a BSN is
never in the history, not even encrypted (a change of it shows as a new `version`).

The context of a change (the caller, their desks or organisation, the channel and the request's
trace id) is set by `history_context` and stored once per request in pghistory's Context table.
SQLite, the try-out default, has no triggers: there the history stays empty.
"""
import json
import threading
import uuid
from contextlib import contextmanager

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

CHANNEL_UNKNOWN = "unknown"


def enabled() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def history_context(**metadata):
    """Group the changes made inside under one context carrying `metadata` (PostgreSQL only: the
    context travels as a transaction-local setting the triggers read).

    pghistory's own `pghistory.context` does the same, but its wrapper inspects every statement
    (lower-casing the whole SQL text of each read) to find the writes. Here a read costs one slice of
    its first characters, and only a write is prefixed with the two `set_config` calls the triggers
    read (the same names pghistory uses, so its Context rows and the `*Change` rows' `pgh_context`
    are unchanged). Nested contexts add their metadata to the open one, as pghistory's do."""
    if not enabled():
        yield
        return
    open_context = getattr(_local, "context", None)
    if open_context is not None:
        open_context["metadata"].update(_jsonable(metadata))
        yield
        return
    _local.context = {"id": str(uuid.uuid4()), "metadata": _jsonable(metadata)}
    try:
        with connection.execute_wrapper(_context_on_writes):
            yield
    finally:
        del _local.context


_local = threading.local()
# Statements that never write (and some that cannot take a prefix in a transaction): pghistory's list.
_NOT_WRITES = ("select", "vacuum", "analyze", "checkpoint", "discard", "load", "cluster", "reindex", "create",
               "alter", "drop", "set transaction", "set session", "begin", "start")


def _context_on_writes(execute, sql, params, many, context):
    head = sql[:32]
    head = (head.decode(errors="replace") if isinstance(head, bytes) else head).lstrip().lower()
    if head.startswith(_NOT_WRITES) or getattr(context["cursor"], "name", None) or _in_failed_transaction(context):
        return execute(sql, params, many, context)
    ctx = _local.context
    values = [ctx["id"], json.dumps(ctx["metadata"], cls=DjangoJSONEncoder)]
    is_bytes = isinstance(sql, bytes)
    sql = sql.decode() if is_bytes else sql
    if isinstance(params, dict):
        params = {**params, "rwc_history_context_id": values[0], "rwc_history_metadata": values[1]}
        prefix = ("SELECT set_config('pghistory.context_id', %(rwc_history_context_id)s, true), "
                  "set_config('pghistory.context_metadata', %(rwc_history_metadata)s, true); ")
    else:
        params = (*values, *(params or ()))
        prefix = ("SELECT set_config('pghistory.context_id', %s, true), "
                  "set_config('pghistory.context_metadata', %s, true); ")
    sql = prefix + sql
    return execute(sql.encode() if is_bytes else sql, params, many, context)


def _in_failed_transaction(context) -> bool:
    import psycopg2.extensions

    status = context["cursor"].connection.get_transaction_status()
    return status == psycopg2.extensions.TRANSACTION_STATUS_INERROR


def command_context(name: str):
    """Changes a management command makes: channel `command`, by the system, naming the command."""
    return history_context(channel="command", command=name, actor="system")


def annotate(**metadata) -> None:
    """Add to the open context (a no-op when none is open)."""
    open_context = getattr(_local, "context", None)
    if open_context is not None:
        open_context["metadata"].update(_jsonable(metadata))


def _jsonable(metadata: dict) -> dict:
    return {k: (str(v) if v is not None and not isinstance(v, (str, int, float, bool, list, dict)) else v)
            for k, v in metadata.items()}


def track(*models, exclude: list[str] | None = None, moved_from: str | None = None) -> None:
    """Keep the change history of these models: an insert, update and delete trigger each, copying
    the row into `<Model>Change` (all fields but `exclude`). `moved_from`: the app the models were
    moved out of, whose table names their `<Model>Change` tables keep (`rwc.model_moves`)."""
    import pghistory

    for model in models:
        meta = {"db_table": f"{moved_from}_{model.__name__.lower()}change"} if moved_from else None
        pghistory.track(
            pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
            exclude=exclude, model_name=f"{model.__name__}Change",
            obj_field=pghistory.ObjForeignKey(related_name="changes"), meta=meta,
        )(model)


def change_models() -> list:
    """The `<Model>Change` tables, each knowing the model it tracks (`pgh_tracked_model`)."""
    from django.apps import apps
    from pghistory.models import Event

    return [m for m in apps.get_models() if issubclass(m, Event) and hasattr(m, "pgh_tracked_model")]
