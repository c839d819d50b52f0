"""Services, training and funding, and the questions answered at the front door, as the services
of the `services` package would have left them.

Per region (made once, read back for `--append`): the service catalogue (who delivers what; IPS job
coaching only under Hoofdzaak Werk), three training providers with their KvK number and five funding
sources with a period and a budget ceiling sized to the region's clients. Per case about 0.6
services of a realistic mix (advice and coaching by the desk itself, IPS job coaching by a care
partner, retraining and language courses by a training provider with course, level, crebo and, when
completed, whether the certificate was obtained), planned, started, completed or stopped early with a
reason, within the case's life and never in the future. Courses (and some coaching bought from a
partner) have a cost split over one or two funding sources; the desk's team lead approved it when
every source had the amount left, so no budget is ever spent beyond its ceiling (the rest waits for
approval); each approved course has its own invoice reference. Alongside the clients about 0.15
questions per client at the front door (anonymous or under a pseudonym), a fifth of them from the
person who then registered: linked to that client. No text here may hold a tab, newline or backslash."""
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from cases.models import Programme
from services.models import (
    DeliveredService,
    FrontDoorQuestion,
    FundingSource,
    ServiceFunding,
    ServiceOffering,
    TrainingProvider,
)

from .cases import office
from .copy import NULL, Table

DAY = 96
CLIENTS_PER_COUNSELLOR = 300
QUESTIONS_PER_CLIENT = 0.15
CONVERTED_SHARE = 0.2
SERVICE_COUNTS = [0] * 55 + [1] * 32 + [2] * 11 + [3] * 2  # per case: 0.6 on average
L, R, W, Y = "leerwerkloket", "rmt", "wsp", "youth"
CATALOGUE = {  # service type: desk kinds that deliver it (as in demo.services)
    "loopbaanadvies": [L, R], "ontwikkeladvies": [L, R], "coaching": [R, Y], "life_coaching": [Y],
    "ips_job_coaching": [L, R, Y], "training": [L, R, Y], "work_experience_place": [W, R, Y],
    "job_application_training": [L, R, Y, W], "language_course": [L, R],
}
IPS_PROGRAMME = "hoofdzaak-werk-ips"
# per desk kind: (service type, weight)
MIX = {
    L: [("loopbaanadvies", 25), ("ontwikkeladvies", 20), ("training", 30), ("language_course", 8),
        ("job_application_training", 12), ("ips_job_coaching", 5)],
    R: [("loopbaanadvies", 15), ("ontwikkeladvies", 10), ("coaching", 20), ("training", 25), ("language_course", 8),
        ("job_application_training", 12), ("work_experience_place", 5), ("ips_job_coaching", 5)],
    W: [("work_experience_place", 60), ("job_application_training", 40)],
    Y: [("coaching", 25), ("life_coaching", 20), ("training", 20), ("work_experience_place", 15),
        ("job_application_training", 15), ("ips_job_coaching", 5)],
}
DURATION_DAYS = {  # service type: (shortest, longest)
    "loopbaanadvies": (14, 60), "ontwikkeladvies": (14, 45), "coaching": (30, 180), "life_coaching": (60, 240),
    "ips_job_coaching": (90, 360), "training": (30, 300), "work_experience_place": (30, 180),
    "job_application_training": (7, 42), "language_course": (60, 240),
}
HOURS = {"loopbaanadvies": (4, 12), "ontwikkeladvies": (3, 8), "coaching": (6, 30), "life_coaching": (10, 40),
         "ips_job_coaching": (20, 80), "work_experience_place": (80, 480), "job_application_training": (6, 20)}
