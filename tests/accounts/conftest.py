"""Sign-in tests: the demo organisation's staff (session seed), their authenticator apps, the security log."""
import logging
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.organisation import demo_password
from rwc.models import User

COUNSELLOR = "midden-rmt-counsellor"  # a desk: personal data, so a second factor
MANAGER = "midden-manager"  # figures only: no second factor


@dataclass
class App:
    """An authenticator app holding one confirmed TOTP device."""

    device: TOTPDevice

    def code(self, steps_ahead: int = 0) -> str:
        totp = TOTP(self.device.bin_key)
        totp.time = totp.time + steps_ahead * 30  # the next window's code, for a second fresh code in one test
        return f"{totp.token():06d}"


@pytest.fixture
def app_of():
    def make(username):
        user = User.objects.get(username=username)
        return App(TOTPDevice.objects.create(user=user, name="app", confirmed=True))
    return make


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=False, HTTP_ACCEPT_LANGUAGE="nl")


def password_step(browser, username=COUNSELLOR, password=None, next_url=""):
    return browser.post("/signin/", {"username": username, "password": password or demo_password(), "next": next_url})


@pytest.fixture
def security_log(caplog):
    """The rwc.security lines of the test."""
    caplog.set_level(logging.INFO, logger="rwc.security")

    def lines():
        return [r.getMessage() for r in caplog.records if r.name == "rwc.security"]
    return lines


def signed_in_as(browser):
    response = browser.get("/api/v1/me")
    return response.json()["username"] if response.status_code == 200 else None
