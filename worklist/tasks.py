"""The worklist's work on the task engine (rwc.celery): events into notifications and tasks, the
e-mail digests, derived reminders, and beat's sweep. The rules are in the modules they call."""
import logging

from celery import shared_task

from rwc import history

from . import digest, notifications, reminders

logger = logging.getLogger("worklist.engine")


@shared_task(name="worklist.referral_changed")
def referral_changed(change_id: int) -> bool:
    with history.command_context("worklist.referral_changed"):
        return notifications.referral_changed(change_id)


@shared_task(name="worklist.case_reassigned")
def case_reassigned(case_id: int, version: int) -> bool:
    return notifications.case_reassigned(case_id, version)


@shared_task(name="worklist.task_assigned")
def task_assigned(task_id: int, version: int) -> bool:
    return notifications.task_assigned(task_id, version)


@shared_task(name="worklist.send_digest")
def send_digest(user_id: int) -> int:
    sent = digest.send_digest(user_id)
    if sent:
        logger.info("Digest of %d notification(s) mailed to user %s", sent, user_id)
    return sent


@shared_task(name="worklist.daily_digests")
def daily_digests() -> int:
    people = digest.due_daily()
    for user_id in people:
        send_digest.apply_async((user_id,))
    return len(people)


@shared_task(name="worklist.sweep")
def sweep() -> int:
    with history.command_context("worklist.sweep"):
        done = notifications.sweep()
    if done:
        logger.info("Sweep turned %d referral change(s) into work", done)
    return done


@shared_task(name="worklist.derive_reminders")
def derive_reminders() -> dict:
    with history.command_context("worklist.derive_reminders"):
        made = reminders.derive_reminders()
    if any(made.values()):
        logger.info("Reminders made tasks: %s", made)
    return made
