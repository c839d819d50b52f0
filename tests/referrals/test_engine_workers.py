"""The task engine with real processes: Celery workers and beat (the relay's tick) as subprocesses on
Redis (.ci/run starts it), real HTTP receivers on 127.0.0.1, the test database shared through
committed rows (written and removed from threads of their own, see tests.helpers.in_thread).

Bounded: 200 events, a few seconds of outage, timeouts of a second; nothing is asserted on time."""
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from referrals import delivery
from referrals.events import emit_status_change
from referrals.models import DeliveryAttempt, DeliveryStatus, OutboxEvent, Referral, WebhookDelivery, WebhookEndpoint
from tests.helpers import in_thread
from tests.referrals.receiver import ThreadedReceiver

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 2.0  # WEBHOOK_TIMEOUT_SECONDS of the workers: a lease is 2 x 2 + 10 s


def _broker():
    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)
        client.ping()
        return client
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip("No Redis at CELERY_BROKER_URL (.ci/run starts one)")


class Engine:
    """Worker and beat subprocesses on this test run's queue, logging to files under var/test-engine."""

    def __init__(self, tmp_path, **overrides):
        db = connection.settings_dict
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rwc.settings.test", "DATABASE_URL": url,
                    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL, "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
                    "WEBHOOK_TIMEOUT_SECONDS": str(TIMEOUT), "WEBHOOK_RETRY_BASE_SECONDS": "0.5",
                    "WEBHOOK_CIRCUIT_COOLDOWN_SECONDS": "1", "WEBHOOK_RELAY_SECONDS": "0.5",
                    "WEBHOOK_REQUEUE_SECONDS": "20", "REFERRAL_EXPIRY_SECONDS": "86400", "RETENTION_SCHEDULE": "",
                    "ENGINE_STATE_DIR": str(tmp_path), **overrides}
        self.tmp, self.processes = tmp_path, {}

    def start(self, name: str, *args: str):
        log = open(self.tmp / f"{name}.log", "w")
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "rwc", *args], cwd=ROOT, env=self.env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def worker(self, name: str, concurrency: int = 4):
        self.start(name, "worker", "-n", f"{name}@%h", "--pool", "threads", "--concurrency", str(concurrency),
                   "--without-mingle", "--without-gossip", "--loglevel", "INFO")

    def beat(self):
        self.start("beat", "beat", "--schedule", str(self.tmp / "beat-schedule"), "--loglevel", "INFO")

    def ready(self, *workers: str, limit: float = 60):
        """Wait for each worker's heartbeat file (rwc.celery.Liveness): it is consuming."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if all(list(self.tmp.glob(f"worker-{name}@*.alive")) for name in workers):
                return
            time.sleep(0.1)
        pytest.fail(f"workers {workers} did not start\n{self.logs()}")

    def kill(self, name: str):
        self.processes[name].send_signal(signal.SIGKILL)
        self.processes[name].wait(timeout=10)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in self.tmp.glob("*.log"))


@pytest.fixture
def engine(tmp_path, world):
    broker = _broker()
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    broker.delete(queue)
    running = Engine(tmp_path)
    yield running
    running.stop()
    broker.delete(queue)


def _make_endpoints(world, receivers) -> list[int]:
    def make():
        return [WebhookEndpoint.objects.create(organisation=world.referral_in_a.from_partner, url=r.url,
                                               secret="whsec_" + "QUJD" * 11).pk for r in receivers]
    return in_thread(make)


def _emit(world, n: int, pause: float = 0.0) -> None:
    """n status-change events of the referral, each committed on its own (as n API requests would)."""
    def emit():
        referral = Referral.objects.get(pk=world.referral_in_a.pk)
        for _ in range(n):
            emit_status_change(referral, "requested")
            time.sleep(pause)
    in_thread(emit, timeout=300)


def _wait_delivered(endpoint_ids, engine, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        left = in_thread(lambda: WebhookDelivery.objects.filter(endpoint_id__in=endpoint_ids)
                         .exclude(status=DeliveryStatus.DELIVERED).count())
        if left == 0:
            return
        time.sleep(0.5)
    pytest.fail(f"deliveries still not delivered after {limit} s\n{engine.logs()}")


def _wait_refused(endpoint_id, engine, limit: float = 60) -> None:
    """Until the endpoint's circuit opened (WEBHOOK_CIRCUIT_FAILURES refused attempts in a row)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if in_thread(lambda: WebhookEndpoint.objects.get(pk=endpoint_id).circuit_open_until is not None):
            return
        time.sleep(0.2)
    pytest.fail(f"the endpoint's circuit never opened\n{engine.logs()}")


def _cleanup(world, endpoint_ids):
    def remove():
        WebhookEndpoint.objects.filter(pk__in=endpoint_ids).delete()
        OutboxEvent.objects.filter(referral=world.referral_in_a).delete()
    in_thread(remove)


