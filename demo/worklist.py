"""Demo worklists per region: for each client desk (not the WSP), tasks about demo clients' open
cases (one in the desk's pool, the rest for its counsellor; one overdue), and appointments (two
past: one held, one a no-show; two ahead). Through the same services as the API; idempotent (a
region whose desks have demo appointments is left alone). Only demo clients' cases are used.
Notifications come from the task engine as the demo's referrals and tasks are made."""
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus
from cases.models import Case
from demo.clients import demo_clients
from demo.organisation import demo_memberships, demo_regions
from rwc.models import Desk, DeskKind, DeskRole
from worklist import appointments, todo
from worklist.choices import AppointmentStatus, SubjectKind
from worklist.models import Appointment, Task

TASKS = ["Bel over het cv", "Stuur de vacature door", "Plan een driegesprek met de werkgever",
         "Vraag het diploma op", "Controleer de aanmelding bij de opleiding"]
KINDS = ["in_person", "phone", "video", "in_person"]


def seed_worklists(seed: int = 2026) -> int:
    """Returns how many appointments were added."""
    added = 0
    for region in demo_regions():
        desks = list(Desk.objects.filter(region=region, is_active=True).exclude(kind=DeskKind.WSP))
        if Appointment.objects.filter(desk__in=desks, client__in=demo_clients()).exists():
            continue
        rng = random.Random(f"{seed}-{region.code}-worklist")
        with transaction.atomic():
            for desk in desks:
                added += _desk(rng, desk)
    return added


def _desk(rng, desk) -> int:
    counsellor = demo_memberships([desk]).filter(role=DeskRole.COUNSELLOR).select_related("user").order_by("id").first()
    if counsellor is None:
        return 0
    user = counsellor.user
    cases = list(Case.objects.filter(desk=desk, owner=user, client__in=demo_clients())
                 .exclude(status=CaseStatus.CLOSED).order_by("id")[:6])
    today, now = timezone.localdate(), timezone.now().replace(minute=0, second=0, microsecond=0)
    for number, case in enumerate(cases[:4]):
        task = todo.task_create(actor=user, desk=desk, subject=todo.subject_of(SubjectKind.CASE, case),
                                assignee=None if number == 0 else user,
                                data={"title": rng.choice(TASKS), "due_on": today + timedelta(days=rng.randint(0, 10)),
                                      "priority": rng.choice(["low", "normal", "high"])})
        if number == 1:
            Task.objects.filter(pk=task.pk).update(due_on=today - timedelta(days=2))  # one overdue
    made = 0
    for number, case in enumerate(cases[:4]):
        day = [-7, -3, 2, 5][number]
        starts = (now + timedelta(days=day)).replace(hour=9 + 2 * number)
        appointment = appointments.appointment_plan(
            actor=user, desk=desk, client=case.client, case=case, counsellor=user,
            data={"kind": KINDS[number], "place": "RWC, Stationsplein" if KINDS[number] == "in_person" else "",
                  "starts_at": starts, "ends_at": starts + timedelta(minutes=45)})
        if day < 0:
            appointments.appointment_move(actor=user, appointment=appointment, to_status=(
                AppointmentStatus.HELD if number == 0 else AppointmentStatus.NO_SHOW))
        made += 1
    return made
