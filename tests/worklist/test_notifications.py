"""Notifications without the engine's processes: what the engine's functions make from events (once),
the API (own only, unread count, acknowledgement), preferences, and the digest through a real SMTP
server on 127.0.0.1 (aiosmtpd), in Dutch and English, with no personal data."""
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cases.services import case_reassign
from referrals.models import ReferralStatusChange
from referrals.services import referral_move, referral_send
from rwc.models import User
from tests.conftest import _consent
from tests.helpers import count_queries
from tests.worklist.seed import make_notification, make_task
from tests.worklist.smtp import SmtpServer
from worklist import digest, notifications
from worklist.models import Notification, NotificationPreference, Task

pytestmark = pytest.mark.django_db
NOTIFICATIONS = "/api/v1/notifications"


def _refer_rmt_to_lwl(world):
    _consent(world.client_a, "midden-rmt-counsellor", world.rmt_a, desks=[world.lwl_a])
    return referral_send(actor=User.objects.get(username="midden-rmt-counsellor"), client=world.client_a,
                         from_desk=world.rmt_a, to_desk=world.lwl_a,
                         data={"reason": "Wants to retrain", "service_requested": "Training advice", "urgency": "urgent"})


def _last_change(referral):
    return ReferralStatusChange.objects.filter(referral=referral).latest("id").pk


def test_a_referral_arriving_notifies_the_desk_and_makes_one_task_once(world):
    referral = _refer_rmt_to_lwl(world)
    change = _last_change(referral)
    assert notifications.referral_changed(change) is True
    assert notifications.referral_changed(change) is False  # once: the sweep and a second message do nothing
    told = set(Notification.objects.filter(referral=referral).values_list("recipient__username", flat=True))
    assert told == {"midden-lwl-counsellor", "midden-lwl-lead"}
    task = Task.objects.get(referral=referral)
    assert (task.desk, task.assignee, task.priority, task.origin) == (world.lwl_a, None, "high", "referral_arrived")
    assert task.title == "Beantwoord de binnengekomen verwijzing"  # the engine writes Dutch
    notifications.sweep()  # (the session's seeded referrals are recent changes too)
    assert notifications.sweep() == 0
    assert Task.objects.filter(referral=referral).count() == 1


def test_an_answer_notifies_the_counsellor_who_sent_it(world):
    referral = _refer_rmt_to_lwl(world)
    lwl = User.objects.get(username="midden-lwl-counsellor")
    for to_status in ("accepted", "in_progress", "completed"):
        referral = referral_move(actor=lwl, side="receiver", referral=referral, to_status=to_status,
                                 note="Started an LLO module" if to_status == "completed" else "")
        notifications.referral_changed(_last_change(referral))
    kinds = list(Notification.objects.filter(referral=referral, recipient__username="midden-rmt-counsellor")
                 .order_by("id").values_list("kind", flat=True))
    assert kinds == ["referral_accepted", "referral_completed"]


def test_the_sweep_picks_up_a_change_no_message_announced(world):
    referral = _refer_rmt_to_lwl(world)
    assert notifications.sweep() >= 1
    assert Task.objects.filter(referral=referral).count() == 1
    assert notifications.sweep() == 0


def test_a_task_assigned_and_a_case_handed_over_notify_their_new_holder(world):
    colleague = User.objects.create(username="midden-rmt-c2", email="c2@rwc.example.nl")
    from rwc.models import StaffMembership

    StaffMembership.objects.create(user=colleague, desk=world.rmt_a, role="counsellor")
    task = make_task(world.rmt_a, "midden-rmt-c2", "client", world.client_a)
    notifications.task_assigned(task.pk, task.version)
    case = case_reassign(actor=User.objects.get(username="midden-rmt-lead"), case=world.case_a, owner=colleague)
    notifications.case_reassigned(case.pk, case.version)
    assert set(Notification.objects.filter(recipient=colleague).values_list("kind", flat=True)) == {
        "task_assigned", "case_reassigned"}


