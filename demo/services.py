"""Demo services, training, funding and front-door questions per demo region.

Per region: the service catalogue (who delivers what; IPS job coaching only under Hoofdzaak Werk),
three training providers, five funding sources (an individual learning budget scheme, a sector
training fund, the regional talent fund, the alliance's impulse budget, a national SME fund); on
open cases of demo clients at the LWL, RMT and youth desks: advice, coaching, IPS job coaching with
a care partner, retraining and language courses (some funded by two sources, approved by the desk's
team lead, started, completed with or without a certificate, or stopped early), and one training whose
funding the team lead refused, with the reason; and questions answered at the front door, a few linked
to the demo client the person became, one corrected after it was logged (its change history shows
what it was). Through the same
services as the API; idempotent: a region with services on its demo clients' cases, or with
front-door questions, keeps them."""
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases.choices import OPEN_STATUSES
from cases.models import Case, Programme
from demo.clients import demo_clients
from demo.organisation import demo_memberships, demo_regions
from rwc.errors import DomainError
from rwc.models import Desk, DeskKind, DeskRole, PartnerOrganisation
from services import delivery, funding, questions
from services.catalogue import offering_for
from services.choices import TRAINING_TYPES, QuestionChannel, QuestionTopic, ServiceType
from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceOffering, TrainingProvider

L, R, W, Y = DeskKind.LEERWERKLOKET, DeskKind.RMT, DeskKind.WSP, DeskKind.YOUTH
CATALOGUE = {  # service type: desk kinds that deliver it
    ServiceType.LOOPBAANADVIES: [L, R],
    ServiceType.ONTWIKKELADVIES: [L, R],
    ServiceType.COACHING: [R, Y],
    ServiceType.LIFE_COACHING: [Y],
    ServiceType.IPS_JOB_COACHING: [L, R, Y],
    ServiceType.TRAINING: [L, R, Y],
    ServiceType.WORK_EXPERIENCE_PLACE: [W, R, Y],
    ServiceType.JOB_APPLICATION_TRAINING: [L, R, Y, W],
    ServiceType.LANGUAGE_COURSE: [L, R],
}
PROVIDERS = ["ROC {region}", "Opleidingscentrum Techniek {region}", "Taalschool {region}"]
SOURCES = [  # code, name, kind, budget ceiling
    ("stap-budget", "Individueel leerbudget (STAP-opvolger)", "scheme", "120000.00"),
    ("sectorfonds-zorg", "Opleidingsfonds zorg en welzijn", "fund", "80000.00"),
    ("talentfonds", "Regionaal talentfonds", "fund", "60000.00"),
    ("impulsbudget", "Impulsbudget talentalliantie", "programme_budget", "40000.00"),
    ("mkb-idee", "MKB!dee (landelijk fonds voor het mkb)", "scheme", "30000.00"),
]
COURSES = [  # course name, level, crebo, cost range
    ("Helpende zorg en welzijn", "mbo 2", "25491", (1800, 3200)),
    ("Logistiek medewerker", "mbo 2", "25498", (1200, 2400)),
    ("Monteur elektrotechnische installaties", "mbo 2", "25522", (2500, 4200)),
    ("Onderwijsassistent", "mbo 4", "25486", (2800, 4500)),
    ("Heftruckcertificaat", "", "", (350, 650)),
    ("Digitale vaardigheden voor werk", "", "", (250, 600)),
]
SUMMARIES = {
    QuestionTopic.CAREER: "Wil iets anders gaan doen, weet nog niet wat",
    QuestionTopic.TRAINING: "Vraagt naar omscholing en wie die betaalt",
    QuestionTopic.JOB_SEARCH: "Zoekt werk in de buurt, vroeg naar vacatures",
    QuestionTopic.BENEFITS: "Vraag over uitkering bij omscholing",
    QuestionTopic.SCHOOL: "Gestopt met school, wil toch een diploma halen",
    QuestionTopic.LANGUAGE: "Wil beter Nederlands leren voor werk",
    QuestionTopic.EMPLOYER: "Werkgever vraagt naar subsidie voor opleiding personeel",
    QuestionTopic.OTHER: "Algemene vraag, doorverwezen",
}
PSEUDONYMS = ["Sam", "Noor", "Mo", "Lisa", "Daan", "Fatima", "Kim", "Jesse"]
SERVICES_PER_REGION = 60
QUESTIONS_PER_REGION = 40


def seed_services(seed: int = 2026) -> int:
    """Returns how many services were added."""
    added = 0
    for index, region in enumerate(demo_regions()):
        rng = random.Random(f"{seed}-services-{region.code}")
        with transaction.atomic():
            cat = _catalogue(region, index)
            if not DeliveredService.objects.filter(case__client__in=demo_clients().filter(region=region)).exists():
                added += _services(rng, region, cat)
            if not FrontDoorQuestion.objects.filter(region=region).exists():
                _questions(rng, region)
            added += _refused(region, cat)
            _edited_question(region)
    return added


