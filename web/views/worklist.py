"""The worklist's pages: tasks (/tasks/, and adding one on the client or case page), notifications,
appointments (the counsellor's list, planning one on the case page, rescheduling, held, no-show,
cancelled) and the personal calendar feed. Thin: the rules are worklist.todo, .notifications,
.appointments and .calendar, as for the API (api/views/worklist.py)."""
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clients.access import acting_desk
from rwc import access, processing
from rwc.errors import DomainError
from worklist import appointments as appointment_rules
from worklist import calendar, notifications, todo
from worklist.choices import AppointmentStatus, SubjectKind, TaskStatus
from worklist.digest import preference_of
from worklist.models import NotificationPreference

from .. import worklist as w
from .. import worklist_forms as wf
from ..pages import add_domain_error, page
from . import counsellor as c

LIST_ROWS = 200


# --- tasks ---------------------------------------------------------------------------------------

def _tasks_page(request, *, failed=None, status=200):
    user = request.user
    form = wf.TaskFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    state, who = chosen.get("status") or TaskStatus.OPEN, chosen.get("who") or "all"
    visible = todo.tasks_visible_to(user)
    whose = {"mine": visible.filter(assignee_id=user.pk), "desk": visible.filter(assignee__isnull=True)}.get(who, visible)
    tasks = w.tasks_listed(whose if state == "all" else whose.filter(status=state), LIST_ROWS)
    profile = access.profile_for(user)
    leads = profile.team_lead_desk_ids
    rows = []
    for task in tasks:
        lead = task.desk_id in leads
        here = failed is not None and failed["task"] == task.uuid
        rows.append({"task": task, "lead": lead, "pick_up": task.assignee_id is None and not lead,
                     "assign_form": failed["form"] if here else None, "error": failed["error"] if here else None})
    return render(request, "web/tasks.html", {
        "filter_form": form, "rows": rows, "counts": todo.task_counts(whose), "limit": LIST_ROWS,
        "colleagues": list(w.colleagues(user, leads)) if leads else [], "today": timezone.localdate(),
        "who": who, "state": state}, status=status)


@page("counsellor")
def tasks(request):
    return _tasks_page(request)


def _visible_task(request, task_id):
    return get_object_or_404(todo.tasks_visible_to(request.user).select_related("desk"), uuid=task_id)


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@page("counsellor")
@require_POST
def task_move(request, task_id):
    task = _visible_task(request, task_id)
    form = wf.TaskMoveForm(request.POST)
    if not form.is_valid():
        return _tasks_page(request, failed={"task": task.uuid, "form": None,
                                            "error": "; ".join(form.errors.get("status", []))}, status=400)
    try:
        todo.task_move(actor=request.user, task=task, to_status=form.cleaned_data["status"])
    except DomainError as exc:
        return _tasks_page(request, failed={"task": task.uuid, "form": None, "error": exc.detail}, status=exc.status)
    return _back(request, "web:tasks")


@page("counsellor")
@require_POST
def task_assign(request, task_id):
    task = _visible_task(request, task_id)
    form = wf.TaskAssignForm(request.POST, colleagues=w.colleagues(request.user))
    status = 400
    if form.is_valid():
        try:
            todo.task_assign(actor=request.user, task=task, assignee=form.cleaned_data["assignee"])
        except DomainError as exc:
            add_domain_error(form, exc)
            status = exc.status
        else:
            return _back(request, "web:tasks")
    error = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    return _tasks_page(request, failed={"task": task.uuid, "form": form, "error": error}, status=status)


