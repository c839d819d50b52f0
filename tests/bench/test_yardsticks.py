"""The bench's yardsticks: plain DRF doing a scenario's job, served only under the bench settings."""
import pytest
from django.test import override_settings

from clients.models import Client


def test_no_yardstick_route_without_the_bench_setting(api, world):
    response = api("counsellor").get(f"/_yardstick/clients/{world.client_a.uuid}")
    assert response.status_code == 404


@override_settings(ROOT_URLCONF="tests.bench.urls_yardsticks")
def test_the_openapi_document_never_lists_a_yardstick(api):
    paths = api("counsellor").get("/api/v1/openapi.json").json()["paths"]
    assert paths and not [p for p in paths if "yardstick" in p]


@override_settings(ROOT_URLCONF="tests.bench.urls_yardsticks")
def test_yardsticks_take_the_bearer_token(api, world):
    assert api(None).get(f"/_yardstick/clients/{world.client_a.uuid}").status_code == 401


@override_settings(ROOT_URLCONF="tests.bench.urls_yardsticks")
def test_the_desk_list_yardstick_pages_the_desks_clients_in_name_order_with_an_exact_count(api, world):
    desk = world.rmt_a
    body = api("counsellor").get(f"/_yardstick/desks/{desk.uuid}/clients?pageSize=1").json()
    expected = list(Client.objects.filter(registered_by_desk=desk).order_by("surname", "given_names", "id")
                    .values_list("uuid", flat=True))
    assert body["count"] == len(expected) >= 1
    assert [r["id"] for r in body["results"]] == [str(u) for u in expected[:1]]
    detail = api("counsellor").get(f"/_yardstick/clients/{expected[0]}").json()
    assert detail["registered_by_desk"]["id"] == str(desk.uuid)


@pytest.mark.parametrize("name", ["client_detail", "client_list", "client_search", "caseload", "report_region_year"])
def test_each_read_scenario_the_issue_names_has_a_yardstick(name):
    from bench.scenarios import SCENARIOS

    assert SCENARIOS[name].yardstick in SCENARIOS


@pytest.mark.django_db
def test_the_dataset_size_the_bench_reports_is_counted_by_code_that_runs(capsys):
    """The count runs in a `manage.py shell` of its own: an import that moved (as the re-cut moved
    Employer and Vacancy) would only fail at bench time, so it is run here."""
    import json

    from bench.run import DATASET_SIZE_CODE

    exec(DATASET_SIZE_CODE, {})
    sizes = json.loads(capsys.readouterr().out)
    assert set(sizes) == {"clients", "cases", "contacts", "referrals", "employers", "vacancies", "tasks", "appointments"}