REFUSAL_REASON = ("Eerst een loopbaanadvies: de opleiding past nog niet bij het doel van de deelnemer. "
                  "Vraag opnieuw aan na het advies.")
EDITED_SUMMARY = ("Vraagt naar omscholing en wie die betaalt; teruggebeld: wil logistiek medewerker worden, "
                  "verwezen naar het leerwerkloket")


def _refused(region, cat) -> int:
    """One training whose funding the desk's team lead refused, with the reason, on a case a demo
    counsellor owns (an RMT case where there is one). Idempotent: a region whose demo cases have a
    refused service keeps it. Returns how many services were added (0 or 1)."""
    clients = demo_clients().filter(region=region)
    if DeliveredService.objects.filter(case__client__in=clients, refused_at__isnull=False).exists():
        return 0
    counsellors = demo_memberships().filter(role=DeskRole.COUNSELLOR).values("user")
    today = timezone.localdate()
    for kind in (R, L, Y):
        cases = Case.objects.filter(client__in=clients, status__in=OPEN_STATUSES, desk__kind=kind, desk__is_active=True,
                                    owner__in=counsellors).select_related("desk", "programme", "owner").order_by("id")
        for case in cases:
            lead = _staff(case.desk, DeskRole.TEAM_LEAD)
            if lead is None or not _offered(case, ServiceType.TRAINING):
                continue
            cost = Decimal("2150.00")
            try:
                service = delivery.service_record(actor=case.owner, case=case, data={
                    "service_type": ServiceType.TRAINING, "provider_kind": "training_provider",
                    "training_provider": cat["providers"][0], "planned_start": today + timedelta(days=30),
                    "planned_end": today + timedelta(days=150), "hours": Decimal(160),
                    "course_name": "Logistiek medewerker", "course_level": "mbo 2", "qualification_code": "25498",
                    "cost": cost, "funding": [{"source": cat["sources"][0], "amount": cost}]})
                funding.service_refuse(actor=lead, service=service, reason=REFUSAL_REASON)
            except DomainError:
                continue
            return 1
    return 0


def _edited_question(region) -> None:
    """One front-door question corrected after it was logged (through `question_update`, so its change
    history shows what it was): the latest one a demo login logged that is not linked to a client.
    Idempotent: a region with the corrected question keeps it."""
    if FrontDoorQuestion.objects.filter(region=region, summary=EDITED_SUMMARY).exists():
        return
    staff = demo_memberships().values("user")
    for question in FrontDoorQuestion.objects.filter(region=region, client__isnull=True, recorded_by__in=staff) \
            .select_related("recorded_by").order_by("-asked_at", "-id")[:5]:
        try:
            questions.question_update(actor=question.recorded_by, question=question, expected_version=question.version,
                                      data={"summary": EDITED_SUMMARY, "topic": QuestionTopic.TRAINING,
                                            "follow_up_needed": False})
        except DomainError:
            continue
        return


def _catalogue(region, index) -> dict:
    ips = Programme.objects.filter(code="hoofdzaak-werk-ips").first()
    for service_type, kinds in CATALOGUE.items():
        offering, created = ServiceOffering.objects.get_or_create(region=region, service_type=service_type,
                                                                  defaults={"desk_kinds": kinds})
        if created and service_type == ServiceType.IPS_JOB_COACHING and ips is not None:
            offering.programmes.set([ips])
    providers = [TrainingProvider.objects.get_or_create(region=region, kvk_number=f"{(index + 6) % 10}{number + 1:07d}",
                                                        defaults={"name": name.format(region=region.name)})[0]
                 for number, name in enumerate(PROVIDERS)]
    year = timezone.localdate().year
    sources = [FundingSource.objects.get_or_create(region=region, code=code, defaults={
        "name": name, "kind": kind, "period_start": date(year - 2, 1, 1), "period_end": date(year + 1, 12, 31),
        "budget_ceiling": Decimal(ceiling)})[0] for code, name, kind, ceiling in SOURCES]
    return {"providers": providers, "sources": sources}


def _staff(desk, role=None):
    memberships = demo_memberships([desk]).select_related("user").order_by("id")
    if role is not None:
        memberships = memberships.filter(role=role)
    found = memberships.first()
    return found.user if found else None


