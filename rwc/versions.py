"""Optimistic locking: the one lock-and-version helper behind If-Match.

`lock_version` locks the row (SELECT ... FOR UPDATE) and compares its version with the one the caller
read; a mismatch is a PreconditionFailed (412) with the record's own message, and nothing changes.
`bump_version` raises the version when the change is saved, so the next If-Match with the old ETag fails.
"""
from .errors import PreconditionFailed


def lock_version(queryset, pk, expected_version: int | None, stale: str):
    """The row `pk` of `queryset` (a model's manager or a QuerySet, with its select_related), locked for
    this transaction; `expected_version` None (If-Match `*`, or none asked for) skips the compare."""
    locked = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(stale)
    return locked


def bump_version(record, update_fields=None):
    """Save the change as a new version (with `update_fields`, only those and the version)."""
    record.version += 1
    record.save(update_fields=None if update_fields is None else [*update_fields, "version"])
    return record
