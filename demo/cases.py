"""Demo cases with histories: for most demo clients a case at their desk under a programme that
desk runs, moved along the lifecycle with contacts and plan agreements spread over past months.
Registered through the services, then back-dated, so the data obeys the same rules as the API."""
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus, Channel, ClosingReason, ContactKind, EmployerInstrument, OutcomeKind, Position
from cases.models import Case, CaseStatusChange, Programme
from cases.outcomes import follow_up_record, outcome_record
from cases.services import agreement_add, case_move, case_open, contact_record
from cases.transitions import transition_record
from demo.clients import demo_clients
from demo.organisation import demo_memberships

AGREEMENTS = ["Update the CV", "Apply for three vacancies", "Visit the open day of the ROC", "Intake with the jobcoach",
              "Ask UWV about the WW end date", "Practise a job interview", "Register for the care job fair"]
SUMMARIES = ["Talked about work history and wishes", "Went through vacancies together", "Discussed a training course",
             "Follow-up on the applications", "Prepared a job interview", "Checked in after the trial period"]


def seed_cases(seed: int = 2026) -> int:
    """One case for about four in five demo clients without one; returns how many were opened. Only
    seed_demo's own clients: someone registered through the API never gets an invented case."""
    programmes = list(Programme.objects.filter(is_active=True))
    owners = {}
    for m in demo_memberships().select_related("user").order_by("id"):
        owners.setdefault(m.desk_id, []).append(m.user)
    opened = 0
    clients = demo_clients().filter(cases__isnull=True).select_related("registered_by_desk").order_by("id")
    with transaction.atomic():
        for client in clients:
            rng = random.Random(f"{seed}-{client.uuid}")
            if rng.random() > 0.8:
                continue
            desk = client.registered_by_desk
            fitting = [p for p in programmes if desk.kind in p.desk_kinds]
            if not fitting or desk.id not in owners:
                continue
            _trajectory(rng, client, desk, _programme(rng, fitting), rng.choice(owners[desk.id]))
            opened += 1
    return opened


def _programme(rng, fitting):
    """Half of the cases of desks that run praktijkverklaringen are under it, so its report has figures."""
    special = [p for p in fitting if p.code == "praktijkverklaringen"]
    return special[0] if special and rng.random() < 0.5 else rng.choice(fitting)


# Closing reasons as a work centre sees them (the README's report examples rest on enough placements).
CLOSING_REASONS = [ClosingReason.WORK] * 9 + [ClosingReason.EDUCATION] * 4 + [
    reason for reason in ClosingReason.values if reason not in (ClosingReason.WORK, ClosingReason.EDUCATION)]


def _trajectory(rng, client, desk, programme, owner):
    """Opened up to two years before today and, when it closes, closed two months to a year or so later,
    each move back-dated: this year and last both have intakes, exits and placements, whatever the day."""
    now = timezone.now()
    start = now - timedelta(days=rng.randint(20, 730))
    case = case_open(actor=owner, client=client, desk=desk, programme=programme, owner=owner)
    Case.objects.filter(pk=case.pk).update(opened_at=start, status_changed_at=start)
    CaseStatusChange.objects.filter(case=case).update(at=start)
    case.refresh_from_db()
    path = rng.choice([[], [CaseStatus.INTAKE], [CaseStatus.INTAKE, CaseStatus.ACTIVE],
                       [CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.PAUSED]]
                      + [[CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.CLOSED]] * 4)
    span = (now - start).days
    closes = path[-1:] == [CaseStatus.CLOSED]
    if closes:
        span = max(min(span - 1, rng.randint(60, 400)), 1)
    moments = sorted(start + timedelta(days=rng.randint(1, max(span - 1, 1))) for _ in range(rng.randint(1, 5)))
    for index, at in enumerate(moments):
        contact_record(actor=owner, case=case, data={
            "at": at, "channel": rng.choice(Channel.values),
            "kind": ContactKind.INTAKE if index == 0 else rng.choice(ContactKind.values),
            "summary": rng.choice(SUMMARIES), "duration_minutes": rng.choice([15, 30, 45, 60]),
            "follow_up_on": (at + timedelta(days=14)).date() if rng.random() < 0.4 else None,
        })
    for _ in range(rng.randint(0, 3)):
        agreement = agreement_add(actor=owner, case=case, data={
            "what": rng.choice(AGREEMENTS), "who": rng.choice(["client", "counsellor"]),
            "due_on": (start + timedelta(days=rng.randint(7, span + 30))).date(),
        })
        if rng.random() < 0.5 and agreement.due_on <= timezone.localdate():
            agreement.done_on = agreement.due_on
            agreement.save(update_fields=["done_on"])
    times = sorted(start + timedelta(days=rng.randint(1, max(span - 1, 1)), hours=1) for _ in path)
    if closes:
        times[-1] = start + timedelta(days=span, hours=2)
    for status, at in zip(path, times):
        reason = rng.choice(CLOSING_REASONS) if status == CaseStatus.CLOSED else ""
        if status == CaseStatus.CLOSED:
            _results(rng, case, owner, reason, start, span)
        case = case_move(actor=owner, case=case, to_status=status, closing_reason=reason,
                         reason="Demo history" if reason == ClosingReason.OTHER else "")
        closed = {"closed_at": at} if status == CaseStatus.CLOSED else {}
        Case.objects.filter(pk=case.pk).update(status_changed_at=at, **closed)
        CaseStatusChange.objects.filter(case=case, to_status=status).update(at=at)
        case.refresh_from_db()
    return case


