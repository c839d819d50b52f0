"""What the pages show of the worklist (worklist.todo, .notifications, .appointments): the home
page's summary, the tasks and appointments beside a client or a case, and the unread count of the
navigation. Reads go through the domain's `*_visible_to` functions only; each is one query."""
from datetime import timedelta

from django.utils import timezone

from rwc import access, processing
from rwc.models import Desk, User
from worklist.appointments import appointments_visible_to
from worklist.choices import AppointmentStatus, TaskStatus
from worklist.notifications import notifications_visible_to
from worklist.todo import task_counts, tasks_visible_to

from . import worklist_forms as wf

HOME_ROWS = 20
UPCOMING_DAYS = 7
TASK_RELATED = ("desk", "assignee", "client", "case", "referral", "employer")  # a task shows its subject by kind and link


def unread_count(request) -> int:
    """The person's unread notifications, counted once per request (the navigation and a page share it)."""
    if not hasattr(request, "_web_unread"):
        request._web_unread = notifications_visible_to(request.user).filter(read_at__isnull=True).count()
    return request._web_unread


def colleagues(user, desk_ids=None):
    """The people working now at the user's desks (or at `desk_ids`): whom a task may be given to.
    The domain still decides (`todo.check_assignment`); this only fills the choice."""
    ids = desk_ids if desk_ids is not None else access.profile_for(user).member_desk_ids
    return (User.objects.filter(memberships__desk_id__in=ids, memberships__ended_at__isnull=True, is_active=True)
            .distinct().order_by("last_name", "first_name", "username"))


def my_desks(user):
    return Desk.objects.filter(id__in=access.profile_for(user).member_desk_ids, is_active=True).order_by("name")


def task_form(request, data=None, prefix="task"):
    several = len(access.profile_for(request.user).member_desk_ids) > 1
    return wf.TaskForm(data, colleagues=colleagues(request.user), desks=my_desks(request.user), several_desks=several,
                       me=request.user, prefix=prefix)


def tasks_listed(qs, limit):
    tasks = list(qs.select_related(*TASK_RELATED).order_by("due_on", "id")[:limit])
    processing.note_subjects(t.client_id for t in tasks)
    return tasks


def home_worklist(request) -> dict:
    """The counsellor's open tasks and their desks' unassigned ones, with counts; the unread
    notifications; today's and the coming week's appointments."""
    user = request.user
    visible = tasks_visible_to(user)
    mine, pool = visible.filter(assignee_id=user.pk), visible.filter(assignee__isnull=True)
    now = timezone.localtime()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    appointments = list(appointments_visible_to(user)
                        .filter(counsellor_id=user.pk, status=AppointmentStatus.PLANNED, starts_at__gte=start,
                                starts_at__lt=start + timedelta(days=UPCOMING_DAYS + 1))
                        .select_related("client", "case").order_by("starts_at", "id")[:HOME_ROWS])
    processing.note_subjects(a.client_id for a in appointments)
    tomorrow = start + timedelta(days=1)
    return {"worklist": {
        "my_tasks": tasks_listed(mine.filter(status=TaskStatus.OPEN), HOME_ROWS),
        "pool_tasks": tasks_listed(pool.filter(status=TaskStatus.OPEN), HOME_ROWS),
        "my_counts": task_counts(mine), "pool_counts": task_counts(pool),
        "unread": unread_count(request),
        "appointments_today": [a for a in appointments if a.starts_at < tomorrow],
        "appointments_upcoming": [a for a in appointments if a.starts_at >= tomorrow],
    }, "today": now.date()}


def subject_worklist(request, *, client=None, case=None, forms=None) -> dict:
    """The open tasks about a client (all their records) or a case, and the form to add one; for a
    case also its appointments and the form to plan one. Nothing for someone without a worklist."""
    if not request.roles.counsellor:
        return {"subject_tasks": None}
    forms = forms or {}
    tasks = tasks_visible_to(request.user).filter(status=TaskStatus.OPEN)
    tasks = tasks.filter(case=case) if case is not None else tasks.filter(client=client)
    context = {"subject_tasks": tasks_listed(tasks, 100),
               "task_form": forms.get("task_form") or task_form(request)}
    if case is not None:
        appointments = list(appointments_visible_to(request.user).filter(case=case)
                            .select_related("counsellor").order_by("-starts_at", "-id")[:50])
        form = forms.get("appointment_form")
        if form is None:
            form = wf.AppointmentForm(prefix="appointment")
            form.drop_overlap_unless(False)
        context.update(case_appointments=appointments, appointment_form=form, now=timezone.now())
    return context
