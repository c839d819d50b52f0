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
from contextlib import contextmanager

from django.db import connection

CHANNEL_UNKNOWN = "unknown"


def enabled() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def history_context(**metadata):
    """Group the changes made inside under one context carrying `metadata` (PostgreSQL only: the
    context travels as a transaction-local setting the triggers read)."""
    if not enabled():
        yield
        return
    import pghistory

    with pghistory.context(**_jsonable(metadata)):
        yield


def command_context(name: str):
    """Changes a management command makes: channel `command`, by the system, naming the command."""
    return history_context(channel="command", command=name, actor="system")


def annotate(**metadata) -> None:
    """Add to the open context (a no-op when none is open)."""
    if enabled():
        import pghistory

        pghistory.context(**_jsonable(metadata))


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
