"""The differencing attack of issue 20, mounted through the API on generated data: no count from 1
to k-1 is recovered.

**Data.** One region, three desks, three programmes, 260 intakes in 2026 spread over the months
(fixed record ids, so every run computes the same figures): most month cells, many quarter cells
and some margins hold 1 to k-1 cases.

**What the attacker asks.** `intakes` with `by=desk,programme` for the year 2026, each quarter, each
month, the ranges 2026-Q1..2026-Q3 and 2026-Q2..2026-Q4, and ranges of days that cut months in two
(2026-01-01/2026-05-15 and 2026-05-16/2026-12-31, 2026-01-01/2026-08-10 and 2026-08-11/2026-12-31): every cell, both margins and the total
of each (a breakdown and its total, two overlapping breakdowns, margins within one table); and
`by=programme,quarter`, `by=desk,month` for the year (the same cells through other tables: they
must publish the same figures). A row left out is a published 0 (the attacker knows the desks and
programmes).

**What the attacker knows.** The method, k and D: from a published figure p alone, the true count
lies in `possible_counts(p)` (p - D..p + D and at least k for p > 0; 0..k+D-1 for p = 0). And the
identities that hold for true counts: a year is the sum of its quarters, of its ranges plus the
rest and of each pair of day ranges, a quarter of its months, a total of its desks and of its programmes, each desk (and
programme) of its cells.

**The attack.** Constraint propagation to a fixed point: for every identity total = a + b + ...,
each member's set of possible counts is cut to what the others' bounds allow, and the total's to
the members' sum bounds; repeated until nothing changes. The result is sound (the true count always
stays possible: asserted).

**Recovered** means: for a cell whose true count is 1 to k-1, every count still possible lies in
1..k-1 (the attacker knows the cell is small and not empty; a single value left is the exact count).
The attack is run under four secrets, and, as a control showing it is not toothless, without noise
(D = 0), where it does recover small counts by subtraction.

This is not a proof: the noise is bounded, so an attacker can narrow a count whenever the noises of
the cells around it all happen to lie near +-D in the right directions. The same attack over 180
random data sets (`python -m tests.reports.simulate_differencing`) narrowed 2 of 21,849 small cells
to 1..k-1 (D = 2, k = 5); docs/indicators.md says so. The ids here are fixed, so this test is not
a lottery from run to run.
"""
import itertools
from datetime import date

import pytest
from django.test import override_settings

from cases.choices import CaseStatus
from cases.models import Case, Programme
from clients.models import Client
from reports.cellkey import possible_counts
from rwc import organisation
from rwc.models import DeskKind, Region, RegionRoleKind, User
from tests.reports.conftest import at

K, D = 5, 2
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
QUARTERS = [f"2026-Q{q}" for q in range(1, 5)]
RANGES = {"2026-Q1..2026-Q3": QUARTERS[:3], "2026-Q2..2026-Q4": QUARTERS[1:]}
# ranges of days that cut months in two: the year is the sum of each pair
DAY_RANGES = {"2026-01-01/2026-05-15": (date(2026, 1, 1), date(2026, 5, 15)),
              "2026-05-16/2026-12-31": (date(2026, 5, 16), date(2026, 12, 31)),
              "2026-01-01/2026-08-10": (date(2026, 1, 1), date(2026, 8, 10)),
              "2026-08-11/2026-12-31": (date(2026, 8, 11), date(2026, 12, 31))}
PERIODS = ["2026", *QUARTERS, *MONTHS, *RANGES, *DAY_RANGES]
DESKS = ["Desk Noord", "Desk Oost", "Desk West"]
PROGRAMMES = ["diff-a", "diff-b", "diff-c"]
FIRST_ID = 7_000_000  # fixed ids, far above the sequence: the same record keys in every run


