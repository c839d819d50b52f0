"""Fixtures of the referral tests."""
import pytest

from tests.referrals.receiver import Receiver


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()
