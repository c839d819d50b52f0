"""The money reports (GET /reports/spend, /reports/cost) over Testregio (tests/reports/conftest.py)
with services and funding added by hand (`money`), every figure worked out by hand below.

Funding sources of Testregio:
- slim (scheme, 2025-01-01..2025-12-31, budget 20,000.00);
- impuls (programme budget, 2025-07-01..2026-06-30, budget 10,000.00);
- talent (fund, 2024-01-01..2024-12-31, budget 5,000.00).
Services (cost, who, start, approval, funding):
- S1: a training for each of A's 10 clients (RMT): 1,234.50, started 2025-03-01, approved 2025-02-20, slim;
- S2: a coaching for each of E's 3 clients (youth desk): 333.33, started 2025-08-01, approved 2025-07-15, impuls;
- S3: one of C's clients (RMT): 2,000.00, approved 2025-12-20, only planned (not started), impuls;
- S4: another of C's clients (RMT): 500.00, started 2025-09-01, not approved, slim;
- S5: one of D's clients (RMT): 800.00, approved 2024-12-15, started 2025-01-10, talent.
Placements dated 2025: A's 10 (RMT), 2025-05-10.

Spend 2025 (sources overlapping 2025: impuls, slim; talent ended in 2024):
  impuls: budget 10,000; approved 999.99 + 2,000.00 = 2,999.99 -> 3,000; in the period the same;
          realised (started by 2025-12-31) 999.99 -> 1,000; remaining 7,000.01 -> 7,000.
  slim:   budget 20,000; approved 12,345.00; in the period 12,345; realised 12,345; remaining 7,655.
  total:  30,000; 15,344.99 -> 15,345; 15,345; 13,344.99 -> 13,345; 14,655.01 -> 14,655.
Spend 2024: talent: 5,000; 800; 800; realised 0 (S5 started in 2025); remaining 4,200.
Cost 2025 (approved services started in 2025: S1, S2, S5):
  RMT:   10 x 1,234.50 + 800.00 = 13,145.00 over 11 people -> 1,195.45 -> 1,195; over 10 placements
         -> 1,314.50 -> 1,315 (half up);
  youth: 999.99 over 3 people: below k = 5, suppressed; no placements: suppressed (row left out);
  total: 14,144.99 over 14 people -> 1,010.36 -> 1,010; over 10 placements -> 1,414.50 -> 1,414 (1,414.499).
"""
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from cases.models import Case
from reports.indicators import BY_KEY
from reports.money import ROUTES, euros
from rwc.models import User
from services.models import DeliveredService, FundingSource, ServiceFunding
from tests.conftest import ROLES
from tests.helpers import count_queries, invalid_names, problem

from .conftest import at


@pytest.fixture
def money(testregio):
    region = testregio.region
    sources = {
        code: FundingSource.objects.create(region=region, code=code, name=name, kind=kind, period_start=start,
                                           period_end=end, budget_ceiling=Decimal(ceiling))
        for code, name, kind, start, end, ceiling in [
            ("slim", "SLIM Testregio", "scheme", date(2025, 1, 1), date(2025, 12, 31), "20000.00"),
            ("impuls", "Impulsbudget Testregio", "programme_budget", date(2025, 7, 1), date(2026, 6, 30), "10000.00"),
            ("talent", "Talentfonds Testregio", "fund", date(2024, 1, 1), date(2024, 12, 31), "5000.00"),
        ]}
    lead = User.objects.get(username="test-counsellor")

    def service(case, cost, source, *, started=None, approved=None, kind="training", planned=None):
        s = DeliveredService.objects.create(
            case=case, service_type=kind, provider_kind="own_desk", planned_start=planned or started,
            actual_start=started, status="started" if started else "planned", status_changed_at=at(started or planned),
            cost=Decimal(cost), approved_at=at(approved) if approved else None, approved_by=lead if approved else None)
        ServiceFunding.objects.create(service=s, source=sources[source], amount=Decimal(cost))
        return s

    rmt_cases = Case.objects.filter(desk=testregio.rmt)
    for case in rmt_cases.filter(outcomes__kind="placement"):  # A
        service(case, "1234.50", "slim", started=date(2025, 3, 1), approved=date(2025, 2, 20))
    for case in Case.objects.filter(desk=testregio.youth):  # E
        service(case, "333.33", "impuls", started=date(2025, 8, 1), approved=date(2025, 7, 15), kind="coaching")
    c_cases = list(rmt_cases.filter(opened_at=at(date(2025, 7, 1))))
    service(c_cases[0], "2000.00", "impuls", planned=date(2026, 1, 10), approved=date(2025, 12, 20))  # S3
    service(c_cases[1], "500.00", "slim", started=date(2025, 9, 1))  # S4
    service(rmt_cases.filter(opened_at=at(date(2024, 3, 1))).first(), "800.00", "talent",
            started=date(2025, 1, 10), approved=date(2024, 12, 15))  # S5
    return testregio


