"""A province manager reads the reports across the regions of their province (figures, never names);
a region manager of one region does not get the province.

Flevoland (for the test): Testregio (tests/reports/conftest.py: 10 placements in 2025) and Polder, a
second region with 6 placements in 2025. Worked by hand (D = 0): by region Testregio 10, Polder 6,
total 16. The province of Utrecht (the seeded regions) is not theirs.
"""
from datetime import date

import pytest
from rest_framework.test import APIClient

from cases.choices import Position, Source
from cases.models import Case, Outcome, Programme, ProgrammeTarget, Transition
from clients.models import Client
from rwc import organisation
from rwc.models import DeskKind, ProvinceRole, Region, User
from rwc.oauth import issue_staff_token
from tests.helpers import invalid_names, problem
from tests.reports.conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_noise")]


@pytest.fixture
def flevoland(testregio):
    Region.objects.filter(pk=testregio.region.pk).update(province="FL")
    polder = Region.objects.create(code="polder", name="Polder", province="FL")
    rmt = organisation.desk_create(region=polder, kind=DeskKind.RMT, name="RMT Polder")
    owner = User.objects.create(username="polder-counsellor")
    general = Programme.objects.get(code="general")
    for n in range(6):
        client = Client.objects.create(region=polder, registered_by_desk=rmt, given_names=f"P{n}", surname="Test",
                                       name_search=f"p{n} test", birth_date=date(1990, 6, 1))
        case = Case.objects.create(client=client, desk=rmt, programme=general, owner=owner, opened_at=at(date(2025, 2, 1)),
                                   status_changed_at=at(date(2025, 2, 1)))
        move = Transition.objects.create(client=client, case=case, date=date(2025, 6, 1), source=Source.COUNSELLOR,
                                         from_position=Position.NOT_WORKING_NO_BENEFIT, to_position=Position.EMPLOYED)
        Outcome.objects.create(case=case, kind="placement", date=date(2025, 6, 1), transition=move,
                               follow_up_due_on=date(2025, 12, 1))
    boss = User.objects.create(username="flevoland-manager")
    ProvinceRole.objects.create(user=boss, province="FL")
    ProvinceRole.objects.create(user=boss, province="GR", ended_at=at(date(2025, 1, 1)))  # ended: not theirs
    manager = APIClient()
    manager.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(boss)}")
    return manager, testregio, polder


def test_a_province_manager_reads_the_province_by_region(flevoland):
    manager, testregio, polder = flevoland
    response = manager.get("/api/v1/reports/placements", {"period": "2025", "province": "FL", "by": "region"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert {r["dimensions"]["region"]: r["values"]["placed"] for r in body["rows"]} == {"Testregio": 10, "Polder": 6}
    assert body["total"]["values"]["placed"] == 16
    # without `province`: every region they read, the same figures
    assert manager.get("/api/v1/reports/placements", {"period": "2025"}).json()["total"]["values"]["placed"] == 16
    one = manager.get("/api/v1/reports/placements", {"period": "2025", "region": str(polder.uuid)}).json()
    assert one["total"]["values"]["placed"] == 6


def test_no_names_only_figures(flevoland):
    manager, _, _ = flevoland
    text = manager.get("/api/v1/reports/placements", {"period": "2025", "province": "FL", "by": "region"}).content
    assert b"P1" not in text and b"Test\"" not in text and b"polder-counsellor" not in text


def test_another_province_is_404_and_a_region_manager_gets_no_province(flevoland, api, world):
    manager, testregio, _ = flevoland
    problem(manager.get("/api/v1/reports/placements", {"period": "2025", "province": "UT"}), 404)
    problem(manager.get("/api/v1/reports/placements", {"period": "2025", "province": "GR"}), 404)
    problem(api("manager").get("/api/v1/reports/placements", {"period": "2025", "province": "UT"}), 404)
    problem(testregio.manager.get("/api/v1/reports/placements", {"period": "2025", "province": "FL"}), 404)
    for role in ("counsellor", "team_lead", "privacy_officer", "functional_admin"):
        assert api(role).get("/api/v1/reports/placements", {"period": "2025", "province": "UT"}).status_code == 403


def test_an_unknown_province_code_is_400_naming_it(flevoland):
    manager, _, _ = flevoland
    assert invalid_names(problem(manager.get("/api/v1/reports/placements", {"period": "2025", "province": "XX"}),
                                 400)) == {"province"}


def test_a_province_manager_reads_the_targets_of_its_regions(flevoland):
    manager, testregio, polder = flevoland
    general = Programme.objects.get(code="general")
    ProgrammeTarget.objects.create(programme=general, year=2025, target=8, measure="placements")
    rows = manager.get("/api/v1/reports/targets", {"period": "2025", "province": "FL"}).json()["rows"]
    assert [(r["region"], r["realised"], r["share"]) for r in rows] == [("Polder", 6, 0.75), ("Testregio", 10, 1.25)]


def test_province_report_queries_do_not_grow_with_regions(flevoland, django_assert_max_num_queries):
    manager, _, _ = flevoland
    with django_assert_max_num_queries(14):
        assert manager.get("/api/v1/reports/placements",
                           {"period": "2025", "province": "FL", "by": "region"}).status_code == 200
