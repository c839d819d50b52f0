"""Liveness and readiness probes."""
import pytest


@pytest.mark.django_db
def test_live_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200 and response.json() == {"status": "live"}


@pytest.mark.django_db
def test_ready_checks_the_database_and_the_cache(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_not_ready_when_the_database_fails(client, monkeypatch):
    def broken():
        raise RuntimeError("down")

    monkeypatch.setattr("rwc.health._database", broken)
    response = client.get("/health/ready")
    assert response.status_code == 503 and response.json()["checks"] == {"database": "failed", "cache": "ok"}
