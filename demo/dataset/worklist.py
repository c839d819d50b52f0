"""The counsellors' worklist after the clients are in: tasks (open and done, their own and their
desks' pools'), notifications (read and unread) and appointments (held, missed, cancelled and
planned), as the worklist's services would have left them. Made in a pass of its own after the
clients' chunks (it reads the batch's open cases and clients back), loaded with COPY in the same
transaction, deterministic for a seed and a database state.

Volumes per counsellor: an open task for about every third open case of theirs, at most
OPEN_PER_COUNSELLOR (the busiest has a worklist of some dozens), a done one for about every other
case; each desk's pool about POOL_OPEN open tasks about clients it registered; notifications for
their assigned tasks and a few handed-over cases, a quarter unread; per open case one or two past
appointments (about one in eight a no-show, one in twenty cancelled) and for a third one planned,
never two of a counsellor at the same hour. No text here may hold a tab, newline or backslash.
"""
from datetime import datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from cases.choices import OPEN_STATUSES
from cases.models import Case
from clients.models import Client
from worklist.models import Appointment, Notification, Task

from .copy import NULL, Table

OPEN_PER_COUNSELLOR = 60
POOL_OPEN = 25
TASK_TITLES = ["Bel de klant terug over de sollicitatie", "Plan het vervolggesprek", "Controleer het cv",
               "Vraag de praktijkverklaring aan", "Stuur de afspraken op", "Overleg met de werkgever",
               "Werk het trajectplan bij", "Zoek een passende opleiding"]
POOL_TITLES = ["Intake inplannen", "Aanmelding beoordelen", "Terugbelverzoek afhandelen"]
PLACES = ["Spreekkamer 1", "Spreekkamer 2", "Werkplein, balie 3", "Bibliotheek", ""]


def tables() -> dict[str, Table]:
    return {
        "task": Table(Task, "id uuid desk_id assignee_id subject_kind client_id case_id title due_on priority status "
                            "status_changed_at origin created_at created_by_id version"),
        "notification": Table(Notification, "id uuid recipient_id kind task_id case_id created_at read_at emailed_at "
                                            "source_key"),
        "appointment": Table(Appointment, "id uuid client_id case_id desk_id counsellor_id kind place starts_at ends_at "
                                          "status status_changed_at times_rescheduled overlap_reason created_at "
                                          "created_by_id version"),
    }


def _ts(moment: datetime) -> str:
    return moment.isoformat()