COURSES = [  # course name, level, crebo, cost range (euros)
    ("Helpende zorg en welzijn", "mbo 2", "25491", (1800, 3200)),
    ("Logistiek medewerker", "mbo 2", "25498", (1200, 2400)),
    ("Monteur elektrotechnische installaties", "mbo 2", "25522", (2500, 4200)),
    ("Onderwijsassistent", "mbo 4", "25486", (2800, 4500)),
    ("Verzorgende IG", "mbo 3", "25655", (3000, 4800)),
    ("Heftruckcertificaat", "", "", (350, 650)),
    ("Digitale vaardigheden voor werk", "", "", (250, 600)),
    ("VCA basisveiligheid", "", "", (150, 300)),
]
LANGUAGE_COURSES = [("Nederlands op de werkvloer", "A2", "", (600, 1400)), ("Nederlands als tweede taal", "B1", "",
                                                                            (900, 1900))]
PARTNER_COST = (1500, 4000)  # IPS job coaching bought from a care partner
STOP_REASONS = ["Found work before the end", "Health reasons", "Moved out of the region", "No longer motivated",
                "Course did not fit, chose another route"]
NOTES = {"loopbaanadvies": "Career interview and interest test", "ontwikkeladvies": "Development plan drawn up",
         "coaching": "Weekly coaching sessions", "life_coaching": "Coaching on daily structure and debts",
         "ips_job_coaching": "Individual placement and support", "work_experience_place": "Work-experience place",
         "job_application_training": "CV and interview training", "training": "", "language_course": ""}
PROVIDERS = ["ROC {region}", "Opleidingscentrum Techniek {region}", "Taalschool {region}"]
SOURCES = [  # code, name, kind, share of the region's yearly budget
    ("stap-budget", "Individueel leerbudget (STAP-opvolger)", "scheme", 30),
    ("sectorfonds-zorg", "Opleidingsfonds zorg en welzijn", "fund", 20),
    ("talentfonds", "Regionaal talentfonds", "fund", 20),
    ("impulsbudget", "Impulsbudget talentalliantie", "programme_budget", 20),
    ("mkb-idee", "MKB!dee (landelijk fonds voor het mkb)", "scheme", 10),
]
BUDGET_PER_CLIENT = 520  # euros over all sources: most courses fit, the last ones of a busy region wait
CHANNELS = ["walk_in"] * 40 + ["phone"] * 25 + ["email"] * 15 + ["chat"] * 15 + ["event"] * 5
TOPICS = ["career"] * 25 + ["training"] * 25 + ["job_search"] * 20 + ["benefits"] * 10 + ["school"] * 8 + [
    "language"] * 6 + ["employer"] * 3 + ["other"] * 3
SUMMARIES = {
    "career": "Wil iets anders gaan doen, weet nog niet wat", "training": "Vraagt naar omscholing en wie die betaalt",
    "job_search": "Zoekt werk in de buurt, vroeg naar vacatures", "benefits": "Vraag over uitkering bij omscholing",
    "school": "Gestopt met school, wil toch een diploma halen", "language": "Wil beter Nederlands leren voor werk",
    "employer": "Werkgever vraagt naar subsidie voor opleiding personeel", "other": "Algemene vraag, doorverwezen",
}
PSEUDONYMS = ["Sam", "Noor", "Mo", "Lisa", "Daan", "Fatima", "Kim", "Jesse", "Yara", "Milan"]


def tables() -> dict[str, Table]:
    return {
        "service_offering": Table(ServiceOffering, "id uuid region_id service_type description desk_kinds is_active"),
        "service_offering_programmes": Table(ServiceOffering.programmes.through, "id serviceoffering_id programme_id"),
        "training_provider": Table(TrainingProvider, "id uuid region_id name kvk_number is_active"),
        "funding_source": Table(FundingSource, "id uuid region_id code name kind period_start period_end budget_ceiling "
                                               "is_active"),
        "delivered_service": Table(DeliveredService,
                                   "id uuid case_id service_type provider_kind partner_organisation_id "
                                   "training_provider_id planned_start planned_end actual_start actual_end status "
                                   "status_changed_at stop_reason hours course_name course_level qualification_code "
                                   "certificate_obtained note cost invoice_reference approved_at approved_by_id refusal_reason "
                                   "recorded_by_id recorded_at version"),
        "service_funding": Table(ServiceFunding, "id service_id source_id amount"),
        "front_door_question": Table(FrontDoorQuestion,
                                     "id uuid region_id desk_id asked_at channel topic pseudonym summary "
                                     "referred_to_partner_id referred_to_desk_id follow_up_needed follow_up_on "
                                     "client_id converted_at converted_by_id recorded_by_id recorded_at version"),
    }


