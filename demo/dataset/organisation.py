"""The generated organisation: regions (code `gen-<slug>`), their four desks with an auth group
each, staff (counsellors scaled with the clients, a team lead per desk, a manager and privacy
officer per region) and partner organisations. Created by COPY, or read back for `--append`."""
import math
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from rwc.models import Desk, PartnerOrganisation, Region, RegionRole, StaffMembership, User

from .copy import Table
from .names import DESK_KINDS, GIVEN, PARTNERS, PROVINCES, REGIONS, SURNAMES

CODE_PREFIX = "gen-"
CLIENTS_PER_COUNSELLOR = 300


@dataclass
class DeskInfo:
    id: int
    kind: str
    name: str
    group_id: int
    counsellors: list[int] = field(default_factory=list)
    lead: int | None = None


@dataclass
class RegionInfo:
    id: int
    name: str
    slug: str
    weight: int
    cities: list
    desks: dict = field(default_factory=dict)  # kind -> DeskInfo
    partners: list = field(default_factory=list)  # (id, name)


def tables() -> dict[str, Table]:
    return {
        "group": Table(Group, "id name"),
        "region": Table(Region, "id uuid name code province"),
        "desk": Table(Desk, "id uuid region_id kind name is_active has_bsn_legal_basis group_id referral_response_days"),
        "user": Table(User, "id password is_superuser username first_name last_name email is_staff is_active "
                            "date_joined uuid"),
        "membership": Table(StaffMembership, "id uuid user_id desk_id role started_at"),
        "region_role": Table(RegionRole, "id uuid user_id region_id role started_at"),
        "partner": Table(PartnerOrganisation, "id uuid region_id kind name kvk_number is_active referral_response_days"),
    }


def existing() -> list[RegionInfo]:
    """The generated organisation already in the database (for --append), in region order."""
    regions = []
    slugs = {slug: (weight, cities) for _, slug, weight, cities in REGIONS}
    for region in Region.objects.filter(code__startswith=CODE_PREFIX).order_by("id"):
        slug = region.code[len(CODE_PREFIX):]
        weight, cities = slugs.get(slug, (1, [(region.name, "35")]))
        info = RegionInfo(region.id, region.name, slug, weight, cities)
        for desk in Desk.objects.filter(region=region, is_active=True).order_by("id"):
            info.desks.setdefault(desk.kind, DeskInfo(desk.id, desk.kind, desk.name, desk.group_id))
        for m in StaffMembership.objects.filter(desk__region=region, ended_at__isnull=True).order_by("id"):
            desk = next((d for d in info.desks.values() if d.id == m.desk_id), None)
            if desk is None:
                continue
            if m.role == "counsellor":
                desk.counsellors.append(m.user_id)
            elif desk.lead is None:
                desk.lead = m.user_id
        info.partners = list(PartnerOrganisation.objects.filter(region=region, is_active=True)
                             .order_by("id").values_list("id", "name"))
        if len(info.desks) == len(DESK_KINDS) and all(d.counsellors for d in info.desks.values()):
            regions.append(info)
    return regions


def create(gen, n_regions: int, n_clients: int) -> list[RegionInfo]:
    """Rows for a new organisation of `n_regions` regions sized for `n_clients` clients."""
    t, ids, rng, clock = gen.tables, gen.ids.next, gen.rng, gen.clock
    password = make_password(None)  # unusable, computed once: generated staff log in with issued tokens only
    taken = set(Region.objects.values_list("name", flat=True))
    chosen = REGIONS[:n_regions]
    total_weight = sum(w for _, _, w, _ in chosen)
    desk_weight = sum(k[4] for k in DESK_KINDS)
    joined = clock.ts[(clock.today_day - 1460) * 96 + 36]
    regions = []

    def user(username):
        uid = ids["user"]
        ids["user"] += 1
        first, last = rng.choice(GIVEN), rng.choice(SURNAMES)
        t["user"].rows.append("\t".join((str(uid), password, "f", username, first, last, f"{username}@rwc.example.nl",
                                         "f", "t", joined, gen.uuid())))
        return uid

    def membership(uid, desk_id, role):
        t["membership"].rows.append(f"{ids['membership']}\t{gen.uuid()}\t{uid}\t{desk_id}\t{role}\t{joined}")
        ids["membership"] += 1

    for name, slug, weight, cities in chosen:
        if name in taken:  # the demo seed has a region of that name: keep both apart
            name = f"{name} (generated)"
        region_id = ids["region"]
        ids["region"] += 1
        t["region"].rows.append(f"{region_id}\t{gen.uuid()}\t{name}\t{CODE_PREFIX}{slug}\t{PROVINCES[slug]}")
        info = RegionInfo(region_id, name, slug, weight, cities)
        for kind, label, short, bsn, share in DESK_KINDS:
            desk_id, group_id, desk_uuid = ids["desk"], ids["group"], gen.uuid_dashed()
            ids["desk"] += 1
            ids["group"] += 1
            desk_name = f"{label} {name}"
            t["group"].rows.append(f"{group_id}\tdesk:{desk_uuid}")
            t["desk"].rows.append(f"{desk_id}\t{desk_uuid}\t{region_id}\t{kind}\t{desk_name}\tt\t{'t' if bsn else 'f'}"
                                  f"\t{group_id}\t10")
            desk = info.desks[kind] = DeskInfo(desk_id, kind, desk_name, group_id)
            expected = n_clients * weight / total_weight * share / desk_weight
            for n in range(1, max(2, math.ceil(expected / CLIENTS_PER_COUNSELLOR)) + 1):
                uid = user(f"gen-{slug}-{short}-{n}")
                membership(uid, desk_id, "counsellor")
                desk.counsellors.append(uid)
            desk.lead = user(f"gen-{slug}-{short}-lead")
            membership(desk.lead, desk_id, "team_lead")
        for role in ("manager", "privacy_officer"):
            uid = user(f"gen-{slug}-{role.replace('_', '-')}")
            t["region_role"].rows.append(f"{ids['region_role']}\t{gen.uuid()}\t{uid}\t{region_id}\t{role}\t{joined}")
            ids["region_role"] += 1
        for kind, pattern in PARTNERS:
            partner_id = ids["partner"]
            ids["partner"] += 1
            org = pattern.format(city=cities[0][0], region=name)
            kvk = f"{rng.randint(10000000, 99999999)}" if kind != "uwv" else ""
            t["partner"].rows.append(f"{partner_id}\t{gen.uuid()}\t{region_id}\t{kind}\t{org}\t{kvk}\tt\t10")
            info.partners.append((partner_id, org))
        regions.append(info)
    return regions

