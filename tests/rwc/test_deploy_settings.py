"""The production settings: `check --deploy` clean, a shared cache required, staff session cookies
Secure, host-only, HttpOnly, SameSite and short-lived; passwords held to the validators."""
import json
import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from demo.organisation import demo_password
from tests.helpers import signed_in

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "rwc.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "rwc.example.nl",
    "BSN_INDEX_KEY": secrets.token_urlsafe(32),
    "REPORT_CELL_KEY_SECRET": secrets.token_urlsafe(32),
    "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/rwc",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
}
COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE",
]


def _run(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV} | PRODUCTION_ENV | env
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def production():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {COOKIE_SETTINGS + ['CACHES', 'REST_FRAMEWORK']!r}}}))"
    )
    result = _run("-c", code, API_RATE_PARTNER="42/min")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_check_deploy_with_warnings_as_failures():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = _run("manage.py", "check", CACHE_URL=None)
    assert result.returncode != 0 and "CACHE_URL" in result.stderr


def test_production_refuses_to_start_without_the_report_cell_key_secret():
    """The development default would let anyone who reads the code take the reports' noise off."""
    result = _run("manage.py", "check", REPORT_CELL_KEY_SECRET=None)
    assert result.returncode != 0 and "REPORT_CELL_KEY_SECRET" in result.stderr


def test_production_refuses_to_start_without_a_task_broker():
    result = _run("manage.py", "check", CELERY_BROKER_URL=None)
    assert result.returncode != 0 and "CELERY_BROKER_URL" in result.stderr


def test_production_rate_limits_and_cache_come_from_the_environment(production):
    assert production["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    rates = production["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"]
    assert rates == {"staff": "600/min", "partner": "42/min", "anon": "60/min"}


@pytest.mark.django_db
def test_production_session_cookie_is_secure_host_only_httponly_samesite_and_ends(production, settings):
    for name in COOKIE_SETTINGS:
        setattr(settings, name, production[name])
    browser = Client()
    response = browser.post("/signin/", {"username": "midden-functional-admin", "password": demo_password(),
                                         "next": "/admin/"}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert not cookie["domain"], "__Host- cookies are host-only"
    assert not cookie["max-age"] and not cookie["expires"], "a browser-session cookie: gone when the browser closes"
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + timedelta(hours=8), "and never longer than 8 hours on the server"


@pytest.mark.django_db
@pytest.mark.parametrize("password,why", [
    ("Short-pw-1", "too short"),  # under 12 characters
    ("password1234", "too common"),
    ("598274618394", "entirely numeric"),
    ("midden-functional-admin", "too similar"),
])
def test_weak_passwords_are_refused(password, why):
    browser = Client()
    assert signed_in(browser, "midden-functional-admin")
    response = browser.post("/admin/password_change/", {
        "old_password": demo_password(), "new_password1": password, "new_password2": password})
    assert response.status_code == 200, "the form again, not a redirect"
    assert why in response.content.decode()


@pytest.mark.django_db
def test_a_long_uncommon_password_is_accepted():
    browser = Client()
    assert signed_in(browser, "midden-functional-admin")
    good = "Fietsen langs de Vecht 2026"
    response = browser.post("/admin/password_change/", {
        "old_password": demo_password(), "new_password1": good, "new_password2": good})
    assert response.status_code == 302
