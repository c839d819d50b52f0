"""The worklist's bench scenarios: the caseload runs before what is compared to it, the web page
is read with a signed-in session cookie that the pages accept, and the report sets each against
the caseload."""
import pytest
from django.test import Client as HttpClient

from bench import run
from bench.scenarios import SCENARIOS, auth_headers


def test_the_caseload_is_measured_before_the_scenarios_compared_to_it():
    assert run.run_order(["tasks", "web_caseload"]) == ["yardstick_desk_list", "caseload", "tasks", "web_caseload"]


def test_the_report_sets_the_worklist_against_the_caseload():
    def result(rps, p50):
        return {"requests": 100, "failures": 0, "rps": rps, "p50_ms": p50, "p95_ms": 2 * p50, "p99_ms": 3 * p50,
                "server_cpu_ms_per_request": 10.0, "load_cpu_cores": 0.05}

    results = {"yardstick_desk_list": result(40, 100), "caseload": result(20, 200), "tasks": result(25, 150),
               "web_caseload": result(8, 500)}
    queries = {name: {"queries": 5} for name in results}
    args = type("Args", (), {"label": "t", "users": 8, "duration": 5, "workers": 4})()
    report = run._report(args, {"clients": 1, "cases": 1, "contacts": 1, "referrals": 1}, results, queries)
    tasks, web = report["scenarios"]["tasks"], report["scenarios"]["web_caseload"]
    assert (tasks["compared_to"], tasks["p50_vs_compared"], tasks["meets_target"]) == ("caseload", 0.75, True)
    assert (web["p50_vs_compared"], web["within"], web["meets_target"]) == (2.5, 2.0, False)
    table = run._markdown(report)
    assert "| web_caseload | caseload | 200 | 500 | 2.5 | 2.0 | 0.4 | missed |" in table


@pytest.mark.django_db
def test_the_prepared_session_is_signed_in_for_the_web_pages(world):
    from demo.management.commands.bench_prepare import signed_in_cookie

    cookie = signed_in_cookie(world.case_a.owner)
    scenario = SCENARIOS["web_caseload"]
    headers = auth_headers(scenario, {"counsellor_session": cookie}, "counsellor_session")
    response = HttpClient().get("/", HTTP_COOKIE=headers["Cookie"], HTTP_ACCEPT="text/html")
    assert response.status_code == 200, response.status_code
    assert HttpClient().get("/").status_code == 302  # without it: the sign-in page
