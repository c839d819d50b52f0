"""Demo employer services per region: employers with contacts and vacancies, work wishes of the
WSP's own clients, candidates proposed (some invited, one hired onto an open WSP case), and two
past matching events with registrations, attendance and matches. Through the same services as the
API; idempotent (a demo region that has its demo employers is left alone). Only demo clients are
proposed or registered, and the employers are marked (`DemoEmployer`)."""
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus
from cases.models import Case
from clients.job_wishes import job_wish_set
from clients.services import consent_record
from demo.clients import CITIES, demo_clients
from demo.models import DemoEmployer
from demo.organisation import demo_memberships, demo_regions
from employers import matching_events, proposals, vacancies
from employers.employers import employer_contact_record, employer_register
from rwc.models import Desk, DeskKind

EMPLOYERS = [  # trade name, sector, size class, SBB-recognised, vacancy (title, occupation, hours, level)
    ("Zorggroep De Linde", "zorg", "large", True, ("Helpende zorg en welzijn", "Helpende", 24, "mbo_2")),
    ("Technisch Installatiebedrijf Van Dam", "techniek", "medium", True, ("Monteur installatietechniek", "Monteur", 38,
                                                                          "mbo_2")),
    ("Logistiek Centrum Midden", "logistiek", "large", False, ("Orderpicker", "Orderpicker", 32, "")),
    ("Bouwbedrijf Hendriks", "bouw", "small", True, ("Timmerman", "Timmerman", 38, "mbo_2")),
    ("Supermarkt De Hoek", "detailhandel", "medium", False, ("Verkoopmedewerker", "Verkoopmedewerker", 20, "")),
    ("ICT Servicedesk Nederland", "ict", "small", False, ("Servicedeskmedewerker", "Servicedesk", 36, "mbo_4")),
    ("Basisschool De Regenboog", "onderwijs", "small", True, ("Onderwijsassistent", "Onderwijsassistent", 24,
                                                              "mbo_4")),
    ("Thuiszorg Samen", "zorg", "medium", True, ("Verzorgende IG", "Verzorgende", 28, "mbo_3")),
]
EVENTS = [("Zorgbanenmarkt", ["zorg"], 60), ("Banenmarkt voor mensen die weinig Nederlands spreken",
                                             ["logistiek", "detailhandel", "techniek", "zorg"], 25)]


def seed_employer_services(seed: int = 2026) -> int:
    """Returns how many employers were added."""
    added = 0
    for index, region in enumerate(demo_regions()):
        if DemoEmployer.objects.filter(employer__region=region).exists():
            continue
        desk = Desk.objects.filter(region=region, kind=DeskKind.WSP, is_active=True).first()
        staff = demo_memberships([desk]).select_related("user").order_by("id").first() if desk else None
        if desk is None or staff is None:
            continue
        with transaction.atomic():
            added += _region(random.Random(f"{seed}-{region.code}"), index, region, desk, staff.user)
    return added


def _region(rng, index, region, desk, user) -> int:
    today = timezone.localdate()
    employers, posted = [], []
    city, prefix = CITIES.get(region.code, [("Utrecht", "35")])[0]
    for number, (name, sector, size, sbb, (title, occupation, hours, level)) in enumerate(EMPLOYERS):
        employer = employer_register(actor=user, desk=desk, data={
            "kvk_number": f"{index + 5}{number + 1:07d}", "trade_name": f"{name} {region.name}", "sector": sector,
            "size_class": size, "sbb_recognised": sbb, "locations": [{"name": "Hoofdvestiging", "postcode": "",
                                                                      "city": city}],
            "contact_persons": [{"name": rng.choice(["Petra de Wit", "Kees Bakker", "Samira Amrani"]),
                                 "role": "HR-adviseur", "email": "", "phone": ""}]})
        DemoEmployer.objects.create(employer=employer)
        employer_contact_record(actor=user, desk=desk, employer=employer, data={
            "kind": rng.choice(["visit", "call", "agreement"]), "summary": "Wervingsbehoefte besproken",
            "at": timezone.now() - timedelta(days=rng.randint(5, 120))})
        employers.append(employer)
        posted.append(vacancies.vacancy_post(actor=user, desk=desk, employer=employer, data={
            "title": title, "occupation": occupation, "sector": sector, "hours_per_week": hours,
            "education_level": level, "city": city, "postcode": f"{prefix}11 AB", "places": rng.randint(1, 3)}))
    clients = list(demo_clients().filter(registered_by_desk=desk).order_by("id")[:20])
    for number, client in enumerate(clients):
        vacancy = posted[number % len(posted)]
        job_wish_set(actor=user, client=client, desk=desk, data={
            "sectors": [vacancy.sector], "min_hours": 16, "max_hours": 40})
        consent_record(actor=user, desk=desk, client=client, data={
            "purpose": "Voorstellen aan werkgevers door het WerkgeversServicepunt", "legal_basis": "consent",
            "evidence": "signed", "data_categories": list(proposals.PROPOSAL_CATEGORIES), "desks": [desk],
            "employers": employers})
        vacancy.refresh_from_db()
        if number >= 12 or vacancy.status != "open":  # left for the shortlist; or its places are taken
            continue
        proposal = proposals.proposal_make(actor=user, desk=desk, vacancy=vacancy, client=client)
        if number % 3 == 0:
            proposal = proposals.proposal_move(actor=user, proposal=proposal, to_status="invited")
            case = Case.objects.filter(client=client, desk=desk).exclude(status=CaseStatus.CLOSED).first()
            if case is not None and case.opened_at.date() <= today:
                proposals.proposal_move(actor=user, proposal=proposal, to_status="hired", hire={
                    "date": today, "contract_type": "fixed_term", "case": case})
        elif number % 3 == 1:
            proposals.proposal_move(actor=user, proposal=proposal, to_status="rejected", note="Andere kandidaat")
    for name, sectors, days_ago in EVENTS:
        event = matching_events.event_create(actor=user, desk=desk, data={
            "name": f"{name} {region.name}", "date": today - timedelta(days=days_ago), "place": f"Stadhuis {region.name}",
            "sectors": sectors, "employers": [e for e in employers if e.sector in sectors]})
        for client in clients[:8]:
            registration = matching_events.registration_add(actor=user, desk=desk, event=event, client=client)
            registration = matching_events.attendance_record(actor=user, registration=registration,
                                                             attended=rng.random() < 0.75)
            if registration.attended:
                matching_events.match_record(actor=user, event=event, registration=registration,
                                             employer=rng.choice(list(event.employers.all())),
                                             kind=rng.choice(["conversation", "conversation", "follow_up_invitation"]))
    return len(employers)
