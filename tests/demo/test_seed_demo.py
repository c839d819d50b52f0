"""`seed_demo` builds a working demo on PostgreSQL too, a second run adds nothing, it touches only its
own records, and it refuses to run with the production settings."""
import os
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from cases.models import Case, Outcome
from clients.models import Client, Consent, JobWish
from demo.models import DemoClient
from demo.services import EDITED_SUMMARY
from employers.models import Employer, MatchingEvent, Vacancy
from referrals.models import Referral
from rwc import organisation
from rwc.models import Region
from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceFunding
from worklist.models import Appointment, Task

ROOT = Path(__file__).resolve().parents[2]


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
    services = (DeliveredService.objects.count(), ServiceFunding.objects.count(), FrontDoorQuestion.objects.count())
    assert services[0] >= 4 * 5 and services[1] > 0 and services[2] == 4 * 40
    assert DeliveredService.objects.filter(service_type="training", approved_at__isnull=False).exists()
    assert DeliveredService.objects.filter(status="completed").exists()
    assert FrontDoorQuestion.objects.filter(client__isnull=False).exists()
    assert FundingSource.objects.count() == 4 * 5
    # a refused service with its reason on a case a demo counsellor owns, refused by the desk's team lead
    refused = DeliveredService.objects.filter(refused_at__isnull=False).select_related("case__owner", "refused_by")
    assert refused.count() == 4 and all(s.refusal_reason and s.approved_at is None for s in refused)
    assert all(s.case.owner.username.endswith("-counsellor") and s.refused_by.username.endswith("-lead")
               and s.refused_by.username.split("-")[:2] == s.case.owner.username.split("-")[:2] for s in refused)
    # a front-door question corrected through question_update: its change history has the update
    edited = FrontDoorQuestion.objects.filter(summary=EDITED_SUMMARY)
    assert edited.count() == 4
    for question in edited:
        assert question.changes.filter(pgh_label="update").exists()
        assert question.changes.order_by("pgh_id").first().summary != EDITED_SUMMARY  # what it was, kept
    work = (Task.objects.count(), Appointment.objects.count())
    assert work[0] >= 4 and Appointment.objects.filter(status="no_show").exists()
    call_command("seed_demo", "--clients-per-region", "24", "--quiet-logins")
    assert (Client.objects.count(), Case.objects.count(), Referral.objects.count(), Outcome.objects.count()) == counts
    assert (Employer.objects.count(), Vacancy.objects.count(), MatchingEvent.objects.count()) == wsp
    assert (DeliveredService.objects.count(), ServiceFunding.objects.count(),
            FrontDoorQuestion.objects.count()) == services
    assert (Task.objects.count(), Appointment.objects.count()) == work


@pytest.mark.django_db
def test_second_seed_demo_invents_nothing_for_clients_registered_through_the_api(api):
    call_command("seed_demo", "--clients-per-region", "8", "--quiet-logins")
    counsellor = api("counsellor")
    registered = []
    for given, birth in [("Sanne", "1994-02-11"), ("Karim", "1979-11-23"), ("Iris", "1988-05-02"),
                         ("Joost", "1969-08-30"), ("Meryem", "2001-01-17"), ("Pieter", "1958-12-03")]:
        answer = counsellor.post("/api/v1/clients", {"givenNames": given, "surname": "Nieuwkomer",
                                                    "birthDate": birth, "postcode": "3511ab"}, format="json")
        assert answer.status_code == 201, answer.content
        registered.append(answer.json()["id"])
    mine = Client.objects.filter(uuid__in=registered)
    before = {c.uuid: c.version for c in mine}

    call_command("seed_demo", "--clients-per-region", "12", "--quiet-logins")

    assert not Case.objects.filter(client__in=mine).exists()
    assert not Referral.objects.filter(client__in=mine).exists()
    assert not Consent.objects.filter(client__in=mine).exists()
    assert not JobWish.objects.filter(client__in=mine).exists()
    assert {c.uuid: c.version for c in Client.objects.filter(uuid__in=registered)} == before
    demo = Client.objects.filter(pk__in=DemoClient.objects.values("client"))
    assert demo.filter(region__code="midden-utrecht").count() == 12  # API clients do not count as demo ones
    assert not demo.filter(uuid__in=registered).exists()


@pytest.mark.django_db
def test_seed_demo_leaves_regions_and_partners_it_did_not_make_alone():
    other = Region.objects.create(code="zeeland", name="Zeeland")
    organisation.desk_create(region=other, kind="rmt", name="RMT Zeeland")
    call_command("seed_demo", "--clients-per-region", "8", "--quiet-logins")
    assert not Client.objects.filter(region=other).exists()
    assert not Employer.objects.filter(region=other).exists()


def test_seed_demo_refuses_to_run_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
        "DJANGO_SETTINGS_MODULE": "rwc.settings.production", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "rwc.example.nl", "BSN_INDEX_KEY": secrets.token_urlsafe(32),
        "REPORT_CELL_KEY_SECRET": secrets.token_urlsafe(32),
        "BSN_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "CACHE_URL": "locmemcache://",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
        # a database nobody has: the refusal comes before any query
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/rwc_no_such_database",
    }
    result = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "seed_demo refuses to run with rwc.settings.production" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_seed_demo_refuses_whenever_the_settings_do_not_allow_demo_data(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo", "--clients-per-region", "8")
    assert not DemoClient.objects.exists()
