"""Tasks: who sees them, who may assign them to whom, and their moves. Each write in one transaction.

Access:
- a counsellor sees the tasks assigned to them at the desks they work at (no longer those of a desk
  they left) and the open pool of their desks (no assignee: anyone
  there may pick one up); a team lead sees all of their desk's tasks and reassigns them;
- a task is about one record, and is only ever given to someone who may see that record: the
  assignee (or, for the pool, the desk) must see it through the record's own `*_visible_to`, else
  409 `assignee_may_not_see_record`, which names the rule and nothing of the record. An assignee
  must work at the task's desk (409 `assignee_not_at_desk`);
- managers, privacy officers, functional administrators and partner systems have no worklist.
"""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.access import cases_visible_to
from clients import normalise
from clients.access import clients_visible_to
from employers.employers import employers_visible_to
from referrals.access import referrals_visible_to
from rwc.access import AccessProfile, desk_and_successors, profile_for
from rwc.errors import Conflict, InvalidFields, NotAllowed
from rwc.models import Desk, StaffMembership, User

from .choices import SubjectKind, TaskPriority, TaskStatus
from .models import Task

TITLE_MAX = 200


def _user(actor):
    return actor if isinstance(actor, User) else None


# --- access --------------------------------------------------------------------------------------


def tasks_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.member_desk_ids:
        return Task.objects.none()
    # one's own tasks only at the desks one works at: who left a desk no longer reads its tasks
    q = Q(assignee_id=profile.user_id, desk_id__in=profile.desk_ids) | Q(desk_id__in=profile.desk_ids,
                                                                          assignee__isnull=True)
    if profile.team_lead_desk_ids:
        q |= Q(desk_id__in=profile.team_lead_desk_ids)
    return Task.objects.filter(q)


def is_team_lead_of(principal, desk: Desk) -> bool:
    return bool(set(desk_and_successors(desk)) & profile_for(principal).team_lead_desk_ids)


class DeskPrincipal:
    """A desk as a principal: what anyone working there (and no more) may see. Asks the records'
    own `*_visible_to` functions whether a task for the desk's pool would reveal its record."""

    is_authenticated = True
    is_partner = False

    def __init__(self, desk: Desk):
        predecessors, frontier = {desk.id}, [desk.id]
        while frontier:
            merged = list(Desk.objects.filter(merged_into_id__in=frontier).values_list("id", flat=True))
            frontier = [d for d in merged if d not in predecessors]
            predecessors.update(frontier)
        self._rwc_access_profile = AccessProfile(
            member_desk_ids=frozenset({desk.id}), desk_ids=frozenset(predecessors),
            desk_region_ids=frozenset({desk.region_id}), scopes=frozenset({"staff"}))


VISIBLE = {
    SubjectKind.CLIENT: (clients_visible_to, "client"),
    SubjectKind.CASE: (cases_visible_to, "case"),
    SubjectKind.REFERRAL: (referrals_visible_to, "referral"),
    SubjectKind.EMPLOYER: (employers_visible_to, "employer"),
}


@dataclass
class Subject:
    """The record a task is about, and the client it belongs to (None for an employer)."""

    kind: str
    record: object
    client_id: int | None

    def fields(self) -> dict:
        return {"subject_kind": self.kind, VISIBLE[self.kind][1]: self.record, "client_id": self.client_id}


def subject_of(kind: str, record) -> Subject:
    client_id = None if kind == SubjectKind.EMPLOYER else (record.pk if kind == SubjectKind.CLIENT else record.client_id)
    return Subject(kind, record, client_id)


def find_subject(principal, kind: str, record_uuid) -> Subject:
    """The record by its id, among those the principal may see; else a 400 that says no more."""
    if kind not in VISIBLE:
        raise InvalidFields([("subject_kind", "invalid_choice", _("Unknown kind of record; use one of: %(allowed)s.")
                              % {"allowed": ", ".join(SubjectKind.values)})])
    visible, _name = VISIBLE[kind]
    record = visible(principal).filter(uuid=record_uuid).first()
    if record is None:
        raise InvalidFields([("subject", "does_not_exist", _("No such record that you may use."))])
    return subject_of(kind, record)


