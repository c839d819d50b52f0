"""Changing a front-door question on the web page and registering the person who asked as a client
from it (services.questions.question_update / question_register): the form prefilled with the
question and its version, a stale form refused with nothing changed, a probable duplicate shown as
on the registration page (override with a reason), bad input a form error with nothing stored,
another desk's question a 404, one the person may only read a 403."""
from datetime import timedelta

import pytest
from django.utils import timezone

from clients.models import Client
from rwc.models import Desk, DeskKind, StaffMembership, User
from services.models import FrontDoorQuestion
from services.questions import question_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def lwl(browser_as):
    return browser_as("midden-lwl-counsellor")


def _question(desk, username, **extra):
    return question_record(actor=User.objects.get(username=username), desk=desk,
                           data={"channel": "walk_in", "topic": "career", "pseudonym": "Zonnebloem", **extra})


def _edit(q, **extra):
    data = {"question-channel": q.channel, "question-topic": q.topic, "question-pseudonym": q.pseudonym,
            "question-summary": q.summary, "question-version": q.version}
    if q.follow_up_needed:
        data["question-follow_up_needed"] = "on"
    data.update({f"question-{k}": v for k, v in extra.items()})
    return data


def test_the_list_offers_change_and_registration_for_the_desks_questions(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    page = lwl.get("/questions/").content.decode()
    assert f"/questions/{q.uuid}/edit" in page and f"/questions/{q.uuid}/registration" in page
    assert "Wijzigen" in page and "Inschrijven als cliënt" in page


def test_the_edit_form_is_prefilled_with_the_question_and_its_version(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor", summary="Vraag over een opleiding",
                  referred_to_desk=world.rmt_a, follow_up_needed=True)
    r = lwl.get(f"/questions/{q.uuid}/edit")
    page = r.content.decode()
    assert r.status_code == 200 and "De vraag wijzigen" in page
    assert 'value="Zonnebloem"' in page and "Vraag over een opleiding" in page
    assert f'name="question-version" value="{q.version}"' in page
    assert f'value="{world.rmt_a.pk}" selected' in page and "checked" in page


def test_changing_a_question_refers_it_onwards_and_closes_the_follow_up(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor", follow_up_needed=True,
                  follow_up_on=timezone.localdate() + timedelta(days=2))
    data = _edit(q, topic="training", referred_to_partner=world.partner_a.pk)
    del data["question-follow_up_needed"]
    r = lwl.post(f"/questions/{q.uuid}/edit", data)
    assert r.status_code == 302 and r["Location"] == f"/questions/#question-{q.uuid}"
    q.refresh_from_db()
    assert q.topic == "training" and q.referred_to_partner == world.partner_a
    assert not q.follow_up_needed and q.follow_up_on is None and q.version == 2


def test_a_stale_edit_is_refused_and_changes_nothing(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    r = lwl.post(f"/questions/{q.uuid}/edit", _edit(q, pseudonym="Merel", version=q.version - 1))
    page = r.content.decode()
    assert r.status_code == 412 and "Iemand anders heeft dit gewijzigd" in page
    assert 'value="Zonnebloem"' in page  # the current state, to try again from
    q.refresh_from_db()
    assert q.pseudonym == "Zonnebloem" and q.version == 1
    r = lwl.post(f"/questions/{q.uuid}/edit", _edit(q, pseudonym="Merel"))  # from the current state: saved
    assert r.status_code == 302


def test_a_stale_edit_says_so_in_english_on_request(browser_as, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    c = browser_as("midden-lwl-counsellor")
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    r = c.post(f"/questions/{q.uuid}/edit", _edit(q, version=q.version + 3))
    assert r.status_code == 412 and "Someone else changed this record" in r.content.decode()


def test_bad_input_on_the_edit_form_is_a_form_error_and_changes_nothing(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    r = lwl.post(f"/questions/{q.uuid}/edit", _edit(q, follow_up_on=str(timezone.localdate())))
    page = r.content.decode()
    assert r.status_code == 400 and "aria-invalid" in page  # a follow-up date without a follow-up needed
    r = lwl.post(f"/questions/{q.uuid}/edit", _edit(q, referred_to_desk=world.rmt_b.pk))  # another region's desk
    assert r.status_code == 400 and "Selecteer een geldige keuze" in r.content.decode()
    r = lwl.post(f"/questions/{q.uuid}/edit", _edit(q, pseudonym="x" * 81))
    assert r.status_code == 400
    q.refresh_from_db()
    assert q.version == 1 and q.pseudonym == "Zonnebloem" and q.referred_to_desk_id is None


@pytest.mark.parametrize("action", ["edit", "registration"])
def test_another_desks_question_is_a_404(browser_as, world, action):
    q = _question(world.rmt_a, "midden-rmt-counsellor")
    c = browser_as("midden-lwl-counsellor")
    assert c.get(f"/questions/{q.uuid}/{action}").status_code == 404
    assert c.post(f"/questions/{q.uuid}/{action}", _edit(q, pseudonym="Merel")).status_code == 404
    q.refresh_from_db()
    assert q.version == 1 and q.pseudonym == "Zonnebloem" and q.client_id is None


@pytest.mark.parametrize("username", ["midden-rmt-counsellor", "midden-privacy-officer", "midden-wsp-counsellor"])
@pytest.mark.parametrize("action", ["edit", "registration"])
def test_the_pages_are_the_front_door_desks(browser_as, world, username, action):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    assert browser_as(username).get(f"/questions/{q.uuid}/{action}").status_code == 404


@pytest.mark.parametrize("action", ["edit", "registration"])
def test_a_question_one_may_only_read_is_a_403_and_changes_nothing(browser_as, world, action):
    """The region's privacy officer reads every question of the region; working at the youth desk
    too, they open the page but change only the youth desk's questions."""
    officer = User.objects.get(username="midden-privacy-officer")
    StaffMembership.objects.create(user=officer, desk=Desk.objects.get(region=world.lwl_a.region,
                                                                       kind=DeskKind.YOUTH), role="counsellor")
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    c = browser_as("midden-privacy-officer")
    r = c.get(f"/questions/{q.uuid}/{action}")
    assert r.status_code == 403 and "maar niet wijzigen" in r.content.decode()
    r = c.post(f"/questions/{q.uuid}/{action}", {**_edit(q, pseudonym="Merel"), "client-given_names": "Mila",
                                                 "client-surname": "Smit", "client-birth_date": "2001-02-03",
                                                 "client-version": 1})
    assert r.status_code == 403
    q.refresh_from_db()
    assert q.version == 1 and q.pseudonym == "Zonnebloem" and q.client_id is None


def _person(q, **extra):
    return {"client-given_names": "Mila", "client-surname": "Smit", "client-birth_date": "2001-02-03",
            "client-postcode": "3511 AB", "client-version": q.version, **{f"client-{k}": v for k, v in extra.items()}}


def test_registering_the_person_links_the_question_to_the_new_client(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    r = lwl.get(f"/questions/{q.uuid}/registration")
    page = r.content.decode()
    assert r.status_code == 200 and "Zonnebloem" in page
    assert f'name="client-version" value="{q.version}"' in page and 'name="client-given_names"' in page
    before = Client.objects.count()
    r = lwl.post(f"/questions/{q.uuid}/registration", _person(q))
    assert r.status_code == 302 and Client.objects.count() == before + 1
    q.refresh_from_db()
    client = Client.objects.get(surname="Smit", given_names="Mila")
    assert q.client == client and client.registered_by_desk == world.lwl_a and q.version == 2
    page = lwl.get(r["Location"]).content.decode()
    assert f"/clients/{client.uuid}/" in page  # the list shows it linked
    r = lwl.get(f"/questions/{q.uuid}/registration")  # once
    assert r.status_code == 409 and "al gekoppeld" in r.content.decode()


def test_bad_input_on_the_registration_is_a_form_error_and_stores_nothing(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    before = Client.objects.count()
    r = lwl.post(f"/questions/{q.uuid}/registration", _person(q, birth_date="", surname=""))
    assert r.status_code == 400 and "aria-invalid" in r.content.decode()
    r = lwl.post(f"/questions/{q.uuid}/registration", _person(q, postcode="12"))  # the domain's rule
    assert r.status_code == 400 and 'value="12"' in r.content.decode()
    q.refresh_from_db()
    assert Client.objects.count() == before and q.client_id is None and q.version == 1


def test_a_stale_registration_is_refused_and_stores_nothing(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    before = Client.objects.count()
    r = lwl.post(f"/questions/{q.uuid}/registration", _person(q, version=q.version - 1))
    assert r.status_code == 412 and "er is niets opgeslagen" in r.content.decode()
    assert 'value="Mila"' in r.content.decode()  # the input is kept, to send again
    q.refresh_from_db()
    assert Client.objects.count() == before and q.client_id is None
    assert f'name="client-version" value="{q.version}"' in r.content.decode()


def test_a_probable_duplicate_is_shown_and_registered_only_with_a_reason(lwl, world):
    q = _question(world.lwl_a, "midden-lwl-counsellor")
    known = world.client_lwl_a
    data = _person(q, given_names=known.given_names, surname=known.surname,
                   birth_date=known.birth_date.isoformat(), postcode="")
    before = Client.objects.count()
    r = lwl.post(f"/questions/{q.uuid}/registration", data)
    page = r.content.decode()
    assert r.status_code == 409 and Client.objects.count() == before
    assert "Deze persoon is waarschijnlijk al ingeschreven" in page and f"/clients/{known.uuid}/" in page
    assert 'name="client-override_reason"' in page and f'value="{known.surname}"' in page
    r = lwl.post(f"/questions/{q.uuid}/registration", {**data, "override": "1", "client-override_reason": " "})
    assert Client.objects.count() == before and "Geef aan waarom dit niet dezelfde persoon is." in r.content.decode()
    q.refresh_from_db()
    assert q.client_id is None
    r = lwl.post(f"/questions/{q.uuid}/registration",
                 {**data, "override": "1", "client-override_reason": "Een naamgenoot"})
    assert r.status_code == 302 and Client.objects.count() == before + 1
    q.refresh_from_db()
    assert q.client == Client.objects.get(duplicate_override_reason="Een naamgenoot")


def test_the_question_rows_keep_their_pinned_queries(lwl, world):
    """The page's pin (tests/web/test_questions.py) holds with the change and registration links."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        _question(world.lwl_a, "midden-lwl-counsellor", pseudonym=f"P{n}")
    with CaptureQueriesContext(connection) as ctx:
        assert lwl.get("/questions/").status_code == 200
    assert len(ctx.captured_queries) == 17
    assert FrontDoorQuestion.objects.filter(desk=world.lwl_a).count() == 3


def test_the_change_and_registration_pages_read_a_pinned_number_of_queries(lwl, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    q = _question(world.lwl_a, "midden-lwl-counsellor", referred_to_desk=world.rmt_a)
    measured = []
    for action in ("edit", "registration"):
        lwl.get(f"/questions/{q.uuid}/{action}")
        with CaptureQueriesContext(connection) as ctx:
            assert lwl.get(f"/questions/{q.uuid}/{action}").status_code == 200
        measured.append(len(ctx.captured_queries))
    assert measured == [13, 8], measured