def make(gen, first_case: int, first_client: int) -> None:
    """Rows for the open cases and clients from these ids on (this batch), into gen.tables."""
    rng, ids, rows = gen.rng, gen.ids.next, gen.tables
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, client_id, desk_id, owner_id FROM {Case._meta.db_table} WHERE id >= %s "
                       "AND status = ANY(%s) AND owner_id IS NOT NULL ORDER BY owner_id, id",
                       [first_case, list(OPEN_STATUSES)])
        cases = cursor.fetchall()
        cursor.execute(f"SELECT registered_by_desk_id, min(registered_by_id), array_agg(id ORDER BY id) FROM "
                       f"(SELECT registered_by_desk_id, registered_by_id, id FROM {Client._meta.db_table} "
                       "WHERE id >= %s AND registered_by_desk_id IS NOT NULL) c GROUP BY 1 ORDER BY 1", [first_client])
        desks = cursor.fetchall()

    def task(desk, assignee, client, case, title, due, status, changed, created, creator):
        task_id = ids["task"]
        rows["task"].rows.append(
            f"{task_id}\t{gen.uuid()}\t{desk}\t{assignee or NULL}\t{'case' if case else 'client'}\t{client}\t"
            f"{case or NULL}\t{title}\t{due.isoformat()}\t{rng.choice(('normal', 'normal', 'high', 'low'))}\t"
            f"{status}\t{_ts(changed)}\t{'person'}\t{_ts(created)}\t{creator or NULL}\t1")
        ids["task"] += 1
        return task_id

    def notify(recipient, kind, task_id, case_id, created, key):
        read = NULL if rng.random() < 0.25 else _ts(created + timedelta(hours=rng.randint(1, 48)))
        rows["notification"].rows.append(
            f"{ids['notification']}\t{gen.uuid()}\t{recipient}\t{kind}\t{task_id or NULL}\t{case_id or NULL}\t"
            f"{_ts(created)}\t{read}\t{_ts(created)}\t{key}")
        ids["notification"] += 1

    by_owner: dict[int, list] = {}
    for row in cases:
        by_owner.setdefault(row[3], []).append(row)
    for owner, owned in by_owner.items():
        open_count = min(OPEN_PER_COUNSELLOR, (len(owned) + 2) // 3)
        slot = 0
        for n, (case_id, client_id, desk_id, _owner) in enumerate(owned):
            if n < open_count:
                created = now - timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600))
                due = today + timedelta(days=rng.randint(-5, 21))  # some overdue
                task_id = task(desk_id, owner, client_id, case_id, rng.choice(TASK_TITLES), due, "open", created,
                               created, owner if rng.random() < 0.7 else NULL)
                if rng.random() < 0.3:  # given by a team lead or the engine: a notification
                    notify(owner, "task_assigned", task_id, None, created, f"task:{task_id}:assigned")
            if rng.random() < 0.5:
                created = now - timedelta(days=rng.randint(20, 300))
                done = created + timedelta(days=rng.randint(0, 14))
                task_id = task(desk_id, owner, client_id, case_id, rng.choice(TASK_TITLES),
                               created.date() + timedelta(days=7), "done", done, created, owner)
            if rng.random() < 0.05:
                notify(owner, "case_reassigned", None, case_id, now - timedelta(days=rng.randint(0, 90)),
                       f"case:{case_id}:owner:{owner}")
            # appointments: one or two in the past, a third of the cases one planned; one hour each,
            # the counsellor's own slots (no two at the same hour)
            for past in range(rng.randint(1, 2) + (1 if rng.random() < 0.33 else 0)):
                planned = past == 2
                slot += 1
                day = (today + timedelta(days=1 + slot // 6)) if planned else (today - timedelta(days=1 + slot // 6))
                starts = timezone.make_aware(datetime.combine(day, time(9 + slot % 6, 0)))
                roll = rng.random()
                status = "planned" if planned else ("no_show" if roll < 0.12 else "cancelled" if roll < 0.17 else
                                                    "held")
                kind = rng.choice(("in_person", "in_person", "phone", "video"))
                place = rng.choice(PLACES) if kind == "in_person" else ""
                created = starts - timedelta(days=rng.randint(2, 20))
                changed = created if planned else starts + timedelta(hours=1)
                rows["appointment"].rows.append(
                    f"{ids['appointment']}\t{gen.uuid()}\t{client_id}\t{case_id}\t{desk_id}\t{owner}\t{kind}\t{place}\t"
                    f"{_ts(starts)}\t{_ts(starts + timedelta(hours=1))}\t{status}\t{_ts(changed)}\t0\t\t"
                    f"{_ts(created)}\t{owner}\t1")
                ids["appointment"] += 1

    for desk_id, registrar, clients in desks:  # the desks' pools
        for client_id in (clients[rng.randrange(len(clients))] for _ in range(POOL_OPEN)):
            created = now - timedelta(days=rng.randint(0, 20))
            task(desk_id, None, client_id, None, rng.choice(POOL_TITLES), today + timedelta(days=rng.randint(-3, 14)),
                 "open", created, created, None)
        for client_id in (clients[rng.randrange(len(clients))] for _ in range(POOL_OPEN)):
            created = now - timedelta(days=rng.randint(20, 200))
            task(desk_id, registrar, client_id, None, rng.choice(POOL_TITLES), created.date() + timedelta(days=5),
                 "done", created + timedelta(days=2), created, None)
