"""Shared fixtures: the demo organisation, seeded once per test database, and callers per role.

Region A is Midden-Utrecht, region B Amersfoort; "foreign" records in the tests live in B.
"""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.client import RequestFactory
from django.utils import translation
from rest_framework.test import APIClient

from cases.models import Agreement, Case, ContactMoment, Programme
from cases.services import agreement_add, case_open, contact_record
from clients.models import Client, Consent
from clients.services import client_register, consent_record
from demo.organisation import partner_secret, seed_organisation
from referrals.models import Referral
from referrals.services import referral_send
from rwc.models import Desk, DeskKind, PartnerOrganisation, PartnerSystem, Region, User
from rwc.oauth import issue_staff_token

ROLES = ["counsellor", "team_lead", "manager", "privacy_officer", "functional_admin", "partner", "no_role"]
STAFF_USERNAMES = {
    "counsellor": "midden-rmt-counsellor",
    "team_lead": "midden-rmt-lead",
    "manager": "midden-manager",
    "privacy_officer": "midden-privacy-officer",
    "functional_admin": "midden-functional-admin",
    # not in ROLES (the matrix): other desks, for tests that need them
    "lwl_counsellor": "midden-lwl-counsellor",
    "youth_counsellor": "midden-youth-counsellor",
}


ENGLISH_BY_DEFAULT = {}  # the test client's own environ builder, for tests that send no Accept-Language
ENGLISH_PATHS = ("/api/", "/oauth/", "/admin/", "/health")


@pytest.fixture(scope="session", autouse=True)
def english_by_default():
    """The tests of the API, OAuth and the admin read English: the test clients ask for it there
    (Accept-Language: en) unless a test sends its own header, and code outside a request runs with
    English active. The interface's default is Dutch (LANGUAGE_CODE), and other pages get it;
    tests/api/test_languages.py asks for nl, and for nothing, and checks the Dutch."""
    base_environ = ENGLISH_BY_DEFAULT["original"] = RequestFactory._base_environ

    def _base_environ(self, **request):
        environ = base_environ(self, **request)
        if environ.get("PATH_INFO", "").startswith(ENGLISH_PATHS):
            environ.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
        return environ

    RequestFactory._base_environ = _base_environ
    try:
        yield
    finally:
        RequestFactory._base_environ = base_environ


@pytest.fixture(autouse=True)
def english_outside_requests():
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, english_by_default):
    with django_db_blocker.unblock(), translation.override("en"):
        assert connection.vendor == "postgresql", "The tests run on PostgreSQL only (see README)."
        if Client.objects.filter(surname="Vries").exists():  # --reuse-db: the seed of an earlier run is there
            return
        seed_organisation()
        User.objects.get_or_create(username="no-role", defaults={"email": "no-role@rwc.example.nl"})
        seed_world_clients()
        seed_world_referrals()


def _consent(client, username, desk, **extra):
    data = {"purpose": "Trajectory and referral to partners", "legal_basis": "consent", "evidence": "signed",
            "data_categories": ["identity", "contact"], "desks": [desk], "partner_organisations": []}
    data.update(extra)
    return consent_record(actor=User.objects.get(username=username), desk=desk, client=client, data=data)


def seed_world_referrals():
    """A partner's referral into the callers' desk, and referrals they must not see."""
    a = Region.objects.get(code="midden-utrecht")
    b = Region.objects.get(code="amersfoort")
    rmt_a, lwl_a = (Desk.objects.get(region=a, kind=k) for k in (DeskKind.RMT, DeskKind.LEERWERKLOKET))
    rmt_b = Desk.objects.get(region=b, kind=DeskKind.RMT)
    gemeente_a = PartnerOrganisation.objects.get(region=a, kind="municipality")
    uwv_a = PartnerOrganisation.objects.get(region=a, kind="uwv")
    gemeente_b = PartnerOrganisation.objects.get(region=b, kind="municipality")
    data = {"reason": "Needs help towards work", "service_requested": "Career advice", "shared_categories": ["identity"]}
    referral_send(actor=None, client=Client.objects.get(surname="Berg", region=a), from_partner=gemeente_a,
                  to_desk=rmt_a, data=data)
    lars = Client.objects.get(surname="Jansen", region=a)
    _consent(lars, "midden-lwl-counsellor", lwl_a, partner_organisations=[uwv_a])
    referral_send(actor=User.objects.get(username="midden-lwl-counsellor"), client=lars, from_desk=lwl_a,
                  to_partner=uwv_a, data=data)
    bram = Client.objects.get(surname="Vries", region=b)
    _consent(bram, "amersfoort-rmt-counsellor", rmt_b, partner_organisations=[gemeente_b])
    referral_send(actor=User.objects.get(username="amersfoort-rmt-counsellor"), client=bram, from_desk=rmt_b,
                  to_partner=gemeente_b, data=data)


