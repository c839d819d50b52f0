"""The figures of services, training, funding and front-door questions, worked out by hand: the counts
through the manager's reports (no noise: D = 0, so a count of k = 5 or more is published as itself
and 1 to 4 as 0), the euro sums through services.figures."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from rwc.models import User
from services import delivery, funding
from services.figures import cost_groups, spend_by_source
from tests.services.seed import catalogue, question_at, training_on


@pytest.fixture
def five_trainings(world, settings):
    """Five trainings on the own case (one person), 1,000 euros each on SLIM, approved: three completed
    (two with a certificate), one stopped early, one still running; a coaching by the desk itself."""
    settings.REPORT_MAX_NOISE = 0
    cat = catalogue(world.region_a)
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    lead = User.objects.get(username="midden-rmt-lead")
    for n in range(5):
        service = training_on(world.case_a, counsellor.username, cat, cost="1000.00")
        funding.service_approve(actor=lead, service=service)
        service = delivery.service_move(actor=counsellor, service=service, to_status="started")
        if n < 3:
            delivery.service_move(actor=counsellor, service=service, to_status="completed",
                                  certificate_obtained=n < 2)
        elif n == 3:
            delivery.service_move(actor=counsellor, service=service, to_status="stopped_early", reason="Werk")
    coaching = delivery.service_record(actor=counsellor, case=world.case_a, data={
        "service_type": "coaching", "provider_kind": "own_desk", "planned_start": timezone.localdate()})
    delivery.service_move(actor=counsellor, service=coaching, to_status="started")
    return cat


def _report(api, world, key, **params):
    response = api("manager").get(f"/api/v1/reports/{key}", {"period": str(timezone.localdate().year),
                                                             "region": str(world.region_a.uuid), **params})
    assert response.status_code == 200, response.content[:400]
    return response.json()


def test_training_started_completed_with_certificates(api, world, five_trainings):
    report = _report(api, world, "training")
    # 5 started; 3 completed and 1 stopped early are below k = 5: published as 0; one person: 0
    assert report["total"]["values"] == {"started": 5, "completed": 0, "withCertificate": 0, "stoppedEarly": 0,
                                         "people": 0}


def test_services_delivered_by_type_and_provider(api, world, five_trainings):
    report = _report(api, world, "services-delivered", by="service_type")
    rows = {r["dimensions"]["serviceType"]: r["values"] for r in report["rows"]}
    assert rows == {"training": {"services": 5, "people": 0}}  # the single coaching is published as 0: left out
    assert report["total"]["values"]["services"] == 6
    by_provider = _report(api, world, "services-delivered", by="provider_kind")
    assert {r["dimensions"]["providerKind"] for r in by_provider["rows"]} == {"training_provider"}


def test_front_door_questions_by_topic_and_channel(api, world, settings):
    settings.REPORT_MAX_NOISE = 0
    for n in range(6):
        question_at(world.rmt_a, "midden-rmt-counsellor", topic="training" if n < 5 else "career",
                    follow_up_needed=n < 5)
    question_at(world.rmt_b, "amersfoort-rmt-counsellor")  # another region: not in region A's figures
    report = _report(api, world, "front-door-questions", by="topic")
    assert {r["dimensions"]["topic"]: r["values"]["questions"] for r in report["rows"]} == {"training": 5}
    assert report["total"]["values"] == {"questions": 6, "followUpsNeeded": 5, "registeredLater": 0}
    by_channel = _report(api, world, "front-door-questions", by="channel")
    assert [r["dimensions"]["channel"] for r in by_channel["rows"]] == ["walk_in"]


def test_spend_per_funding_source_against_its_budget(world, five_trainings):
    """Exact cents here; rounding, suppression and who may see them: reports/money.py (tests/reports/test_money.py)."""
    cat = five_trainings
    unapproved = training_on(world.case_a, "midden-rmt-counsellor", cat, cost="250.00")
    assert unapproved.approved_at is None
    year = timezone.localdate().year
    since, until = (timezone.make_aware(datetime(y, 1, 1)) for y in (year, year + 1))
    rows = spend_by_source([world.region_a.pk], date(year, 1, 1), date(year, 12, 31), since=since, until=until)
    by_code = {row["source"]: row for row in rows}
    assert {k: by_code["slim"][k] for k in ("budget", "approved", "approved_in_period", "realised", "remaining")} == {
        "budget": Decimal("10000.00"), "approved": Decimal("5000.00"), "approved_in_period": Decimal("5000.00"),
        "realised": Decimal("5000.00"), "remaining": Decimal("5000.00")}
    assert by_code["talentfonds"]["approved"] == Decimal("0.00")
    assert spend_by_source([world.region_b.pk], date(year, 1, 1), date(year, 12, 31), since=since, until=until) == []


def test_cost_groups_sum_cost_people_and_placements(world, five_trainings):
    year = timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    assert cost_groups([world.region_a.pk], start, end) == {
        None: {"cost": Decimal("5000.00"), "people": 1, "placements": 0}}
    assert cost_groups([world.region_a.pk], start, end, group="desk") == {
        world.rmt_a.name: {"cost": Decimal("5000.00"), "people": 1, "placements": 0}}
    assert cost_groups([world.region_b.pk], start, end) == {None: {"cost": Decimal("0"), "people": 0, "placements": 0}}


@pytest.fixture
def refusals(world, settings):
    """Funding refused by the team lead: five trainings and a coaching on the own case (one person) this
    year; one refused, then approved (cleared: not counted); one refused last year; one in region B."""
    settings.REPORT_MAX_NOISE = 0
    cat = catalogue(world.region_a)
    lead = User.objects.get(username="midden-rmt-lead")
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    for _n in range(5):
        service = training_on(world.case_a, counsellor.username, cat, cost="100.00")
        funding.service_refuse(actor=lead, service=service, reason="Eerst een intake bij de aanbieder")
    coaching = delivery.service_record(actor=counsellor, case=world.case_a, data={
        "service_type": "coaching", "provider_kind": "own_desk", "planned_start": timezone.localdate()})
    funding.service_refuse(actor=lead, service=coaching, reason="Doet het team zelf")
    later_approved = training_on(world.case_a, counsellor.username, cat, cost="100.00")
    funding.service_refuse(actor=lead, service=later_approved, reason="Te duur")
    funding.service_approve(actor=lead, service=later_approved)
    last_year = training_on(world.case_a, counsellor.username, cat, cost="100.00")
    funding.service_refuse(actor=lead, service=last_year, reason="Te duur")
    type(last_year).objects.filter(pk=last_year.pk).update(
        refused_at=timezone.make_aware(datetime(timezone.localdate().year - 1, 6, 1)))
    elsewhere = training_on(world.case_b, "amersfoort-rmt-counsellor", catalogue(world.region_b), cost="100.00")
    funding.service_refuse(actor=User.objects.get(username="amersfoort-rmt-lead"), service=elsewhere, reason="Nee")
    return cat


def test_services_refused_funding_by_type_and_provider(api, world, refusals):
    """6 refusals standing this year in region A: 5 trainings, 1 coaching (1 to 4 published as 0: left out),
    one person (published as 0); the refusal cleared by an approval, last year's and region B's not counted."""
    report = _report(api, world, "services-refused", by="service_type")
    assert {r["dimensions"]["serviceType"]: r["values"] for r in report["rows"]} == {
        "training": {"refused": 5, "people": 0}}
    assert report["total"]["values"] == {"refused": 6, "people": 0}
    by_provider = _report(api, world, "services-refused", by="provider_kind")
    assert {r["dimensions"]["providerKind"]: r["values"]["refused"] for r in by_provider["rows"]} == {
        "training_provider": 5}
    by_quarter = _report(api, world, "services-refused", by="quarter")
    assert sum(r["values"]["refused"] for r in by_quarter["rows"]) == 6
    year_before = _report(api, world, "services-refused", period=str(timezone.localdate().year - 1))
    assert year_before["total"]["values"]["refused"] == 0  # one refusal: 1 to 4 is published as 0


def test_services_refused_funding_is_perturbed_as_every_count(api, world, refusals, settings):
    """The cell key method with D = 2: the published total is one the true 6 can give, the same at each ask."""
    from reports.cellkey import possible_counts

    settings.REPORT_MAX_NOISE = 2
    total = _report(api, world, "services-refused")["total"]["values"]["refused"]
    assert 6 in possible_counts(total, k=settings.REPORT_MIN_CELL, max_noise=2)
    assert _report(api, world, "services-refused")["total"]["values"]["refused"] == total


def test_services_refused_funding_labels_and_access(api, world, refusals):
    listed = {i["id"]: i for i in api("manager").get("/api/v1/reports", {"pageSize": 100}).json()["results"]}
    assert listed["services-refused"]["title"] == "Services refused funding"
    dutch = api("manager").get("/api/v1/reports", {"pageSize": 100}, HTTP_ACCEPT_LANGUAGE="nl").json()["results"]
    [nl] = [i for i in dutch if i["id"] == "services-refused"]
    assert nl["title"] == "Diensten met geweigerde financiering"
    assert [m["label"] for m in nl["measures"]] == ["Financiering geweigerd", "Mensen"]
    for role in ("counsellor", "team_lead", "privacy_officer", "functional_admin", "partner"):
        response = api(role).get("/api/v1/reports/services-refused", {"period": str(timezone.localdate().year)})
        assert response.status_code in (403, 404), role