def _expand(weighted):
    return [value for value, weight in weighted for _ in range(weight)]


class _Source:
    __slots__ = ("id", "start_day", "end_day", "remaining")

    def __init__(self, id, start_day, end_day, remaining):
        self.id, self.start_day, self.end_day, self.remaining = id, start_day, end_day, remaining


class Services:
    """Reads (or, for a new region, writes) the reference data at construction; then `case(...)` adds a
    case's services and `question(...)` a question at the front door."""

    def __init__(self, gen, regions):
        programmes = dict(Programme.objects.values_list("code", "id"))
        self.gen = gen
        self.mix = {kind: _expand(weighted) for kind, weighted in MIX.items()}
        self.ips_programme = programmes.get(IPS_PROGRAMME)
        self.providers: dict[int, list[int]] = {}
        self.sources: dict[int, list[_Source]] = {}
        self.care_partner: dict[int, int] = {}
        self.invoice = 0
        for region in regions:
            care = [pid for pid, name in region.partners if name.startswith("GGZ")]
            self.care_partner[region.id] = care[0] if care else (region.partners[0][0] if region.partners else None)
        existing = set(ServiceOffering.objects.filter(region_id__in=[r.id for r in regions])
                       .values_list("region_id", flat=True))
        for region in regions:
            if region.id in existing:
                self._read(region)
            else:
                self._create(region)
        top = (DeliveredService.objects.filter(invoice_reference__startswith="GEN-")
               .order_by("-invoice_reference").values_list("invoice_reference", flat=True).first())
        self.invoice = int(top[4:]) if top else 0
        self.planned_paid = 0

    def _day(self, value: date) -> int:
        return (value - self.gen.clock.base).days

    def _read(self, region) -> None:
        self.providers[region.id] = list(TrainingProvider.objects.filter(region_id=region.id, is_active=True)
                                         .order_by("id").values_list("id", flat=True))
        spent = dict(ServiceFunding.objects.filter(source__region_id=region.id, service__approved_at__isnull=False)
                     .values_list("source_id").annotate(total=Sum("amount")))
        self.sources[region.id] = [
            _Source(s.id, self._day(s.period_start), self._day(s.period_end), s.budget_ceiling - spent.get(s.id, 0))
            for s in FundingSource.objects.filter(Q(region_id=region.id) & Q(is_active=True)).order_by("id")]

    def _create(self, region) -> None:
        gen, ids, t, clock = self.gen, self.gen.ids.next, self.gen.tables, self.gen.clock
        for service_type, kinds in CATALOGUE.items():
            offering_id = ids["service_offering"]
            ids["service_offering"] += 1
            t["service_offering"].rows.append("\t".join((
                str(offering_id), gen.uuid(), str(region.id), service_type, "", '["' + '", "'.join(kinds) + '"]', "t")))
            if service_type == "ips_job_coaching" and self.ips_programme is not None:
                t["service_offering_programmes"].rows.append(
                    f"{ids['service_offering_programmes']}\t{offering_id}\t{self.ips_programme}")
                ids["service_offering_programmes"] += 1
        providers = self.providers[region.id] = []
        for number, name in enumerate(PROVIDERS):
            provider_id = ids["training_provider"]
            ids["training_provider"] += 1
            kvk = f"{7 + number}{region.id % 10_000_000:07d}"
            t["training_provider"].rows.append("\t".join((
                str(provider_id), gen.uuid(), str(region.id), name.format(region=region.name), kvk, "t")))
            providers.append(provider_id)
        clients = CLIENTS_PER_COUNSELLOR * sum(len(d.counsellors) for d in region.desks.values())
        total = max(clients * BUDGET_PER_CLIENT, 50_000)
        # the funds run over the whole generated past (about four years) and two more years
        start = clock.today.replace(year=clock.today.year - 4, month=1, day=1)
        end = date(clock.today.year + 1, 12, 31)
        sources = self.sources[region.id] = []
        for code, name, kind, share in SOURCES:
            source_id = ids["funding_source"]
            ids["funding_source"] += 1
            ceiling = Decimal(round(total * share / 100, -3)).quantize(Decimal("0.01"))
            t["funding_source"].rows.append("\t".join((
                str(source_id), gen.uuid(), str(region.id), code, name, kind, start.isoformat(), end.isoformat(),
                str(ceiling), "t")))
            sources.append(_Source(source_id, max(self._day(start), 0), self._day(end), ceiling))

    def case(self, case_id, region, desk, programme, owner, opened, closed) -> None:
        """The services of one case, opened at tick `opened`, closed at `closed` (None: open)."""
        rng = self.gen.rng
        n = rng.choice(SERVICE_COUNTS)
        if not n:
            return
        clock = self.gen.clock
        first = opened // DAY + 3
        last = (closed // DAY - 7) if closed is not None else clock.today_day + 45
        if last <= first:
            return
        for _ in range(n):
            service_type = rng.choice(self.mix[desk.kind])
            if service_type == "ips_job_coaching" and programme != IPS_PROGRAMME:
                service_type = "job_application_training"
            self._service(case_id, region, desk, owner, service_type, rng.randint(first, last), opened, closed)

    def _service(self, case_id, region, desk, owner, service_type, start, opened, closed) -> None:
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        today, dates = clock.today_day, clock.date
        shortest, longest = DURATION_DAYS[service_type]
        planned_end = start + rng.randint(shortest, longest)
        course = service_type in ("training", "language_course")
        partner = training = NULL
        cost = None
        name = level = crebo = ""
        hours = NULL
        if course:
            provider_kind = "training_provider"
            providers = self.providers[region.id]
            training = str(providers[2] if service_type == "language_course" else rng.choice(providers[:2]))
            name, level, crebo, (low, high) = rng.choice(LANGUAGE_COURSES if service_type == "language_course"
                                                         else COURSES)
            cost = Decimal(rng.randint(low, high) * 100 + rng.choice((0, 0, 50, 95))) / 100
            hours = f"{rng.randint(20, 400)}.0"
        elif service_type == "ips_job_coaching" and self.care_partner[region.id] is not None:
            provider_kind, partner = "partner", str(self.care_partner[region.id])
            cost = Decimal(rng.randint(*PARTNER_COST) * 100) / 100
        else:
            provider_kind = "own_desk"
        if hours == NULL:
            low, high = HOURS[service_type]
            hours = f"{rng.randint(low * 2, high * 2) / 2:.1f}"
        # where it stands: a closed case's services are over; an open case's by today's date
        end_limit = (closed // DAY) if closed is not None else today
        actual_start = actual_end = NULL
        certificate = NULL
        stop_reason = ""
        if start > end_limit or (closed is None and start > today):
            status, changed_day = "planned", min(start - rng.randint(7, 30), today)
        else:
            a_start = min(start + rng.randint(0, 5), end_limit)
            actual_start = dates[a_start]
            stop = rng.random() < 0.12
            if stop:
                a_end = min(rng.randint(a_start, max(planned_end, a_start)), end_limit)
                status, stop_reason = "stopped_early", rng.choice(STOP_REASONS)
            elif planned_end <= end_limit:
                a_end = min(planned_end + rng.randint(-3, 10), end_limit)
                a_end = max(a_end, a_start)
                status = "completed"
                if course:
                    certificate = "t" if rng.random() < 0.78 else "f"
            elif closed is not None:  # the case closed while it ran: ended with it
                a_end, status, stop_reason = end_limit, "stopped_early", "Case closed"
            else:
                a_end, status = None, "started"
            if a_end is not None:
                actual_end = dates[a_end]
            changed_day = a_end if a_end is not None else a_start
        recorded = max(opened, office(rng.randint(opened, max(opened, min(start * DAY - 3 * DAY, clock.now - 1)))))
        changed = max(office(changed_day * DAY + rng.randint(0, DAY - 1)), recorded)
        changed = min(changed, clock.now - 1)
        # the cost and its funding, approved by the desk's team lead when every source has it left
        invoice = ""
        approved_at = approved_by = NULL
        allocations = []
        if cost is not None:
            candidates = [s for s in self.sources[region.id] if s.start_day <= start <= s.end_day]
            if candidates:
                rng.shuffle(candidates)
                if len(candidates) > 1 and cost >= 1000 and rng.random() < 0.35:
                    first = (cost * Decimal(rng.randint(40, 70)) / 100).quantize(Decimal("0.01"))
                    allocations = [(candidates[0], first), (candidates[1], cost - first)]
                else:
                    allocations = [(candidates[0], cost)]
                # a planned one waits for its team lead every other time (the first included), so
                # every generated set with planned paid services has some awaiting approval
                waits = False
                if status == "planned":
                    self.planned_paid += 1
                    waits = self.planned_paid % 2 == 1
                if desk.lead is not None and all(a <= s.remaining for s, a in allocations) and not waits:
                    for s, a in allocations:
                        s.remaining -= a
                    approve = max(office(min(recorded + rng.randint(1, 10) * DAY, clock.now - 1)), recorded)
                    approved_at, approved_by = clock.ts[approve], str(desk.lead)
                    if status in ("completed", "stopped_early") and course:
                        self.invoice += 1
                        invoice = f"GEN-{self.invoice:09d}"
        service_id = ids["delivered_service"]
        ids["delivered_service"] += 1
        gen.tables["delivered_service"].rows.append("\t".join((
            str(service_id), gen.uuid(), str(case_id), service_type, provider_kind, partner, training, dates[start],
            dates[planned_end], actual_start, actual_end, status, clock.ts[changed], stop_reason, hours, name, level,
            crebo, certificate, NOTES[service_type], str(cost) if cost is not None else NULL, invoice, approved_at,
            approved_by, "", str(owner), clock.ts[recorded], "1" if status == "planned" else "2")))
        rows = gen.tables["service_funding"].rows
        for source, amount in allocations:
            rows.append(f"{ids['service_funding']}\t{service_id}\t{source.id}\t{amount}")
            ids["service_funding"] += 1

    def question(self, region, desk, staff, client_id=None, registered=None) -> None:
        """A question at the front door: by someone who stays anonymous, or (with `client_id`) by the
        person who registered at tick `registered`, linked to their client record then."""
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        if client_id is not None:
            asked = office(registered - rng.randint(3, 60) * DAY)
            converted_at, converted_by = clock.ts[max(registered, asked + 1)], str(staff)
        else:
            asked = office(clock.now - rng.randint(1, 720) * DAY)
            converted_at = converted_by = NULL
        asked = max(asked, 0)
        topic = rng.choice(TOPICS)
        pseudonym = rng.choice(PSEUDONYMS) if client_id is not None or rng.random() < 0.4 else ""
        r = rng.random()
        partner = desk_to = NULL
        if r < 0.2 and region.partners:
            partner = str(rng.choice(region.partners)[0])
        elif r < 0.35:
            desk_to = str(rng.choice([d for d in region.desks.values() if d is not desk]).id)
        follow = rng.random() < 0.25
        follow_on = clock.date[min(asked // DAY + rng.randint(3, 21), clock.days - 1)] if follow else NULL
        gen.tables["front_door_question"].rows.append("\t".join((
            str(ids["front_door_question"]), gen.uuid(), str(region.id), str(desk.id), clock.ts[asked],
            rng.choice(CHANNELS), topic, pseudonym, SUMMARIES[topic], partner, desk_to, "t" if follow else "f",
            follow_on, str(client_id) if client_id is not None else NULL, converted_at, converted_by, str(staff),
            clock.ts[asked], "2" if client_id is not None else "1")))
        ids["front_door_question"] += 1