def _task_add(request, kind, record, rerender):
    form = w.task_form(request, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            desk = acting_desk(request.user, data.pop("desk", None))
            subject = todo.find_subject(request.user, kind, record.uuid)
            todo.task_create(actor=request.user, desk=desk, subject=subject, data=data,
                             assignee=data.pop("assignee"))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return None
    return rerender(form)


@page("counsellor")
@require_POST
def client_task_add(request, client_id):
    client = c._visible_client(request, client_id)
    failed = _task_add(request, SubjectKind.CLIENT, client, lambda form: render(
        request, "web/client.html", c._client_context(request, client, task_form=form), status=400))
    return failed or redirect("web:client", client_id=client.uuid)


@page("counsellor")
@require_POST
def case_task_add(request, case_id):
    case = c._case(request, case_id)
    failed = _task_add(request, SubjectKind.CASE, case, lambda form: c._render_case(request, case, task_form=form))
    return failed or redirect("web:case", case_id=case.uuid)


# --- notifications -------------------------------------------------------------------------------

def _notifications_page(request, digest_form=None, status=200):
    rows = list(notifications.notifications_visible_to(request.user).select_related("referral", "task", "case")
                .order_by("-created_at", "-id")[:LIST_ROWS])
    if digest_form is None:  # no row yet: the default (a daily digest in Dutch); reading creates none
        pref = NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference()
        digest_form = wf.DigestForm(prefix="digest", initial={"digest": pref.digest, "language": pref.language})
    return render(request, "web/notifications.html", {"notifications": rows, "unread": w.unread_count(request),
                                                      "limit": LIST_ROWS, "digest_form": digest_form},
                  status=status)


@page("counsellor")
def notification_list(request):
    return _notifications_page(request)


@page("counsellor")
@require_POST
def notification_preference(request):
    """The e-mail digest, as the API's PATCH /me/notification-preference does."""
    form = wf.DigestForm(request.POST, prefix="digest")
    if not form.is_valid():
        return _notifications_page(request, digest_form=form, status=400)
    pref = preference_of(request.user.pk)
    pref.digest, pref.language = form.cleaned_data["digest"], form.cleaned_data["language"]
    pref.save(update_fields=["digest", "language"])
    return redirect("web:notifications")


@page("counsellor")
@require_POST
def notification_read(request, notification_id):
    notification = get_object_or_404(notifications.notifications_visible_to(request.user), uuid=notification_id)
    notifications.mark_read(notification)
    return _back(request, "web:notifications")


@page("counsellor")
@require_POST
def notifications_read_all(request):
    notifications.mark_all_read(request.user)
    return redirect("web:notifications")


# --- appointments --------------------------------------------------------------------------------

def _appointments_page(request, *, error=None, feed_url=None, status=200):
    user = request.user
    now = timezone.now()
    planned = list(appointment_rules.appointments_visible_to(user)
                   .filter(counsellor_id=user.pk, status=AppointmentStatus.PLANNED)
                   .select_related("client", "case", "desk").order_by("starts_at", "id")[:LIST_ROWS])
    processing.note_subjects(a.client_id for a in planned)
    return render(request, "web/appointments.html", {
        "to_record": [a for a in planned if a.starts_at <= now], "upcoming": [a for a in planned if a.starts_at > now],
        "limit": LIST_ROWS, "error": error, "feed_url": feed_url, "feed_active": calendar.feed_active(user),
        "now": now}, status=status)


@page("counsellor")
def appointment_list(request):
    return _appointments_page(request)


def _visible_appointment(request, appointment_id):
    appointment = get_object_or_404(appointment_rules.appointments_visible_to(request.user)
                                    .select_related("client", "case"), uuid=appointment_id)
    processing.note_subject(appointment.client_id)
    return appointment


def _overlap_asked(exc: DomainError) -> bool:
    return getattr(exc, "code", None) == "overlapping_appointment"


@page("counsellor")
@require_POST
def case_appointment_add(request, case_id):
    case = c._case(request, case_id)
    form = wf.AppointmentForm(request.POST, prefix="appointment")
    asked = bool(request.POST.get("appointment-force"))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            appointment_rules.appointment_plan(
                actor=request.user, desk=acting_desk(request.user, case.desk), client=case.client, case=case,
                counsellor=request.user, data=data, force=data.pop("force", False), reason=data.pop("reason", ""))
        except DomainError as exc:
            asked = asked or _overlap_asked(exc)
            add_domain_error(form, exc, wf.APPOINTMENT_FIELDS)
        else:
            return redirect("web:case", case_id=case.uuid)
    form.drop_overlap_unless(asked)
    return c._render_case(request, case, status=409 if asked and not request.POST.get("appointment-force") else 400,
                          appointment_form=form)


@page("counsellor")
def appointment_reschedule(request, appointment_id):
    appointment = _visible_appointment(request, appointment_id)
    if request.method != "POST":
        form = wf.RescheduleForm(initial={"starts_at": timezone.localtime(appointment.starts_at),
                                          "ends_at": timezone.localtime(appointment.ends_at)})
        form.drop_overlap_unless(False)
        return render(request, "web/appointment_reschedule.html", {"appointment": appointment, "form": form})
    form = wf.RescheduleForm(request.POST)
    asked = bool(request.POST.get("force"))
    if form.is_valid():
        data = form.cleaned_data
        try:
            appointment_rules.appointment_reschedule(
                actor=request.user, appointment=appointment, starts_at=data["starts_at"], ends_at=data["ends_at"],
                force=data.get("force", False), reason=data.get("reason", ""))
        except DomainError as exc:
            asked = asked or _overlap_asked(exc)
            add_domain_error(form, exc, wf.APPOINTMENT_FIELDS)
        else:
            return _back(request, "web:appointments")
    form.drop_overlap_unless(asked)
    return render(request, "web/appointment_reschedule.html", {"appointment": appointment, "form": form,
                                                               "next": request.POST.get("next", "")}, status=400)


@page("counsellor")
@require_POST
def appointment_move(request, appointment_id):
    appointment = _visible_appointment(request, appointment_id)
    form = wf.AppointmentMoveForm(request.POST)
    if not form.is_valid():
        return _appointments_page(request, error="; ".join(form.errors.get("status", [])), status=400)
    try:
        appointment_rules.appointment_move(actor=request.user, appointment=appointment,
                                           to_status=form.cleaned_data["status"])
    except DomainError as exc:
        return _appointments_page(request, error=exc.detail, status=exc.status)
    return _back(request, "web:appointments")


@page("counsellor")
@require_POST
def calendar_feed(request):
    """POST: a new secret address (shown once; any earlier one stops working); POST revoke: none."""
    if request.POST.get("action") == "revoke":
        calendar.feed_revoke(request.user)
        return redirect("web:appointments")
    token = calendar.feed_create(request.user)
    return _appointments_page(request, feed_url=request.build_absolute_uri(f"/api/v1/calendar-feeds/{token}"))