@pytest.fixture
def region_with_intakes(db):
    from random import Random

    from rest_framework.test import APIClient

    from rwc.oauth import issue_staff_token

    region = Region.objects.create(code="diffregio", name="Diffregio")
    desks = [organisation.desk_create(region=region, kind=DeskKind.RMT, name=name) for name in DESKS]
    programmes = [Programme.objects.create(code=code, name=code) for code in PROGRAMMES]
    owner = User.objects.create(username="diff-counsellor")
    boss = User.objects.create(username="diff-manager")
    organisation.region_role_add(user=boss, region=region, role=RegionRoleKind.MANAGER)
    draw = Random(20)
    clients, cases = [], []
    for i in range(260):
        clients.append(Client(id=FIRST_ID + i, region=region, registered_by_desk=desks[0], given_names=f"D{i}",
                              surname="Diff", name_search=f"d{i} diff", birth_date=date(1990, 1, 1)))
        month = draw.choice(range(1, 13))
        # uneven: desk and programme weights make small and large cells side by side
        desk = draw.choices(desks, weights=[6, 3, 1])[0]
        programme = draw.choices(programmes, weights=[5, 3, 2])[0]
        opened = at(date(2026, month, draw.randint(1, 28)))
        cases.append(Case(id=FIRST_ID + i, client_id=FIRST_ID + i, desk=desk, programme=programme, owner=owner,
                          opened_at=opened, status_changed_at=opened, status=CaseStatus.ACTIVE))
    Client.objects.bulk_create(clients)
    Case.objects.bulk_create(cases)
    manager = APIClient()
    manager.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(boss)}")
    return manager


def _truth() -> dict:
    """True counts of every cell the attacker sees, from the records (the test's side, not the API's)."""
    rows = list(Case.objects.filter(id__gte=FIRST_ID).values_list("opened_at", "desk__name", "programme__code"))
    months = {p: {p} for p in MONTHS}
    months.update({q: {m for m in MONTHS if f"2026-Q{(int(m[5:]) - 1) // 3 + 1}" == q} for q in QUARTERS})
    months["2026"] = set(MONTHS)
    months.update({r: set().union(*(months[q] for q in qs)) for r, qs in RANGES.items()})
    def within(period, opened):
        day = opened.astimezone(at(date(2026, 1, 1)).tzinfo).date()
        if period in DAY_RANGES:
            return DAY_RANGES[period][0] <= day <= DAY_RANGES[period][1]
        return day.strftime("%Y-%m") in months[period]

    truth = {}
    for period, desk, programme in itertools.product(PERIODS, [None, *DESKS], [None, *PROGRAMMES]):
        truth[(period, desk, programme)] = sum(
            1 for opened, d, p in rows if within(period, opened) and desk in (None, d) and programme in (None, p))
    return truth


def _published(manager) -> dict:
    """Every cell as published: (period, desk or None, programme or None) -> figure."""
    out = {}
    for period in PERIODS:
        report = manager.get("/api/v1/reports/intakes", {"period": period, "by": "desk,programme"}).json()
        out.update({(period, d, p): 0 for d, p in itertools.product([None, *DESKS], [None, *PROGRAMMES])})
        for row in report["rows"]:
            out[(period, row["dimensions"]["desk"], row["dimensions"]["programme"])] = row["values"]["intakes"]
        for row in report["subtotals"]:
            dims = row["dimensions"]
            out[(period, dims.get("desk"), dims.get("programme"))] = row["values"]["intakes"]
        out[(period, None, None)] = report["total"]["values"]["intakes"]
    return out


def _identities() -> list[tuple[tuple, list[tuple]]]:
    """(total, its parts) for every identity between true counts."""
    out = []
    for desk, programme in itertools.product([None, *DESKS], [None, *PROGRAMMES]):
        cell = lambda period: (period, desk, programme)  # noqa: E731
        out.append((cell("2026"), [cell(q) for q in QUARTERS]))
        out += [(cell(q), [cell(m) for m in MONTHS[3 * i:3 * i + 3]]) for i, q in enumerate(QUARTERS)]
        out += [(cell(r), [cell(q) for q in qs]) for r, qs in RANGES.items()]
        out.append((cell("2026"), [cell("2026-Q1..2026-Q3"), cell("2026-Q4")]))
        out.append((cell("2026"), [cell("2026-Q1"), cell("2026-Q2..2026-Q4")]))
        out.append((cell("2026"), [cell("2026-01-01/2026-05-15"), cell("2026-05-16/2026-12-31")]))
        out.append((cell("2026"), [cell("2026-01-01/2026-08-10"), cell("2026-08-11/2026-12-31")]))
    for period in PERIODS:
        for programme in [None, *PROGRAMMES]:
            out.append(((period, None, programme), [(period, d, programme) for d in DESKS]))
        for desk in [None, *DESKS]:
            out.append(((period, desk, None), [(period, desk, p) for p in PROGRAMMES]))
    return out


