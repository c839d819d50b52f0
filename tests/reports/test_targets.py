"""Programme targets against what was realised, worked by hand on Testregio (tests/reports/conftest.py).

Programme `general`, 2025: cases opened in 2025: A 10, B 6, C 4, E 3, F 10 = 33 trajectories; placements
10. Targets: the default 100 trajectories for every region; Testregio's own 40 trajectories (wins over
the default) and 20 placements. Realised (D = 0): 33 of 40 = 0.825; 10 of 20 = 0.5.
"""
import pytest

from cases.models import Programme, ProgrammeTarget
from rwc.models import Region
from tests.helpers import invalid_names, problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_noise")]


@pytest.fixture
def targets(testregio):
    general = Programme.objects.get(code="general")
    ProgrammeTarget.objects.create(programme=general, year=2025, target=100, measure="trajectories")
    ProgrammeTarget.objects.create(programme=general, year=2025, region=testregio.region, target=40,
                                   measure="trajectories")
    ProgrammeTarget.objects.create(programme=general, year=2025, region=testregio.region, target=20,
                                   measure="placements")
    ProgrammeTarget.objects.create(programme=general, year=2024, region=testregio.region, target=99,
                                   measure="placements")
    other = Region.objects.create(code="elders", name="Elders")
    ProgrammeTarget.objects.create(programme=general, year=2025, region=other, target=7, measure="people")
    return testregio


def _get(regio, headers=None, **params):
    return regio.manager.get("/api/v1/reports/targets", {"period": "2025", **params}, **(headers or {}))


def test_realised_against_the_regions_own_targets(targets):
    response = _get(targets)
    assert response.status_code == 200, response.content
    rows = [(r["region"], r["programme"], r["measure"], r["target"], r["ownTarget"], r["realised"], r["share"])
            for r in response.json()["rows"]]
    assert rows == [("Testregio", "general", "placements", 20, True, 10, 0.5),
                    ("Testregio", "general", "trajectories", 40, True, 33, 0.825)]
    assert response.json()["rows"][1]["indicator"] == "intakes"


def test_realised_is_the_same_published_figure_as_the_indicators(targets, settings):
    settings.REPORT_MAX_NOISE = 2
    rows = {r["measure"]: r["realised"] for r in _get(targets).json()["rows"]}
    intakes = targets.manager.get("/api/v1/reports/intakes", {"period": "2025", "programme": "general"}).json()
    placements = targets.manager.get("/api/v1/reports/placements", {"period": "2025", "programme": "general"}).json()
    assert rows == {"trajectories": intakes["total"]["values"]["intakes"],
                    "placements": placements["total"]["values"]["placed"]}


def test_the_default_target_applies_where_a_region_has_none(targets):
    ProgrammeTarget.objects.filter(region=targets.region, measure="trajectories").delete()
    [trajectories] = [r for r in _get(targets).json()["rows"] if r["measure"] == "trajectories"]
    assert (trajectories["target"], trajectories["ownTarget"], trajectories["realised"]) == (100, False, 33)


def test_labels_of_what_a_target_counts(targets):
    rows = _get(targets, {"HTTP_ACCEPT_LANGUAGE": "en"}).json()["rows"]
    assert [r["measureLabel"] for r in rows] == ["Placements in work", "Trajectories started"]
    rows = _get(targets, {"HTTP_ACCEPT_LANGUAGE": "nl"}).json()["rows"]
    assert [r["measureLabel"] for r in rows] == ["Plaatsingen in werk", "Gestarte trajecten"]


@pytest.mark.parametrize("params,name", [({"period": "2025-Q1"}, "period"), ({"period": "2025..2026"}, "period"),
                                         ({"region": "not-a-uuid"}, "region"), ({"by": "region"}, "by")])
def test_bad_requests_name_the_parameter(targets, params, name):
    assert invalid_names(problem(_get(targets, **params), 400)) == {name}


def test_query_count_does_not_grow_with_targets(targets, django_assert_max_num_queries):
    general = Programme.objects.get(code="general")
    ProgrammeTarget.objects.create(programme=general, year=2025, region=targets.region, target=30, measure="people")
    with django_assert_max_num_queries(12):
        assert len(_get(targets).json()["rows"]) == 3


def test_only_managers_read_targets(api, world):
    assert api("manager").get("/api/v1/reports/targets?period=2025").status_code == 200
    for role in ("counsellor", "team_lead", "privacy_officer", "functional_admin"):
        assert api(role).get("/api/v1/reports/targets?period=2025").status_code in (403, 404)
