"""Matrix entries for webhook endpoints and the delivery log: partner systems only, each its own
organisation's. The records are made on first use within the test's transaction."""
from django.utils import timezone

from referrals.events import EVENT_TYPE
from referrals.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from tests.api.matrix import RouteSpec

PARTNER = {"partner"}


def _endpoint(organisation):
    endpoint, _ = WebhookEndpoint.objects.get_or_create(
        organisation=organisation, url=f"https://hooks.example.org/{organisation.uuid}", defaults={"secret": "whsec_"})
    return endpoint


def _delivery(organisation, referral):
    event, _ = OutboxEvent.objects.get_or_create(
        organisation=organisation, referral=referral,
        defaults={"type": EVENT_TYPE, "payload": {"data": {}}, "occurred_at": timezone.now()})
    delivery, _ = WebhookDelivery.objects.get_or_create(event=event, endpoint=_endpoint(organisation),
                                                        defaults={"next_attempt_at": timezone.now()})
    return delivery


MATRIX_WEBHOOKS = {
    "v1:webhook-list": RouteSpec(allowed=PARTNER, writers=PARTNER, own=lambda w, r: _endpoint(w.partner_a) and {},
                                 foreign_items=lambda w, r: [_endpoint(w.partner_b), _endpoint(w.other_partner_a)]),
    "v1:webhook-detail": RouteSpec(allowed=PARTNER, writers=PARTNER, own=lambda w, r: _endpoint(w.partner_a),
                                   foreign=lambda w, r: [_endpoint(w.partner_b), _endpoint(w.other_partner_a)]),
    "v1:webhook-delivery-list": RouteSpec(
        allowed=PARTNER, own=lambda w, r: _delivery(w.partner_a, w.referral_in_a) and {},
        foreign_items=lambda w, r: [_delivery(w.partner_b, w.referral_b),
                                    _delivery(w.other_partner_a, w.referral_lwl_a)]),
    "v1:webhook-delivery-detail": RouteSpec(
        allowed=PARTNER, own=lambda w, r: _delivery(w.partner_a, w.referral_in_a),
        foreign=lambda w, r: [_delivery(w.partner_b, w.referral_b), _delivery(w.other_partner_a, w.referral_lwl_a)]),
    "v1:webhook-delivery-redelivery": RouteSpec(
        allowed=PARTNER, writers=PARTNER, own=lambda w, r: _delivery(w.partner_a, w.referral_in_a),
        foreign=lambda w, r: [_delivery(w.partner_b, w.referral_b), _delivery(w.other_partner_a, w.referral_lwl_a)]),
}