def may_see(principal, subject: Subject) -> bool:
    visible, _name = VISIBLE[subject.kind]
    return visible(principal).filter(pk=subject.record.pk).exists()


def works_at(user: User, desk: Desk) -> bool:
    return StaffMembership.objects.filter(user=user, desk_id__in=desk_and_successors(desk),
                                          ended_at__isnull=True).exists()


def check_assignment(desk: Desk, assignee: User | None, subject: Subject) -> None:
    """The rules of who may hold a task: 409 naming the rule, never the record."""
    if not desk.is_active:
        raise Conflict(_("An inactive desk takes no tasks."), field="desk", code="desk_inactive")
    if assignee is not None and not works_at(assignee, desk):
        raise Conflict(_("The assignee does not work at the task's desk."), field="assignee",
                       code="assignee_not_at_desk")
    holder = assignee if assignee is not None else DeskPrincipal(desk)
    if not may_see(holder, subject):
        raise Conflict(_("The assignee may not see the record this task is about: share it with them first "
                         "(a referral or a grant), or give the task to someone who may."),
                       field="assignee" if assignee is not None else "desk", code="assignee_may_not_see_record")


# --- services ------------------------------------------------------------------------------------


def _clean(data: dict) -> dict:
    errors = []
    title = normalise.text(data.get("title"))
    if not title:
        errors.append(("title", "blank", _("Say in a few words what is to be done.")))
    elif len(title) > TITLE_MAX:
        errors.append(("title", "max_length", _("At most %(max)s characters.") % {"max": TITLE_MAX}))
    due_on = data.get("due_on")
    if due_on is None:
        errors.append(("due_on", "required", _("This field is required.")))
    elif due_on < timezone.localdate():
        errors.append(("due_on", "in_past", _("A task cannot be due in the past.")))
    priority = data.get("priority") or TaskPriority.NORMAL
    if priority not in TaskPriority.values:
        errors.append(("priority", "invalid_choice", _("Unknown priority; use one of: %(allowed)s.")
                       % {"allowed": ", ".join(TaskPriority.values)}))
    if errors:
        raise InvalidFields(errors)
    return {"title": title, "due_on": due_on, "priority": priority}


def _notify_assigned(task: Task, actor) -> None:
    if task.assignee_id is not None and task.assignee_id != getattr(actor, "pk", None):
        from .dispatch import after_commit

        after_commit("worklist.task_assigned", task.pk, task.version)


@transaction.atomic
def task_create(*, actor, desk: Desk, subject: Subject, data: dict, assignee: User | None = None) -> Task:
    """A task at the actor's desk, for a counsellor there or for the desk's pool."""
    cleaned = _clean(data)
    check_assignment(desk, assignee, subject)
    now = timezone.now()
    task = Task.objects.create(desk=desk, assignee=assignee, status_changed_at=now, created_at=now,
                               created_by=_user(actor), **cleaned, **subject.fields())
    _notify_assigned(task, actor)
    return task


@transaction.atomic
def task_derive(*, desk: Desk, subject: Subject, origin: str, source_key: str, title: str, due_on,
                priority: str = TaskPriority.NORMAL, assignee: User | None = None) -> Task | None:
    """A task the engine makes from an event or a reminder, at most once per `source_key`. None
    when it exists already, or when its holder may not see the record (then it is not made)."""
    if Task.objects.filter(source_key=source_key).exists():
        return None
    try:
        check_assignment(desk, assignee, subject)
    except Conflict:
        if assignee is None:
            return None
        assignee = None  # the owner left the desk, say: the desk's pool takes it
        try:
            check_assignment(desk, None, subject)
        except Conflict:
            return None
    now = timezone.now()
    task, created = Task.objects.get_or_create(source_key=source_key, defaults=dict(
        desk=desk, assignee=assignee, status_changed_at=now, created_at=now, title=title[:TITLE_MAX],
        due_on=max(due_on, timezone.localdate()), priority=priority, origin=origin, **subject.fields()))
    if created:
        _notify_assigned(task, None)
    return task if created else None