def _event_ids(endpoint_id) -> set[str]:
    return set(in_thread(lambda: [str(u) for u in WebhookDelivery.objects.filter(endpoint_id=endpoint_id)
                                  .values_list("event__uuid", flat=True)]))


def _assert_no_duplicate_where_answered_in_time(receiver):
    """An event may arrive again only after an arrival the receiver did not answer in time."""
    by_id = {}
    for webhook_id, _headers, in_time in [a for a in receiver.arrivals if a is not None]:
        assert not by_id.get(webhook_id), f"{webhook_id} arrived again after an answer in time"
        by_id[webhook_id] = in_time


@pytest.mark.django_db
def test_two_workers_and_the_relay_deliver_every_event_to_three_endpoints_none_twice(engine, world):
    healthy = ThreadedReceiver(timeout=TIMEOUT)
    slow = ThreadedReceiver(delay=lambda n: 3.0 if n % 40 == 7 else 0.2, timeout=TIMEOUT)  # now and then too slow
    flaky = ThreadedReceiver(timeout=TIMEOUT)  # down for the first part of the run
    receivers = [healthy, slow, flaky]
    healthy.start()
    slow.start()
    endpoint_ids = _make_endpoints(world, receivers)
    try:
        engine.worker("one")
        engine.worker("two")
        engine.beat()
        engine.ready("one", "two")
        _emit(world, 100, pause=0.01)
        _wait_refused(endpoint_ids[2], engine)
        flaky.start()  # back after the first half of the events, and after its circuit opened
        _emit(world, 100, pause=0.01)
        _wait_delivered(endpoint_ids, engine)
        for receiver in receivers:
            while receiver.in_flight:
                time.sleep(0.1)
        expected = _event_ids(endpoint_ids[0])
        assert len(expected) == 200
        assert Counter(healthy.ids()) == Counter({i: 1 for i in expected}), "each event exactly once"
        assert Counter(flaky.ids()) == Counter({i: 1 for i in expected}), "nothing lost while it was down"
        assert set(slow.ids()) == expected
        _assert_no_duplicate_where_answered_in_time(slow)
        assert all(h.get("traceparent", "").startswith("00-") for _, h, _ in healthy.arrivals)

        def log_is_whole():
            attempts = DeliveryAttempt.objects.filter(delivery__endpoint_id__in=endpoint_ids)
            assert not attempts.filter(finished_at__isnull=True).exists()
            for d in WebhookDelivery.objects.filter(endpoint_id__in=endpoint_ids):
                assert d.attempt_log.count() == d.attempts
            return (attempts.filter(delivery__endpoint_id=endpoint_ids[1]).count(),
                    attempts.filter(delivery__endpoint_id=endpoint_ids[2], status_code__isnull=True).count())
        slow_attempts, refused = in_thread(log_is_whole)
        assert slow_attempts == len(slow.ids()), "every POST the slow endpoint saw is in the log"
        assert refused >= 5, "the flaky endpoint was down for part of the run"
    finally:
        for receiver in receivers:
            receiver.stop()
        _cleanup(world, endpoint_ids)


@pytest.mark.django_db
def test_killing_a_worker_mid_delivery_loses_nothing(engine, world, settings):
    slow = ThreadedReceiver(delay=lambda n: 1.0, timeout=TIMEOUT)
    slow.start()
    endpoint_ids = _make_endpoints(world, [slow])
    engine.env["WEBHOOK_ENDPOINT_CONCURRENCY"] = "4"
    try:
        engine.worker("victim", concurrency=2)
        engine.worker("survivor", concurrency=2)
        engine.beat()
        engine.ready("victim", "survivor")
        _emit(world, 30)
        deadline, busy = time.monotonic() + 60, 0
        while busy < 4 and time.monotonic() < deadline:  # all four threads, two per worker, are mid-POST
            busy = slow.in_flight
            time.sleep(0.02)
        assert busy == 4, engine.logs()
        engine.kill("victim")
        _wait_delivered(endpoint_ids, engine)
        while slow.in_flight:
            time.sleep(0.1)
        expected = _event_ids(endpoint_ids[0])
        assert set(slow.ids()) == expected and len(expected) == 30

        def lost():
            return list(DeliveryAttempt.objects.filter(delivery__endpoint_id=endpoint_ids[0],
                                                       error=delivery.OUTCOME_LOST).values_list("delivery_id", flat=True))
        lost_ids = in_thread(lost)
        assert len(lost_ids) >= 1, "the killed worker's attempts stay in the log, their outcome lost"
        assert in_thread(lambda: WebhookDelivery.objects.filter(pk__in=lost_ids, attempts__gte=2).count()) == len(
            set(lost_ids)), "and another worker tried them again"
    finally:
        slow.stop()
        _cleanup(world, endpoint_ids)
