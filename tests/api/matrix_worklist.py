"""Access-matrix entries for the worklist (merged into tests.api.matrix.MATRIX).

Desk staff (counsellor, team lead) have a worklist; managers, privacy officers, functional
administrators and partner systems get 403 on every route. Foreign: the LWL's task, notification
and appointment in region A, and region B's. A notification is its recipient's only: the team
lead's own is seeded for the team lead, the counsellor's for the counsellor. The calendar feed
document is public: its secret address is the credential (tests/worklist/test_appointments_api.py).
"""
from tests.api.matrix import DESK_STAFF, RouteSpec
from tests.worklist.seed import seeded


def _worklist(**kwargs):
    return RouteSpec(allowed=set(DESK_STAFF), writers=set(DESK_STAFF), **kwargs)


def _seed_only(w, role):
    seeded(w)
    return {}


def _foreign(kind):
    return lambda w, r: [getattr(seeded(w).lwl_a, kind), getattr(seeded(w).b, kind)]


def _own_notification(w, role):
    s = seeded(w)
    return s.lead_notification_a if role == "team_lead" else s.a.notification


def _foreign_notifications(w, role):
    s = seeded(w)
    other_at_desk = s.a.notification if role == "team_lead" else s.lead_notification_a
    return [s.lwl_a.notification, s.b.notification, other_at_desk]


MATRIX_WORKLIST: dict[str, RouteSpec] = {
    "v1:task-list": _worklist(own=_seed_only, foreign_items=_foreign("task")),
    "v1:task-detail": _worklist(own=lambda w, r: seeded(w).a.task, foreign=_foreign("task")),
    "v1:task-assignment": _worklist(own=lambda w, r: seeded(w).a.task, foreign=_foreign("task")),
    "v1:task-status-change": _worklist(own=lambda w, r: seeded(w).a.task, foreign=_foreign("task")),
    "v1:notification-list": _worklist(own=_seed_only, foreign_items=_foreign_notifications),
    "v1:notification-detail": _worklist(own=_own_notification, foreign=_foreign_notifications),
    "v1:notification-acknowledgement": _worklist(own=_own_notification, foreign=_foreign_notifications),
    "v1:notification-preferences": _worklist(),
    "v1:appointment-list": _worklist(own=_seed_only, foreign_items=_foreign("appointment")),
    "v1:appointment-detail": _worklist(own=lambda w, r: seeded(w).a.appointment, foreign=_foreign("appointment")),
    "v1:appointment-rescheduling": _worklist(own=lambda w, r: seeded(w).a.appointment,
                                             foreign=_foreign("appointment")),
    "v1:appointment-status-change": _worklist(own=lambda w, r: seeded(w).a.appointment,
                                              foreign=_foreign("appointment")),
    "v1:calendar-feed": _worklist(),
    "v1:calendar-feed-document": RouteSpec(public=True),
}
