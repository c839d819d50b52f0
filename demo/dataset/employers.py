"""The employers a region's WerkgeversServicepunt serves: about one for every 40 clients, made
alongside the clients (so every chunk carries its share), each with its contact history and its
vacancies (recent ones open, older ones filled or closed), as the employer services would have
left them. No text here may hold a tab, newline or backslash (COPY text format)."""
import json

from clients.normalise import fold
from employers.models import Employer, EmployerContact, Vacancy

from .cases import office
from .copy import NULL, Table
from .names import POSTCODE_LETTERS, SURNAMES

DAY = 96
SHARE = 1 / 40  # employers per client
SIZES = ["micro"] * 45 + ["small"] * 35 + ["medium"] * 15 + ["large"] * 5
CONTACT_KINDS = ["visit", "call", "call", "email", "meeting", "agreement"]
CONTACT_SUMMARIES = {
    "visit": "Visited the company and talked about staffing needs", "call": "Called about open vacancies",
    "email": "Sent candidate profiles", "meeting": "Meeting about a learning route on the job",
    "agreement": "Agreed on trial placements for candidates",
}
ROLES = ["HR-adviseur", "Vestigingsmanager", "Eigenaar", "Teamleider", "Recruiter"]
# sector -> (trade-name patterns, [(vacancy title, occupation, education asked)])
SECTORS = {
    "zorg": (["Zorggroep {place}", "Thuiszorg {surname}", "Woonzorg {place}"],
             [("Helpende zorg en welzijn", "Helpende", "mbo_2"), ("Verzorgende IG", "Verzorgende", "mbo_3"),
              ("Medewerker huishoudelijke hulp", "Huishoudelijk medewerker", "")]),
    "techniek": (["Installatiebedrijf {surname}", "Metaalbewerking {place}", "Elektro {surname}"],
                 [("Monteur installatietechniek", "Monteur", "mbo_2"), ("Elektricien", "Elektricien", "mbo_3"),
                  ("Productiemedewerker", "Operator", "")]),
    "logistiek": (["Transport {surname}", "Distributiecentrum {place}"],
                  [("Orderpicker", "Orderpicker", ""), ("Chauffeur C", "Chauffeur", "mbo_2")]),
    "detailhandel": (["Supermarkt {surname}", "Bouwmarkt {place}"],
                     [("Verkoopmedewerker", "Verkoper", ""), ("Vakkenvuller", "Vakkenvuller", "")]),
    "bouw": (["Bouwbedrijf {surname}", "Aannemersbedrijf {place}"],
             [("Timmerman", "Timmerman", "mbo_2"), ("Grondwerker", "Grondwerker", "")]),
    "horeca": (["Grand Café {place}", "Restaurant {surname}"],
               [("Medewerker bediening", "Bediening", ""), ("Keukenhulp", "Keukenhulp", "")]),
    "ict": (["IT Services {place}", "{surname} Software"],
            [("Servicedesk medewerker", "Servicedesk", "mbo_4")]),
    "onderwijs": (["Stichting Onderwijs {place}"], [("Onderwijsassistent", "Onderwijsassistent", "mbo_4")]),
    "overheid": (["Gemeentelijke dienst {place}"], [("Medewerker klantcontact", "Klantcontact", "mbo_3")]),
    "agro_food": (["Kwekerij {surname}", "Voedingsbedrijf {place}"],
                  [("Medewerker productie", "Productiemedewerker", ""), ("Tuinder", "Tuinder", "")]),
}
SECTOR_POOL = ["zorg"] * 5 + ["techniek"] * 4 + ["logistiek"] * 3 + ["detailhandel"] * 3 + ["bouw"] * 2 + [
    "horeca"] * 2 + ["ict", "onderwijs", "overheid", "agro_food"]
HOURS = ["16.0", "24.0", "32.0", "32.0", "36.0", "38.0", "40.0"]


