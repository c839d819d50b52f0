"""Notifications, tasks and the e-mail digest through the real engine: Celery workers on Redis (as
tests/referrals/test_engine_workers.py runs them), a real SMTP server on 127.0.0.1 (aiosmtpd), the
test database shared through committed rows (written and removed from threads of their own).

A referral from the RMT to the LWL: the LWL's staff are notified and the LWL's pool gets a task to
answer it, made by a worker after the commit, not by the request; the LWL counsellor who wants
e-mail at once gets a digest with no personal data. Accepted, it notifies the counsellor who sent
it. Nothing is asserted on time: each wait is bounded and fails with the workers' logs."""
import time
from datetime import date

import pytest

from clients.models import Client, ClientEvent, Consent
from clients.services import client_register, consent_record
from referrals.models import Referral, ReferralStatusChange
from referrals.services import referral_move, referral_send
from rwc.models import Desk, DeskKind, Region, User
from tests.helpers import in_thread
from tests.referrals.test_engine_workers import engine  # noqa: F401 - the fixture: workers on this run's queue
from tests.worklist.smtp import SmtpServer
from worklist.models import Notification, NotificationPreference, ProcessedEvent, Task

SURNAME = "Werklijst"


def _wait(what, running, check, limit: float = 60):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = in_thread(check)
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {limit} s\n{running.logs()}")


def _send_to_lwl():
    region = Region.objects.get(code="midden-utrecht")
    rmt, lwl = (Desk.objects.get(region=region, kind=k) for k in (DeskKind.RMT, DeskKind.LEERWERKLOKET))
    sender = User.objects.get(username="midden-rmt-counsellor")
    NotificationPreference.objects.update_or_create(user=User.objects.get(username="midden-lwl-counsellor"),
                                                    defaults={"digest": "immediate", "language": "nl"})
    client = client_register(actor=sender, desk=rmt, data={
        "given_names": "Test", "surname": SURNAME, "birth_date": date(1988, 3, 3), "postcode": "3511 AB",
        "city": "Utrecht"})
    consent_record(actor=sender, desk=rmt, client=client, data={
        "purpose": "Referral to the LWL", "legal_basis": "consent", "evidence": "signed",
        "data_categories": ["identity"], "desks": [lwl], "partner_organisations": []})
    referral = referral_send(actor=sender, client=client, from_desk=rmt, to_desk=lwl,
                             data={"reason": "Wants to retrain", "service_requested": "Training advice"})
    return referral.pk


def _cleanup():
    clients = list(Client.objects.filter(surname=SURNAME).values_list("id", flat=True))
    referrals = Referral.objects.filter(client_id__in=clients)
    Notification.objects.filter(referral__in=referrals).delete()
    changes = ReferralStatusChange.objects.filter(referral__in=referrals)
    ProcessedEvent.objects.filter(key__in=[f"referral-change:{i}" for i in changes.values_list("id", flat=True)]).delete()
    Task.objects.filter(client_id__in=clients).delete()
    changes.delete()
    grants = list(referrals.exclude(grant=None).values_list("grant_id", flat=True))
    referrals.delete()
    from clients.models import ClientDeskGrant

    ClientDeskGrant.objects.filter(id__in=grants).delete()
    Consent.objects.filter(client_id__in=clients).delete()
    ClientEvent.objects.filter(client_id__in=clients).delete()
    Client.objects.filter(id__in=clients).delete()
    NotificationPreference.objects.filter(user__username="midden-lwl-counsellor").delete()


@pytest.mark.django_db
def test_a_referral_to_the_lwl_notifies_the_desk_makes_a_task_mails_a_digest_and_its_acceptance_tells_the_sender(
        engine, world):  # noqa: F811
    with SmtpServer() as smtp:
        engine.env.update({"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port)})
        try:
            engine.worker("one")
            engine.ready("one")
            referral_id = in_thread(_send_to_lwl)
            lwl_staff = {"midden-lwl-counsellor", "midden-lwl-lead"}

            arrived = _wait("the LWL's notifications", engine, lambda: set(Notification.objects.filter(
                referral_id=referral_id, kind="referral_arrived").values_list("recipient__username", flat=True)))
            assert lwl_staff <= arrived and "midden-rmt-counsellor" not in arrived
            task = _wait("the LWL's task", engine, lambda: Task.objects.filter(referral_id=referral_id).values(
                "desk__kind", "assignee", "origin", "status").first())
            assert task == {"desk__kind": "leerwerkloket", "assignee": None, "origin": "referral_arrived",
                            "status": "open"}

            mails = smtp.inbox.wait_for("midden-lwl-counsellor")
            assert len(mails) == 1, engine.logs()
            body = mails[0].get_body().get_content()
            assert "1 nieuwe melding" in mails[0]["Subject"] and "/api/v1/notifications" in body
            assert SURNAME not in body and "Test" not in body.replace("RWC", "")  # no personal data
            assert not smtp.inbox.to("midden-lwl-lead")  # a daily digest: not yet

            def accept():
                referral = Referral.objects.get(pk=referral_id)
                referral_move(actor=User.objects.get(username="midden-lwl-counsellor"), side="receiver",
                              referral=referral, to_status="accepted")
            in_thread(accept)
            told = _wait("the sender's notification", engine, lambda: list(Notification.objects.filter(
                referral_id=referral_id, kind="referral_accepted").values_list("recipient__username", flat=True)))
            assert told == ["midden-rmt-counsellor"]
            # each change became work once, whatever the sweep does later
            assert in_thread(lambda: Notification.objects.filter(referral_id=referral_id).count()) == len(arrived) + 1
        finally:
            in_thread(_cleanup)