SECTORS = [("zorg", "Helpende zorg"), ("techniek", "Monteur"), ("logistiek", "Orderpicker"),
           ("detailhandel", "Verkoopmedewerker"), ("bouw", "Timmerman"), ("ict", "Servicedesk")]
PRAKTIJKVERKLARINGEN = [("25491", "Helpende zorg en welzijn", ["Biedt zorg", "Ondersteunt bij activiteiten"], "zorg"),
                        ("25257", "Logistiek medewerker", ["Ontvangt goederen", "Verzamelt orders"], "logistiek")]


def _results(rng, case, owner, closing_reason, start, span):
    """Before a case closes: the transition and outcome its closing reason implies, dated in its span."""
    day = (start + timedelta(days=rng.randint(max(span // 2, 1), max(span - 1, 1)))).date()
    previous = {"ww": Position.UNEMPLOYED_WITH_BENEFIT, "bijstand": Position.UNEMPLOYED_WITH_BENEFIT}.get(
        case.client.benefit, Position.NOT_WORKING_NO_BENEFIT)
    if case.desk.kind == "youth":
        previous = Position.AT_SCHOOL
    if closing_reason == ClosingReason.WORK:
        sector, occupation = rng.choice(SECTORS)
        transition = transition_record(actor=owner, client=case.client, case=case, data={
            "date": day, "from_position": previous, "to_position": Position.EMPLOYED, "source": "counsellor",
            "contract_type": rng.choice(["permanent", "fixed_term", "temp_agency"]),
            "hours_per_week": rng.choice([16, 24, 32, 36, 38]), "employer_name": f"{sector.capitalize()} BV", "sector": sector,
            "occupation": occupation, "verified": rng.random() < 0.6,
        })
        placement = outcome_record(actor=owner, case=case, data={
            "kind": OutcomeKind.PLACEMENT, "date": day, "transition": transition,
            "instrument": rng.choice(["", "", EmployerInstrument.PROEFPLAATSING, EmployerInstrument.JOBCOACH]),
        })
        if placement.follow_up_due_on <= timezone.localdate() and rng.random() < 0.7:
            follow_up_record(actor=owner, outcome=placement, still_in_work=rng.random() < 0.75,
                             recorded_on=placement.follow_up_due_on)
    elif closing_reason == ClosingReason.EDUCATION:
        transition_record(actor=owner, client=case.client, case=case, data={
            "date": day, "from_position": previous, "to_position": Position.IN_EDUCATION, "source": "school",
            "institution": "ROC Midden Nederland", "education_programme": "Entree", "learning_route": "bbl",
        })
        outcome_record(actor=owner, case=case, data={"kind": OutcomeKind.EDUCATION_STARTED, "date": day})
    if case.programme.code == "praktijkverklaringen" and rng.random() < 0.8:
        crebo, title, processes, sector = rng.choice(PRAKTIJKVERKLARINGEN)
        outcome_record(actor=owner, case=case, data={
            "kind": OutcomeKind.PRAKTIJKVERKLARING, "date": day, "crebo_code": crebo, "qualification_title": title,
            "work_processes": processes, "learning_company": "Zorggroep De Linde",
            "learning_company_sbb_recognised": True, "school": "ROC Midden Nederland", "sector": sector,
        })
