"""Clients with their target groups, consent (and the desks or partners it covers), an earlier
labour-market transition for some, and the timeline events the services would have written."""
from clients.models import Client, ClientEvent, ClientTargetGroup, Consent
from clients.municipalities import MUNICIPALITIES
from clients.normalise import fold

from .copy import NULL, Table
from .names import (
    BENEFITS,
    BENEFITS_YOUTH,
    CONSENT_CATEGORIES,
    CONSENT_CATEGORIES_FULL,
    CONSENT_PURPOSE,
    DESK_KINDS,
    EDUCATION,
    EDUCATION_YOUTH,
    GENDER_CHOICES,
    GIVEN,
    LANGUAGES,
    POSTCODE_LETTERS,
    PREFIXES,
    SURNAMES,
    TARGET_GROUPS,
)

# a city's CBS code where the city is a municipality of that name (clients/municipalities.py)
MUNICIPALITY_CODES = {name: code for code, name in MUNICIPALITIES.items()}


def tables() -> dict[str, Table]:
    return {
        "client": Table(Client, "id uuid region_id registered_by_desk_id registered_by_id registered_at updated_at "
                                "version given_names name_prefix surname name_search birth_date gender email phone "
                                "postcode house_number house_number_addition city municipality municipality_code "
                                "preferred_language education_level has_startkwalificatie benefit bsn_ciphertext "
                                "duplicate_override_reason duplicate_override_candidates"),
        "target_group": Table(ClientTargetGroup, "id client_id code"),
        "consent": Table(Consent, "id uuid client_id purpose legal_basis data_categories given_at evidence "
                                  "valid_until recorded_by_id recorded_by_desk_id recorded_at withdrawn_at "
                                  "withdrawn_by_id withdrawal_reason"),
        "consent_desk": Table(Consent.desks.through, "id consent_id desk_id"),
        "consent_partner": Table(Consent.partner_organisations.through, "id consent_id partnerorganisation_id"),
        "event": Table(ClientEvent, "id uuid client_id occurred_at kind summary actor_id actor_desk_id subject_id "
                                    "restricted_to_desk_id"),
    }


def _expand(weighted):
    return [value for value, weight in weighted for _ in range(weight)]


class People:
    def __init__(self, gen):
        self.gen = gen
        self.education = _expand(EDUCATION)
        self.education_youth = _expand(EDUCATION_YOUTH)
        self.benefits = _expand(BENEFITS)
        self.benefits_youth = _expand(BENEFITS_YOUTH)
        self.desk_kinds = _expand([(k[0], k[4]) for k in DESK_KINDS])
        self.marker_counts = [0] * 55 + [1] * 33 + [2] * 12
        self._folded = {}

    def client(self, region, desk, owner, registered: int, youth: bool) -> tuple[int, str, str]:
        """One client row and its markers; returns (id, benefit, uuid)."""
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        client_id = ids["client"]
        ids["client"] += 1
        given, prefix, surname = rng.choice(GIVEN), rng.choice(PREFIXES), rng.choice(SURNAMES)
        key = (given, prefix, surname)
        folded = self._folded.get(key)
        if folded is None:
            folded = self._folded[key] = fold(" ".join(p for p in key if p))
        age_days = rng.randint(16 * 365 + 30, 27 * 365) if youth else rng.randint(18 * 365, 67 * 365 - 30)
        city, pc = rng.choice(region.cities)
        if youth:
            education, benefit = rng.choice(self.education_youth), rng.choice(self.benefits_youth)
        else:
            education, benefit = rng.choice(self.education), rng.choice(self.benefits)
        start = "t" if education in ("mbo_2", "mbo_3", "mbo_4", "havo", "vwo", "hbo", "wo") else (
            "f" if education in ("none", "vmbo", "mbo_1") else NULL)
        r = rng.random()
        email = f"{folded.replace(' ', '.')}{client_id % 1000}@example.nl" if r < 0.8 else ""
        phone = f"+316{rng.randint(10000000, 99999999)}" if r < 0.9 else ""
        uuid = gen.uuid()
        ts = clock.ts[registered]
        gen.tables["client"].rows.append("\t".join((
            str(client_id), uuid, str(region.id), str(desk.id), str(owner), ts, ts, "1", given, prefix, surname, folded,
            clock.birth_date(age_days), rng.choice(GENDER_CHOICES), email, phone,
            f"{pc}{rng.randint(10, 99)} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}",
            str(rng.randint(1, 250)), "A" if r > 0.95 else "", city, city, MUNICIPALITY_CODES.get(city, ""),
            rng.choice(LANGUAGES), education, start,
            benefit, "", "", "[]",
        )))
        markers = rng.choice(self.marker_counts)
        if markers:
            rows = gen.tables["target_group"].rows
            for code in rng.sample(TARGET_GROUPS, markers):
                rows.append(f"{ids['target_group']}\t{client_id}\t{code}")
                ids["target_group"] += 1
        gen.event(client_id, registered, "client_registered", f"Registered at {desk.name}", owner, desk.id, uuid, None)
        return client_id, benefit, uuid

    def consent(self, client_id, desk, owner, given: int, *, desks=(), partners=(), lasting=False) -> int:
        """The client's consent (or public-task basis) covering the registering desk and `desks`/`partners`."""
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        consent_id = ids["consent"]
        ids["consent"] += 1
        r = rng.random()
        basis = "consent" if r < 0.85 else "public_task"
        evidence = ("signed", "digital", "verbal")[int(r * 10) % 3] if basis == "consent" else ""
        valid_until, withdrawn, withdrawn_by, reason = NULL, NULL, NULL, ""
        if not lasting:
            if r < 0.25:
                valid_until = clock.date[min(clock.day_of(given) + 730, clock.days - 1)]
            elif r > 0.98:
                at = min(given + rng.randint(96 * 20, 96 * 400), clock.now - 1)
                withdrawn, withdrawn_by, reason = clock.ts[at], str(owner), "The client withdrew consent"
        uuid = gen.uuid()
        ts = clock.ts[given]
        categories = CONSENT_CATEGORIES_FULL if desks or partners else CONSENT_CATEGORIES
        gen.tables["consent"].rows.append("\t".join((
            str(consent_id), uuid, str(client_id), CONSENT_PURPOSE, basis, categories, ts, evidence, valid_until,
            str(owner), str(desk.id), ts, withdrawn, withdrawn_by, reason)))
        rows = gen.tables["consent_desk"].rows
        for desk_id in (desk.id, *desks):
            rows.append(f"{ids['consent_desk']}\t{consent_id}\t{desk_id}")
            ids["consent_desk"] += 1
        rows = gen.tables["consent_partner"].rows
        for partner_id in partners:
            rows.append(f"{ids['consent_partner']}\t{consent_id}\t{partner_id}")
            ids["consent_partner"] += 1
        label = "Consent" if basis == "consent" else "Public task"
        gen.event(client_id, given, "consent_recorded", f"{label} recorded: {CONSENT_PURPOSE}", owner, desk.id, uuid,
                  None)
        if withdrawn != NULL:
            gen.event(client_id, at, "consent_withdrawn", f"{label} withdrawn: {CONSENT_PURPOSE}", owner, desk.id,
                      uuid, None)
        return consent_id
