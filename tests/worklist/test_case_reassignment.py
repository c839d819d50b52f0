"""A case handed to another counsellor takes the previous owner's open tasks about it along; the new
owner is told; someone who no longer holds a case (or left its desk) no longer reads its tasks."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.services import case_reassign
from rwc.models import StaffMembership, User
from worklist import notifications
from worklist.models import Notification, Task

from .conftest import client_for, make_staff
from .seed import make_task

pytestmark = pytest.mark.django_db
TASKS = "/api/v1/tasks"


def _lead():
    return User.objects.get(username="midden-rmt-lead")


def _ids(user):
    return {t["id"] for t in client_for(user).get(TASKS).json()["results"]}


def test_the_previous_owners_open_tasks_about_the_case_follow_to_the_new_owner(world, django_capture_on_commit_callbacks):
    owner = world.case_a.owner
    colleague = make_staff("midden-rmt-c3", world.rmt_a)
    about_case = make_task(world.rmt_a, owner.username, "case", world.case_a)
    done = make_task(world.rmt_a, owner.username, "case", world.case_a)
    Task.objects.filter(pk=done.pk).update(status="done")
    about_client = make_task(world.rmt_a, owner.username, "client", world.client_a)
    pool = make_task(world.rmt_a, None, "case", world.case_a)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        case = case_reassign(actor=_lead(), case=world.case_a, owner=colleague)
    assert len(queued) == 2  # the moved task's notice and the case's

    about_case.refresh_from_db()
    assert (about_case.assignee, about_case.version) == (colleague, 2)
    assert Task.objects.get(pk=done.pk).assignee == owner  # a finished task keeps its history
    assert Task.objects.get(pk=about_client.pk).assignee == owner  # not about the case
    assert Task.objects.get(pk=pool.pk).assignee is None
    assert str(about_case.uuid) in _ids(colleague) and str(about_case.uuid) not in _ids(owner)

    notifications.task_assigned(about_case.pk, about_case.version)
    notifications.case_reassigned(case.pk, case.version)
    assert set(Notification.objects.filter(recipient=colleague).values_list("kind", flat=True)) == {
        "task_assigned", "case_reassigned"}


def test_handing_a_case_to_its_owner_again_moves_nothing(world):
    task = make_task(world.rmt_a, world.case_a.owner.username, "case", world.case_a)
    case_reassign(actor=_lead(), case=world.case_a, owner=world.case_a.owner)
    task.refresh_from_db()
    assert task.version == 1


def test_a_refused_handing_over_moves_no_task(world):
    from rwc.errors import NotAllowed

    colleague = make_staff("midden-rmt-c4", world.rmt_a)
    task = make_task(world.rmt_a, world.case_a.owner.username, "case", world.case_a)
    with pytest.raises(NotAllowed):
        case_reassign(actor=world.case_a.owner, case=world.case_a, owner=colleague)
    task.refresh_from_db()
    assert task.assignee == world.case_a.owner


def test_an_owner_who_moved_desks_no_longer_reads_the_cases_tasks_nor_its_subject(world):
    """The old owner moved from the RMT to the LWL: the case is no longer theirs to see, and no task
    left assigned to them keeps showing it; the handing-over gives those tasks to the new owner."""
    owner = world.case_a.owner
    task = make_task(world.rmt_a, owner.username, "case", world.case_a)
    StaffMembership.objects.filter(user=owner, desk=world.rmt_a).update(ended_at=timezone.now())
    StaffMembership.objects.create(user=owner, desk=world.lwl_a, role="counsellor")

    body = client_for(owner).get(TASKS).json()
    assert str(world.case_a.uuid) not in str(body) and str(task.uuid) not in str(body)
    assert client_for(owner).get(f"{TASKS}/{task.uuid}").status_code == 404

    colleague = make_staff("midden-rmt-c5", world.rmt_a)
    case_reassign(actor=_lead(), case=world.case_a, owner=colleague)
    task.refresh_from_db()
    assert task.assignee == colleague
    assert str(task.uuid) in _ids(colleague)


def test_moving_the_tasks_costs_a_fixed_number_of_queries_per_task(world):
    """Each moved task is checked against the record's rules: a fixed handful of queries per task and
    nothing else that grows (pinned, so a change that adds a query per task shows)."""
    staff = [make_staff(f"midden-rmt-q{i}", world.rmt_a) for i in range(4)]
    case = case_reassign(actor=_lead(), case=world.case_a, owner=staff[0])  # warm: the lead's profile
    counts = []
    for n, (before, after) in enumerate(zip(staff, staff[1:]), start=1):
        for _i in range(n):
            make_task(world.rmt_a, before.username, "case", case)
        with CaptureQueriesContext(connection) as queries:
            case = case_reassign(actor=_lead(), case=case, owner=after, expected_version=case.version)
        counts.append(len(queries))
    assert Task.objects.filter(case=case, assignee=staff[3]).count() == 6
    # moved: 1, then 3 (1 + 2 new), then 6 (3 + 3 new)
    assert (counts[1] - counts[0], counts[2] - counts[1]) == (2 * PER_TASK, 3 * PER_TASK), counts


PER_TASK = 3  # may the new owner hold it (works at the desk, sees the record), and its update