def attack(published: dict, *, k: int, d: int) -> dict:
    """The counts still possible for every cell after constraint propagation (see the docstring)."""
    possible = {cell: set(possible_counts(p, k=k, max_noise=d)) for cell, p in published.items()}
    identities = _identities()
    changed = True
    while changed:
        changed = False
        for total, parts in identities:
            low, high = [min(possible[p]) for p in parts], [max(possible[p]) for p in parts]
            cut = {v for v in possible[total] if sum(low) <= v <= sum(high)}
            changed |= cut != possible[total]
            possible[total] = cut
            t_low, t_high = min(cut), max(cut)
            for i, part in enumerate(parts):
                others_low, others_high = sum(low) - low[i], sum(high) - high[i]
                cut = {v for v in possible[part] if t_low - others_high <= v <= t_high - others_low}
                if cut != possible[part]:
                    possible[part], low[i], high[i], changed = cut, min(cut), max(cut), True
    return possible


def _recovered(truth: dict, possible: dict, k: int) -> list:
    assert all(truth[cell] in possible[cell] for cell in truth), "the attack is sound"
    return [(cell, truth[cell], sorted(possible[cell])) for cell in truth
            if 1 <= truth[cell] < k and possible[cell] <= set(range(1, k))]


@pytest.mark.django_db
@pytest.mark.parametrize("secret", ["differencing-1", "differencing-2", "differencing-3", "differencing-4"])
def test_no_small_count_is_recovered_from_overlapping_tables(region_with_intakes, secret, settings):
    settings.REPORT_MIN_CELL, settings.REPORT_MAX_NOISE, settings.REPORT_CELL_KEY_SECRET = K, D, secret
    truth = _truth()
    small = [cell for cell, n in truth.items() if 1 <= n < K]
    assert len(small) >= 100, "the data must hold plenty of small cells to attack"
    published = _published(region_with_intakes)
    assert not any(1 <= v < K for v in published.values())
    assert _recovered(truth, attack(published, k=K, d=D), K) == []


@pytest.mark.django_db
def test_without_noise_the_same_attack_recovers_small_counts(region_with_intakes, settings):
    """The control: D = 0 is plain suppression of 1..k-1 (as 0) without secondary suppression; a year
    minus its published quarters, a total minus its published desks, gives the hidden counts away."""
    settings.REPORT_MIN_CELL, settings.REPORT_MAX_NOISE = K, 0
    truth = _truth()
    recovered = _recovered(truth, attack(_published(region_with_intakes), k=K, d=0), K)
    assert len(recovered) >= 50  # 84 of the 106 small cells


@pytest.mark.django_db
def test_a_cell_asked_through_other_tables_publishes_the_same_figure(region_with_intakes, settings):
    """by=programme,quarter and by=desk,month over the year hold cells the attacker also got per
    quarter and per month: each is the same figure, under each secret."""
    for secret in ("differencing-1", "differencing-2"):
        with override_settings(REPORT_CELL_KEY_SECRET=secret, REPORT_MAX_NOISE=D, REPORT_MIN_CELL=K):
            published = _published(region_with_intakes)
            compared = 0
            for by, period_dim, other in (("programme,quarter", "quarter", "programme"), ("desk,month", "month", "desk")):
                report = region_with_intakes.get("/api/v1/reports/intakes", {"period": "2026", "by": by}).json()
                for row in report["rows"]:
                    dims = row["dimensions"]
                    cell = (dims[period_dim], dims[other] if other == "desk" else None,
                            dims[other] if other == "programme" else None)
                    assert row["values"]["intakes"] == published[cell], (by, cell)
                    compared += 1
                for row in report["subtotals"]:
                    dims = row["dimensions"]
                    if period_dim in dims:
                        assert row["values"]["intakes"] == published[(dims[period_dim], None, None)]
                    else:
                        cell = ("2026", dims.get("desk"), dims.get("programme"))
                        assert row["values"]["intakes"] == published[cell]
                    compared += 1
                assert report["total"]["values"]["intakes"] == published[("2026", None, None)]
            assert compared >= 30