def _get(testregio, route, headers=None, **params):
    response = testregio.manager.get(f"/api/v1/reports/{route}", {"region": str(testregio.region.uuid), **params},
                                     **(headers or {}))
    assert response.status_code == 200, response.content[:500]
    return response


def test_whole_euros_half_up():
    assert [euros(Decimal(x)) for x in ("1314.50", "1414.499", "7000.01", "-0.50", "0")] == [1315, 1414, 7000, -1, 0]


def test_the_money_routes_are_no_indicator_keys():
    assert not set(ROUTES) & set(BY_KEY)


def test_spend_per_funding_source_against_its_budget(money):
    body = _get(money, "spend", period="2025").json()
    rows = {r["source"]: r for r in body["rows"]}
    assert [r["source"] for r in body["rows"]] == ["impuls", "slim"]  # by name; talent ended in 2024
    assert rows["impuls"]["values"] == {"budget": 10000, "approved": 3000, "approvedInPeriod": 3000,
                                        "realised": 1000, "remaining": 7000}
    assert rows["slim"]["values"] == {"budget": 20000, "approved": 12345, "approvedInPeriod": 12345,
                                      "realised": 12345, "remaining": 7655}
    assert (rows["slim"]["kind"], rows["slim"]["region"], rows["slim"]["periodStart"]) == (
        "scheme", "Testregio", "2025-01-01")
    assert body["total"]["values"] == {"budget": 30000, "approved": 15345, "approvedInPeriod": 15345,
                                       "realised": 13345, "remaining": 14655}
    assert body["filters"] == {"region": "Testregio"}
    assert body["period"] == {"start": "2025-01-01", "end": "2025-12-31"}


def test_spend_is_as_at_the_end_of_the_period(money):
    assert _get(money, "spend", period="2024").json()["rows"] == [{
        "source": "talent", "name": "Talentfonds Testregio", "region": "Testregio", "kind": "fund",
        "periodStart": "2024-01-01", "periodEnd": "2024-12-31",
        "values": {"budget": 5000, "approved": 800, "approvedInPeriod": 800, "realised": 0, "remaining": 4200}}]
    # 2026: impuls only; S3 (approved 2025) is no longer approved in the period, and has not started
    (impuls,) = _get(money, "spend", period="2026-Q1").json()["rows"]
    assert impuls["values"] == {"budget": 10000, "approved": 3000, "approvedInPeriod": 0, "realised": 1000,
                                "remaining": 7000}


def test_cost_per_person_and_per_placement_by_desk(money):
    body = _get(money, "cost", period="2025", by="desk").json()
    assert body["rows"] == [{"dimensions": {"desk": "RMT Testregio"}, "labels": {"desk": "RMT Testregio"},
                             "values": {"costPerPerson": 1195, "costPerPlacement": 1315}, "suppressed": []}]
    assert body["total"]["values"] == {"costPerPerson": 1010, "costPerPlacement": 1414}
    assert body["minimumCellSize"] == 5
    by_programme = _get(money, "cost", period="2025", by="programme").json()
    assert [(r["dimensions"], r["values"]) for r in by_programme["rows"]] == [
        ({"programme": "general"}, {"costPerPerson": 1010, "costPerPlacement": 1414})]


def test_an_average_over_fewer_than_k_people_is_suppressed(money, settings):
    youth = _get(money, "cost", period="2025", desk=str(money.youth.uuid)).json()["total"]
    assert youth == {"dimensions": {}, "labels": {}, "values": {"costPerPerson": None, "costPerPlacement": None},
                     "suppressed": ["costPerPerson", "costPerPlacement"]}
    settings.REPORT_MIN_CELL = 3  # the youth desk's 3 people now suffice; its 0 placements do not
    rows = {r["dimensions"]["desk"]: r for r in _get(money, "cost", period="2025", by="desk").json()["rows"]}
    assert rows["Jongerenloket Testregio"]["values"] == {"costPerPerson": 333, "costPerPlacement": None}
    assert rows["Jongerenloket Testregio"]["suppressed"] == ["costPerPlacement"]
    settings.REPORT_MIN_CELL = 12  # RMT's 11 people are too few; the total's 14 people suffice, its 10 placements not
    body = _get(money, "cost", period="2025", by="desk").json()
    assert body["rows"] == []
    assert body["total"]["values"] == {"costPerPerson": 1010, "costPerPlacement": None}


