"""The worklist's pages: tasks, notifications, appointments on the same domain rules as the API;
the domain's refusals next to the field in Dutch with the input kept; 404 for what one may not see;
constant query counts, pinned (counted with two rows each, so a per-row query would show)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.worklist.seed import make_appointment, make_notification, make_task, seeded
from worklist.choices import SubjectKind, TaskStatus
from worklist.models import Notification, Task

pytestmark = pytest.mark.django_db

PINNED = {"/tasks/": 8, "/notifications/": 7, "/appointments/": 8, "/": 13, "case": 20}  # the case page shows documents and services too


@pytest.fixture
def counsellor(browser_as):
    return browser_as("midden-rmt-counsellor")


def test_worklist_pages_read_a_constant_number_of_queries(counsellor, world):
    seed = seeded(world)
    measured = []
    for extra in range(2):
        make_task(world.rmt_a, "midden-rmt-counsellor", SubjectKind.CASE, world.case_a, title=f"Extra {extra}")
        make_notification("midden-rmt-counsellor", f"test:extra:{extra}")
        make_appointment(world.rmt_a, "midden-rmt-counsellor", world.client_a, world.case_a, hours_ahead=48 + 2 * extra)
        counts = {}
        for name in PINNED:
            url = f"/cases/{world.case_a.uuid}/" if name == "case" else name
            counsellor.get(url)
            with CaptureQueriesContext(connection) as ctx:
                r = counsellor.get(url)
            assert r.status_code == 200, url
            counts[name] = len(ctx.captured_queries)
        measured.append(counts)
    assert measured == [PINNED, PINNED], measured
    assert seed.a.task.title in counsellor.get("/tasks/").content.decode()


def test_a_task_due_in_the_past_is_refused_next_to_the_field_in_dutch(counsellor, world):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    r = counsellor.post(f"/cases/{world.case_a.uuid}/tasks", {"task-title": "Bel de werkgever", "task-due_on": past,
                                                             "task-priority": "normal"})
    page = r.content.decode()
    assert r.status_code == 400 and not Task.objects.exists()
    assert "Een taak kan geen vervaldatum in het verleden hebben." in page
    assert 'value="Bel de werkgever"' in page


def test_a_task_is_added_and_marked_done(counsellor, world):
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    r = counsellor.post(f"/clients/{world.client_a.uuid}/tasks", {"task-title": "CV nalopen", "task-due_on": due,
                                                                 "task-priority": "high"})
    assert r.status_code == 302
    task = Task.objects.get(title="CV nalopen")
    assert "CV nalopen" in counsellor.get("/").content.decode()
    r = counsellor.post(f"/tasks/{task.uuid}/status", {"status": "done"})
    assert r.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_notifications_are_read_one_or_all_and_someone_elses_is_a_404(counsellor, world):
    seed = seeded(world)
    make_notification("midden-rmt-counsellor", "test:second")
    page = counsellor.get("/notifications/").content.decode()
    assert 'id="nav-unread">2<' in page
    assert counsellor.post(f"/notifications/{seed.lead_notification_a.uuid}/read").status_code == 404
    assert counsellor.post(f"/notifications/{seed.a.notification.uuid}/read").status_code == 302
    assert Notification.objects.filter(recipient__username="midden-rmt-counsellor", read_at__isnull=True).count() == 1
    counsellor.post("/notifications/read")
    assert not Notification.objects.filter(recipient__username="midden-rmt-counsellor", read_at__isnull=True).exists()


def test_foreign_tasks_and_appointments_are_404(counsellor, world):
    seed = seeded(world)
    assert counsellor.post(f"/tasks/{seed.b.task.uuid}/status", {"status": "done"}).status_code == 404
    assert counsellor.post(f"/appointments/{seed.b.appointment.uuid}/status", {"status": "cancelled"}).status_code == 404
    assert counsellor.get(f"/appointments/{seed.lwl_a.appointment.uuid}/reschedule").status_code == 404


def test_an_overlapping_appointment_asks_for_force_with_a_reason(counsellor, world):
    seed = seeded(world)
    starts = timezone.localtime(seed.a.appointment.starts_at)
    data = {"appointment-kind": "phone", "appointment-place": "",
            "appointment-starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "appointment-ends_at": (starts + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")}
    r = counsellor.post(f"/cases/{world.case_a.uuid}/appointments", data)
    assert r.status_code == 409 and 'name="appointment-reason"' in r.content.decode()
    r = counsellor.post(f"/cases/{world.case_a.uuid}/appointments", {**data, "appointment-force": "on",
                                                                    "appointment-reason": "Kort telefoontje"})
    assert r.status_code == 302


def test_the_calendar_feed_address_is_made_and_revoked(counsellor, world):
    r = counsellor.post("/appointments/calendar-feed", {"action": "create"})
    assert r.status_code == 200 and "/api/v1/calendar-feeds/" in r.content.decode()
    counsellor.post("/appointments/calendar-feed", {"action": "revoke"})
    assert 'id="feed-revoke"' not in counsellor.get("/appointments/").content.decode()


def test_a_team_lead_reassigns_a_task_and_a_counsellor_may_not(browser_as, world):
    seed = seeded(world)
    counsellor = browser_as("midden-rmt-counsellor")
    r = counsellor.post(f"/tasks/{seed.a.task.uuid}/assignee", {"assignee": ""})
    assert r.status_code == 403 and "teamleider" in r.content.decode()
    lead = browser_as("midden-rmt-lead")
    assert f'id="assignee-{seed.a.task.uuid}"' in lead.get("/tasks/").content.decode()
    assert lead.post(f"/tasks/{seed.a.task.uuid}/assignee", {"assignee": ""}).status_code == 302
    seed.a.task.refresh_from_db()
    assert seed.a.task.assignee is None
