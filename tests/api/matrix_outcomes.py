"""Access-matrix entries for transitions, outcomes and follow-ups (merged into tests.api.matrix.MATRIX).

The shared world (tests/conftest.py) seeds no transitions or outcomes, so the specs seed them on
first use within a test, through the domain functions: for each of the three clients (own, another
desk of region A, region B) a school-to-work transition and a placement on its case resting on it,
its follow-up made overdue. Lists then have an own record to show and foreign ones to leave out.
"""
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cases.models import Outcome, Transition
from cases.outcomes import outcome_record
from cases.transitions import transition_record
from rwc.models import User
from tests.api.matrix import CLIENT_READERS, RouteSpec, _foreign_cases, _foreign_clients, params_of


@dataclass
class Seeded:
    transition_a: Transition
    transition_lwl_a: Transition
    transition_b: Transition
    placement_a: Outcome
    placement_lwl_a: Outcome
    placement_b: Outcome


def _seed_one(username, case) -> tuple[Transition, Outcome]:
    actor = User.objects.get(username=username)
    today = timezone.localdate()
    transition = transition_record(actor=actor, client=case.client, case=case, data={
        "date": today, "from_position": "at_school", "to_position": "employed", "source": "client",
        "contract_type": "fixed_term", "hours_per_week": 32,
    })
    placement = outcome_record(actor=actor, case=case, data={"kind": "placement", "date": today,
                                                             "transition": transition})
    Outcome.objects.filter(pk=placement.pk).update(follow_up_due_on=today - timedelta(days=1))
    placement.refresh_from_db()
    return transition, placement


def seeded(w) -> Seeded:
    """Seed once per test (the world fixture is per test, and so is the database transaction)."""
    cached = getattr(w, "_outcomes_seed", None)
    if cached is None:
        t_a, p_a = _seed_one("midden-rmt-counsellor", w.case_a)
        t_lwl, p_lwl = _seed_one("midden-lwl-counsellor", w.case_lwl_a)
        t_b, p_b = _seed_one("amersfoort-rmt-counsellor", w.case_b)
        cached = Seeded(t_a, t_lwl, t_b, p_a, p_lwl, p_b)
        w._outcomes_seed = cached
    return cached


def _foreign_transitions(w, role):
    s = seeded(w)
    return [s.transition_b] if role == "privacy_officer" else [s.transition_b, s.transition_lwl_a]


def _foreign_placements(w, role):
    s = seeded(w)
    return [s.placement_b] if role == "privacy_officer" else [s.placement_b, s.placement_lwl_a]


def _seed_only(w, role):
    """For lists without an id: nothing to name, but there must be an own record to show."""
    seeded(w)
    return {}


def _own_client(w, role):
    seeded(w)
    return {"id": w.client_a.uuid}


def _own_case(w, role):
    seeded(w)
    return {"id": w.case_a.uuid}


def _own_follow_up(w, role):
    return {"id": w.case_a.uuid, "outcome_id": seeded(w).placement_a.uuid}


def _foreign_follow_ups(w, role):
    s = seeded(w)
    foreign = [{"id": w.case_b.uuid, "outcome_id": s.placement_b.uuid},
               {"id": w.case_a.uuid, "outcome_id": s.placement_b.uuid}]  # someone else's under the own case
    if role != "privacy_officer":
        foreign.append({"id": w.case_lwl_a.uuid, "outcome_id": s.placement_lwl_a.uuid})
        foreign.append({"id": w.case_a.uuid, "outcome_id": s.placement_lwl_a.uuid})
    return foreign


MATRIX_OUTCOMES: dict[str, RouteSpec] = {
    "v1:client-transition-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_own_client,
        foreign=lambda w, r: [params_of(c) for c in _foreign_clients(w, r)],
        foreign_items=_foreign_transitions,
    ),
    "v1:transition-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_seed_only, foreign_items=_foreign_transitions,
    ),
    "v1:case-outcome-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_own_case,
        foreign=lambda w, r: [params_of(c) for c in _foreign_cases(w, r)],
        foreign_items=_foreign_placements,
    ),
    "v1:case-outcome-follow-up": RouteSpec(
        allowed=set(CLIENT_READERS), own=_own_follow_up, foreign=_foreign_follow_ups,
    ),
    "v1:follow-up-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_seed_only, foreign_items=_foreign_placements,
    ),
}
