"""API rate limits: per staff member, per partner application, per address without credentials;
over the limit is 429 problem+json with Retry-After, and one caller's limit never slows another."""
import socket
import uuid

import environ
import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.throttling import StaffRateThrottle
from rwc.models import User
from rwc.oauth import issue_staff_token
from tests.conftest import partner_token
from tests.helpers import problem, signed_in


@pytest.fixture
def rates(settings):
    """Low limits for this test; a clean cache so earlier tests' requests do not count."""

    def set_rates(staff="3/min", partner="3/min", anon="3/min"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"staff": staff, "partner": partner, "anon": anon},
        }

    cache.clear()
    set_rates()
    yield set_rates
    cache.clear()


def _bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def assert_throttled(response):
    body = problem(response, 429)
    assert body["type"].endswith("/too-many-requests") and body["status"] == 429
    assert response["API-Version"] == "1.0.0"
    assert 0 < int(response["Retry-After"]) <= 60
    return body


@pytest.mark.django_db
def test_staff_member_over_the_limit_gets_429_problem_with_retry_after(api, rates):
    counsellor = api("counsellor")
    assert [counsellor.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    assert_throttled(counsellor.get("/api/v1/me"))
    assert_throttled(counsellor.get("/api/v1/desks"))  # the limit is per caller, not per endpoint


@pytest.mark.django_db
def test_staff_limit_counts_the_person_not_the_token_and_spares_colleagues(api, rates):
    user = User.objects.get(username="midden-rmt-counsellor")
    first, second = _bearer(issue_staff_token(user)), _bearer(issue_staff_token(user))
    assert [c.get("/api/v1/me").status_code for c in (first, second, first)] == [200, 200, 200]
    assert_throttled(second.get("/api/v1/me"))
    assert api("team_lead").get("/api/v1/me").status_code == 200


@pytest.mark.django_db
def test_staff_session_is_limited_like_a_token(client, rates):
    signed_in(client, "midden-rmt-counsellor")
    assert [client.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    assert_throttled(client.get("/api/v1/me"))


@pytest.mark.django_db
def test_one_partner_application_at_its_limit_does_not_throttle_another(rates):
    rates(partner="2/min", staff="2/min")
    midden = _bearer(partner_token("midden-gemeente"))
    midden_again = _bearer(partner_token("midden-gemeente"))  # a second token of the same application
    amersfoort = _bearer(partner_token("amersfoort-gemeente"))
    assert midden.get("/api/v1/me").status_code == 200
    assert midden_again.get("/api/v1/me").status_code == 200
    body = assert_throttled(midden.get("/api/v1/me"))
    assert body["detail"].startswith("Too many requests; try again in ")
    assert_throttled(midden_again.get("/api/v1/referrals"))
    assert [amersfoort.get("/api/v1/me").status_code for _ in range(2)] == [200, 200]
    assert_throttled(amersfoort.get("/api/v1/me"))


@pytest.mark.django_db
def test_partner_and_staff_limits_are_separate_settings(api, rates):
    rates(partner="1/min", staff="5/min")
    partner = _bearer(partner_token())
    assert partner.get("/api/v1/me").status_code == 200
    assert_throttled(partner.get("/api/v1/me"))
    counsellor = api("counsellor")
    assert [counsellor.get("/api/v1/me").status_code for _ in range(5)] == [200] * 5
    assert_throttled(counsellor.get("/api/v1/me"))


@pytest.mark.django_db
def test_anonymous_callers_are_limited_per_address(rates):
    here, there = APIClient(REMOTE_ADDR="192.0.2.10"), APIClient(REMOTE_ADDR="192.0.2.20")
    assert [here.get("/api/v1/docs").status_code for _ in range(3)] == [200, 200, 200]
    assert_throttled(here.get("/api/v1/docs"))
    assert there.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
def test_anonymous_limit_cannot_be_dodged_with_a_forged_forwarded_for(rates):
    """Without NUM_PROXIES the caller is REMOTE_ADDR: X-Forwarded-For is the caller's to invent."""
    caller = APIClient(REMOTE_ADDR="192.0.2.10")
    codes = [caller.get("/api/v1/docs", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_the_limit_lifts_when_the_window_has_passed(api, rates, monkeypatch):
    counsellor = api("counsellor")
    for _ in range(3):
        counsellor.get("/api/v1/me")
    response = counsellor.get("/api/v1/me")
    assert_throttled(response)
    wait = int(response["Retry-After"])
    now = StaffRateThrottle.timer()
    monkeypatch.setattr(StaffRateThrottle, "timer", lambda self: now + wait + 1)
    assert counsellor.get("/api/v1/me").status_code == 200


@pytest.mark.django_db
def test_unauthenticated_calls_are_refused_before_they_are_counted(api, rates):
    anonymous = APIClient()
    assert [anonymous.get("/api/v1/me").status_code for _ in range(5)] == [401] * 5


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_as_cache_url_the_count_is_shared_by_every_worker(api, rates, settings):
    """What production runs (CACHE_URL=redis://...): the request history lives in Redis, outside the
    process, where every gunicorn worker reads and writes the same count."""
    import redis

    config = environ.Env.cache_url_config("redis://127.0.0.1:6379/15")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    prefix = f"rwc-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {**config, "KEY_PREFIX": prefix}}
    try:
        counsellor = api("counsellor")
        assert [counsellor.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
        assert redis.Redis(host="127.0.0.1", port=6379, db=15).keys(f"{prefix}:*throttle_staff_*")
        assert_throttled(counsellor.get("/api/v1/me"))
    finally:
        cache.clear()


@pytest.mark.django_db
def test_every_operation_documents_the_429_with_retry_after(client):
    doc = client.get("/api/v1/openapi.json").json()
    operations = [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()
                  if method in {"get", "post", "put", "patch", "delete"}]
    assert operations
    for path, method, op in operations:
        response = op["responses"].get("429")
        assert response, (path, method)
        assert "Retry-After" in response["headers"] and "application/problem+json" in response["content"]
