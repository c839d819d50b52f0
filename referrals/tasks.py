"""The referral work the task engine (rwc.celery) runs: the outbox relay, webhook deliveries and
referral expiry. The rules are in referrals.delivery and referrals.services; these only connect
them to the queue."""
import logging

from celery import shared_task
from django.db import transaction

from rwc import history

from . import delivery

logger = logging.getLogger("referrals.engine")


def _queue_delivery(delivery_id: int) -> None:
    deliver.apply_async((delivery_id,))


@shared_task(name="referrals.relay_outbox")
def relay_outbox() -> int:
    """Queue every due delivery within its endpoint's free slots (referrals.delivery.relay)."""
    queued = delivery.relay(_queue_delivery)
    if queued:
        logger.debug("Relay queued %d webhook delivery(ies)", queued)
    return queued


@shared_task(name="referrals.deliver")
def deliver(delivery_id: int) -> None:
    """One attempt at one delivery, by the worker that claims it; the freed slot goes to the
    endpoint's next due delivery."""
    done = delivery.deliver(delivery_id, handoff=_queue_delivery)
    if done is not None and done.status == "delivered":
        logger.debug("Webhook delivery %s delivered", done.uuid)


@shared_task(name="referrals.expire_referrals")
def expire_referrals() -> int:
    from .services import referrals_expire  # services -> events -> tasks: imported when run

    with history.command_context("expire_referrals"):
        expired = referrals_expire()
    if expired:
        logger.info("%d referral(s) expired", expired)
    return expired


def wake_relay() -> None:
    """After the current transaction commits, ask a worker to relay now (beat's tick is the safety
    net: a broker that is away costs a delay, never the change itself)."""
    def send():
        try:
            relay_outbox.apply_async(retry=False)
        except Exception:  # noqa: BLE001 - the change is committed; the next tick carries it
            logger.warning("Could not wake the outbox relay; beat's next tick will", exc_info=True)

    transaction.on_commit(send)
