"""Matching events through the API: the WSP plans one with participating employers, desks register
their clients (consent for the WSP, which then gets a grant), the WSP records attendance and
matches; rules (not held yet, not attended, not participating) and query counts."""
from datetime import timedelta

import pytest
from django.utils import timezone

from clients.access import active_client_grants
from employers.figures import wsp_figures
from employers.models import MatchingEvent, MatchingEventMatch, MatchingEventRegistration
from tests.employers.seed import consent_for_wsp, make_employer
from tests.helpers import count_queries, invalid_names, problem


def _event(wsp, employer, *, days_ago=1):
    response = wsp.post("/api/v1/matching-events", {
        "name": "Banenmarkt Zorg", "date": (timezone.localdate() - timedelta(days=days_ago)).isoformat(),
        "place": "Jaarbeurs Utrecht", "sectors": ["zorg"], "employers": [str(employer.uuid)]}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.django_db
def test_wsp_runs_a_matching_event_with_another_desks_client(api, world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    event = _event(wsp, employer)
    url = f"/api/v1/matching-events/{event['id']}"
    rmt = api("counsellor")
    body = problem(rmt.post(f"{url}/registrations", {"client": str(world.client_a.uuid)}, format="json"), 409)
    assert body["code"] == "no_consent"  # sharing with the WSP needs the client's consent
    assert not MatchingEventRegistration.objects.exists()
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    active_client_grants().filter(group=wsp_a.group).update(revoked_at=timezone.now())  # only the consent, no grant
    registered = rmt.post(f"{url}/registrations", {"client": str(world.client_a.uuid)}, format="json")
    assert registered.status_code == 201, registered.content
    registration = registered.json()
    assert active_client_grants().filter(group=wsp_a.group, content_object=world.client_a).exists()
    assert [r["id"] for r in wsp.get(f"{url}/registrations").json()["results"]] == [registration["id"]]
    problem(rmt.post(f"{url}/registrations/{registration['id']}/attendance", {"attended": True}, format="json"), 403)
    attended = wsp.post(f"{url}/registrations/{registration['id']}/attendance", {"attended": True}, format="json")
    assert attended.json()["attended"] is True
    match = wsp.post(f"{url}/matches", {"registration": registration["id"], "employer": str(employer.uuid),
                                        "kind": "follow_up_invitation"}, format="json")
    assert match.status_code == 201, match.content
    again = wsp.post(f"{url}/matches", {"registration": registration["id"], "employer": str(employer.uuid),
                                        "kind": "follow_up_invitation"}, format="json")
    assert problem(again, 409)["code"] == "already_recorded"
    assert [m["kind"] for m in rmt.get(f"{url}/matches").json()["results"]] == ["follow_up_invitation"]
    figures = wsp_figures(region_id=world.region_a.id, date_from=timezone.localdate() - timedelta(days=7),
                          date_to=timezone.localdate())
    assert figures["matching_event_attendance"] == 1
    assert figures["matching_event_matches"]["follow_up_invitation"] == 1


@pytest.mark.django_db
def test_matching_event_rules(api, world, wsp, wsp_a):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    outsider = make_employer(world.region_a, "33334444", "Niet aanwezig BV")
    upcoming = _event(wsp, employer, days_ago=-10)
    url = f"/api/v1/matching-events/{upcoming['id']}"
    reg = wsp.post(f"{url}/registrations", {"client": str(world.client_a.uuid)}, format="json")
    assert invalid_names(problem(reg, 400)) == {"client"}  # the WSP does not work with the RMT's client
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    registration = api("counsellor").post(f"{url}/registrations", {"client": str(world.client_a.uuid)},
                                          format="json").json()
    again = api("counsellor").post(f"{url}/registrations", {"client": str(world.client_a.uuid)}, format="json")
    assert problem(again, 409)["code"] == "already_registered"
    attend = wsp.post(f"{url}/registrations/{registration['id']}/attendance", {"attended": True}, format="json")
    assert problem(attend, 409)["code"] == "event_not_held"
    body = problem(wsp.post(f"{url}/matches", {"registration": registration["id"], "employer": str(outsider.uuid),
                                               "kind": "conversation"}, format="json"), 400)
    assert invalid_names(body) == {"employer"}
    body = problem(wsp.post(f"{url}/matches", {"registration": registration["id"], "employer": str(employer.uuid),
                                               "kind": "conversation"}, format="json"), 409)
    assert body["code"] == "event_not_held"
    assert wsp.post(f"{url}/employers", {"employer": str(outsider.uuid)}, format="json").status_code == 200
    assert problem(wsp.post(f"{url}/employers", {"employer": str(outsider.uuid)}, format="json"), 409)["code"] == (
        "already_participating")
    assert not MatchingEventMatch.objects.exists()
    body = problem(wsp.post("/api/v1/matching-events", {"name": " ", "date": "2026-01-01", "place": "X",
                                                        "sectors": ["zorg"]}, format="json"), 400)
    assert invalid_names(body) == {"name"}
    assert MatchingEvent.objects.count() == 1


@pytest.mark.django_db
def test_a_match_needs_an_attendee(world, wsp, wsp_a, api):
    employer = make_employer(world.region_a, "11112222", "Zorg BV")
    event = _event(wsp, employer)
    url = f"/api/v1/matching-events/{event['id']}"
    consent_for_wsp(world.client_a, "midden-rmt-counsellor", world.rmt_a, wsp_a, employer)
    registration = api("counsellor").post(f"{url}/registrations", {"client": str(world.client_a.uuid)},
                                          format="json").json()
    wsp.post(f"{url}/registrations/{registration['id']}/attendance", {"attended": False}, format="json")
    body = problem(wsp.post(f"{url}/matches", {"registration": registration["id"], "employer": str(employer.uuid),
                                               "kind": "hire"}, format="json"), 409)
    assert body["code"] == "not_attended"


@pytest.mark.django_db
def test_wsp_gets_404_for_another_regions_event_and_lists_stay_constant(world, wsp, as_user):
    from tests.employers.seed import seeded

    s = seeded(world)
    for url in (f"/api/v1/matching-events/{s.b.event.uuid}", f"/api/v1/matching-events/{s.b.event.uuid}/matches",
                f"/api/v1/matching-events/{s.b.event.uuid}/registrations"):
        problem(wsp.get(url), 404)
    problem(wsp.post(f"/api/v1/matching-events/{s.b.event.uuid}/registrations/{s.b.registration.uuid}/attendance",
                     {"attended": True}, format="json"), 404)
    first = [count_queries(wsp, u) for u in ("/api/v1/matching-events", f"/api/v1/matching-events/{s.a.event.uuid}"
                                                                         "/registrations")]
    for index in range(4):
        _event(wsp, s.a.employer, days_ago=index + 2)
    assert count_queries(wsp, "/api/v1/matching-events") == first[0]
    assert count_queries(wsp, f"/api/v1/matching-events/{s.a.event.uuid}/registrations") == first[1]
    assert count_queries(wsp, "/api/v1/matching-events?dateFrom=2020-01-01") == first[0]
