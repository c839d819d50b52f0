"""The benchmark's scenarios: one request each, built from the targets bench_prepare chose.

`build(targets, i)` gives the i-th request of a scenario as (method, url, body, token key,
headers); the load varies the record with i, so caches and indexes are exercised honestly. A
scenario sends the token key's value as a bearer token, or (`auth="session"`) as the Cookie header
of a signed-in web session (bench_prepare signs one in, second factor done); `auth_headers` builds
either. `compare_to` sets a scenario against another measured in the same run (the worklist and
the web's home page against the API's caseload, the issue's bound: `within` times its p50).
"""
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

V1 = "/api/v1"
YS = "/_yardstick"


@dataclass(frozen=True)
class Scenario:
    kind: str  # "read" or "write": the targets differ (p95 50 ms for reads, 100 ms for writes)
    build: Callable
    list_endpoint: bool = False
    yardstick: str | None = None  # the plain-DRF scenario doing the same job (bench/yardsticks.py)
    headers: dict = field(default_factory=dict)
    auth: str = "bearer"  # or "session": the token key names a "name=value" session cookie
    compare_to: str | None = None  # another scenario of the run, its p50 the bound's measure
    within: float = 1.0  # the bound: p50 at most `within` times compare_to's

    def request(self, t: dict, sample: int):
        method, url, body, token = self.build(t, sample)
        return method, url, body, token, self.headers


def auth_headers(scenario: Scenario, targets: dict, token: str) -> dict:
    if scenario.auth == "session":
        return {"Cookie": targets[token]}
    return {"Authorization": f"Bearer {targets[token]}"}


def _pick(items: list, i: int):
    return items[i % len(items)]


SCENARIOS: dict[str, Scenario] = {
    # The yardsticks: plain DRF on the same rows (bench/yardsticks.py), no access filter, no processing log.
    "yardstick_detail": Scenario("read", lambda t, i: ("GET", f"{YS}/clients/{_pick(t['clients'], i)}", None,
                                                       "counsellor_token")),
    "yardstick_desk_list": Scenario("read", lambda t, i: (
        "GET", f"{YS}/desks/{t['desk']}/clients?pageSize=25&page={1 + i % t['desk_pages']}", None, "counsellor_token"),
        list_endpoint=True),
    "yardstick_desk_search": Scenario("read", lambda t, i: (
        "GET", f"{YS}/desks/{t['desk']}/clients?name={t['search']}&pageSize=25", None, "counsellor_token"),
        list_endpoint=True),
    "yardstick_report": Scenario("read", lambda t, i: (
        "GET", f"{YS}/regions/{t['region']}/placements?period={t['report_year']}", None, "manager_token")),
    # The project's scenarios.
    "client_detail": Scenario("read", lambda t, i: ("GET", f"{V1}/clients/{_pick(t['clients'], i)}", None,
                                                    "counsellor_token"), yardstick="yardstick_detail"),
    "client_list": Scenario("read", lambda t, i: (
        "GET", f"{V1}/clients?pageSize=25&page={1 + i % t['desk_pages']}", None, "counsellor_token"),
        list_endpoint=True, yardstick="yardstick_desk_list"),
    "client_search": Scenario("read", lambda t, i: ("GET", f"{V1}/clients?name={t['search']}&pageSize=25", None,
                                                    "counsellor_token"), list_endpoint=True,
                              yardstick="yardstick_desk_search"),
    "caseload": Scenario("read", lambda t, i: ("GET", f"{V1}/caseload", None, "counsellor_token"), list_endpoint=True,
                         yardstick="yardstick_desk_list"),
    # The worklist (issue 24/25): the busiest counsellor's first page of open tasks with its counts,
    # their notifications, and the web client's home page (caseload and worklist) as that counsellor.
    "tasks": Scenario("read", lambda t, i: ("GET", f"{V1}/tasks?status=open&pageSize=25", None, "counsellor_token"),
                      list_endpoint=True, compare_to="caseload"),
    "notifications": Scenario("read", lambda t, i: ("GET", f"{V1}/notifications?pageSize=25", None,
                                                    "counsellor_token"), list_endpoint=True, compare_to="caseload"),
    "web_caseload": Scenario("read", lambda t, i: ("GET", "/", None, "counsellor_session"), auth="session",
                             headers={"Accept": "text/html", "Accept-Language": "nl"}, compare_to="caseload",
                             within=2.0),
    "client_timeline": Scenario("read", lambda t, i: ("GET", f"{V1}/clients/{_pick(t['clients'], i)}/timeline", None,
                                                      "counsellor_token"), list_endpoint=True),
    "log_contact": Scenario("write", lambda t, i: (
        "POST", f"{V1}/cases/{_pick(t['cases'], i)}/contacts",
        {"channel": "phone", "kind": "coaching", "summary": "Benchmark call about applications", "durationMinutes": 15},
        "counsellor_token")),
    "record_transition": Scenario("write", lambda t, i: (
        "POST", f"{V1}/clients/{_pick(t['transition_clients'], i)}/transitions",
        {"date": date.today().isoformat(), "fromPosition": "employed", "toPosition": "employed", "source": "client",
         "contractType": "permanent", "hoursPerWeek": "32.0", "sector": "zorg"}, "counsellor_token")),
    "accept_referral": Scenario("write", lambda t, i: (
        "POST", f"{V1}/referrals/{t['referrals'][i]}/status-changes",
        {"status": "accepted", "programme": t["programme"]}, "acceptor_token")),
    "employer_search": Scenario("read", lambda t, i: (
        "GET", f"{V1}/employers?name={t['employer_search']}&pageSize=25", None, "wsp_token"), list_endpoint=True),
    "vacancy_list": Scenario("read", lambda t, i: ("GET", f"{V1}/vacancies?status=open&pageSize=25", None,
                                                   "wsp_token"), list_endpoint=True),
    "report_region_year": Scenario("read", lambda t, i: (
        "GET", f"{V1}/reports/placements?period={t['report_year']}&region={t['region']}", None, "manager_token"),
        yardstick="yardstick_report"),
    "report_csv": Scenario("read", lambda t, i: (
        "GET", f"{V1}/reports/praktijkverklaringen?period={t['report_year']}&region={t['region']}&by=desk,quarter",
        None, "manager_token"), headers={"Accept": "text/csv"}),
}
