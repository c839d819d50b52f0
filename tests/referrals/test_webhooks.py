"""Webhooks: partners register endpoints; every status change of a referral they sent or received
is written to the outbox with the change and delivered, signed, at least once by the worker; a
receiver that was down gets everything once it is back; the partner reads the delivery log."""
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from referrals import delivery
from referrals.models import DeliveryStatus, OutboxEvent, Referral, WebhookDelivery, WebhookEndpoint
from rwc.models import PartnerOrganisation
from rwc.organisation import partner_system_create
from tests.conftest import partner_token
from tests.helpers import count_queries, invalid_names, problem
from tests.referrals.receiver import verify


def register(api, url) -> dict:
    response = api("partner").post("/api/v1/webhooks", {"url": url, "description": "Case system"}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def accept(api, world, **extra):
    return api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes",
                                  {"status": "accepted", **extra}, format="json")


@pytest.mark.django_db
def test_registering_shows_the_secret_once_and_lists_without_it(api, world):
    created = register(api, "https://hooks.example.org/rwc")
    assert created["secret"].startswith("whsec_") and created["active"] is True
    listed = api("partner").get("/api/v1/webhooks").json()["results"]
    assert [e["id"] for e in listed] == [created["id"]] and "secret" not in listed[0]
    problem(api("partner").post("/api/v1/webhooks", {"url": "https://hooks.example.org/rwc"}, format="json"), 409)


@pytest.mark.django_db
@pytest.mark.parametrize("url, code", [
    ("http://hooks.example.org/rwc", "not_https"),
    ("https://127.0.0.1/rwc", "not_public"),
    ("https://10.1.2.3/rwc", "not_public"),
    ("https://user:pw@hooks.example.org/rwc", "credentials"),
    ("ftp://hooks.example.org", "not_https"),
])
def test_in_production_only_public_https_addresses_are_accepted(api, world, settings, url, code):
    settings.WEBHOOK_ALLOW_INSECURE = False
    before = WebhookEndpoint.objects.count()
    answer = problem(api("partner").post("/api/v1/webhooks", {"url": url}, format="json"), 400)
    assert invalid_names(answer) == {"url"} and answer["invalidParams"][0]["code"] == code
    assert WebhookEndpoint.objects.count() == before


@pytest.mark.django_db
def test_webhooks_belong_to_partner_systems_with_the_scope(api, world):
    for role in ("counsellor", "manager", "functional_admin"):
        problem(api(role).get("/api/v1/webhooks"), 403)
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {partner_token(scope='referrals:read')}")
    problem(reader.get("/api/v1/webhooks"), 403)
    problem(reader.get("/api/v1/webhook-deliveries"), 403)


@pytest.mark.django_db
def test_a_status_change_writes_one_event_per_partner_in_its_transaction_and_a_refused_one_none(api, world):
    register(api, "https://hooks.example.org/rwc")
    events = OutboxEvent.objects.count()
    problem(api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes",
                                   {"status": "completed", "note": "x"}, format="json"), 409)
    assert OutboxEvent.objects.count() == events, "a refused change leaves no event"
    assert accept(api, world).status_code == 200
    event = OutboxEvent.objects.get(referral=world.referral_in_a, payload__data__status="accepted")
    assert event.organisation == world.partner_a and event.deliveries.count() == 1
    data = event.payload["data"]
    assert (data["previousStatus"], data["side"], data["referral"]) == ("requested", "sender", str(world.referral_in_a.uuid))
    text = json.dumps(event.payload)
    assert world.client_a.surname not in text and world.client_a.given_names not in text, "no personal data in events"


@pytest.mark.django_db
def test_the_receiver_down_for_a_while_still_gets_every_event_signed_once_it_is_back(api, world, receiver):
    endpoint = register(api, receiver.url)  # registered while nobody listens there
    assert accept(api, world).status_code == 200
    start = api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes",
                                   {"status": "in_progress"}, format="json")
    assert start.status_code == 200
    now = timezone.now()
    assert delivery.deliver_due(now) == 2
    pending = WebhookDelivery.objects.filter(endpoint__uuid=endpoint["id"])
    assert {d.status for d in pending} == {DeliveryStatus.PENDING}
    assert all(d.attempts == 1 and d.next_attempt_at > now for d in pending)
    assert delivery.deliver_due(now) == 0, "nothing is retried before its back-off has passed"

    receiver.start()
    receiver.answer = 503  # up, but failing
    later = now + timedelta(minutes=1)
    assert delivery.deliver_due(later) == 2 and len(receiver.received) == 2
    assert all(d.attempts == 2 and d.next_attempt_at > later + timedelta(seconds=50) for d in pending.all())

    receiver.answer = 204  # recovered
    assert delivery.deliver_due(later + timedelta(hours=1)) == 2
    assert {d.status for d in pending.all()} == {DeliveryStatus.DELIVERED}
    bodies = [json.loads(body) for _, body in receiver.received[-2:]]
    assert sorted(b["data"]["status"] for b in bodies) == ["accepted", "in_progress"]
    assert all(verify(endpoint["secret"], headers, body) for headers, body in receiver.received)
    assert delivery.deliver_due(later + timedelta(days=2)) == 0, "delivered events are not sent again"

    log = api("partner").get("/api/v1/webhook-deliveries?status=delivered").json()["results"]
    assert len(log) == 2
    attempts = log[0]["attemptLog"]
    assert [a["statusCode"] for a in attempts] == [None, 503, 204] and "refused" in attempts[0]["error"].lower()


