"""Placements by contract type, hours before and after, and the employer instruments used.

Testregio (tests/reports/conftest.py): A's 10 placements dated 2025-05-10, each with a transition
into work. Here:
- contract types: A's first five permanent, the other five fixed-term;
- hours: every placement's job 32 hours a week; A's first six clients had an earlier job with hours
  recorded (a transition into work on 2024-01-01, 16 hours; the first also one on 2023-01-01, 40
  hours, older, so not the one before); the other four no earlier job;
- instruments: a loonkostensubsidie started 2025-05-10 on A's first five placements, a proefplaatsing
  on the next three, and one started in 2024 (outside).
"""
from datetime import date

import pytest

from cases.choices import Position, Source
from cases.models import InstrumentUse, Outcome, Transition

pytestmark = pytest.mark.usefixtures("no_noise")


@pytest.fixture
def placements(testregio):
    placed = list(Outcome.objects.filter(case__desk=testregio.rmt, kind="placement").select_related("transition")
                  .order_by("id"))
    for i, outcome in enumerate(placed):
        move = outcome.transition
        move.contract_type = "permanent" if i < 5 else "fixed_term"
        move.hours_per_week = 32
        move.save()
        earlier = [(date(2024, 1, 1), 16)] if i < 6 else []
        if i == 0:
            earlier.append((date(2023, 1, 1), 40))
        for day, hours in earlier:
            Transition.objects.create(client=move.client, date=day, source=Source.COUNSELLOR,
                                      from_position=Position.NOT_WORKING_NO_BENEFIT, to_position=Position.EMPLOYED,
                                      hours_per_week=hours)
        uses = ["loonkostensubsidie"] if i < 5 else ["proefplaatsing"] if i < 8 else []
        for instrument in uses:
            InstrumentUse.objects.create(placement=outcome, instrument=instrument, start_on=date(2025, 5, 10),
                                         end_on=date(2025, 7, 10), first_end_on=date(2025, 7, 10))
    InstrumentUse.objects.create(placement=placed[9], instrument="jobcoach", start_on=date(2024, 12, 1),
                                 end_on=date(2025, 12, 1), first_end_on=date(2025, 12, 1))
    return testregio


def _report(regio, key, **params):
    response = regio.manager.get(f"/api/v1/reports/{key}", {"period": "2025", **params})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_placements_by_contract_type(placements):
    report = _report(placements, "placements", by="contract_type")
    rows = {r["dimensions"]["contractType"]: r["values"]["placed"] for r in report["rows"]}
    assert rows == {"permanent": 5, "fixed_term": 5} and report["total"]["values"]["placed"] == 10


@pytest.mark.django_db
def test_hours_before_and_after(placements):
    """Six placements whose client worked before (16 hours, the latest earlier job), all six now 32:
    more hours 6, median before 16, after 32. The four without an earlier job are not in it."""
    total = _report(placements, "placement-hours")["total"]["values"]
    assert total == {"placements": 6, "moreHours": 6, "medianHoursBefore": 16.0, "medianHoursAfter": 32.0}


@pytest.mark.django_db
def test_hours_medians_are_withheld_below_k(placements, settings):
    settings.REPORT_MIN_CELL = 7
    total = _report(placements, "placement-hours")["total"]
    assert total["values"]["medianHoursBefore"] is None and "medianHoursAfter" in total["suppressed"]


@pytest.mark.django_db
def test_instruments_used_in_the_period(placements):
    """2025: 5 loonkostensubsidies, 3 proefplaatsingen (1 to k-1: left out), 8 uses on 8 placements;
    the jobcoach started in 2024 is not counted."""
    report = _report(placements, "instruments-used", by="instrument")
    rows = {r["dimensions"]["instrument"]: r["values"] for r in report["rows"]}
    assert rows == {"loonkostensubsidie": {"uses": 5, "placements": 5}}
    assert report["total"]["values"] == {"uses": 8, "placements": 8}
    assert _report(placements, "instruments-used", period="2024")["total"]["values"] == {"uses": 0, "placements": 0}