def _locked_open(task: Task) -> Task:
    locked = Task.objects.select_for_update().select_related("desk").get(pk=task.pk)
    if locked.status != TaskStatus.OPEN:
        raise Conflict(_("The task is %(status)s; only an open task changes.") % {"status": locked.get_status_display()},
                       code="task_not_open")
    return locked


def subject_from_task(task: Task) -> Subject:
    kind = task.subject_kind
    return Subject(kind, getattr(task, VISIBLE[kind][1]), task.client_id)


@transaction.atomic
def task_assign(*, actor, task: Task, assignee: User | None) -> Task:
    """A team lead gives the task to someone at the desk (or back to the pool); anyone at the desk
    picks an unassigned one up for themselves."""
    locked = _locked_open(task)
    lead = is_team_lead_of(actor, locked.desk)
    picking_up = locked.assignee_id is None and assignee is not None and assignee.pk == getattr(actor, "pk", None)
    if not (lead or picking_up):
        raise NotAllowed(_("Only a team lead of the desk reassigns tasks; you may pick up an unassigned one "
                           "for yourself."))
    if assignee is not None and assignee.pk == locked.assignee_id:
        return locked
    check_assignment(locked.desk, assignee, subject_from_task(locked))
    locked.assignee = assignee
    locked.version += 1
    locked.save(update_fields=["assignee", "version"])
    _notify_assigned(locked, actor)
    return locked


@transaction.atomic
def tasks_follow_case(case, previous_owner_id: int | None) -> int:
    """A case handed to another counsellor: the previous owner's open tasks about it follow to the
    new owner (or to the desk's pool when the new owner may not hold one), each new holder told
    through the engine. A task neither may hold stays where it is (its desk's team lead sees it)."""
    if previous_owner_id is None or previous_owner_id == case.owner_id:
        return 0
    moved = 0
    tasks = (Task.objects.select_for_update().select_related("desk", "case")
             .filter(case_id=case.pk, assignee_id=previous_owner_id, status=TaskStatus.OPEN).order_by("id"))
    for task in tasks:
        subject = subject_from_task(task)
        for holder in (case.owner, None):
            try:
                check_assignment(task.desk, holder, subject)
            except Conflict:
                continue
            task.assignee = holder
            task.version += 1
            task.save(update_fields=["assignee", "version"])
            _notify_assigned(task, None)
            moved += 1
            break
    return moved


MOVES = {TaskStatus.OPEN: {TaskStatus.DONE, TaskStatus.CANCELLED}}


@transaction.atomic
def task_move(*, actor, task: Task, to_status: str) -> Task:
    """Done or cancelled, from open only (anything else 409 `illegal_move`)."""
    locked = Task.objects.select_for_update().get(pk=task.pk)
    if to_status not in MOVES.get(locked.status, set()):
        raise Conflict(_("A task that is %(status)s cannot become %(to)s.")
                       % {"status": locked.get_status_display(), "to": TaskStatus(to_status).label
                          if to_status in TaskStatus.values else to_status}, field="status", code="illegal_move")
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "status_changed_at", "version"])
    return locked


def task_counts(tasks) -> dict:
    """Per status and overdue (open, due before today), in one aggregate query."""
    today = timezone.localdate()
    return tasks.order_by().aggregate(
        open=Count("id", filter=Q(status=TaskStatus.OPEN)),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        cancelled=Count("id", filter=Q(status=TaskStatus.CANCELLED)),
        overdue=Count("id", filter=Q(status=TaskStatus.OPEN, due_on__lt=today)),
    )


