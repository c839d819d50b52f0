"""Assertions the API tests share, and a thread with its own committing connection."""
import threading

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext


def problem(response, status: int) -> dict:
    """The response is problem+json with this status; returns its body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def invalid_names(body: dict) -> set[str]:
    return {p["name"] for p in body["invalidParams"]}


def count_queries(client, url: str) -> int:
    """How many queries one successful GET of `url` makes."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def in_thread(fn, timeout: float = 60):
    """Run fn in a thread of its own, so on a connection of its own whose writes commit (the
    test's transaction cannot see them, nor roll them back: clean up from a thread too)."""
    box = {}

    def run():
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=timeout)
    if "error" in box:
        raise box["error"]
    return box.get("result")


def race(fn, n: int) -> list:
    """fn(i) in n threads that start together, each on its own connection; their results in order."""
    barrier, results = threading.Barrier(n), [None] * n

    def run(i):
        barrier.wait()
        try:
            results[i] = fn(i)
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def processing_log_end() -> int:
    """The id of the last processing-log operation committed so far (0 for none)."""
    with connection.cursor() as c:
        c.execute("SELECT coalesce(max(id), 0) FROM rwc_processing_operation")
        return c.fetchone()[0]


def erase_processing_log_after(operation_id: int) -> None:
    """Remove the processing-log rows that committing test threads wrote after `operation_id`, so
    later tests find the log as it was. The log refuses DELETE to everyone; its triggers are off
    for this transaction alone (session_replication_role, as the test database's superuser)."""
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL session_replication_role = replica")
        c.execute("DELETE FROM rwc_processing_subject WHERE operation_id > %s", [operation_id])
        c.execute("DELETE FROM rwc_processing_operation WHERE id > %s", [operation_id])


def signed_in(client, user):
    """A browser session as the sign-in pages leave it (accounts.signin): signed in, second factor done.

    A bare `client.login()` session no longer counts (SignedInSessionMiddleware): the pages are the
    way in, and tests/accounts goes through them."""
    from django.contrib.auth import get_user_model

    from accounts.signin import SIGNED_IN

    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client.force_login(user)
    session = client.session
    session[SIGNED_IN] = {"method": "password", "second_factor": "totp"}
    session.save()
    return True
