"""The outbox: every status change of a referral becomes an event for each partner organisation
involved, written in the transaction of the change, so an event exists exactly when the change
does. The task engine (`referrals.delivery`, `referrals.tasks`) carries them to the organisations'
webhook endpoints.

Events carry no personal data: the referral's id, its status and the feedback the partner is
entitled to. The partner reads more, within its scopes, through the API.
"""
from django.utils import timezone

from rwc import processing

from .choices import Side
from .models import OutboxEvent, Referral, WebhookDelivery, WebhookEndpoint
from .tasks import wake_relay

EVENT_TYPE = "referral.status_changed"


def _payload(event_uuid, referral: Referral, previous: str | None, side: str, at) -> dict:
    data = {
        "referral": str(referral.uuid),
        "status": referral.status,
        "previousStatus": previous or None,
        "side": side,
        "answerDueAt": referral.answer_due_at.isoformat(),
        "declineReason": referral.decline_reason,
        "outcomeSummary": referral.outcome_summary,
        "failureReason": referral.failure_reason,
    }
    if side == Side.SENDER:
        data["partnerReference"] = referral.partner_reference
    return {"id": str(event_uuid), "type": EVENT_TYPE, "occurredAt": at.isoformat(), "data": data}


def emit_status_change(referral: Referral, previous: str | None, at=None) -> list[OutboxEvent]:
    """Queue the change for the partner organisations on either side (two inserts per side at most)."""
    at = at or timezone.now()
    operation = processing.current()
    parties = [(referral.from_partner_id, Side.SENDER), (referral.to_partner_id, Side.RECEIVER)]
    events = []
    for organisation_id, side in parties:
        if organisation_id is None:
            continue
        event = OutboxEvent(organisation_id=organisation_id, referral=referral, type=EVENT_TYPE, occurred_at=at,
                            trace_id=operation.trace_id if operation is not None else "")
        event.payload = _payload(event.uuid, referral, previous, side, at)
        event.save()
        endpoints = WebhookEndpoint.objects.filter(organisation_id=organisation_id, deactivated_at__isnull=True)
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(event=event, endpoint=e, next_attempt_at=at) for e in endpoints]
        )
        events.append(event)
        if endpoints:
            wake_relay()
    return events