def test_own_notifications_only_with_the_unread_count_and_acknowledgement(as_user, world):
    mine = [make_notification("midden-rmt-counsellor", f"test:{i}") for i in range(3)]
    other = make_notification("midden-rmt-lead", "test:lead")
    api = as_user("midden-rmt-counsellor")
    body = api.get(NOTIFICATIONS).json()
    assert {n["id"] for n in body["results"]} == {str(n.uuid) for n in mine}
    assert body["counts"] == {"unread": 3}
    assert body["results"][0]["text"] == "A task was assigned to you"
    assert api.get(NOTIFICATIONS, HTTP_ACCEPT_LANGUAGE="nl").json()["results"][0]["text"] == \
        "Er is een taak aan u toegewezen"
    read = api.post(f"{NOTIFICATIONS}/{mine[0].uuid}/acknowledgement")
    assert read.status_code == 200 and read.json()["read"] is True
    assert api.get(NOTIFICATIONS).json()["counts"] == {"unread": 2}
    assert {n["id"] for n in api.get(NOTIFICATIONS + "?unread=true").json()["results"]} == {
        str(mine[1].uuid), str(mine[2].uuid)}
    # someone else's: 404, and it stays unread
    assert api.post(f"{NOTIFICATIONS}/{other.uuid}/acknowledgement").status_code == 404
    assert api.get(f"{NOTIFICATIONS}/{other.uuid}").status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_notifications_cost_the_same_queries_for_2_as_for_25(as_user, world):
    api = as_user("midden-rmt-counsellor")
    for i in range(2):
        make_notification("midden-rmt-counsellor", f"few:{i}")
    few = count_queries(api, NOTIFICATIONS + "?pageSize=25")
    for i in range(23):
        make_notification("midden-rmt-counsellor", f"many:{i}")
    assert count_queries(api, NOTIFICATIONS + "?pageSize=25") == few == 5


def test_preferences_are_ones_own_and_strict(as_user, world):
    api = as_user("midden-rmt-counsellor")
    assert api.get("/api/v1/notification-preferences").json() == {"digest": "daily", "language": "nl"}
    changed = api.patch("/api/v1/notification-preferences", {"digest": "immediate", "language": "en"}, format="json")
    assert changed.status_code == 200 and changed.json() == {"digest": "immediate", "language": "en"}
    bad = api.patch("/api/v1/notification-preferences", {"digest": "hourly"}, format="json")
    assert bad.status_code == 400
    assert NotificationPreference.objects.get(user__username="midden-rmt-counsellor").digest == "immediate"
    assert as_user("midden-rmt-lead").get("/api/v1/notification-preferences").json()["digest"] == "daily"


def _smtp_settings(server):
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                             EMAIL_PORT=server.port, PUBLIC_BASE_URL="https://rwc.example.nl")


def test_the_digest_reaches_a_real_smtp_server_in_the_persons_language_without_personal_data(world):
    referral = _refer_rmt_to_lwl(world)
    notifications.referral_changed(_last_change(referral))
    lead = User.objects.get(username="midden-lwl-lead")
    NotificationPreference.objects.create(user=lead, digest="immediate", language="en")
    with SmtpServer() as smtp, _smtp_settings(smtp):
        assert digest.send_digest(User.objects.get(username="midden-lwl-counsellor").pk) == 1
        assert digest.send_digest(lead.pk) == 1
        assert digest.send_digest(lead.pk) == 0  # nothing new: no second message
        dutch, = smtp.inbox.to("midden-lwl-counsellor@rwc.example.nl")
        english, = smtp.inbox.to("midden-lwl-lead@rwc.example.nl")
    assert dutch["Subject"] == "RWC: 1 nieuwe melding"
    assert english["Subject"] == "RWC: 1 new notification"
    text = english.get_body().get_content()
    assert "A referral arrived at your desk: 1" in text and "https://rwc.example.nl/api/v1/notifications" in text
    for message in (dutch, english):
        body = message.get_body().get_content()
        for personal in ("Anna", "Berg", str(world.client_a.uuid), str(referral.uuid), "Wants to retrain"):
            assert personal not in body
    assert not Notification.objects.filter(recipient=lead, emailed_at__isnull=True).exists()


def test_the_daily_digest_waits_for_its_hour_and_goes_once_a_day(world):
    make_notification("midden-rmt-counsellor", "daily:1")
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    NotificationPreference.objects.create(user=User.objects.get(username="midden-rmt-lead"), digest="never")
    make_notification("midden-rmt-lead", "daily:2")
    early = timezone.localtime().replace(hour=5, minute=0)
    later = early.replace(hour=8)
    assert digest.due_daily(early) == []
    lead = User.objects.get(username="midden-rmt-lead")
    assert digest.due_daily(later) == sorted([counsellor.pk, lead.pk])  # `never`: handled without a message
    with SmtpServer() as smtp, _smtp_settings(smtp):
        for user_id in digest.due_daily(later):
            digest.send_digest(user_id, now=later)
        assert [rcpt for rcpt, _ in smtp.inbox.messages] == [["midden-rmt-counsellor@rwc.example.nl"]]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    make_notification("midden-rmt-counsellor", "daily:3")
    assert digest.due_daily(later + timedelta(hours=1)) == []  # had one today
