"""The service catalogue and funding sources in the admin: a functional administrator of Midden-Utrecht
adds them for their own region only (the general scoping of every admin model is tested in
tests/rwc/test_admin_scoping.py, which names these models too)."""
from django.urls import reverse

from cases.models import Programme
from services.models import FundingSource, ServiceOffering
from tests.helpers import signed_in


def _funding(region):
    return {"region": region.pk, "code": "impuls", "name": "Impulsbudget talentalliantie", "kind": "programme_budget",
            "period_start": "2026-01-01", "period_end": "2026-12-31", "budget_ceiling": "50000.00", "is_active": "on"}


def test_a_functional_admin_adds_funding_and_offerings_for_their_own_region_only(client, world):
    signed_in(client, "midden-functional-admin")
    add = reverse("admin:services_fundingsource_add")
    assert client.post(add, _funding(world.region_b)).status_code == 200  # the form again, with the error
    assert not FundingSource.objects.exists()
    assert client.post(add, _funding(world.region_a)).status_code == 302
    assert FundingSource.objects.get().region == world.region_a
    ips = Programme.objects.get(code="hoofdzaak-werk-ips")
    response = client.post(reverse("admin:services_serviceoffering_add"), {
        "region": world.region_a.pk, "service_type": "ips_job_coaching", "desk_kinds": ["rmt", "youth"],
        "programmes": [ips.pk], "is_active": "on"})
    assert response.status_code == 302, response.content[:500]
    offering = ServiceOffering.objects.get()
    assert offering.desk_kinds == ["rmt", "youth"] and list(offering.programmes.all()) == [ips]
