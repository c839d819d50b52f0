"""Derived reminders become tasks once: a follow-up coming due, an overdue agreement, a referral
unanswered past its date, a consent a referral rests on about to end."""
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Agreement, Outcome
from clients.models import Consent
from referrals.models import Referral
from worklist import reminders
from worklist.models import Task

pytestmark = pytest.mark.django_db


def test_each_reminder_becomes_one_task_for_the_right_holder_and_only_once(world):
    today = timezone.localdate()
    Agreement.objects.filter(pk=world.agreement_a.pk).update(due_on=today - timedelta(days=2))
    placement = Outcome.objects.create(case=world.case_a, kind="placement", date=today - timedelta(days=180),
                                       follow_up_due_on=today + timedelta(days=3))
    Referral.objects.filter(pk=world.referral_in_a.pk).update(answer_due_at=timezone.now() - timedelta(days=1))
    Consent.objects.filter(pk=world.referral_lwl_a.consent_id).update(valid_until=today + timedelta(days=3))

    made = reminders.derive_reminders()
    assert made["agreement_overdue"] >= 1 and made["follow_up_due"] >= 1
    assert made["referral_unanswered"] >= 1 and made["consent_expiring"] >= 1

    overdue = Task.objects.get(source_key=f"agreement:{world.agreement_a.pk}:overdue")
    assert (overdue.case, overdue.assignee.username, overdue.origin) == (
        world.case_a, "midden-rmt-counsellor", "agreement_overdue")
    follow_up = Task.objects.get(source_key=f"outcome:{placement.pk}:follow-up")
    assert follow_up.due_on == placement.follow_up_due_on and follow_up.assignee.username == "midden-rmt-counsellor"
    unanswered = Task.objects.get(source_key=f"referral:{world.referral_in_a.pk}:unanswered")
    assert (unanswered.desk, unanswered.assignee, unanswered.priority) == (world.rmt_a, None, "high")
    expiring = Task.objects.get(source_key=f"referral:{world.referral_lwl_a.pk}:consent-expiring")
    assert (expiring.desk, expiring.assignee.username) == (world.lwl_a, "midden-lwl-counsellor")

    before = Task.objects.count()
    assert reminders.derive_reminders() == {"follow_up_due": 0, "agreement_overdue": 0, "referral_unanswered": 0,
                                            "consent_expiring": 0, "signature_due": 0,
                                            "signature_settled": 0}
    assert Task.objects.count() == before


def test_nothing_due_makes_nothing(world):
    Agreement.objects.filter(pk=world.agreement_a.pk).update(done_on=timezone.localdate())
    reminders.derive_reminders()
    assert not Task.objects.filter(case=world.case_a).exists()


def test_a_reminder_for_someone_who_left_the_desk_goes_to_the_desks_pool(world):
    from rwc.models import StaffMembership

    Agreement.objects.filter(pk=world.agreement_a.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    StaffMembership.objects.filter(user=world.case_a.owner, desk=world.rmt_a).update(ended_at=timezone.now())
    reminders.derive_reminders()
    task = Task.objects.get(source_key=f"agreement:{world.agreement_a.pk}:overdue")
    assert task.assignee is None and task.desk == world.rmt_a


def _awaiting(world, parent_kind, *, due_in_days=3, confidential=False, **parent):
    from documents.models import Document

    return Document.objects.create(
        parent_kind=parent_kind, client=world.client_a, region=world.region_a, desk=world.rmt_a,
        title="Stageovereenkomst met naam", kind="agreement", document_date=timezone.localdate(),
        confidential=confidential, created_by=world.case_a.owner, version_count=1,
        signature_due_on=timezone.localdate() + timedelta(days=due_in_days), **parent)


def test_a_document_awaiting_a_signature_becomes_one_task_naming_its_record_not_the_document(world):
    from django.utils import timezone as tz

    case_doc = _awaiting(world, "case", case=world.case_a)
    client_doc = _awaiting(world, "client", due_in_days=-2)
    not_yet = _awaiting(world, "client", due_in_days=60)
    signed = _awaiting(world, "client")
    signed.signed_at = tz.now()
    signed.save()

    assert reminders.derive_reminders()["signature_due"] == 2
    task = Task.objects.get(source_key=f"document:{case_doc.pk}:signature")
    assert (task.subject_kind, task.case, task.assignee.username, task.origin, task.due_on) == (
        "case", world.case_a, "midden-rmt-counsellor", "signature_due", case_doc.signature_due_on)
    assert "Stageovereenkomst" not in task.title
    pool = Task.objects.get(source_key=f"document:{client_doc.pk}:signature")
    assert (pool.subject_kind, pool.client, pool.desk, pool.assignee) == ("client", world.client_a, world.rmt_a, None)
    assert pool.due_on == timezone.localdate()  # past due: today
    assert not Task.objects.filter(source_key__in=[f"document:{not_yet.pk}:signature",
                                                   f"document:{signed.pk}:signature"]).exists()

    before = Task.objects.count()
    assert reminders.derive_reminders()["signature_due"] == 0
    assert Task.objects.count() == before


def test_a_confidential_document_reminds_only_whoever_added_it(world):
    from rwc.models import StaffMembership

    mine = _awaiting(world, "client", confidential=True)
    reminders.derive_reminders()
    assert Task.objects.get(source_key=f"document:{mine.pk}:signature").assignee == world.case_a.owner

    left = _awaiting(world, "case", confidential=True, case=world.case_a)
    StaffMembership.objects.filter(user=world.case_a.owner, desk=world.rmt_a).update(ended_at=timezone.now())
    reminders.derive_reminders()
    task = Task.objects.get(source_key=f"document:{left.pk}:signature")
    assert task.assignee is None and task.desk == world.rmt_a


def test_a_deleted_document_makes_no_reminder(world):
    gone = _awaiting(world, "client")
    gone.deleted_at = timezone.now()
    gone.save()
    assert reminders.derive_reminders()["signature_due"] == 0


def test_a_signature_reminder_settles_itself_when_the_document_is_signed_or_deleted(world):
    """Done once the document is signed, cancelled once it is deleted; other open tasks are left alone."""
    signed, deleted, waiting = (_awaiting(world, "client") for _ in range(3))
    reminders.derive_reminders()
    tasks = {d.pk: Task.objects.get(source_key=f"document:{d.pk}:signature") for d in (signed, deleted, waiting)}
    signed.signed_at = timezone.now()
    signed.save()
    deleted.deleted_at = timezone.now()
    deleted.save()

    assert reminders.derive_reminders()["signature_settled"] == 2
    for document, status in ((signed, "done"), (deleted, "cancelled"), (waiting, "open")):
        task = Task.objects.get(pk=tasks[document.pk].pk)
        assert task.status == status
        assert task.version == tasks[document.pk].version + (status != "open")
    assert reminders.derive_reminders()["signature_settled"] == 0
