"""Demo clients: a few hundred plausible people per region, registered through the same service
as the API (so duplicates, normalisation and the timeline are real). Deterministic and idempotent.

Each one is marked (`DemoClient`): the other seeders act only on `demo_clients()`, never on people
registered through the API or the admin, whatever the region they share."""
import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from clients.choices import Benefit, EducationLevel, TargetGroup
from clients.models import Client
from clients.municipalities import MUNICIPALITIES
from clients.services import DuplicateClient, client_register, consent_record
from demo.models import DemoClient
from demo.organisation import demo_memberships, demo_regions
from rwc.models import Desk, DeskKind, Region

GIVEN = ["Sanne", "Daan", "Fatima", "Mohamed", "Emma", "Noah", "Yasmina", "Liam", "Anouk", "Bram", "Eva",
         "Sem", "Aylin", "Milan", "Julia", "Luuk", "Nour", "Thijs", "Iris", "Jesse", "Zeynep", "Ruben", "Sophie",
         "Kofi", "Lotte", "Mehmet", "Fleur", "Ahmed", "Maud", "Tim", "Hanna", "Dawit", "Roos", "Omar", "Vera"]
PREFIXES = ["", "", "", "van", "de", "van der", "van den", "ter", ""]
SURNAMES = ["Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
            "Dekker", "Brouwer", "Dijkstra", "Yilmaz", "El Amrani", "Kaya", "Hoekstra", "Koster", "Prins",
            "Willems", "Berg", "Vries", "Haan", "Leeuw", "Boer", "Tesfay", "Kowalski", "Nowak", "Öztürk", "Çelik"]
CITIES = {
    "midden-utrecht": [("Utrecht", "35"), ("Nieuwegein", "34"), ("Zeist", "37"), ("Houten", "39")],
    "amersfoort": [("Amersfoort", "38"), ("Leusden", "38"), ("Soest", "37")],
    "gooi-en-vechtstreek": [("Hilversum", "12"), ("Huizen", "12"), ("Weesp", "13")],
    "foodvalley": [("Ede", "67"), ("Veenendaal", "39"), ("Barneveld", "37")],
}
LANGUAGES = ["nl"] * 8 + ["en", "ar", "tr", "pl", "ti", "uk"]


def demo_clients():
    """The clients seed_demo registered."""
    return Client.objects.filter(pk__in=DemoClient.objects.values("client"))


def seed_clients(per_region: int = 300, seed: int = 2026) -> int:
    """Registers demo clients until each demo region has `per_region`; returns how many were added."""
    added = 0
    for region in demo_regions():
        have = demo_clients().filter(region=region).count()
        if have >= per_region:
            continue
        rng = random.Random(f"{seed}-{region.code}-{have}")
        desks = list(Desk.objects.filter(region=region, is_active=True).order_by("kind"))
        staff = {m.desk_id: m.user for m in demo_memberships(desks).select_related("user").order_by("id")}
        desks = [desk for desk in desks if desk.id in staff]
        with transaction.atomic():
            for _ in range((per_region - have) * 3):  # a drawn duplicate is skipped and another drawn
                if have >= per_region or not desks:
                    break
                desk = rng.choice(desks)
                client = _register(rng, region, desk, staff[desk.id])
                if client is not None:
                    DemoClient.objects.create(client=client)
                    added, have = added + 1, have + 1
    return added


def _register(rng: random.Random, region: Region, desk: Desk, user) -> Client | None:
    youth = desk.kind == DeskKind.YOUTH
    age = rng.randint(16, 26) if youth else rng.randint(22, 64)
    birth = timezone.localdate() - timedelta(days=age * 365 + rng.randint(0, 364))
    city, postcode_prefix = rng.choice(CITIES.get(region.code, [("Utrecht", "35")]))
    markers = rng.sample(TargetGroup.values, k=rng.choice([0, 0, 0, 1, 1, 2]))
    data = {
        "given_names": rng.choice(GIVEN),
        "name_prefix": rng.choice(PREFIXES),
        "surname": rng.choice(SURNAMES),
        "birth_date": birth,
        "gender": rng.choice(["female", "male", "female", "male", "other", ""]),
        "email": f"client{rng.randint(1000, 999999)}@example.nl",
        "phone": f"06{rng.randint(1, 5)}{rng.randint(1000000, 9999999)}",
        "postcode": f"{postcode_prefix}{rng.randint(10, 99)} {rng.choice('ABCEGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}",
        "house_number": rng.randint(1, 250),
        "city": city,
        "municipality": city,
        "municipality_code": {name: code for code, name in MUNICIPALITIES.items()}.get(city, ""),
        "preferred_language": rng.choice(LANGUAGES),
        "education_level": rng.choice(EducationLevel.values),
        "has_startkwalificatie": rng.choice([True, False, None]),
        "benefit": rng.choice(Benefit.values),
        "target_groups": markers,
    }
    if youth and rng.random() < 0.5:
        data["bsn"] = _fake_bsn(rng)
    try:
        client = client_register(actor=user, desk=desk, data=data)
    except DuplicateClient:
        return None  # the generator drew a person the region already has: skip, as a counsellor would
    if rng.random() < 0.7:
        consent_record(actor=user, desk=desk, client=client, data={
            "purpose": "Guidance towards work or education, and referral to partners",
            "legal_basis": "consent", "evidence": rng.choice(["signed", "digital", "verbal"]),
            "data_categories": ["identity", "contact", "education", "work_history"],
            "desks": [desk], "partner_organisations": [], "given_at": timezone.now(),
            "valid_until": date.today() + timedelta(days=365 * 2),
        })
    return client


def _fake_bsn(rng: random.Random) -> str:
    """A random number passing the eleven-test, for demo data only (never load demo data into production)."""
    while True:
        digits = [9, 9] + [rng.randint(0, 9) for _ in range(6)]
        total = sum(w * d for w, d in zip(range(9, 1, -1), digits))
        last = total % 11
        if last < 10 and total - last > 0:
            return "".join(map(str, digits + [last]))