@pytest.mark.django_db
def test_a_delivery_gives_up_after_the_last_attempt_with_growing_waits(api, world, receiver):
    register(api, receiver.url)
    receiver.start()
    receiver.answer = 500
    assert accept(api, world).status_code == 200
    at, waits = timezone.now(), []
    for _ in range(delivery.MAX_ATTEMPTS):
        assert delivery.deliver_due(at) == 1
        item = WebhookDelivery.objects.get(event__referral=world.referral_in_a)
        waits.append(item.next_attempt_at - at)
        at = item.next_attempt_at
    assert item.status == DeliveryStatus.FAILED and item.attempts == delivery.MAX_ATTEMPTS
    assert waits[1] > waits[0] * 1.5 and max(waits[:-1]) <= delivery.BACKOFF_MAX * 1.1


@pytest.mark.django_db
def test_removing_an_endpoint_stops_its_pending_deliveries_and_keeps_the_log(api, world):
    endpoint = register(api, "https://hooks.example.org/rwc")
    assert accept(api, world).status_code == 200
    assert api("partner").delete(f"/api/v1/webhooks/{endpoint['id']}").status_code == 204
    problem(api("partner").get(f"/api/v1/webhooks/{endpoint['id']}"), 404)
    log = api("partner").get("/api/v1/webhook-deliveries").json()["results"]
    assert [d["status"] for d in log] == ["failed"]
    assert delivery.deliver_due(timezone.now() + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_a_partner_reads_only_its_own_delivery_log(api, world):
    register(api, "https://hooks.example.org/rwc")
    assert accept(api, world).status_code == 200
    other = PartnerOrganisation.objects.get(region=world.region_a, kind="uwv")
    partner_system_create(organisation=other, name="UWV test", scopes=["webhooks:manage"], client_id="uwv-test",
                          client_secret="uwv-test-secret-0123456789")
    from tests.conftest import _basic
    token = APIClient().post("/oauth/token", {"grant_type": "client_credentials"}, format="multipart",
                             HTTP_AUTHORIZATION=_basic("uwv-test", "uwv-test-secret-0123456789")).json()["access_token"]
    uwv = APIClient()
    uwv.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert uwv.get("/api/v1/webhook-deliveries").json()["results"] == []
    assert uwv.get("/api/v1/webhooks").json()["results"] == []
    mine = api("partner").get("/api/v1/webhook-deliveries").json()["results"][0]
    problem(uwv.get(f"/api/v1/webhook-deliveries/{mine['id']}"), 404)


@pytest.mark.django_db
def test_delivery_log_query_count_is_constant(api, world, receiver):
    register(api, receiver.url)
    partner = api("partner")
    count_queries(partner, "/api/v1/webhook-deliveries")
    assert accept(api, world).status_code == 200
    delivery.deliver_due(timezone.now())
    before = count_queries(partner, "/api/v1/webhook-deliveries")
    api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes", {"status": "in_progress"},
                           format="json")
    delivery.deliver_due(timezone.now())
    delivery.deliver_due(timezone.now() + timedelta(hours=1))
    assert count_queries(partner, "/api/v1/webhook-deliveries") == before


@pytest.mark.django_db
def test_the_worker_command_delivers_and_expires_in_one_pass(api, world, receiver, capsys):
    register(api, receiver.url)
    receiver.start()
    Referral.objects.filter(pk=world.referral_in_a.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    call_command("run_worker", "--once")
    world.referral_in_a.refresh_from_db()
    assert world.referral_in_a.status == "expired"
    call_command("run_worker", "--once")  # the expiry's event was written by the first pass
    assert [json.loads(body)["data"]["status"] for _, body in receiver.received] == ["expired"]
    assert "1 referral(s) expired" in capsys.readouterr().out
