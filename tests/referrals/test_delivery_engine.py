"""The delivery rules of the engine, in one process (referrals.delivery): the relay fills each
endpoint's free slots, a claim logs the attempt before anything is sent and holds the delivery, a lost
outcome stays in the log, the circuit breaker, traceparent, redelivery and the operations commands."""
import json
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from referrals import delivery
from referrals.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.helpers import problem
from tests.referrals.test_webhooks import accept, register


def _deliveries(endpoint_id):
    return WebhookDelivery.objects.filter(endpoint__uuid=endpoint_id)


def _events(api, world, n):
    """n more status-change events of the partner's referral (the outbox as a change writes it)."""
    from referrals.events import emit_status_change

    for _ in range(n):
        emit_status_change(world.referral_in_a, "requested")


@pytest.mark.django_db
def test_the_relay_queues_no_more_than_an_endpoint_takes_at_once_and_never_twice(api, world, settings):
    settings.WEBHOOK_ENDPOINT_CONCURRENCY = 2
    endpoint = register(api, "https://hooks.example.org/rwc")
    _events(api, world, 5)
    queued = []
    assert delivery.relay(queued.append) == 2 and len(set(queued)) == 2
    assert delivery.relay(queued.append) == 0, "both slots are taken: nothing more, nothing again"
    assert _deliveries(endpoint["id"]).filter(queued_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_a_claim_logs_the_attempt_before_sending_and_holds_the_delivery(api, world, receiver):
    receiver.start()
    register(api, receiver.url)
    assert accept(api, world).status_code == 200
    queued = []
    delivery.relay(queued.append)
    claimed = delivery.claim(queued[0])
    assert claimed is not None and receiver.received == []
    attempt = claimed.delivery.attempt_log.get()
    assert attempt.finished_at is None and attempt.status_code is None, "in the log before the POST"
    assert delivery.claim(queued[0]) is None, "a second message for it finds it held"
    done = delivery.finish(claimed, delivery.send(claimed), 5)
    assert done.status == DeliveryStatus.DELIVERED and len(receiver.received) == 1
    attempt.refresh_from_db()
    assert attempt.status_code == 200 and attempt.finished_at is not None


@pytest.mark.django_db
def test_an_attempt_whose_worker_died_stays_in_the_log_and_the_delivery_is_tried_again(api, world, receiver):
    receiver.start()
    register(api, receiver.url)
    assert accept(api, world).status_code == 200
    queued = []
    delivery.relay(queued.append)
    assert delivery.claim(queued[0]) is not None  # ... and the worker dies here, before the POST's answer
    now = timezone.now()
    assert delivery.deliver_due(now) == 0, "held while its lease runs"
    assert delivery.deliver_due(now + delivery.lease() + timedelta(seconds=1)) == 1
    item = WebhookDelivery.objects.get(pk=queued[0])
    assert item.status == DeliveryStatus.DELIVERED and item.attempts == 2
    assert [a.error for a in item.attempt_log.all()] == [delivery.OUTCOME_LOST, ""]


@pytest.mark.django_db
def test_the_circuit_opens_after_failures_in_a_row_and_a_probe_closes_it(api, world, receiver, settings):
    settings.WEBHOOK_CIRCUIT_FAILURES = 3
    settings.WEBHOOK_CIRCUIT_COOLDOWN_SECONDS = 60
    receiver.start()
    receiver.answer = 503
    endpoint = register(api, receiver.url)
    _events(api, world, 6)
    now = timezone.now()
    assert delivery.deliver_due(now) == 3, "three failures open the circuit; the other three wait"
    state = WebhookEndpoint.objects.get(uuid=endpoint["id"])
    assert state.failure_streak == 3 and state.circuit_open_until > now
    assert sorted(_deliveries(endpoint["id"]).values_list("attempts", flat=True)) == [0, 0, 0, 1, 1, 1]
    assert delivery.deliver_due(now + timedelta(seconds=30)) == 0, "open: nothing is sent"
    receiver.answer = 204
    later = now + timedelta(seconds=61)
    assert delivery.deliver_due(later) == 6, "one probe succeeds, the circuit closes, the backlog goes at once"
    assert set(_deliveries(endpoint["id"]).values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    state.refresh_from_db()
    assert state.failure_streak == 0 and state.circuit_open_until is None


@pytest.mark.django_db
def test_a_failed_probe_opens_the_circuit_again_for_longer(api, world, receiver, settings):
    settings.WEBHOOK_CIRCUIT_FAILURES = 2
    settings.WEBHOOK_CIRCUIT_COOLDOWN_SECONDS = 60
    receiver.start()
    receiver.answer = 500
    endpoint = register(api, receiver.url)
    _events(api, world, 4)
    now = timezone.now()
    assert delivery.deliver_due(now) == 2
    first = WebhookEndpoint.objects.get(uuid=endpoint["id"]).circuit_open_until
    probe_at = now + timedelta(seconds=61)
    assert delivery.deliver_due(probe_at) == 1, "half-open: one probe"
    second = WebhookEndpoint.objects.get(uuid=endpoint["id"]).circuit_open_until
    assert second - probe_at > first - now


@pytest.mark.django_db
def test_webhooks_carry_the_trace_of_the_change(api, world, receiver):
    receiver.start()
    register(api, receiver.url)
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    answer = api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes",
                                    {"status": "accepted"}, format="json",
                                    HTTP_TRACEPARENT=f"00-{trace}-00f067aa0ba902b7-01")
    assert answer.status_code == 200
    delivery.deliver_due()
    headers = {k.lower(): v for k, v in receiver.received[0][0].items()}
    version, trace_id, span, flags = headers["traceparent"].split("-")
    assert (version, trace_id, flags) == ("00", trace, "01") and span != "00f067aa0ba902b7"


@pytest.mark.django_db
def test_a_failed_attempt_is_logged_with_the_trace_of_the_change(api, world, receiver, caplog):
    receiver.start()
    receiver.answer = 500
    register(api, receiver.url)
    trace = "0af7651916cd43dd8448eb211c80319c"
    assert api("counsellor").post(f"/api/v1/referrals/{world.referral_in_a.uuid}/status-changes",
                                  {"status": "accepted"}, format="json",
                                  HTTP_TRACEPARENT=f"00-{trace}-b7ad6b7169203331-01").status_code == 200
    with caplog.at_level(logging.INFO, logger="referrals.delivery"):
        assert delivery.deliver_due() == 1
    failed = [r for r in caplog.records if r.name == "referrals.delivery" and "attempt 1 failed (500)" in r.getMessage()]
    assert len(failed) == 1 and failed[0].trace_id == trace


@pytest.mark.django_db
def test_a_partner_asks_for_a_redelivery_and_gets_the_same_webhook_id(api, world, receiver):
    receiver.start()
    register(api, receiver.url)
    assert accept(api, world).status_code == 200
    delivery.deliver_due()
    item = WebhookDelivery.objects.get(event__referral=world.referral_in_a)
    partner = api("partner")
    answer = partner.post(f"/api/v1/webhook-deliveries/{item.uuid}/redelivery")
    assert answer.status_code == 202, answer.content
    assert answer.json()["status"] == "pending"
    problem(partner.post(f"/api/v1/webhook-deliveries/{item.uuid}/redelivery"), 409)  # already on its way
    assert delivery.deliver_due() == 1
    first, second = (json.loads(body)["id"] for _, body in receiver.received)
    ids = [{k.lower(): v for k, v in h.items()}["webhook-id"] for h, _ in receiver.received]
    assert first == second == ids[0] == ids[1] == str(item.event.uuid)
    log = partner.get(f"/api/v1/webhook-deliveries/{item.uuid}").json()
    assert log["status"] == "delivered" and len(log["attemptLog"]) == 2


@pytest.mark.django_db
def test_a_redelivery_changes_nothing_for_a_removed_endpoint(api, world):
    endpoint = register(api, "https://hooks.example.org/rwc")
    assert accept(api, world).status_code == 200
    assert api("partner").delete(f"/api/v1/webhooks/{endpoint['id']}").status_code == 204
    item = WebhookDelivery.objects.get(event__referral=world.referral_in_a)
    answer = problem(api("partner").post(f"/api/v1/webhook-deliveries/{item.uuid}/redelivery"), 409)
    assert answer["code"] == "endpoint_removed" if "code" in answer else True
    item.refresh_from_db()
    assert item.status == DeliveryStatus.FAILED


@pytest.mark.django_db
def test_engine_status_shows_what_waits_and_for_how_long(api, world, capsys):
    register(api, "https://hooks.example.org/rwc")
    assert accept(api, world).status_code == 200
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=2))
    call_command("engine_status", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["pending"] == 1 and status["due"] == 1 and status["oldest_due_age_seconds"] >= 120
    assert status["queue_depth"] is not None, status.get("broker_error")


@pytest.mark.django_db
def test_engine_health_fails_when_the_broker_does_not_answer_or_no_worker_beats(settings, capsys, tmp_path):
    settings.ENGINE_STATE_DIR = tmp_path
    call_command("engine_health")
    assert "broker: ok" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        call_command("engine_health", "--worker")
    assert exited.value.code == 1 and "worker: FAILED" in capsys.readouterr().out
    from rwc.celery import app

    good = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # nothing listens there
    try:
        with pytest.raises(SystemExit):
            call_command("engine_health")
    finally:
        app.conf.broker_url = good
    assert "broker: FAILED" in capsys.readouterr().out
