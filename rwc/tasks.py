"""Periodic housekeeping of the core, run by the task engine (rwc.celery; scheduled by beat)."""
import logging

from celery import shared_task
from django.core.management import call_command

from . import history
from .idempotency import clear_expired

logger = logging.getLogger("rwc.engine")


@shared_task(name="rwc.clear_idempotency_keys")
def clear_idempotency_keys() -> int:
    with history.command_context("clear_idempotency_keys"):
        cleared = clear_expired()
    if cleared:
        logger.info("%d old idempotency key(s) cleared", cleared)
    return cleared


@shared_task(name="rwc.run_command")
def run_command(name: str, *args: str) -> None:
    """A management command on the engine's schedule (the retention run: `apply_retention`), by its
    name, so the schedule does not depend on which package holds the command."""
    logger.info("Scheduled command %s started", name)
    call_command(name, *args)
    logger.info("Scheduled command %s finished", name)