def test_spend_as_csv_in_both_dialects_and_as_xlsx(money):
    FundingSource.objects.filter(code="slim").update(name="=HYPERLINK(\"http://x\")")
    rfc = _get(money, "spend", period="2025", format="csv").content.decode()
    assert "source,name,region,kind,periodStart,periodEnd,budget,approved,approvedInPeriod,realised,remaining" in rfc
    assert "slim,\"'=HYPERLINK(\"\"http://x\"\")\",Testregio,scheme,2025-01-01,2025-12-31,20000,12345,12345,12345,7655" in rfc
    assert rfc.splitlines()[-1] == "total,,,,,,30000,15345,15345,13345,14655"
    nl = _get(money, "spend", period="2025", format="csv", dialect="excel-nl",
                                headers={"HTTP_ACCEPT_LANGUAGE": "nl"}).content
    assert nl.startswith("\ufeff".encode()) and b"# " not in nl
    book = load_workbook(BytesIO(_get(money, "spend", period="2025", format="xlsx").content))
    sheet = [[c.value for c in row] for row in book["figures"].iter_rows()]
    assert sheet[-1][-5:] == [30000, 15345, 15345, 13345, 14655]
    assert [row[1] for row in sheet[1:3]] == ["'=HYPERLINK(\"http://x\")", "Impulsbudget Testregio"]
    assert book["about"]["A1"].value


def test_cost_as_csv_names_what_is_suppressed(money):
    rfc = _get(money, "cost", period="2025", by="desk", desk=str(money.youth.uuid), format="csv").content.decode()
    assert rfc.splitlines()[-2:] == ["desk,costPerPerson,costPerPlacement", "total,suppressed,suppressed"]
    about = _get(money, "cost", period="2025", format="csv", part="about").content.decode()
    assert "fewer than 5 people" in about


@pytest.mark.parametrize(("route", "params", "named"), [
    ("spend", {}, "period"),
    ("spend", {"period": "2025-13"}, "period"),
    ("spend", {"period": "2025", "desk": "00000000-0000-4000-8000-000000000000"}, "desk"),
    ("spend", {"period": "2025", "foo": "1"}, "foo"),
    ("spend", {"period": "2025", "format": "pdf"}, "format"),
    ("cost", {"period": "2025", "by": "sector"}, "by"),
    ("cost", {"period": "2025", "by": "desk,programme"}, "by"),
    ("cost", {"period": "2025", "programme": "no-such"}, "programme"),
    ("cost", {"period": "2025", "desk": "00000000-0000-4000-8000-000000000000"}, "desk"),
    ("cost", {"period": "2025..2024"}, "period"),
])
def test_bad_parameters_are_a_400_naming_them(money, route, params, named):
    response = money.manager.get(f"/api/v1/reports/{route}", params)
    assert named in invalid_names(problem(response, 400))


@pytest.mark.parametrize("route", ROUTES)
def test_a_repeated_parameter_or_a_region_not_yours_is_a_400(api, world, route):
    manager = api("manager")
    assert "period" in invalid_names(problem(manager.get(f"/api/v1/reports/{route}?period=2025&period=2024"), 400))
    foreign = manager.get(f"/api/v1/reports/{route}", {"period": "2025", "region": str(world.region_b.uuid)})
    assert "region" in invalid_names(problem(foreign, 400))  # as in every report: no figures of another region


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_only_a_region_manager_reads_the_money_reports(api, world, route, role):
    response = api(role).get(f"/api/v1/reports/{route}", {"period": "2025", "region": str(world.region_a.uuid)})
    if role == "manager":
        assert response.status_code == 200, response.content[:300]
    else:
        problem(response, 403)


def test_a_manager_sees_only_the_sources_of_their_own_regions(api, world):
    FundingSource.objects.create(region=world.region_b, code="elders", name="Elders", kind="fund",
                                 period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                                 budget_ceiling=Decimal("1.00"))
    FundingSource.objects.create(region=world.region_a, code="hier", name="Hier", kind="fund",
                                 period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                                 budget_ceiling=Decimal("1.00"))
    body = api("manager").get("/api/v1/reports/spend", {"period": "2025"}).json()  # all their regions
    assert "hier" in {r["source"] for r in body["rows"]} and "elders" not in {r["source"] for r in body["rows"]}


def test_query_counts_do_not_grow_with_the_data(money):
    """Token (1), profile (1), the caller's province roles (1), region (1), the sums (spend: 1; cost: 2 for the
    total, 2 for the groups);
    figures without persons write no processing log."""
    region = money.region.uuid
    spend = count_queries(money.manager, f"/api/v1/reports/spend?period=2025&region={region}")
    cost = count_queries(money.manager, f"/api/v1/reports/cost?period=2025&region={region}&by=desk")
    assert (spend, cost) == (5, 8)
    FundingSource.objects.create(region=money.region, code="extra", name="Extra", kind="fund",
                                 period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                                 budget_ceiling=Decimal("100.00"))
    assert count_queries(money.manager, f"/api/v1/reports/spend?period=2025&region={region}") == spend
    assert count_queries(money.manager, f"/api/v1/reports/cost?period=2025&region={region}&by=programme") == cost
