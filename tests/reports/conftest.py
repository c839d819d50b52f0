"""A small hand-made region whose figures are worked out by hand in the tests' docstrings.

Testregio, 2025 (times at noon, Amsterdam):
- A: 10 RMT cases opened 2025-02-10, placement 2025-05-10 (follow-up due 2025-11-10: 5 still in
  work, 3 not, 2 never recorded), closed 2025-09-15 for work; a benefit-to-work transition each.
- B: 6 RMT cases opened 2025-04-01, closed 2025-10-01, no contact.
- C: 4 RMT cases opened 2025-07-01, open.
- D: 5 RMT cases opened 2024-03-01, open.
- E: 3 youth cases opened 2025-03-01, closed 2025-08-01 for education.
- F: 10 RMT cases opened 2025-01-15, education started 2025-02-01, closed 2025-06-30 for education;
  5 got a praktijkverklaring (logistics, "Logistiek medewerker") on 2025-12-01.
- R: 15 referrals RMT -> youth sent 2025-03-03 (answer due in 10 days): 5 accepted and 5 declined
  after 2 days, 5 expired.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.choices import CaseStatus, OutcomeKind, Position, Source
from cases.models import Case, Outcome, Programme, Transition
from clients.models import Client
from referrals.choices import ReferralStatus
from referrals.models import Referral
from rwc import organisation
from rwc.models import Desk, DeskKind, DeskRole, Region, RegionRoleKind, User
from rwc.oauth import issue_staff_token


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), timezone.get_current_timezone())


@dataclass
class Testregio:
    region: Region
    rmt: Desk
    youth: Desk
    manager: APIClient


@pytest.fixture
def no_noise(settings):
    """Hand-worked counts: with D = 0 the cell key method publishes a count of k or more as itself and
    1 to k-1 as 0. Record ids (and so the noise) differ from run to run; the noise itself is tested in
    test_cellkey.py and test_differencing.py."""
    settings.REPORT_MAX_NOISE = 0


@pytest.fixture
def testregio(db) -> Testregio:
    return build_testregio()


def build_testregio() -> Testregio:
    """Testregio as the module docstring has it (a fixture's body, callable where data must commit)."""
    region = Region.objects.create(code="testregio", name="Testregio")
    rmt = organisation.desk_create(region=region, kind=DeskKind.RMT, name="RMT Testregio")
    youth = organisation.desk_create(region=region, kind=DeskKind.YOUTH, name="Jongerenloket Testregio")
    counsellor = User.objects.create(username="test-counsellor")
    organisation.membership_add(user=counsellor, desk=rmt, role=DeskRole.COUNSELLOR)
    boss = User.objects.create(username="test-manager")
    organisation.region_role_add(user=boss, region=region, role=RegionRoleKind.MANAGER)
    general = Programme.objects.get(code="general")
    serial = iter(range(1, 1000))

    def case(desk, opened, closed=None, reason=""):
        n = next(serial)
        client = Client.objects.create(region=region, registered_by_desk=desk, given_names=f"T{n}", surname="Test",
                                       name_search=f"t{n} test", birth_date=date(1990, 6, 1))
        return Case.objects.create(
            client=client, desk=desk, programme=general, owner=counsellor, opened_at=at(opened),
            status_changed_at=at(closed or opened), status=CaseStatus.CLOSED if closed else CaseStatus.ACTIVE,
            closed_at=at(closed) if closed else None, closing_reason=reason)

    for i in range(10):  # A
        c = case(rmt, date(2025, 2, 10), date(2025, 9, 15), "work")
        move = Transition.objects.create(client=c.client, case=c, date=date(2025, 5, 10), source=Source.COUNSELLOR,
                                         from_position=Position.UNEMPLOYED_WITH_BENEFIT, to_position=Position.EMPLOYED,
                                         sector="logistiek")
        recorded = i < 8
        Outcome.objects.create(case=c, kind=OutcomeKind.PLACEMENT, date=date(2025, 5, 10), transition=move,
                               follow_up_due_on=date(2025, 11, 10), still_in_work=(i < 5) if recorded else None,
                               follow_up_recorded_at=at(date(2025, 11, 12)) if recorded else None)
    for _ in range(6):  # B
        case(rmt, date(2025, 4, 1), date(2025, 10, 1), "no_contact")
    for _ in range(4):  # C
        case(rmt, date(2025, 7, 1))
    for _ in range(5):  # D
        case(rmt, date(2024, 3, 1))
    for _ in range(3):  # E
        case(youth, date(2025, 3, 1), date(2025, 8, 1), "education")
    for i in range(10):  # F
        c = case(rmt, date(2025, 1, 15), date(2025, 6, 30), "education")
        Outcome.objects.create(case=c, kind=OutcomeKind.EDUCATION_STARTED, date=date(2025, 2, 1))
        if i < 5:
            Outcome.objects.create(case=c, kind=OutcomeKind.PRAKTIJKVERKLARING, date=date(2025, 12, 1),
                                   qualification_title="Logistiek medewerker", crebo_code="25360")
    someone = Case.objects.filter(desk=rmt).first().client
    sent = at(date(2025, 3, 3))
    for i in range(15):  # R
        status = [ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.EXPIRED][i // 5]
        Referral.objects.create(client=someone, from_desk=rmt, to_desk=youth, reason="r", service_requested="s",
                                status=status, sent_at=sent, answer_due_at=sent + timedelta(days=10),
                                answered_at=sent + timedelta(days=2) if status != ReferralStatus.EXPIRED else None)
    manager = APIClient()
    manager.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(boss)}")
    return Testregio(region, rmt, youth, manager)


@pytest.fixture
def wsp_testregio(testregio) -> Testregio:
    """Employer services in Testregio, 2025:
    - 7 employers (5 logistics, 2 care), each with a contact on 1 April: all 7 served.
    - 6 logistics vacancies of 2 places posted 1 February; 5 of them filled on 1 June, each by a
      hire of one of A's clients.
    - One matching event on 20 September: 8 registered (A's clients), 6 attended; matches: 6
      conversations, 5 follow-up invitations, 1 hire.
    """
    from clients.models import Consent
    from employers.models import (
        Employer,
        EmployerContact,
        MatchingEvent,
        MatchingEventMatch,
        MatchingEventRegistration,
        Proposal,
        Vacancy,
    )

    wsp = organisation.desk_create(region=testregio.region, kind=DeskKind.WSP, name="WSP Testregio")
    employers = []
    for i in range(7):
        employer = Employer.objects.create(region=testregio.region, managing_desk=wsp, kvk_number=f"9000000{i}",
                                           trade_name=f"Bedrijf {i}", name_search=f"bedrijf {i}",
                                           sector="logistiek" if i < 5 else "zorg", size_class="small")
        EmployerContact.objects.create(employer=employer, at=at(date(2025, 4, 1)), kind="visit", summary="Visit")
        employers.append(employer)
    clients = [c.client for c in Case.objects.filter(desk=testregio.rmt, closing_reason="work").order_by("id")]
    for i in range(6):
        vacancy = Vacancy.objects.create(
            employer=employers[i % 5], title="Orderpicker", occupation="Orderpicker", sector="logistiek",
            hours_per_week=32, city="Utrecht", places=2, posted_at=at(date(2025, 2, 1)),
            status="filled" if i < 5 else "open", status_changed_at=at(date(2025, 6, 1) if i < 5 else date(2025, 2, 1)))
        if i < 5:
            consent = Consent.objects.create(client=clients[i], purpose="Work", legal_basis="consent",
                                             data_categories=["identity"], given_at=at(date(2025, 1, 1)))
            Proposal.objects.create(vacancy=vacancy, client=clients[i], consent=consent, status="hired",
                                    proposed_at=at(date(2025, 3, 1)), proposed_by_desk=wsp,
                                    status_changed_at=at(date(2025, 6, 1)))
    event = MatchingEvent.objects.create(region=testregio.region, organising_desk=wsp, name="Banenmarkt zorg",
                                         date=date(2025, 9, 20), place="Utrecht", sectors=["zorg"])
    for i in range(8):
        registration = MatchingEventRegistration.objects.create(event=event, client=clients[i], attended=i < 6)
        kinds = (["conversation"] if i < 6 else []) + (["follow_up_invitation"] if i < 5 else []) + (
            ["hire"] if i == 0 else [])
        for kind in kinds:
            MatchingEventMatch.objects.create(event=event, registration=registration, employer=employers[0], kind=kind)
    return testregio
