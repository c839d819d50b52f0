"""The sector of a job from the fixed list (clients.choices.Sector) that employers and vacancies use,
not free text that splits into spellings: a transition into work takes a code, the migration maps the
texts written before, and placements are broken down by it with the sector's name as label."""
import importlib

import pytest
from django.apps import apps

from cases.models import Transition
from tests.cases.test_transitions_outcomes import _record_transition
from tests.helpers import problem

pytestmark = pytest.mark.usefixtures("no_noise")


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Zorg en welzijn", "ZORG", "care", "zorgsector"])
def test_a_sector_as_free_text_is_a_400_and_nothing_is_stored(api, world, text):
    before = Transition.objects.count()
    body = problem(_record_transition(api("counsellor"), world.client_a, sector=text), 400)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("sector", "invalid_choice")]
    assert Transition.objects.count() == before


@pytest.mark.django_db
def test_a_sector_code_is_recorded(api, world):
    response = _record_transition(api("counsellor"), world.client_a, sector="zorg")
    assert response.status_code == 201, response.content
    assert response.json()["sector"] == "zorg"


@pytest.mark.django_db
def test_the_migration_maps_the_texts_written_before(testregio):
    """A's 10 transitions: 4 "Zorg en welzijn", 3 "Food", 2 "Kunst en cultuur", 1 already "logistiek"."""
    moves = list(Transition.objects.order_by("id").values_list("id", flat=True))
    for ids, text in ((moves[:4], "Zorg en welzijn"), (moves[4:7], "Food"), (moves[7:9], "Kunst en cultuur")):
        Transition.objects.filter(id__in=ids).update(sector=text)
    migration = importlib.import_module("cases.migrations.0011_reports_transition_sector")
    migration.to_codes(apps, None)
    sectors = list(Transition.objects.order_by("id").values_list("sector", flat=True))
    assert sectors == ["zorg"] * 4 + ["agro_food"] * 3 + ["other"] * 2 + ["logistiek"]


@pytest.mark.django_db
def test_placements_by_sector_with_its_name(testregio):
    """A's 10 placements were into logistics."""
    report = testregio.manager.get("/api/v1/reports/placements", {"period": "2025", "by": "sector"},
                                   HTTP_ACCEPT_LANGUAGE="nl").json()
    assert [(r["dimensions"]["sector"], r["labels"]["sector"], r["values"]["placed"]) for r in report["rows"]] == [
        ("logistiek", "Logistiek", 10)]
