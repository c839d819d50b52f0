"""Employer-services records for tests, seeded through the domain services (see seeded())."""
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cases import instruments
from cases.models import InstrumentUse
from clients.services import client_grant_to_desk, consent_record
from employers import employers, matching_events, proposals, vacancies
from employers.models import Employer, MatchingEvent, MatchingEventMatch, MatchingEventRegistration, Proposal, Vacancy
from rwc.models import Desk, DeskKind, User


@dataclass
class Side:
    employer: Employer
    vacancy: Vacancy
    event: MatchingEvent
    proposal: Proposal
    registration: MatchingEventRegistration
    match: MatchingEventMatch


@dataclass
class EmployerSeed:
    a: Side  # region A, the own client (RMT)
    lwl_a: Proposal  # region A, the LWL's client, on the same vacancy
    registration_lwl_a: MatchingEventRegistration
    match_lwl_a: MatchingEventMatch
    b: Side  # region B
    instrument_a: InstrumentUse
    instrument_lwl_a: InstrumentUse
    instrument_b: InstrumentUse


def wsp_of(region) -> Desk:
    return Desk.objects.get(region=region, kind=DeskKind.WSP)


def consent_for_wsp(client, username, desk, wsp, employer):
    """A consent naming the WSP desk and the employer, and the grant a referral to the WSP would give."""
    actor = User.objects.get(username=username)
    consent = consent_record(actor=actor, desk=desk, client=client, data={
        "purpose": "Job matching by the WSP", "legal_basis": "consent", "evidence": "signed",
        "data_categories": list(proposals.PROPOSAL_CATEGORIES), "desks": [wsp], "partner_organisations": [],
        "employers": [employer]})
    client_grant_to_desk(actor=actor, client=client, desk=wsp, reason="Referred for job matching", consent=consent)
    return consent


def make_employer(region, kvk, name, *, sector="zorg") -> Employer:
    wsp = wsp_of(region)
    return employers.employer_register(actor=None, desk=wsp, data={
        "kvk_number": kvk, "trade_name": name, "sector": sector, "size_class": "medium",
        "locations": [{"name": "Hoofdvestiging", "postcode": "3511 AB", "city": "Utrecht"}]})


def make_vacancy(employer, **extra) -> Vacancy:
    data = {"title": "Helpende zorg", "occupation": "Helpende", "sector": "zorg", "hours_per_week": 24,
            "city": "Utrecht", "postcode": "3511 AB", "places": 2, **extra}
    return vacancies.vacancy_post(actor=None, desk=employer.managing_desk, employer=employer, data=data)


def _side(region, prefix, client, desk, kvk) -> tuple[Side, object]:
    wsp = wsp_of(region)
    wsp_user = User.objects.get(username=f"{prefix}-wsp-counsellor")
    employer = make_employer(region, kvk, f"Zorggroep {region.name}")
    vacancy = make_vacancy(employer)
    consent_for_wsp(client, f"{prefix}-rmt-counsellor", desk, wsp, employer)
    proposal = proposals.proposal_make(actor=wsp_user, desk=wsp, vacancy=vacancy, client=client)
    event = matching_events.event_create(actor=wsp_user, desk=wsp, data={
        "name": f"Zorgbanenmarkt {region.name}", "date": timezone.localdate() - timedelta(days=1), "place": "Stadhuis",
        "sectors": ["zorg"], "employers": [employer]})
    registration, match = _attend(event, client, User.objects.get(username=f"{prefix}-rmt-counsellor"), desk,
                                  employer, wsp_user)
    return Side(employer, vacancy, event, proposal, registration, match), wsp_user


def _attend(event, client, user, desk, employer, wsp_user):
    registration = matching_events.registration_add(actor=user, desk=desk, event=event, client=client)
    registration = matching_events.attendance_record(actor=wsp_user, registration=registration, attended=True)
    match = matching_events.match_record(actor=wsp_user, event=event, registration=registration, employer=employer,
                                         kind="conversation")
    return registration, match


def _instrument(placement) -> InstrumentUse:
    return instruments.instrument_record(actor=None, placement=placement, data={
        "instrument": "jobcoach", "start_on": placement.date, "end_on": placement.date + timedelta(days=180)})


def seeded(w) -> EmployerSeed:
    cached = getattr(w, "_employers_seed", None)
    if cached is not None:
        return cached
    a, wsp_user_a = _side(w.region_a, "midden", w.client_a, w.rmt_a, "12345678")
    consent_for_wsp(w.client_lwl_a, "midden-lwl-counsellor", w.lwl_a, wsp_of(w.region_a), a.employer)
    lwl = proposals.proposal_make(actor=wsp_user_a, desk=wsp_of(w.region_a), vacancy=a.vacancy, client=w.client_lwl_a)
    reg_lwl, match_lwl = _attend(a.event, w.client_lwl_a, User.objects.get(username="midden-lwl-counsellor"),
                                 w.lwl_a, a.employer, wsp_user_a)
    b, _ = _side(w.region_b, "amersfoort", w.client_b, w.rmt_b, "87654321")
    import tests.api.matrix  # noqa: F401  (loads the matrix modules in their order; not at import: it imports us)
    from tests.api.matrix_outcomes import seeded as seeded_outcomes

    placements = seeded_outcomes(w)
    cached = EmployerSeed(a, lwl, reg_lwl, match_lwl, b, _instrument(placements.placement_a),
                          _instrument(placements.placement_lwl_a), _instrument(placements.placement_b))
    w._employers_seed = cached
    return cached
