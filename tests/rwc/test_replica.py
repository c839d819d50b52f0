"""Report figures from a read replica (rwc.replica): against a real streaming standby of the test
server (`.ci/start-replica`, REPLICA_DATABASE_URL), the figures are read there, match the primary's,
and follow a committed change once it is replayed; the request's access check and every write stay
on the primary. A replica that does not answer is skipped, and the report still comes.

The standby tests commit (transaction=True: a standby sees only committed data), so pytest-django
runs them after the other database tests and empties the tables behind them; serialized_rollback
gives them the migrations' data back when another transactional test (tests/browser) emptied it first."""
import logging
import os
import time
from datetime import date

import environ
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, router
from django.test.utils import CaptureQueriesContext

from cases.choices import OutcomeKind
from cases.models import Case, Outcome
from rwc.replica import REPLICA, replica_reads
from tests.reports.conftest import build_testregio

REPLICA_URL = os.environ.get("REPLICA_DATABASE_URL", "")


def _add_replica(settings_dict: dict):
    connections.settings[REPLICA] = connections.configure_settings(
        {DEFAULT_DB_ALIAS: connection.settings_dict, REPLICA: settings_dict})[REPLICA]


def _remove_replica():
    if REPLICA in connections.settings:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def standby():
    if not REPLICA_URL:
        if os.environ.get("CI"):
            pytest.fail("CI runs this against a standby: .ci/run starts one with .ci/start-replica.")
        pytest.skip("No REPLICA_DATABASE_URL: `bash .ci/start-replica` starts a standby and prints it.")
    # The standby holds the same databases as the primary, the test database included.
    # Connected here, kept open (the test runner lets a test use only the databases it declared,
    # and it cannot declare one it adds itself).
    _add_replica({**environ.Env.db_url_config(REPLICA_URL), "NAME": connection.settings_dict["NAME"],
                  "CONN_MAX_AGE": None})
    connections[REPLICA].connect()
    try:
        yield connections[REPLICA]
    finally:
        _remove_replica()


def _caught_up(replica, timeout: float = 30):
    """Wait until the standby has replayed everything the primary has committed so far."""
    with connection.cursor() as c:
        c.execute("SELECT pg_current_wal_lsn()")
        lsn = c.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with replica.cursor() as c:
            c.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if c.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("The standby did not catch up in time")


def _placements(t) -> dict:
    response = t.manager.get("/api/v1/reports/placements", {"period": "2025", "desk": str(t.rmt.uuid)})
    assert response.status_code == 200, response.content[:400]
    return response.json()["total"]["values"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_report_figures_are_read_on_the_standby_and_follow_the_primary(standby, settings):
    settings.REPORT_MAX_NOISE = 0  # the true counts (k or more), to see the standby follow by one
    t = build_testregio()
    _caught_up(standby)
    with standby.cursor() as c:
        c.execute("SELECT pg_is_in_recovery()")
        assert c.fetchone()[0] is True  # a real standby, read-only
    with CaptureQueriesContext(standby) as on_replica, CaptureQueriesContext(connection) as on_primary:
        assert _placements(t) == {"placed": 10, "stillInWork": 5}
    assert any("cases_outcome" in q["sql"] for q in on_replica.captured_queries)
    assert not any("cases_outcome" in q["sql"] for q in on_primary.captured_queries)
    assert on_primary.captured_queries, "the caller's access is checked on the primary"

    case = Case.objects.filter(desk=t.rmt, closing_reason="work").first()
    Outcome.objects.create(case=case, kind=OutcomeKind.PLACEMENT, date=date(2025, 6, 1))
    _caught_up(standby)
    assert _placements(t) == {"placed": 11, "stillInWork": 5}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inside_replica_reads_only_reads_leave_the_primary(standby):
    with replica_reads() as alias:
        assert alias == REPLICA
        assert router.db_for_read(Outcome) == REPLICA
        assert router.db_for_write(Outcome) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Outcome) == DEFAULT_DB_ALIAS
    assert not router.allow_migrate(REPLICA, "cases") and router.allow_migrate(DEFAULT_DB_ALIAS, "cases")


@pytest.mark.django_db
def test_a_replica_that_does_not_answer_is_skipped(caplog, monkeypatch, settings):
    settings.REPORT_MAX_NOISE = 0  # the true counts (k or more)
    testregio = build_testregio()
    _add_replica({**connection.settings_dict, "HOST": "127.0.0.1", "PORT": "1", "TEST": {}})

    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections[REPLICA], "ensure_connection", refused)
    try:
        with caplog.at_level(logging.WARNING, logger="rwc.replica"):
            with replica_reads() as alias:
                assert alias == DEFAULT_DB_ALIAS and router.db_for_read(Outcome) == DEFAULT_DB_ALIAS
            assert _placements(testregio) == {"placed": 10, "stillInWork": 5}
        assert "does not answer" in caplog.text
    finally:
        _remove_replica()
