"""Work done outside the database inside a transaction (a file put in storage), undone when that
transaction does not commit after all.

A domain function that stores a file and then writes its rows removes the file itself when the
rows fail. But when the caller holds a wider transaction (an `Idempotency-Key` request runs in one
with its key record), the rows can still be rolled back after the function returned: the file would
stay in storage with no row pointing at it, outside every access check and retention run. The
caller opens that wider transaction with `atomic()` here; the function registers its undo with
`on_rollback`; the undos run when the block rolls back, fails to commit, or raises.
"""
import contextvars
import logging
from contextlib import contextmanager
from typing import Callable

from django.db import transaction

log = logging.getLogger(__name__)
_undos = contextvars.ContextVar("rwc_undos", default=None)


def on_rollback(undo: Callable[[], None]) -> None:
    """Run `undo` if the enclosing `atomic()` block does not commit (outside one: never, the work's
    own transaction has committed by then)."""
    undos = _undos.get()
    if undos is not None:
        undos.append(undo)


@contextmanager
def atomic():
    """`transaction.atomic()` whose registered undos run unless it commits (or, nested in another
    transaction, releases its savepoint)."""
    undos: list = []
    token = _undos.set(undos)
    committed = False
    try:
        with transaction.atomic():
            yield
            rolled_back = transaction.get_rollback()
        committed = not rolled_back
    finally:
        _undos.reset(token)
        if not committed:
            for undo in reversed(undos):
                try:
                    undo()
                except Exception:  # noqa: BLE001 - logged; the others still run
                    log.exception("could not undo work of a transaction that did not commit")