def tables() -> dict[str, Table]:
    return {
        "employer": Table(Employer, "id uuid region_id managing_desk_id kvk_number trade_name name_search sector "
                                    "size_class locations contact_persons sbb_recognised registered_by_id "
                                    "registered_at updated_at version"),
        "employer_contact": Table(EmployerContact, "id uuid employer_id at kind summary contact_person follow_up_on "
                                                   "recorded_by_id recorded_by_desk_id recorded_at"),
        "vacancy": Table(Vacancy, "id uuid employer_id title occupation sector hours_per_week education_level city "
                                  "postcode places description status status_changed_at posted_at posted_by_id "
                                  "posted_by_desk_id version"),
    }


class Employers:
    def __init__(self, gen):
        self.gen = gen
        self.regions_with_an_open_vacancy = set()

    def employer(self, region) -> None:
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        desk = region.desks["wsp"]
        employer_id = ids["employer"]
        ids["employer"] += 1
        sector = rng.choice(SECTOR_POOL)
        patterns, jobs = SECTORS[sector]
        city, pc = rng.choice(region.cities)
        name = rng.choice(patterns).format(place=city, surname=rng.choice(SURNAMES).split()[-1].capitalize())
        postcode = f"{pc}{rng.randint(10, 99)} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        person = rng.choice(SURNAMES)
        locations = json.dumps([{"name": "Hoofdvestiging", "postcode": postcode, "city": city}], ensure_ascii=False)
        persons = json.dumps([{"name": f"M. {person}", "role": rng.choice(ROLES),
                               "email": f"hr{employer_id}@example.nl", "phone": ""}], ensure_ascii=False)
        registered = office(clock.now - rng.randint(30 * DAY, 1400 * DAY))
        lead = rng.choice(desk.counsellors)
        gen.tables["employer"].rows.append("\t".join((
            str(employer_id), gen.uuid(), str(region.id), str(desk.id), f"{60000000 + employer_id % 39999999:08d}",
            name, fold(name), sector, rng.choice(SIZES), locations, persons, "t" if rng.random() < 0.3 else "f",
            str(lead), clock.ts[registered], clock.ts[registered], "1")))
        contacts = gen.tables["employer_contact"].rows
        for _ in range(rng.randint(1, 5)):
            at = office(rng.randint(registered + DAY, clock.now - 1)) if registered + DAY < clock.now else registered
            kind = rng.choice(CONTACT_KINDS)
            follow = clock.date[min(clock.day_of(at) + 30, clock.days - 1)] if rng.random() < 0.3 else NULL
            contacts.append("\t".join((
                str(ids["employer_contact"]), gen.uuid(), str(employer_id), clock.ts[at], kind,
                CONTACT_SUMMARIES[kind], f"M. {person}", follow, str(lead), str(desk.id), clock.ts[at])))
            ids["employer_contact"] += 1
        vacancies = gen.tables["vacancy"].rows
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            title, occupation, level = rng.choice(jobs)
            posted = office(clock.now - rng.randint(DAY, 700 * DAY))
            age_days = (clock.now - posted) // DAY
            if region.id not in self.regions_with_an_open_vacancy:
                # Each region's first vacancy is a recent open one, so every region's WSP has one to work on
                # (drawn freely, a small region could have none).
                posted = office(clock.now - rng.randint(DAY, 60 * DAY))
                status, changed = "open", posted
                self.regions_with_an_open_vacancy.add(region.id)
            elif age_days < 90 and rng.random() < 0.8:
                status, changed = "open", posted
            else:
                status = "filled" if rng.random() < 0.6 else "closed"
                changed = min(posted + rng.randint(14 * DAY, 120 * DAY), clock.now - 1)
            vacancies.append("\t".join((
                str(ids["vacancy"]), gen.uuid(), str(employer_id), title, occupation, sector, rng.choice(HOURS), level,
                city, postcode, str(rng.choice((1, 1, 1, 2, 3))), "", status, clock.ts[changed], clock.ts[posted],
                str(lead), str(desk.id), "1" if status == "open" else "2")))
            ids["vacancy"] += 1
