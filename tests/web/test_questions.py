"""The front-door questions page (Leerwerkloket and youth desk): who opens it, logging a question
with the rules shown in Dutch next to the field and nothing stored on bad input, the desk's list,
linking a question to a registered client (once; another region's client or question is a 404)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rwc.models import User
from services.models import FrontDoorQuestion
from services.questions import question_record
from tests.conftest import STAFF_USERNAMES

pytestmark = pytest.mark.django_db

USERNAMES = {**STAFF_USERNAMES, "wsp": "midden-wsp-counsellor", "no_role": "no-role"}
ALLOWED = {"lwl_counsellor", "youth_counsellor"}


@pytest.fixture
def lwl(browser_as):
    return browser_as("midden-lwl-counsellor")


def _question(desk, username, **extra):
    return question_record(actor=User.objects.get(username=username), desk=desk,
                           data={"channel": "walk_in", "topic": "career", "pseudonym": "Zonnebloem", **extra})


@pytest.mark.parametrize("role", ["counsellor", "team_lead", "manager", "privacy_officer", "wsp", "no_role",
                                  "lwl_counsellor", "youth_counsellor"])
def test_the_questions_page_is_for_the_front_door_desks(browser_as, world, role):
    assert browser_as(USERNAMES[role]).get("/questions/").status_code == (200 if role in ALLOWED else 404)


def test_logging_a_question_shows_the_rule_in_dutch_and_stores_nothing(lwl, world):
    before = FrontDoorQuestion.objects.count()
    data = {"question-desk": world.lwl_a.pk, "question-channel": "phone", "question-topic": "training",
            "question-pseudonym": "Merel", "question-follow_up_on": str(timezone.localdate() + timedelta(days=3))}
    r = lwl.post("/questions/new", data)  # a follow-up date without a follow-up needed
    page = r.content.decode()
    assert r.status_code == 400 and FrontDoorQuestion.objects.count() == before
    assert 'value="Merel"' in page and "aria-invalid" in page
    r = lwl.post("/questions/new", {**data, "question-desk": world.rmt_a.pk})  # not the person's desk
    assert r.status_code == 400 and FrontDoorQuestion.objects.count() == before
    assert "Selecteer een geldige keuze" in r.content.decode()
    r = lwl.post("/questions/new", {**data, "question-follow_up_needed": "on",
                                    "question-referred_to_desk": world.rmt_a.pk})
    assert r.status_code == 302
    q = FrontDoorQuestion.objects.get(pseudonym="Merel")
    assert q.desk == world.lwl_a and q.follow_up_needed and q.referred_to_desk == world.rmt_a
    page = lwl.get("/questions/").content.decode()
    assert "Merel" in page


def test_the_list_shows_the_desks_questions_only(browser_as, world):
    _question(world.lwl_a, "midden-lwl-counsellor", pseudonym="Eigen")
    _question(world.rmt_b, "amersfoort-rmt-counsellor",
              pseudonym="Vreemd")
    page = browser_as("midden-lwl-counsellor").get("/questions/").content.decode()
    assert "Eigen" in page and "Vreemd" not in page
    assert "Eigen" not in browser_as("midden-youth-counsellor").get("/questions/").content.decode()


def test_linking_a_question_to_a_client_once(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    url = f"/questions/{q.uuid}/client"
    prefix = f"q-{q.uuid}"
    r = lwl.post(url, {f"{prefix}-client": "geen-id", f"{prefix}-version": q.version})
    assert r.status_code == 400 and "Geef het cliëntnummer" in r.content.decode()
    r = lwl.post(url, {f"{prefix}-client": str(world.client_b.uuid), f"{prefix}-version": q.version})
    assert r.status_code == 400 and "Geen cliënt met dit nummer" in r.content.decode()
    r = lwl.post(url, {f"{prefix}-client": str(world.client_lwl_a.uuid), f"{prefix}-version": q.version - 1})
    assert r.status_code == 412
    q.refresh_from_db()
    assert q.client_id is None
    r = lwl.post(url, {f"{prefix}-client": str(world.client_lwl_a.uuid), f"{prefix}-version": q.version})
    assert r.status_code == 302
    q.refresh_from_db()
    assert q.client == world.client_lwl_a
    r = lwl.post(url, {f"{prefix}-client": str(world.client_lwl_a.uuid), f"{prefix}-version": q.version})
    assert r.status_code == 409


def test_another_desks_question_cannot_be_linked(browser_as, world):
    q = _question(world.rmt_a, "midden-rmt-counsellor")
    r = browser_as("midden-lwl-counsellor").post(f"/questions/{q.uuid}/client",
                                                 {f"q-{q.uuid}-client": str(world.client_lwl_a.uuid),
                                                  f"q-{q.uuid}-version": 1})
    assert r.status_code == 404
    q.refresh_from_db()
    assert q.client_id is None


def test_the_questions_page_reads_a_pinned_number_of_queries(lwl, world):
    measured = []
    for n in range(2):  # more rows (referred on, linked) must not mean more queries
        _question(world.lwl_a, "midden-lwl-counsellor", pseudonym=f"P{n}", referred_to_desk=world.rmt_a)
        _question(world.lwl_a, "midden-lwl-counsellor", pseudonym=f"Q{n}", referred_to_partner=world.partner_a)
        lwl.get("/questions/")
        with CaptureQueriesContext(connection) as ctx:
            assert lwl.get("/questions/").status_code == 200
        measured.append(len(ctx.captured_queries))
    assert measured == [17, 17], measured
