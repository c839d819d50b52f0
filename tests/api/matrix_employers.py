"""Access-matrix entries for the employer services (merged into tests.api.matrix.MATRIX).

The callers of the matrix work at the RMT desk of region A: they read the region's employers,
vacancies and matching events (business data), see candidates, registrations and matches only of
clients they may see, and change nothing of the WSP's (403 on every write, own record or foreign).
WSP staff's own access is tested in tests/employers/test_employers_access.py.

`seeded(w)` builds, once per test, through the domain services: an employer with a vacancy and a
matching event (held yesterday) in regions A and B; candidates proposed by the WSP for the own
client (RMT), for the LWL's client and in region B, each resting on a consent naming the WSP desk
and the employer and on a grant to the WSP desk; registrations, attendance and a match for each;
and a jobcoach instrument on each placement of the outcomes matrix seed.
"""
from tests.api.matrix import CLIENT_READERS, DESK_STAFF, RouteSpec, _foreign_clients
from tests.api.matrix_outcomes import seeded as seeded_outcomes
from tests.employers.seed import seeded


def _only_wsp(**kwargs):
    """A WSP tool: the matrix roles (RMT staff and region roles) are all refused, on every method."""
    return RouteSpec(allowed=set(), writers=set(), **kwargs)


def _readable(**kwargs):
    """Business data of the region: desk staff read it, only WSP staff change it."""
    return RouteSpec(allowed=set(DESK_STAFF), writers=set(), **kwargs)


def _seed_only(w, role):
    seeded(w)
    return {}


def _instrument_params(case, placement, use=None):
    params = {"id": case.uuid, "outcome_id": placement.uuid}
    if use is not None:
        params["instrument_id"] = use.uuid
    return params


def _own_instrument(w, role, with_use=False):
    s, o = seeded(w), seeded_outcomes(w)
    return _instrument_params(w.case_a, o.placement_a, s.instrument_a if with_use else None)


def _foreign_instruments(w, role, with_use=False):
    s, o = seeded(w), seeded_outcomes(w)
    foreign = [_instrument_params(w.case_b, o.placement_b, s.instrument_b if with_use else None),
               _instrument_params(w.case_a, o.placement_b, s.instrument_b if with_use else None)]
    if role != "privacy_officer":
        foreign.append(_instrument_params(w.case_lwl_a, o.placement_lwl_a, s.instrument_lwl_a if with_use else None))
    if with_use:  # someone else's instrument under the own placement
        foreign.append(_instrument_params(w.case_a, o.placement_a, s.instrument_b))
    return foreign


MATRIX_EMPLOYERS: dict[str, RouteSpec] = {
    "v1:employer-list": _readable(own=_seed_only, foreign_items=lambda w, r: [seeded(w).b.employer]),
    "v1:employer-changes": _only_wsp(own=lambda w, r: seeded(w).a.employer, foreign=lambda w, r: [seeded(w).b.employer]),
    "v1:vacancy-changes": _only_wsp(own=lambda w, r: seeded(w).a.vacancy, foreign=lambda w, r: [seeded(w).b.vacancy]),
    "v1:employer-detail": _readable(own=lambda w, r: seeded(w).a.employer, foreign=lambda w, r: [seeded(w).b.employer]),
    "v1:employer-contact-list": _only_wsp(own=lambda w, r: seeded(w).a.employer,
                                          foreign=lambda w, r: [seeded(w).b.employer]),
    "v1:vacancy-list": _readable(own=_seed_only, foreign_items=lambda w, r: [seeded(w).b.vacancy]),
    "v1:vacancy-detail": _readable(own=lambda w, r: seeded(w).a.vacancy, foreign=lambda w, r: [seeded(w).b.vacancy]),
    "v1:vacancy-status-change": _readable(own=lambda w, r: seeded(w).a.vacancy,
                                          foreign=lambda w, r: [seeded(w).b.vacancy]),
    "v1:vacancy-shortlist-list": _only_wsp(own=lambda w, r: seeded(w).a.vacancy,
                                           foreign=lambda w, r: [seeded(w).b.vacancy]),
    "v1:vacancy-proposal-list": _readable(
        own=lambda w, r: seeded(w).a.vacancy, foreign=lambda w, r: [seeded(w).b.vacancy],
        foreign_items=lambda w, r: [seeded(w).lwl_a, seeded(w).b.proposal]),
    "v1:vacancy-proposal-status-change": _readable(
        own=lambda w, r: {"id": seeded(w).a.vacancy.uuid, "proposal_id": seeded(w).a.proposal.uuid},
        foreign=lambda w, r: [{"id": seeded(w).b.vacancy.uuid, "proposal_id": seeded(w).b.proposal.uuid},
                              {"id": seeded(w).a.vacancy.uuid, "proposal_id": seeded(w).b.proposal.uuid}]),
    "v1:client-job-wish": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: w.client_a,
                                    foreign=_foreign_clients),
    "v1:matching-event-list": _readable(own=_seed_only, foreign_items=lambda w, r: [seeded(w).b.event]),
    "v1:matching-event-detail": _readable(own=lambda w, r: seeded(w).a.event, foreign=lambda w, r: [seeded(w).b.event]),
    "v1:matching-event-employers": _readable(own=lambda w, r: seeded(w).a.event,
                                             foreign=lambda w, r: [seeded(w).b.event]),
    "v1:matching-event-registration-list": RouteSpec(
        allowed=set(DESK_STAFF), own=lambda w, r: seeded(w).a.event, foreign=lambda w, r: [seeded(w).b.event],
        foreign_items=lambda w, r: [seeded(w).registration_lwl_a, seeded(w).b.registration]),
    "v1:matching-event-attendance": _readable(
        own=lambda w, r: {"id": seeded(w).a.event.uuid, "registration_id": seeded(w).a.registration.uuid},
        foreign=lambda w, r: [{"id": seeded(w).b.event.uuid, "registration_id": seeded(w).b.registration.uuid}]),
    "v1:matching-event-match-list": _readable(
        own=lambda w, r: seeded(w).a.event, foreign=lambda w, r: [seeded(w).b.event],
        foreign_items=lambda w, r: [seeded(w).match_lwl_a, seeded(w).b.match]),
    "v1:case-outcome-instrument-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_own_instrument, foreign=_foreign_instruments,
        foreign_items=lambda w, r: [seeded(w).instrument_lwl_a, seeded(w).instrument_b]),
    "v1:case-outcome-instrument-extension": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: _own_instrument(w, r, True),
        foreign=lambda w, r: _foreign_instruments(w, r, True)),
}
