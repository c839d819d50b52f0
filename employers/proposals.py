"""Candidates proposed for a vacancy, and the proposal table: proposed -> invited | rejected;
invited -> hired | rejected. Anything else is a Conflict (`illegal_move`).

- A WSP counsellor proposes a client of any desk that the WSP desk may see (it registered them,
  holds a case, or holds a grant, e.g. from an accepted referral), and only when a consent or
  legal basis in force covers sharing PROPOSAL_CATEGORIES with that WSP desk *and* the vacancy's
  employer (Conflict `no_consent`). The proposal rests on that consent: inviting or hiring
  checks it again (Conflict `consent_not_in_force` once it is withdrawn or expired).
- Only an open vacancy takes proposals and hires (Conflict `vacancy_not_open`); a hire needs a
  place left (Conflict `no_places_left`), and the hire that takes the last place fills it.
- A hire records, in the same transaction, the client's transition into work (from their last
  known position, or from their benefit situation) and a placement outcome on a case of the
  client that the hiring desk works on: the one named, else the newest open one (Conflict
  `no_case` when there is none: open one, or accept the referral with a programme).
- Who sees a proposal: those who may see both the vacancy and the client; others never learn the
  candidate exists.
"""
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.access import cases_workable_by
from cases.choices import CaseStatus, OutcomeKind, Position
from cases.models import Case, Transition
from cases.outcomes import outcome_record
from cases.transitions import transition_record
from clients import normalise
from clients.access import clients_visible_to
from clients.choices import Benefit, DataCategory
from clients.services import consent_covering, record_event
from rwc.errors import Conflict, InvalidFields
from rwc.models import Desk, User
from rwc.states import StateTable

from .choices import ProposalStatus as S
from .choices import VacancyStatus
from .models import Proposal, ProposalStatusChange, Vacancy
from .vacancies import _set_status, hires_of, vacancies_visible_to

MOVES = StateTable({
    (S.PROPOSED, S.INVITED): _("invite"),
    (S.PROPOSED, S.REJECTED): _("reject"),
    (S.INVITED, S.HIRED): _("hire"),
    (S.INVITED, S.REJECTED): _("reject"),
}, illegal=_("A %(status)s candidate cannot become %(to_status)s; allowed: %(value)s."))
PROPOSAL_CATEGORIES = (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.EDUCATION, DataCategory.WORK_HISTORY)
BENEFIT_POSITIONS = {Benefit.WW, Benefit.BIJSTAND, Benefit.WAJONG, Benefit.WIA, Benefit.OTHER}


def _user(actor):
    return actor if isinstance(actor, User) else None


allowed_moves = MOVES.allowed_moves


def proposals_visible_to(principal):
    return Proposal.objects.filter(vacancy_id__in=vacancies_visible_to(principal).values("id"),
                                   client_id__in=clients_visible_to(principal, as_set=True).values("id"))


def _covering(client, desk: Desk, vacancy: Vacancy):
    return consent_covering(client, desk=desk, employer=vacancy.employer, categories=PROPOSAL_CATEGORIES)


def _missing_consent(vacancy: Vacancy, desk: Desk, code: str) -> Conflict:
    return Conflict(
        _("No consent or legal basis in force covers sharing %(values)s with %(name)s and "
          "%(trade_name)s.")
        % {"values": ', '.join(PROPOSAL_CATEGORIES), "name": desk.name, "trade_name": vacancy.employer.trade_name}, code=code,
        extra={"missing": {"desk": str(desk.uuid), "employer": str(vacancy.employer.uuid),
                           "dataCategories": list(PROPOSAL_CATEGORIES)}},
    )


@transaction.atomic
def proposal_make(*, actor, desk: Desk, vacancy: Vacancy, client, note: str = "") -> Proposal:
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
    if client.region_id != vacancy.employer.region_id:
        raise InvalidFields([("client", "other_region", _("The client belongs to another region."))])
    if vacancy.status != VacancyStatus.OPEN:
        raise Conflict(_("The vacancy is %(status)s: it takes no candidates.")
                       % {"status": vacancy.status}, code="vacancy_not_open")
    consent = _covering(client, desk, vacancy)
    if consent is None:
        raise _missing_consent(vacancy, desk, "no_consent")
    now = timezone.now()
    proposal = Proposal(vacancy=vacancy, client=client, consent=consent, note=normalise.text(note)[:500],
                        proposed_at=now, proposed_by=_user(actor), proposed_by_desk=desk, status_changed_at=now)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        raise Conflict(_("The client is already proposed for this vacancy."), code="already_proposed") from None
    ProposalStatusChange.objects.create(proposal=proposal, to_status=S.PROPOSED, at=now, by=_user(actor),
                                        note="proposed")
    record_event(client, "proposal_made", _("Proposed for %(vacancy)s at %(employer)s")
                 % {"vacancy": vacancy.title, "employer": vacancy.employer.trade_name},
                 actor=actor, desk=desk, subject_id=proposal.uuid)
    return proposal


