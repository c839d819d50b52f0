"""WSP staff's own access (the access matrix's callers work at the RMT): on every employer-services
route with a record in it, another region's record is a 404 for every method, and an own record
answers."""
import re

import pytest

from tests.api.routes import api_routes
from tests.employers.seed import seeded
from tests.helpers import problem

EMPLOYER_ROUTES = [r for r in api_routes() if re.search(r"employer|vacanc|matching-event|instrument|job-wish", r.name)]


def _records(world):
    s = seeded(world)
    from tests.api.matrix_outcomes import seeded as seeded_outcomes

    o = seeded_outcomes(world)
    own = {"id": None, "proposal_id": s.a.proposal.uuid, "registration_id": s.a.registration.uuid,
           "outcome_id": o.placement_a.uuid, "instrument_id": s.instrument_a.uuid}
    foreign = {"proposal_id": s.b.proposal.uuid, "registration_id": s.b.registration.uuid,
               "outcome_id": o.placement_b.uuid, "instrument_id": s.instrument_b.uuid}
    return s, o, own, foreign


def _owner_id(route, s, o, world, side):
    if "employer-" in route.name and "matching" not in route.name:
        return (s.a if side == "a" else s.b).employer.uuid
    if "vacanc" in route.name:
        return (s.a if side == "a" else s.b).vacancy.uuid
    if "matching-event" in route.name:
        return (s.a if side == "a" else s.b).event.uuid
    if "instrument" in route.name:
        return (world.case_a if side == "a" else world.case_b).uuid
    return (world.client_a if side == "a" else world.client_b).uuid


def _url(route, params):
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), route.template)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in EMPLOYER_ROUTES if "{id}" in r.template], ids=lambda r: r.name)
def test_wsp_staff_get_404_for_another_regions_records_on_every_method(route, world, wsp):
    s, o, own, foreign = _records(world)
    params = {**foreign, "id": _owner_id(route, s, o, world, "b")}
    for method in route.methods:
        response = getattr(wsp, method.lower())(_url(route, params), {}, format="json", HTTP_IF_MATCH="*") \
            if method != "GET" else wsp.get(_url(route, params))
        problem(response, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in EMPLOYER_ROUTES if "{id}" in r.template and "instrument" not in r.name
                                   and "job-wish" not in r.name], ids=lambda r: r.name)
def test_wsp_staff_reach_their_regions_records(route, world, wsp):
    s, o, own, foreign = _records(world)
    params = {**own, "id": _owner_id(route, s, o, world, "a")}
    for method in route.methods:
        if method == "GET":
            assert wsp.get(_url(route, params)).status_code == 200
        else:  # an empty body: refused on its content, never on access
            response = getattr(wsp, method.lower())(_url(route, params), {}, format="json", HTTP_IF_MATCH="*")
            assert response.status_code in (200, 400, 409), response.content[:300]


@pytest.mark.django_db
def test_partner_systems_and_region_roles_see_no_employer_services(api, world):
    seeded(world)
    for role in ("partner", "manager", "functional_admin", "privacy_officer"):
        for url in ("/api/v1/employers", "/api/v1/vacancies", "/api/v1/matching-events"):
            problem(api(role).get(url), 403)


@pytest.mark.django_db
def test_wsp_staff_read_the_change_history_of_their_employers_and_vacancies(world, wsp):
    s = seeded(world)
    employer = wsp.get(f"/api/v1/employers/{s.a.employer.uuid}/changes?pageSize=100").json()["results"]
    assert {("employer", str(s.a.employer.uuid)), ("vacancy", str(s.a.vacancy.uuid))} <= \
        {(c["record"]["type"], c["record"]["id"]) for c in employer}
    vacancy = wsp.get(f"/api/v1/vacancies/{s.a.vacancy.uuid}/changes").json()["results"]
    assert vacancy and {c["record"]["type"] for c in vacancy} == {"vacancy"}, "candidates stay in their clients' history"
