"""WSP figures: counts by database aggregation, within the region and the period only."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from employers.employers import employer_contact_record
from employers.figures import wsp_figures
from employers.models import Proposal
from tests.employers.seed import make_employer, make_vacancy, seeded


@pytest.mark.django_db
def test_figures_count_the_regions_employer_services_in_the_period(world):
    s = seeded(world)
    today = timezone.localdate()
    make_employer(world.region_a, "99990000", "Stil BV")  # served by nobody in the period: not counted
    busy = make_employer(world.region_a, "99991111", "Druk BV", sector="techniek")
    employer_contact_record(actor=None, desk=busy.managing_desk, employer=busy, data={"kind": "call",
                                                                                      "summary": "Kennismaking"})
    filled = make_vacancy(busy, sector="techniek", places=1)
    hired = Proposal.objects.get(pk=s.a.proposal.pk)  # mark one candidate hired, as a hire would
    Proposal.objects.filter(pk=hired.pk).update(status="hired", status_changed_at=timezone.now())
    filled.status = "filled"
    filled.save()
    figures = wsp_figures(region_id=world.region_a.id, date_from=today - timedelta(days=30), date_to=today)
    assert figures["employers_served"] == 2  # seeded employer (vacancy posted) and busy (contact); not quiet
    assert figures["vacancies_posted"] == 2 and figures["vacancies_filled"] == 1
    assert figures["places_filled"] == 1 and figures["places_filled_per_sector"] == {"zorg": 1}
    assert [(e["registered"], e["attended"], e["matches"]["conversation"]) for e in figures["matching_events"]] == [
        (2, 2, 2)]
    assert figures["matching_event_attendance"] == 2
    later = wsp_figures(region_id=world.region_a.id, date_from=today + timedelta(days=1),
                        date_to=today + timedelta(days=30))
    assert (later["employers_served"], later["places_filled"], later["matching_events"]) == (0, 0, [])
    other = wsp_figures(region_id=world.region_b.id, date_from=today - timedelta(days=30), date_to=today)
    assert other["places_filled"] == 0 and other["employers_served"] == 1


@pytest.mark.django_db
def test_figures_take_a_fixed_number_of_queries(world):
    seeded(world)
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as few:
        wsp_figures(region_id=world.region_a.id, date_from=today - timedelta(days=30), date_to=today)
    for index in range(5):
        make_vacancy(make_employer(world.region_a, f"7777000{index}", f"E{index}"))
    with CaptureQueriesContext(connection) as many:
        wsp_figures(region_id=world.region_a.id, date_from=today - timedelta(days=30), date_to=today)
    assert len(many.captured_queries) == len(few.captured_queries) <= 6