def _from_position(client) -> str:
    last = Transition.objects.filter(client=client).order_by("-date", "-id").first()
    if last is not None:
        return last.to_position
    return Position.UNEMPLOYED_WITH_BENEFIT if client.benefit in BENEFIT_POSITIONS else Position.NOT_WORKING_NO_BENEFIT


def _hire_case(actor, client, case: Case | None) -> Case:
    workable = cases_workable_by(actor).filter(client=client)
    if case is not None:
        if not workable.filter(pk=case.pk).exists():
            raise InvalidFields([("case", "does_not_exist", _("No case of this client that you work on."))])
        return case
    found = workable.exclude(status=CaseStatus.CLOSED).order_by("-opened_at", "-id").first()
    if found is None:
        raise Conflict(_("The client has no open case at your desk for the placement: open one first (or "
                         "accept the referral with a programme)."), code="no_case")
    return found


def _hire(actor, proposal: Proposal, data: dict) -> None:
    vacancy = proposal.vacancy
    if vacancy.status != VacancyStatus.OPEN:
        raise Conflict(_("The vacancy is %(status)s.") % {"status": vacancy.status}, code="vacancy_not_open")
    if hires_of(vacancy) >= vacancy.places:
        raise Conflict(_("Every place of the vacancy is filled."), code="no_places_left")
    client = proposal.client
    case = _hire_case(actor, client, data.get("case"))
    errors = []
    if data.get("date") is None:
        errors.append(("date", "required", _("Give the first working day.")))
    if not data.get("contract_type"):
        errors.append(("contract_type", "required", _("Give the contract type.")))
    if errors:
        raise InvalidFields(errors)
    transition = transition_record(actor=actor, client=client, case=case, data={
        "date": data["date"], "from_position": data.get("from_position") or _from_position(client),
        "to_position": Position.EMPLOYED, "source": "employer", "verified": True,
        "contract_type": data["contract_type"],
        "hours_per_week": data.get("hours_per_week") if data.get("hours_per_week") is not None else vacancy.hours_per_week,
        "employer_name": vacancy.employer.trade_name, "sector": vacancy.get_sector_display(),
        "occupation": vacancy.occupation,
    })
    proposal.placement = outcome_record(actor=actor, case=case, data={
        "kind": OutcomeKind.PLACEMENT, "date": data["date"], "transition": transition})
    if hires_of(vacancy) + 1 >= vacancy.places:
        _set_status(vacancy, VacancyStatus.FILLED)


@transaction.atomic
def proposal_move(*, actor, proposal: Proposal, to_status: str, note: str = "", hire: dict | None = None) -> Proposal:
    """Move a proposal along the table; a hire records the placement (see the module docstring)."""
    locked = Proposal.objects.select_for_update().select_related("client", "consent").get(pk=proposal.pk)
    locked.vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=locked.vacancy_id)
    MOVES.check(locked.status, to_status)
    if to_status != S.REJECTED and not locked.consent.is_in_force():
        desk = Desk.objects.get(pk=locked.proposed_by_desk_id)
        renewed = _covering(locked.client, desk, locked.vacancy)
        if renewed is None:
            raise _missing_consent(locked.vacancy, desk, "consent_not_in_force")
        locked.consent = renewed  # the proposal now rests on the consent in force
    if to_status == S.HIRED:
        _hire(actor, locked, hire or {})
    now = timezone.now()
    previous = locked.status
    locked.status = to_status
    locked.status_changed_at = now
    locked.save()
    note = normalise.text(note)[:500]
    ProposalStatusChange.objects.create(proposal=locked, from_status=previous, to_status=to_status, at=now,
                                        by=_user(actor), note=note)
    record_event(locked.client, "proposal_" + to_status,
                 _("Candidate %(move)s: %(vacancy)s at %(employer)s")
                 % {"move": MOVES[(previous, to_status)], "vacancy": locked.vacancy.title,
                    "employer": locked.vacancy.employer.trade_name}, actor=actor, desk=locked.proposed_by_desk,
                 subject_id=locked.uuid)
    return locked
