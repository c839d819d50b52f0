"""Notifications: made by the task engine from events (never inside a request), once per event and
person (a unique key), read and marked read by their recipient only.

From a referral's status change: arriving at a desk, everyone working there is told and the desk's
pool gets a task to answer it (once per referral); accepted, declined or completed, the counsellor
who sent it is told (or, when they left the desk, everyone at the sending desk). A task given to
someone, and a case handed to someone, tell them.
"""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from referrals.choices import ReferralStatus, Urgency
from referrals.models import ReferralStatusChange
from rwc.access import desk_and_successors, profile_for
from rwc.models import StaffMembership

from .choices import DigestFrequency, NotificationKind, SubjectKind, TaskOrigin, TaskPriority
from .dispatch import after_commit
from .models import Notification, NotificationPreference, ProcessedEvent, Task
from .todo import subject_of, task_derive

TO_SENDER = {ReferralStatus.ACCEPTED: NotificationKind.REFERRAL_ACCEPTED,
             ReferralStatus.DECLINED: NotificationKind.REFERRAL_DECLINED,
             ReferralStatus.COMPLETED: NotificationKind.REFERRAL_COMPLETED}
SWEEP_WINDOW = timedelta(days=2)


def notifications_visible_to(principal):
    """A person's own notifications; nobody else's (someone else's is a 404)."""
    profile = profile_for(principal)
    if profile.is_partner or profile.user_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=profile.user_id)


def _staff_of(desk) -> list[int]:
    return list(StaffMembership.objects.filter(desk_id__in=desk_and_successors(desk), ended_at__isnull=True,
                                               user__is_active=True).values_list("user_id", flat=True).distinct())


def notify(recipient_ids, kind: str, source_key: str, **refs) -> int:
    """One notification per recipient for this event (again: nothing); immediate digests follow."""
    recipient_ids = sorted(set(recipient_ids))
    if not recipient_ids:
        return 0
    now = timezone.now()
    made = Notification.objects.bulk_create(
        [Notification(recipient_id=r, kind=kind, source_key=source_key, created_at=now, **refs) for r in recipient_ids],
        ignore_conflicts=True)
    immediate = NotificationPreference.objects.filter(user_id__in=recipient_ids, digest=DigestFrequency.IMMEDIATE)
    for user_id in immediate.values_list("user_id", flat=True):
        after_commit("worklist.send_digest", user_id)
    return len(made)


def _worker_text(text) -> str:
    """Texts the engine writes into a record are Dutch (README "Languages")."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@transaction.atomic
def referral_changed(change_id: int) -> bool:
    """Turn one referral status change into notifications and a task, once. False if done before."""
    key = f"referral-change:{change_id}"
    if ProcessedEvent.objects.filter(key=key).exists():
        return False
    change = ReferralStatusChange.objects.select_related("referral__to_desk", "referral__from_desk").filter(
        pk=change_id).first()
    if change is None:
        return False
    referral = change.referral
    if change.to_status == ReferralStatus.REQUESTED and referral.to_desk_id is not None:
        notify(_staff_of(referral.to_desk), NotificationKind.REFERRAL_ARRIVED, key, referral=referral)
        urgent = referral.urgency == Urgency.URGENT
        task_derive(desk=referral.to_desk, subject=subject_of(SubjectKind.REFERRAL, referral),
                    origin=TaskOrigin.REFERRAL_ARRIVED, source_key=f"referral:{referral.pk}:arrived",
                    title=_worker_text(_("Answer the referral that arrived")),
                    due_on=timezone.localdate(referral.answer_due_at),
                    priority=TaskPriority.HIGH if urgent else TaskPriority.NORMAL)
    elif change.to_status in TO_SENDER and referral.from_desk_id is not None:
        staff = _staff_of(referral.from_desk)
        recipients = [referral.sent_by_id] if referral.sent_by_id in staff else staff
        notify(recipients, TO_SENDER[change.to_status], key, referral=referral)
    ProcessedEvent.objects.get_or_create(key=key)
    return True


@transaction.atomic
def case_reassigned(case_id: int, version: int) -> bool:
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return False
    notify([case.owner_id], NotificationKind.CASE_REASSIGNED, f"case:{case_id}:owner:v{version}", case=case)
    return True


@transaction.atomic
def task_assigned(task_id: int, version: int) -> bool:
    task = Task.objects.filter(pk=task_id).first()
    if task is None or task.assignee_id is None:
        return False
    notify([task.assignee_id], NotificationKind.TASK_ASSIGNED, f"task:{task_id}:assigned:v{version}", task=task)
    return True


def sweep(now=None) -> int:
    """The safety net: recent referral changes whose message never came (a broker away at commit)."""
    now = now or timezone.now()
    recent = list(ReferralStatusChange.objects.filter(at__gte=now - SWEEP_WINDOW).values_list("id", flat=True))
    done = set(ProcessedEvent.objects.filter(key__in=[f"referral-change:{i}" for i in recent])
               .values_list("key", flat=True))
    return sum(referral_changed(i) for i in recent if f"referral-change:{i}" not in done)


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(principal) -> int:
    return notifications_visible_to(principal).filter(read_at__isnull=True).update(read_at=timezone.now())
