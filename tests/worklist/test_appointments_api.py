"""Appointments through the API: planning, the time rules (400 ending before it starts, 409 overlap
unless forced with a reason), rescheduling, the no-show, the calendar feed at a secret, revocable
address (parsed with the icalendar library), and the no-show figure for the reports."""
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from rwc.models import User
from tests.worklist.seed import make_appointment
from worklist.figures import no_show_count, no_show_figures
from worklist.models import Appointment

pytestmark = pytest.mark.django_db
APPOINTMENTS = "/api/v1/appointments"


def _at(hours):
    return (timezone.now().replace(microsecond=0) + timedelta(hours=hours))


def _body(world, start_hours=24, length=1, **extra):
    return {"client": str(world.client_a.uuid), "case": str(world.case_a.uuid), "kind": "video",
            "place": "Teams", "startsAt": _at(start_hours).isoformat(),
            "endsAt": _at(start_hours + length).isoformat(), **extra}


def _codes(response):
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


def test_plan_reschedule_and_record_a_no_show(as_user, world):
    api = as_user("midden-rmt-counsellor")
    made = api.post(APPOINTMENTS, _body(world), format="json")
    assert made.status_code == 201, made.content
    appointment = made.json()
    assert appointment["client"] == str(world.client_a.uuid) and appointment["status"] == "planned"
    url = f"{APPOINTMENTS}/{appointment['id']}"
    moved = api.post(f"{url}/rescheduling", {"startsAt": _at(48).isoformat(), "endsAt": _at(49).isoformat()},
                     format="json")
    assert moved.status_code == 200 and moved.json()["timesRescheduled"] == 1
    early = api.post(f"{url}/status-changes", {"status": "no_show"}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "not_yet_started"
    Appointment.objects.filter(uuid=appointment["id"]).update(starts_at=_at(-2), ends_at=_at(-1))
    missed = api.post(f"{url}/status-changes", {"status": "no_show"}, format="json")
    assert missed.status_code == 200 and missed.json()["status"] == "no_show"
    again = api.post(f"{url}/rescheduling", {"startsAt": _at(5).isoformat(), "endsAt": _at(6).isoformat()},
                     format="json")
    assert again.status_code == 409 and again.json()["code"] == "appointment_not_planned"


def test_ending_before_it_starts_is_a_400_and_stores_nothing(as_user, world):
    api = as_user("midden-rmt-counsellor")
    for length in (-1, 0):
        response = api.post(APPOINTMENTS, _body(world, length=length), format="json")
        assert response.status_code == 400 and _codes(response) == {"endsAt": "ends_before_start"}
    assert not Appointment.objects.exists()


def test_an_overlap_for_the_same_counsellor_is_a_409_unless_forced_with_a_reason(as_user, world):
    api = as_user("midden-rmt-counsellor")
    assert api.post(APPOINTMENTS, _body(world, 24, 2), format="json").status_code == 201
    clash = api.post(APPOINTMENTS, _body(world, 25, 1), format="json")
    assert clash.status_code == 409 and clash.json()["code"] == "overlapping_appointment"
    no_reason = api.post(APPOINTMENTS, _body(world, 25, 1, force=True), format="json")
    assert no_reason.status_code == 400 and _codes(no_reason) == {"reason": "blank"}
    assert Appointment.objects.count() == 1
    forced = api.post(APPOINTMENTS, _body(world, 25, 1, force=True, reason="Interpreter only free then"),
                      format="json")
    assert forced.status_code == 201 and forced.json()["overlapReason"] == "Interpreter only free then"
    assert api.post(APPOINTMENTS, _body(world, 26, 1), format="json").status_code == 201  # right after: fine
    # rescheduling onto another one is refused the same way
    later = api.post(APPOINTMENTS, _body(world, 30, 1), format="json").json()
    onto = api.post(f"{APPOINTMENTS}/{later['id']}/rescheduling",
                    {"startsAt": _at(24).isoformat(), "endsAt": _at(25).isoformat()}, format="json")
    assert onto.status_code == 409 and onto.json()["code"] == "overlapping_appointment"


def test_the_client_and_the_counsellor_must_fit(as_user, world):
    api = as_user("midden-rmt-counsellor")
    foreign = api.post(APPOINTMENTS, {**_body(world), "client": str(world.client_lwl_a.uuid), "case": None},
                       format="json")
    assert foreign.status_code == 400 and _codes(foreign) == {"client": "does_not_exist"}
    wrong_case = api.post(APPOINTMENTS, {**_body(world), "case": str(world.case_b.uuid)}, format="json")
    assert wrong_case.status_code == 400 and _codes(wrong_case) == {"case": "does_not_exist"}
    lwl = User.objects.get(username="midden-lwl-counsellor")
    outside = api.post(APPOINTMENTS, {**_body(world), "counsellor": str(lwl.uuid)}, format="json")
    assert outside.status_code == 409 and outside.json()["code"] == "counsellor_not_at_desk"
    assert not Appointment.objects.exists()


def test_the_calendar_feed_parses_names_nobody_and_can_be_revoked(as_user, world):
    planned = make_appointment(world.rmt_a, "midden-rmt-counsellor", world.client_a, world.case_a,
                               place="Thuis bij de klant, Oudegracht 1")
    api = as_user("midden-rmt-counsellor")
    url = api.post("/api/v1/calendar-feed").json()["url"]
    path = url.split("testserver", 1)[1]
    anonymous = APIClient()
    response = anonymous.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [f"{planned.uuid}@rwc"]
    event = events[0]
    assert event.decoded("dtstart") == planned.starts_at and event.decoded("dtend") == planned.ends_at
    text = response.content.decode()
    for personal in ("Anna", "Berg", "Oudegracht", str(world.client_a.uuid)):
        assert personal not in text
    assert "Afspraak met een klant" in str(event["summary"])
    # a new address replaces the old one; revoking ends it
    newer = api.post("/api/v1/calendar-feed").json()["url"].split("testserver", 1)[1]
    assert anonymous.get(path).status_code == 404
    assert anonymous.get(newer).status_code == 200
    assert api.delete("/api/v1/calendar-feed").status_code == 204
    assert anonymous.get(newer).status_code == 404
    assert anonymous.get("/api/v1/calendar-feeds/guess").status_code == 404


def test_the_no_show_figure_counts_by_desk_and_period(world):
    start, end = _at(-24 * 7), _at(1)
    held = make_appointment(world.rmt_a, "midden-rmt-counsellor", world.client_a, hours_ahead=-48)
    missed = make_appointment(world.rmt_a, "midden-rmt-counsellor", world.client_a, hours_ahead=-72)
    lwl_missed = make_appointment(world.lwl_a, "midden-lwl-counsellor", world.client_lwl_a, hours_ahead=-72)
    Appointment.objects.filter(pk=held.pk).update(status="held")
    Appointment.objects.filter(pk__in=[missed.pk, lwl_missed.pk]).update(status="no_show")
    make_appointment(world.rmt_a, "midden-rmt-counsellor", world.client_a, hours_ahead=-96)  # still planned
    assert no_show_figures(start=start, end=end, desk_ids=[world.rmt_a.pk]) == {
        "appointments": 2, "held": 1, "no_shows": 1}
    assert no_show_count(start=start, end=end, region_ids=[world.region_a.pk]) == 2
    assert no_show_count(start=start, end=end, region_ids=[world.region_b.pk]) == 0
