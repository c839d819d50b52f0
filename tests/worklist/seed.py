"""Worklist records for tests, made through the domain services (see seeded()).

Region A's RMT (the matrix callers' desk): a task for its counsellor about client_a, a notification
for its counsellor and one for its team lead, an appointment of its counsellor with client_a.
Foreign: the same at the LWL of region A and at the RMT of region B."""
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from rwc.models import User
from worklist import appointments, todo
from worklist.choices import NotificationKind, SubjectKind
from worklist.models import Appointment, Notification, Task
from worklist.notifications import notify


@dataclass
class Side:
    task: Task
    notification: Notification
    appointment: Appointment


@dataclass
class WorklistSeed:
    a: Side
    lead_notification_a: Notification
    lwl_a: Side
    b: Side


def user(username: str) -> User:
    return User.objects.get(username=username)


def make_task(desk, username, subject_kind, record, **extra) -> Task:
    data = {"title": "Call back about the CV", "due_on": timezone.localdate() + timedelta(days=3), **extra}
    assignee = user(username) if username else None
    return todo.task_create(actor=assignee, desk=desk, subject=todo.subject_of(subject_kind, record), data=data,
                            assignee=assignee)


def make_notification(username, key) -> Notification:
    recipient = user(username)
    notify([recipient.pk], NotificationKind.TASK_ASSIGNED, key)
    return Notification.objects.get(recipient=recipient, source_key=key)


def make_appointment(desk, username, client, case=None, *, hours_ahead=24, **extra) -> Appointment:
    starts = timezone.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
    data = {"kind": "in_person", "place": "RWC office", "starts_at": starts, "ends_at": starts + timedelta(hours=1)}
    data.update(extra)
    counsellor = user(username)
    return appointments.appointment_plan(actor=counsellor, desk=desk, client=client, case=case, counsellor=counsellor,
                                         data=data)


def _side(desk, prefix, client, case) -> Side:
    username = f"{prefix}-counsellor"
    return Side(make_task(desk, username, SubjectKind.CLIENT, client),
                make_notification(username, f"test:{prefix}"),
                make_appointment(desk, username, client, case))


def seeded(w) -> WorklistSeed:
    cached = getattr(w, "_worklist_seed", None)
    if cached is None:
        cached = WorklistSeed(
            a=_side(w.rmt_a, "midden-rmt", w.client_a, w.case_a),
            lead_notification_a=make_notification("midden-rmt-lead", "test:midden-rmt-lead"),
            lwl_a=_side(w.lwl_a, "midden-lwl", w.client_lwl_a, w.case_lwl_a),
            b=_side(w.rmt_b, "amersfoort-rmt", w.client_b, w.case_b),
        )
        w._worklist_seed = cached
    return cached
