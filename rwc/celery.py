"""The task engine: Celery, as Open Zaak, Open Forms and Open Klant run it.

Workers (`celery -A rwc worker`) run every piece of background work; `celery -A rwc beat` (exactly
one per deployment) schedules the periodic ones (settings.CELERY_BEAT_SCHEDULE). Settings come from
Django's, prefixed `CELERY_`. The database stays the authority on what is due: a message only says
"look at this row now", so a lost message delays work and never loses it (see referrals.delivery).

Logging: Celery does not set up logging of its own (`setup_logging` below); Django's LOGGING applies,
so LOG_FORMAT=json holds for workers too. Liveness: every worker touches
ENGINE_STATE_DIR/worker-<node name>.alive from its timer while it runs, which `manage.py engine_health
--worker` checks (an orchestrator's probe).
"""
import logging
import os
from pathlib import Path

from celery import Celery, bootsteps
from celery.signals import setup_logging, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwc.settings.local")

app = Celery("rwc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["rwc", "referrals", "worklist"])

HEARTBEAT_SECONDS = 10.0
logger = logging.getLogger("rwc.engine")


@setup_logging.connect
def _django_logging(**kwargs):
    """Django has configured logging from settings.LOGGING already (django.setup); keep it."""


def heartbeat_path(node_name: str) -> Path:
    from django.conf import settings

    return Path(settings.ENGINE_STATE_DIR) / f"worker-{node_name}.alive"


class Liveness(bootsteps.StartStopStep):
    """Touch this worker's heartbeat file every HEARTBEAT_SECONDS while its timer runs."""

    requires = {"celery.worker.components:Timer"}

    def start(self, worker):
        self.path = heartbeat_path(worker.hostname)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._beat()
        self.tref = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, self._beat, priority=10)
        logger.info("Worker %s started; heartbeat in %s", worker.hostname, self.path)

    def _beat(self):
        self.path.touch()

    def stop(self, worker):
        if getattr(self, "tref", None) is not None:
            self.tref.cancel()
        self.path.unlink(missing_ok=True)


app.steps["worker"].add(Liveness)


@worker_shutdown.connect
def _stopped(sender=None, **kwargs):
    logger.info("Worker %s stopped", getattr(sender, "hostname", "?"))
