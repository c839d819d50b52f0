"""A read replica for reports. With REPLICA_DATABASE_URL set, the figures of an outcome report are
read from the replica (a streaming standby of the primary), so a manager's year report does not
compete with the counsellors' writes. Only reads inside `replica_reads()` go there: everything
else, the access check of the report request included, reads the primary, so no one acts on data
that lags behind. Writes always go to the primary, and migrations run only there.

A replica that does not answer is skipped: the report is computed on the primary and a warning
logged, so losing the replica slows reports down but never breaks them."""
import contextvars
import logging
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

REPLICA = "replica"
log = logging.getLogger(__name__)
_reading_from = contextvars.ContextVar("rwc_replica_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def _reachable() -> bool:
    try:
        # a kept connection to a replica that went away since is dropped here, not in the report
        connections[REPLICA].close_if_health_check_failed()
        connections[REPLICA].ensure_connection()
        return True
    except OperationalError:
        connections[REPLICA].close()
        log.warning("The read replica does not answer; reading the report from the primary.")
        return False


@contextmanager
def replica_reads():
    """Route this block's reads to the replica when there is one that answers; yields the alias used."""
    alias = REPLICA if replica_configured() and _reachable() else DEFAULT_DB_ALIAS
    token = _reading_from.set(alias)
    try:
        yield alias
    finally:
        _reading_from.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS entry: reads inside replica_reads() to the replica, all else to the primary."""

    def db_for_read(self, model, **hints):
        return _reading_from.get()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied: a record from the replica is the primary's record

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
