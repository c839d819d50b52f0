"""The demo organisation: the four labour-market regions of Utrecht province.

Used by `manage.py seed_demo` and by the tests, so the demo logins that the README lists are the
ones the tests prove work.
"""
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from rwc import organisation
from rwc.models import (
    Desk,
    DeskKind,
    DeskRole,
    PartnerKind,
    PartnerOrganisation,
    PartnerSystem,
    Region,
    RegionRoleKind,
    StaffMembership,
    User,
)

REGIONS = [
    ("midden-utrecht", "Midden-Utrecht", "Utrecht"),
    ("amersfoort", "Amersfoort", "Amersfoort"),
    ("gooi-en-vechtstreek", "Gooi en Vechtstreek", "Hilversum"),
    ("foodvalley", "Foodvalley", "Ede"),
]
DESKS = [
    (DeskKind.LEERWERKLOKET, "Leerwerkloket", "lwl", False),
    (DeskKind.RMT, "Regionaal Mobiliteitsteam", "rmt", False),
    (DeskKind.WSP, "WerkgeversServicepunt", "wsp", True),
    (DeskKind.YOUTH, "Jongerenloket", "youth", True),
]
PARTNERS = [
    (PartnerKind.MUNICIPALITY, "Gemeente {city}", "gemeente"),
    (PartnerKind.UWV, "UWV {region}", "uwv"),
    (PartnerKind.SCHOOL, "ROC {region}", "roc"),
    (PartnerKind.RMC, "RMC {region}", "rmc"),
    (PartnerKind.CARE_PROVIDER, "GGZ {region}", "ggz"),
]


@dataclass
class DemoLogin:
    username: str
    role: str
    where: str


def demo_regions():
    """The regions seed_demo made (by their codes): the seeders never add demo records elsewhere."""
    return Region.objects.filter(code__in=[code for code, _, _ in REGIONS]).order_by("code")


def demo_memberships(desks=None):
    """The demo staff's current memberships (of these desks): demo records are made by demo logins, never in
    the name of real staff."""
    usernames = [f"{code.split('-')[0][:10]}-{desk_code}-{suffix}" for code, _, _ in REGIONS
                 for _, _, desk_code, _ in DESKS for suffix in ("counsellor", "lead")]
    memberships = StaffMembership.objects.filter(ended_at__isnull=True, user__username__in=usernames)
    return memberships if desks is None else memberships.filter(desk__in=desks)


def demo_partner_organisations(region: Region):
    """The region's demo partners (by the names seed_demo gives them): never a real partner, whose webhooks
    would hear of invented referrals."""
    names = {pattern.format(city=city, region=name) for code, name, city in REGIONS if code == region.code
             for _, pattern, _ in PARTNERS}
    return PartnerOrganisation.objects.filter(region=region, name__in=names)


def demo_password() -> str:
    return settings.RWC_DEMO_PASSWORD


def partner_secret(region_code: str) -> str:
    """Demo client secrets are derived from the demo password so they can be printed again."""
    return f"{demo_password()}-{region_code}-gemeente"


def _user(username: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@rwc.example.nl"}
    )
    if created:
        user.set_password(demo_password())
        user.save()
    return user


@transaction.atomic
def seed_organisation() -> tuple[list[DemoLogin], list[dict]]:
    """Idempotent: running it again finds what is there and adds only what is missing."""
    logins: list[DemoLogin] = []
    partner_clients: list[dict] = []
    for code, name, city in REGIONS:
        region, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "province": "UT"})
        short = code.split("-")[0][:10]
        for kind, desk_name, desk_code, bsn in DESKS:
            desk = Desk.objects.filter(region=region, kind=kind).first() or organisation.desk_create(
                region=region, kind=kind, name=f"{desk_name} {name}", has_bsn_legal_basis=bsn
            )
            for role, suffix in ((DeskRole.COUNSELLOR, "counsellor"), (DeskRole.TEAM_LEAD, "lead")):
                username = f"{short}-{desk_code}-{suffix}"
                user = _user(username, desk_code.upper(), f"{suffix.title()} {name}")
                if not desk.memberships.filter(user=user, ended_at__isnull=True).exists():
                    organisation.membership_add(user=user, desk=desk, role=role)
                logins.append(DemoLogin(username, role.label, desk.name))
        for role in RegionRoleKind:
            username = f"{short}-{role.value.replace('_', '-')}"
            user = _user(username, role.label, name)
            if not user.region_roles.filter(region=region, role=role, ended_at__isnull=True).exists():
                organisation.region_role_add(user=user, region=region, role=role)
            logins.append(DemoLogin(username, role.label, name))
        for kind, pattern, slug in PARTNERS:
            org_name = pattern.format(city=city, region=name)
            org, _ = PartnerOrganisation.objects.get_or_create(region=region, name=org_name, defaults={"kind": kind})
            if slug == "gemeente":
                client_id = f"{short}-gemeente"
                if not PartnerSystem.objects.filter(application__client_id=client_id).exists():
                    organisation.partner_system_create(
                        organisation=org,
                        name=f"{org_name} (case system)",
                        scopes=["referrals:read", "referrals:write", "webhooks:manage"],
                        client_id=client_id,
                        client_secret=partner_secret(short),
                    )
                partner_clients.append({"client_id": client_id, "secret": partner_secret(short), "organisation": org_name})
    return logins, partner_clients
