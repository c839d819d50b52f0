"""The matching event's page (WSP): its employers and the job seekers registered, registering a client
one works with, recording attendance and matches through employers.matching_events (as the API does).
Another region's event is a 404, an event one may see but not work a 403, the domain's refusals
shown in Dutch with nothing stored, the page's queries pinned."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from employers import matching_events
from employers.models import MatchingEventMatch, MatchingEventRegistration
from rwc.models import StaffMembership, User
from tests.conftest import STAFF_USERNAMES
from tests.employers.seed import consent_for_wsp, make_employer, wsp_of
from tests.web.test_employers import fitting_client

pytestmark = pytest.mark.django_db

USERNAMES = {**STAFF_USERNAMES, "wsp": "midden-wsp-counsellor", "no_role": "no-role"}


@pytest.fixture
def wsp(browser_as):
    return browser_as("midden-wsp-counsellor")


def _event(region, employer, days=-1, name="Zorgbanenmarkt"):
    return matching_events.event_create(
        actor=User.objects.get(username=f"{'midden' if region.name == 'Midden-Utrecht' else 'amersfoort'}"
                                        "-wsp-counsellor"),
        desk=wsp_of(region), data={"name": name, "date": timezone.localdate() + timedelta(days=days),
                                   "place": "Stadhuis", "sectors": ["zorg"], "employers": [employer]})


def wsp_client(world, surname="Visser"):
    """A job seeker the WSP desk registered itself (a grant alone lets a desk read, not register)."""
    from clients.services import client_register

    return client_register(actor=User.objects.get(username="midden-wsp-counsellor"), desk=wsp_of(world.region_a),
                           data={"given_names": "Noor", "surname": surname, "birth_date": timezone.localdate()
                                 - timedelta(days=9500), "postcode": "3512 XK", "city": "Utrecht"})


@pytest.fixture
def setting(world):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    other = make_employer(world.region_a, "55556666", "Bouw Midden BV", sector="bouw")
    return {"employer": employer, "other": other, "event": _event(world.region_a, employer),
            "client": wsp_client(world), "referred": fitting_client(world, employer)}


@pytest.mark.parametrize("role", ["counsellor", "team_lead", "manager", "privacy_officer", "wsp", "no_role"])
def test_the_event_page_is_the_wsps(browser_as, world, setting, role):
    foreign = _event(world.region_b, make_employer(world.region_b, "33334444", "Bouw BV"))
    c = browser_as(USERNAMES[role])
    assert c.get(f"/employers/events/{setting['event'].uuid}/").status_code == (200 if role == "wsp" else 404)
    assert c.get(f"/employers/events/{foreign.uuid}/").status_code == 404
    if role == "wsp":  # the employers page links the event
        assert f"/employers/events/{setting['event'].uuid}/" in c.get("/employers/").content.decode()


def test_registering_attendance_and_a_match(wsp, world, setting):
    event, client, employer = setting["event"], setting["client"], setting["employer"]
    url = f"/employers/events/{event.uuid}/"
    page = wsp.get(url).content.decode()
    assert "Zorgbanenmarkt" in page and "Zorg BV" in page and "Stadhuis" in page
    r = wsp.post(url + "registrations", {"registration-client": str(client.uuid)})
    assert r.status_code == 302 and r["Location"] == url
    registration = MatchingEventRegistration.objects.get(event=event, client=client)
    page = wsp.get(url).content.decode()
    assert client.surname in page and "niet vastgelegd" in page
    r = wsp.post(url + "registrations", {"registration-client": str(client.uuid)})  # once
    assert r.status_code == 409 and "al aangemeld" in r.content.decode()
    r = wsp.post(url + "matches", {"match-registration": registration.pk, "match-employer": employer.pk,
                                   "match-kind": "conversation"})  # not recorded as attended yet: not offered
    assert r.status_code == 400 and not MatchingEventMatch.objects.exists()
    r = wsp.post(f"{url}registrations/{registration.uuid}/attendance", {"attended": "yes"})
    assert r.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    r = wsp.post(url + "matches", {"match-registration": registration.pk, "match-employer": employer.pk,
                                   "match-kind": "follow_up_invitation", "match-note": "Gesprek volgende week"})
    assert r.status_code == 302
    match = MatchingEventMatch.objects.get()
    assert match.kind == "follow_up_invitation" and match.employer == employer and match.registration == registration
    page = wsp.get(url).content.decode()
    assert "Gesprek volgende week" in page and "Uitgenodigd voor een vervolg" in page
    r = wsp.post(url + "matches", {"match-registration": registration.pk, "match-employer": employer.pk,
                                   "match-kind": "follow_up_invitation"})
    assert r.status_code == 409 and MatchingEventMatch.objects.count() == 1


def test_bad_input_is_a_form_error_and_stores_nothing(wsp, world, setting):
    event, client = setting["event"], setting["client"]
    url = f"/employers/events/{event.uuid}/"
    r = wsp.post(url + "registrations", {"registration-client": "geen-id"})
    assert r.status_code == 400 and "Geef het cliëntnummer" in r.content.decode()
    for other in (world.client_b, setting["referred"]):  # another region's; one the WSP may only read
        r = wsp.post(url + "registrations", {"registration-client": str(other.uuid)})
        assert r.status_code == 400 and "met wie u werkt" in r.content.decode()
    assert not MatchingEventRegistration.objects.exists()
    registration = matching_events.registration_add(actor=User.objects.get(username="midden-wsp-counsellor"),
                                                    desk=wsp_of(world.region_a), event=event, client=client)
    r = wsp.post(f"{url}registrations/{registration.uuid}/attendance", {"attended": "misschien"})
    assert r.status_code == 400
    registration.refresh_from_db()
    assert registration.attended is None
    registration = matching_events.attendance_record(actor=None, registration=registration, attended=True)
    r = wsp.post(url + "matches", {"match-registration": registration.pk, "match-employer": setting["other"].pk,
                                   "match-kind": "hire"})  # an employer that did not take part: not offered
    assert r.status_code == 400 and "Selecteer een geldige keuze" in r.content.decode()
    r = wsp.post(url + "matches", {"match-registration": registration.pk, "match-employer": setting["employer"].pk,
                                   "match-kind": "lunch"})
    assert r.status_code == 400 and not MatchingEventMatch.objects.exists()


def test_attendance_waits_for_the_event(wsp, world, setting):
    event = _event(world.region_a, setting["employer"], days=7, name="Later")
    registration = matching_events.registration_add(actor=User.objects.get(username="midden-wsp-counsellor"),
                                                    desk=wsp_of(world.region_a), event=event,
                                                    client=setting["client"])
    r = wsp.post(f"/employers/events/{event.uuid}/registrations/{registration.uuid}/attendance", {"attended": "yes"})
    assert r.status_code == 409 and "nog niet plaatsgevonden" in r.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None


def test_another_regions_event_is_a_404_and_changes_nothing(wsp, world, setting):
    foreign = _event(world.region_b, make_employer(world.region_b, "33334444", "Bouw BV"))
    url = f"/employers/events/{foreign.uuid}/"
    assert wsp.post(url + "registrations", {"registration-client": str(setting["client"].uuid)}).status_code == 404
    assert wsp.post(url + "matches", {"match-kind": "hire"}).status_code == 404
    reg = matching_events.registration_add(actor=User.objects.get(username="midden-wsp-counsellor"),
                                           desk=wsp_of(world.region_a), event=setting["event"],
                                           client=setting["client"])
    # a registration of another event through this event's address: none
    assert wsp.post(f"{url}registrations/{reg.uuid}/attendance", {"attended": "yes"}).status_code == 404
    assert not foreign.registrations.exists()
    reg.refresh_from_db()
    assert reg.attended is None


def test_an_event_one_may_see_but_not_work_is_a_403(browser_as, world, setting):
    """The WSP counsellor who also works at the other region's RMT sees that region's events; recording
    attendance and matches there is that region's WSP desk's."""
    user = User.objects.get(username="midden-wsp-counsellor")
    StaffMembership.objects.create(user=user, desk=world.rmt_b, role="counsellor")
    employer_b = make_employer(world.region_b, "33334444", "Bouw BV")
    event_b = _event(world.region_b, employer_b)
    consent_for_wsp(world.client_b, "amersfoort-rmt-counsellor", world.rmt_b, wsp_of(world.region_b), employer_b)
    registration = matching_events.registration_add(actor=User.objects.get(username="amersfoort-rmt-counsellor"),
                                                    desk=world.rmt_b, event=event_b, client=world.client_b)
    c = browser_as("midden-wsp-counsellor")
    url = f"/employers/events/{event_b.uuid}/"
    page = c.get(url).content.decode()
    assert "/attendance" not in page and 'id="record-match"' not in page
    r = c.post(f"{url}registrations/{registration.uuid}/attendance", {"attended": "yes"})
    assert r.status_code == 403 and "maar geen aanwezigheid" in r.content.decode()
    r = c.post(url + "matches", {"match-registration": registration.pk, "match-employer": employer_b.pk,
                                 "match-kind": "hire"})
    assert r.status_code == 403 and not MatchingEventMatch.objects.exists()
    registration.refresh_from_db()
    assert registration.attended is None


def test_the_event_page_reads_a_pinned_number_of_queries(wsp, world, setting):
    event = setting["event"]
    wsp_user = User.objects.get(username="midden-wsp-counsellor")
    measured = []
    for n in range(2):  # more registrations and matches must not mean more queries
        client = fitting_client(world, setting["employer"], surname=f"Smit{n}")
        registration = matching_events.registration_add(actor=wsp_user, desk=wsp_of(world.region_a), event=event,
                                                        client=client)
        registration = matching_events.attendance_record(actor=wsp_user, registration=registration, attended=True)
        matching_events.match_record(actor=wsp_user, event=event, registration=registration,
                                     employer=setting["employer"], kind="hire")
        wsp.get(f"/employers/events/{event.uuid}/")
        with CaptureQueriesContext(connection) as ctx:
            assert wsp.get(f"/employers/events/{event.uuid}/").status_code == 200
        measured.append(len(ctx.captured_queries))
    assert measured == [14, 14], measured