def seed_world_clients():
    """Clients at three desks: own (Midden-Utrecht RMT), next door (Midden-Utrecht LWL), foreign (Amersfoort RMT)."""
    a = Region.objects.get(code="midden-utrecht")
    b = Region.objects.get(code="amersfoort")
    for region, kind, prefix, name in [
        (a, DeskKind.RMT, "midden-rmt", ("Anna", "van der", "Berg")),
        (a, DeskKind.LEERWERKLOKET, "midden-lwl", ("Lars", "", "Jansen")),
        (b, DeskKind.RMT, "amersfoort-rmt", ("Bram", "de", "Vries")),
    ]:
        desk = Desk.objects.get(region=region, kind=kind)
        user = User.objects.get(username=f"{prefix}-counsellor")
        client = client_register(actor=user, desk=desk, data={
            "given_names": name[0], "name_prefix": name[1], "surname": name[2], "birth_date": date(1990, 5, 17),
            "postcode": "3511 AB", "city": "Utrecht", "education_level": "mbo_2",
        })
        _consent(client, f"{prefix}-counsellor", desk)
        if prefix == "midden-rmt":
            _consent(client, f"{prefix}-counsellor", desk, purpose="Spare consent to withdraw in tests")
        case = case_open(actor=user, client=client, desk=desk, programme=Programme.objects.get(code="general"))
        agreement_add(actor=user, case=case, data={"what": "Update the CV", "who": "client",
                                                   "due_on": date.today() + timedelta(days=30)})
        contact_record(actor=user, case=case, data={"channel": "in_person", "kind": "intake",
                                                    "summary": f"Intake with {name[0]}", "duration_minutes": 45})


@dataclass
class World:
    region_a: Region
    region_b: Region
    rmt_a: Desk
    lwl_a: Desk
    rmt_b: Desk
    partner_a: PartnerOrganisation  # Gemeente Utrecht, has the demo partner system
    other_partner_a: PartnerOrganisation
    partner_b: PartnerOrganisation
    client_a: Client  # registered by rmt_a, the callers' desk
    client_lwl_a: Client  # registered by lwl_a: same region, another desk
    client_b: Client  # registered by rmt_b, another region
    consent_a: Consent
    spare_consent_a: Consent
    consent_lwl_a: Consent
    consent_b: Consent
    case_a: Case  # client_a's case at rmt_a, owned by midden-rmt-counsellor
    case_lwl_a: Case
    case_b: Case
    agreement_a: Agreement
    agreement_lwl_a: Agreement
    agreement_b: Agreement
    contact_lwl_a: ContactMoment
    contact_b: ContactMoment
    referral_in_a: Referral  # Gemeente Utrecht (partner_a) -> rmt_a, for client_a
    referral_lwl_a: Referral  # lwl_a -> UWV, for client_lwl_a
    referral_b: Referral  # rmt_b -> Gemeente Amersfoort, for client_b


@pytest.fixture
def world(db) -> World:
    a = Region.objects.get(code="midden-utrecht")
    b = Region.objects.get(code="amersfoort")
    return World(
        region_a=a,
        region_b=b,
        rmt_a=Desk.objects.get(region=a, kind=DeskKind.RMT),
        lwl_a=Desk.objects.get(region=a, kind=DeskKind.LEERWERKLOKET),
        rmt_b=Desk.objects.get(region=b, kind=DeskKind.RMT),
        partner_a=PartnerOrganisation.objects.get(region=a, kind="municipality"),
        other_partner_a=PartnerOrganisation.objects.get(region=a, kind="uwv"),
        partner_b=PartnerOrganisation.objects.get(region=b, kind="municipality"),
        client_a=(client_a := Client.objects.get(surname="Berg", region=a)),
        client_lwl_a=(client_lwl_a := Client.objects.get(surname="Jansen", region=a)),
        client_b=(client_b := Client.objects.get(surname="Vries", region=b)),
        consent_a=client_a.consents.get(purpose__startswith="Trajectory"),
        spare_consent_a=client_a.consents.get(purpose__startswith="Spare"),
        consent_lwl_a=client_lwl_a.consents.get(partner_organisations__isnull=True),
        consent_b=client_b.consents.get(partner_organisations__isnull=True),
        case_a=client_a.cases.get(),
        case_lwl_a=client_lwl_a.cases.get(),
        case_b=client_b.cases.get(),
        agreement_a=Agreement.objects.get(case__client=client_a),
        agreement_lwl_a=Agreement.objects.get(case__client=client_lwl_a),
        agreement_b=Agreement.objects.get(case__client=client_b),
        contact_lwl_a=ContactMoment.objects.get(case__client=client_lwl_a),
        contact_b=ContactMoment.objects.get(case__client=client_b),
        referral_in_a=Referral.objects.get(client=client_a),
        referral_lwl_a=Referral.objects.get(client=client_lwl_a),
        referral_b=Referral.objects.get(client=client_b),
    )


def partner_token(client_id: str = "midden-gemeente", scope: str | None = None) -> str:
    client = APIClient()
    short = client_id.removesuffix("-gemeente")
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    response = client.post(
        "/oauth/token", data, HTTP_AUTHORIZATION=_basic(client_id, partner_secret(short)), format="multipart"
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def _basic(user: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def token_for(db):
    """A bearer token for one of ROLES (real OAuth2 for the partner, issue_token for staff)."""

    def make(role: str) -> str:
        if role == "partner":
            return partner_token()
        username = STAFF_USERNAMES.get(role, "no-role")
        return issue_staff_token(User.objects.get(username=username))

    return make


@pytest.fixture
def api(token_for):
    """An API client per role: api("counsellor").get("/api/v1/me")."""

    def make(role: str | None) -> APIClient:
        client = APIClient()
        if role is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(role)}")
        return client

    return make


@pytest.fixture
def partner_system(db) -> PartnerSystem:
    return PartnerSystem.objects.get(application__client_id="midden-gemeente")
