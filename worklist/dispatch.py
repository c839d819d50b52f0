"""Hand work to the task engine after the current transaction commits (never inside a request:
the request only writes rows; a worker reads them). A broker that is away costs a delay, never the
change: beat's sweep (`worklist.sweep`) picks up what no message announced."""
import logging

from django.db import transaction

logger = logging.getLogger("worklist.engine")


def after_commit(task_name: str, *args) -> None:
    def send():
        from rwc.celery import app

        try:
            app.send_task(task_name, args=args, retry=False)
        except Exception:  # noqa: BLE001 - committed already; the sweep carries it
            logger.warning("Could not queue %s; beat's sweep will", task_name, exc_info=True)

    transaction.on_commit(send)
