"""`seed_demo` builds a working demo on PostgreSQL too, and a second run adds nothing."""
from datetime import date

import pytest
from django.core.management import call_command

from cases.models import Case, MatchingEvent, Outcome, Vacancy
from clients.models import Client, Employer
from referrals.models import Referral


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_fills_every_package(capsys):
    call_command("seed_demo", "--clients-per-region", "24")
    first = capsys.readouterr().out
    assert "Demo data is loaded" in first and "/api/v1/docs" in first and "midden-rmt-counsellor" in first
    counts = (Client.objects.count(), Case.objects.count(), Referral.objects.count(), Outcome.objects.count())
    assert counts[0] >= 4 * 24 and counts[1] > 50 and counts[2] >= 4 * 16
    assert set(Referral.objects.values_list("status", flat=True)) >= {
        "requested", "accepted", "declined", "withdrawn", "expired", "in_progress", "completed", "failed"}
    wsp = (Employer.objects.count(), Vacancy.objects.count(), MatchingEvent.objects.count())
    assert wsp[0] >= 4 * 5 and wsp[1] >= wsp[0] and MatchingEvent.objects.filter(date__lt=date.today()).count() == 4 * 2
    call_command("seed_demo", "--clients-per-region", "24", "--quiet-logins")
    assert (Client.objects.count(), Case.objects.count(), Referral.objects.count(), Outcome.objects.count()) == counts
    assert (Employer.objects.count(), Vacancy.objects.count(), MatchingEvent.objects.count()) == wsp