def _services(rng, region, cat) -> int:
    today = timezone.localdate()
    cases = list(Case.objects.filter(client__in=demo_clients().filter(region=region), status__in=OPEN_STATUSES,
                                     desk__kind__in=[L, R, Y], desk__is_active=True)
                 .select_related("desk", "programme").order_by("id")[:SERVICES_PER_REGION])
    care = PartnerOrganisation.objects.filter(region=region, is_active=True).order_by("id").first()
    actors, leads, added, invoice = {}, {}, 0, 0
    for case in cases:
        actor = actors.setdefault(case.desk_id, _staff(case.desk))
        lead = leads.setdefault(case.desk_id, _staff(case.desk, DeskRole.TEAM_LEAD))
        if actor is None:
            continue
        choices = [t for t in CATALOGUE if case.desk.kind in CATALOGUE[t]]
        rng.shuffle(choices)
        service_type = next((t for t in choices if _offered(case, t)), None)
        if service_type is None:
            continue
        opened = case.opened_at.date()
        start = min(today, opened + timedelta(days=rng.randint(7, 60)))
        data = {"service_type": service_type, "provider_kind": "own_desk", "planned_start": start,
                "planned_end": start + timedelta(days=rng.randint(30, 180)), "hours": Decimal(rng.randint(4, 40))}
        if service_type in TRAINING_TYPES:
            name, level, crebo, (low, high) = (("Nederlands op de werkvloer", "NT2 B1", "", (600, 1500))
                                               if service_type == ServiceType.LANGUAGE_COURSE else rng.choice(COURSES))
            cost = Decimal(rng.randint(low, high)).quantize(Decimal("1.00"))
            invoice += 1
            sources = rng.sample(cat["sources"], 2 if rng.random() < 0.4 else 1)
            first = (cost * Decimal("0.6")).quantize(Decimal("1.00")) if len(sources) == 2 else cost
            data.update(provider_kind="training_provider", training_provider=rng.choice(cat["providers"]),
                        course_name=name, course_level=level, qualification_code=crebo,
                        hours=Decimal(rng.randint(40, 240)), cost=cost,
                        invoice_reference=f"{region.code[:4].upper()}-{today.year}-{invoice:04d}",
                        funding=[{"source": s, "amount": a} for s, a in zip(sources, [first, cost - first]) if a > 0])
        elif service_type == ServiceType.IPS_JOB_COACHING and care is not None:
            data.update(provider_kind="partner", partner_organisation=care)
        elif service_type in (ServiceType.COACHING, ServiceType.LIFE_COACHING) and rng.random() < 0.5:
            data.update(cost=Decimal(rng.randint(400, 1200)).quantize(Decimal("1.00")),
                        funding=[{"source": rng.choice(cat["sources"]), "amount": None}])
            data["funding"][0]["amount"] = data["cost"]
        try:
            service = delivery.service_record(actor=actor, case=case, data=data)
        except DomainError:
            continue
        added += 1
        if service.cost is not None and lead is not None and rng.random() < 0.85:
            try:
                service = funding.service_approve(actor=lead, service=service)
            except DomainError:  # a budget spent: left for the team lead to decide
                pass
        _progress(rng, actor, service, today)
    return added


def _offered(case, service_type) -> bool:
    try:
        offering_for(case, service_type)
    except DomainError:
        return False
    return True


def _progress(rng, actor, service, today):
    if service.planned_start >= today:
        return
    roll = rng.random()
    if roll < 0.15:
        return  # still planned
    service = delivery.service_move(actor=actor, service=service, to_status="started", on=service.planned_start)
    end = min(today, service.planned_start + timedelta(days=rng.randint(20, 150)))
    if roll < 0.45:
        return
    if roll < 0.55:
        delivery.service_move(actor=actor, service=service, to_status="stopped_early", on=end,
                              reason=rng.choice(["Werk gevonden", "Gezondheid", "Past niet bij de deelnemer"]))
        return
    certificate = rng.random() < 0.75 if service.service_type in TRAINING_TYPES else None
    delivery.service_move(actor=actor, service=service, to_status="completed", on=end,
                          certificate_obtained=certificate)


def _questions(rng, region):
    desks = list(Desk.objects.filter(region=region, kind__in=[L, Y], is_active=True).order_by("id"))
    partners = list(PartnerOrganisation.objects.filter(region=region, is_active=True).order_by("id"))
    now = timezone.now()
    for number in range(QUESTIONS_PER_REGION if desks else 0):
        desk = desks[number % len(desks)]
        actor = _staff(desk)
        if actor is None:
            continue
        topic = rng.choice(QuestionTopic.values)
        asked_at = now - timedelta(days=rng.randint(0, 365), hours=rng.randint(0, 8))
        follow_up = rng.random() < 0.3
        question = questions.question_record(actor=actor, desk=desk, data={
            "asked_at": asked_at, "channel": rng.choice(QuestionChannel.values), "topic": topic,
            "pseudonym": rng.choice(PSEUDONYMS) if rng.random() < 0.4 else "", "summary": SUMMARIES[topic],
            "referred_to_partner": rng.choice(partners) if partners and rng.random() < 0.2 else None,
            "follow_up_needed": follow_up,
            "follow_up_on": (asked_at + timedelta(days=14)).date() if follow_up else None})
        if number % 10 == 0:
            client = demo_clients().filter(registered_by_desk=desk).order_by("id")[number // 10: number // 10 + 1].first()
            if client is not None:
                questions.question_convert(actor=actor, question=question, client=client)
