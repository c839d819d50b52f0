"""Two team leads approving at once on one budget: the funding source's row is locked while its spending
is summed, so exactly one approval takes the last of the budget (each alone fits, both together do not).

The racing approvals need committing connections, so the catalogue and the services are made in a
thread and removed from one afterwards (the test's own transaction could not see or undo them)."""
from decimal import Decimal

import pytest
from django.apps import apps

from rwc.models import User
from services import funding
from services.models import DeliveredService, FundingSource, ServiceFunding, ServiceOffering, TrainingProvider
from tests.helpers import in_thread, race
from tests.services.seed import catalogue, training_on


def _fixture(world):
    cat = catalogue(world.region_a)
    services = [training_on(world.case_a, "midden-rmt-counsellor", cat, cost="2000.00") for _ in range(2)]
    ServiceFunding.objects.filter(service__in=services).update(source=cat["talent"])  # 3,000 euros
    return cat, [s.pk for s in services]


def _cleanup(world, service_ids):
    ServiceFunding.objects.filter(service_id__in=service_ids).delete()
    DeliveredService.objects.filter(pk__in=service_ids).delete()
    for name in ("DeliveredServiceChange", "ServiceFundingChange"):
        apps.get_model("services", name).objects.all().delete()
    FundingSource.objects.filter(region=world.region_a).delete()
    TrainingProvider.objects.filter(region=world.region_a).delete()
    for offering in ServiceOffering.objects.filter(region=world.region_a):
        offering.programmes.clear()
        offering.delete()


def _approve(service_id):
    lead = User.objects.get(username="midden-rmt-lead")
    service = DeliveredService.objects.select_related("case__desk").get(pk=service_id)
    return funding.service_approve(actor=lead, service=service)


@pytest.mark.django_db
def test_two_approvals_at_once_cannot_both_spend_the_last_of_a_budget(world):
    cat, service_ids = in_thread(lambda: _fixture(world))
    try:
        results = race(lambda i: _approve(service_ids[i]), 2)
        won = [r for r in results if isinstance(r, DeliveredService)]
        lost = [r for r in results if not isinstance(r, DeliveredService)]
        assert len(won) == 1 and len(lost) == 1, results
        assert getattr(lost[0], "code", None) == "budget_exceeded"
        assert lost[0].extra["budget"] == str(cat["talent"].uuid)
        approved, spent = in_thread(lambda: (
            DeliveredService.objects.filter(pk__in=service_ids, approved_at__isnull=False).count(),
            sum(a.amount for a in ServiceFunding.objects.filter(source=cat["talent"],
                                                                service__approved_at__isnull=False))))
        assert approved == 1 and spent == Decimal("2000.00")
    finally:
        in_thread(lambda: _cleanup(world, service_ids))
