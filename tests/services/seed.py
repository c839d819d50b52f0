"""Service, funding and front-door records for tests, seeded through the domain services (see seeded())."""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from cases.models import Programme
from rwc.models import Desk, DeskKind, Region, User
from services import delivery, questions
from services.choices import ServiceType
from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceOffering, TrainingProvider

ALL_DESKS = [DeskKind.LEERWERKLOKET, DeskKind.RMT, DeskKind.YOUTH]


def catalogue(region: Region) -> dict:
    """The region's catalogue: every service type for the client desks, IPS job coaching only under
    Hoofdzaak Werk, work-experience places only for the WSP; a training provider; two funding sources."""
    offerings = {}
    for value in ServiceType.values:
        kinds = [DeskKind.WSP] if value == ServiceType.WORK_EXPERIENCE_PLACE else ALL_DESKS
        offering, _ = ServiceOffering.objects.get_or_create(region=region, service_type=value,
                                                            defaults={"desk_kinds": kinds})
        if value == ServiceType.IPS_JOB_COACHING:
            offering.programmes.set([Programme.objects.get(code="hoofdzaak-werk-ips")])
        offerings[value] = offering
    year = timezone.localdate().year
    provider, _ = TrainingProvider.objects.get_or_create(region=region, kvk_number=f"{region.pk % 10}1234567",
                                                         defaults={"name": f"ROC {region.name}"})
    slo, _ = FundingSource.objects.get_or_create(region=region, code="slim", defaults={
        "name": f"SLIM {region.name}", "kind": "scheme", "period_start": date(year - 1, 1, 1),
        "period_end": date(year + 1, 12, 31), "budget_ceiling": Decimal("10000.00")})
    talent, _ = FundingSource.objects.get_or_create(region=region, code="talentfonds", defaults={
        "name": f"Talentfonds {region.name}", "kind": "fund", "period_start": date(year - 1, 1, 1),
        "period_end": date(year + 1, 12, 31), "budget_ceiling": Decimal("3000.00")})
    return {"offerings": offerings, "provider": provider, "slim": slo, "talent": talent}


def training_on(case, username, cat, *, cost="1500.00", invoice="") -> DeliveredService:
    actor = User.objects.get(username=username)
    return delivery.service_record(actor=actor, case=case, data={
        "service_type": ServiceType.TRAINING, "provider_kind": "training_provider",
        "training_provider": cat["provider"], "planned_start": timezone.localdate(),
        "planned_end": timezone.localdate() + timedelta(days=90), "hours": Decimal("120"),
        "course_name": "Logistiek medewerker", "course_level": "mbo 2", "qualification_code": "25498",
        "cost": Decimal(cost), "invoice_reference": invoice,
        "funding": [{"source": cat["slim"], "amount": Decimal(cost)}]})


def question_at(desk: Desk, username: str, **extra) -> FrontDoorQuestion:
    data = {"channel": "walk_in", "topic": "training", "pseudonym": "", "summary": "Asked about a course"}
    data.update(extra)
    return questions.question_record(actor=User.objects.get(username=username), desk=desk, data=data)


@dataclass
class ServiceSeed:
    cat_a: dict
    cat_b: dict
    service_a: DeliveredService
    service_lwl_a: DeliveredService
    service_b: DeliveredService
    question_a: FrontDoorQuestion
    question_lwl_a: FrontDoorQuestion
    question_b: FrontDoorQuestion


def seeded(w) -> ServiceSeed:
    """Seed once per test: the catalogues of regions A and B, a funded training on the three cases of
    the world, and a question at each of the three desks."""
    cached = getattr(w, "_services_seed", None)
    if cached is None:
        cat_a, cat_b = catalogue(w.region_a), catalogue(w.region_b)
        cached = ServiceSeed(
            cat_a=cat_a, cat_b=cat_b,
            service_a=training_on(w.case_a, "midden-rmt-counsellor", cat_a),
            service_lwl_a=training_on(w.case_lwl_a, "midden-lwl-counsellor", cat_a),
            service_b=training_on(w.case_b, "amersfoort-rmt-counsellor", cat_b),
            question_a=question_at(w.rmt_a, "midden-rmt-counsellor"),
            question_lwl_a=question_at(w.lwl_a, "midden-lwl-counsellor"),
            question_b=question_at(w.rmt_b, "amersfoort-rmt-counsellor"),
        )
        w._services_seed = cached
    return cached
