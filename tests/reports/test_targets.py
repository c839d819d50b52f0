"""Programme targets against what was realised, worked by hand on Testregio (tests/reports/conftest.py).

Programme `general`, 2025: cases opened in 2025: A 10, B 6, C 4, E 3, F 10 = 33 trajectories; placements
10. Targets: the default 100 trajectories for every region; Testregio's own 40 trajectories (wins over
the default) and 20 placements. Realised (D = 0): 33 of 40 = 0.825; 10 of 20 = 0.5.
"""
import csv
import io

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


# CSV, as the other reports (reports/exports.py): the same rows as the JSON, formulas neutralised

def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_has_the_description_and_the_same_rows_as_the_json(targets, settings):
    settings.REPORT_MAX_NOISE = 2  # the published, perturbed figure: the same in both
    json_rows = _get(targets).json()["rows"]
    response = _get(targets, format="csv")
    assert 'filename="targets-2025.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    about = {r[0]: r[1] for r in rows if r[0].startswith("#")}
    assert about["# report"].startswith("targets: Programme targets")
    assert "cell key method" in about["# disclosure control"] and about["# period"] == "2025-01-01 to 2025-12-31"
    table = [r for r in rows if not r[0].startswith("#")]
    assert table[0] == ["region", "programme", "programmeName", "measure", "indicator", "target", "ownTarget",
                        "realised", "share"]
    assert table[1:] == [[r["region"], r["programme"], r["programmeName"], r["measure"], r["indicator"],
                          str(r["target"]), str(r["ownTarget"]).lower(), str(r["realised"]), str(r["share"])]
                         for r in json_rows]
    assert len(table) == 3


def test_csv_by_the_accept_header_too(targets):
    table = [r for r in _csv_rows(_get(targets, {"HTTP_ACCEPT": "text/csv"})) if not r[0].startswith("#")]
    assert table[1][:4] == ["Testregio", "general", Programme.objects.get(code="general").name, "placements"]


def test_csv_in_the_dutch_excel_dialect_and_its_description(targets):
    response = _get(targets, {"HTTP_ACCEPT_LANGUAGE": "nl"}, format="csv", dialect="excel-nl")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Regio" and rows[0][3] == "Wat het doel telt"
    assert rows[1][3] == "Plaatsingen in werk" and rows[1][6] == "ja" and rows[1][8] == "0,5"
    assert rows[2][3] == "Gestarte trajecten" and rows[2][8] == "0,825"
    about = _get(targets, {"HTTP_ACCEPT_LANGUAGE": "nl"}, format="csv", dialect="excel-nl", part="about")
    lines = dict(csv.reader(io.StringIO(about.content.decode("utf-8-sig")), delimiter=";"))
    assert "celsleutelmethode" in lines["onthullingsbeveiliging"]
    assert lines["rapport"].startswith("targets: Programmadoelen")


@pytest.mark.parametrize("start", ["=", "+", "@", "-"])
def test_a_programme_name_that_starts_a_formula_is_neutralised(targets, start):
    attack = start + "HYPERLINK(\"http://evil.example\",\"klik\")"
    Programme.objects.filter(code="general").update(name=attack)
    for extra in ({}, {"dialect": "excel-nl"}):
        response = _get(targets, format="csv", **extra)
        body = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body), delimiter=";" if extra else ","))
        names = [r[2] for r in rows if len(r) > 2 and r[0] in ("Testregio",)]
        assert names == ["'" + attack] * 2, rows


def test_an_error_asked_for_as_csv_is_still_problem_json(targets):
    response = _get(targets, period="2025-Q1", format="csv")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert invalid_names(problem(_get(targets, format="xlsx"), 400)) == {"format"}
    assert invalid_names(problem(_get(targets, format="csv", dialect="excel"), 400)) == {"dialect"}


def test_csv_query_count_is_the_jsons(targets, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        _csv_rows(_get(targets, format="csv"))


def test_those_who_may_not_read_targets_get_the_same_answer_for_csv(api, world):
    assert api("manager").get("/api/v1/reports/targets?period=2025&format=csv").status_code == 200
    for role in ("counsellor", "team_lead", "privacy_officer", "functional_admin", None):
        as_json = api(role).get("/api/v1/reports/targets?period=2025")
        for as_csv in (api(role).get("/api/v1/reports/targets?period=2025&format=csv"),
                       api(role).get("/api/v1/reports/targets?period=2025", HTTP_ACCEPT="text/csv")):
            assert as_csv.status_code == as_json.status_code and as_csv.status_code in (401, 403, 404)
            assert as_csv["Content-Type"] == "application/problem+json"


def test_a_scope_not_the_callers_is_refused_alike_for_csv(targets):
    """A province a region manager does not manage: 404; a region not theirs: 400 naming region; as for JSON."""
    elders = str(Region.objects.get(code="elders").uuid)
    for params, status in (({"province": "FL"}, 404), ({"region": elders}, 400)):
        as_json = _get(targets, **params)
        as_csv = _get(targets, format="csv", **params)
        assert as_json.status_code == as_csv.status_code == status
        assert as_csv["Content-Type"] == "application/problem+json"
        assert {k: v for k, v in as_csv.json().items() if k != "instance"} == \
            {k: v for k, v in as_json.json().items() if k != "instance"}
