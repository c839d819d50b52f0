"""Access-matrix entries for services, funding and front-door questions (merged into tests.api.matrix.MATRIX).

The callers work at the RMT desk of region A. Services on a case follow the case exactly: the own
case's services are readable and workable by desk staff, readable by the privacy officer; another
desk's or region's case is 404. Approval is a team lead's (a counsellor gets 403 on the own record).
Front-door questions belong to their desk (the privacy officer reads the region's). The service
catalogue and training providers are for desk staff; funding sources also for the region's manager.

`seeded(w)` (tests/services/seed.py) builds, once per test, through the domain services: the catalogues
of regions A and B, a funded training on each of the world's three cases, and a question at each desk.
"""
from tests.api.matrix import CLIENT_READERS, DESK_STAFF, RouteSpec
from tests.services.seed import seeded


def _seed_only(w, role):
    seeded(w)
    return {}


def _service(case, service) -> dict:
    return {"id": case.uuid, "service_id": service.uuid}


def _own_service(w, role):
    return _service(w.case_a, seeded(w).service_a)


def _foreign_services(w, role):
    s = seeded(w)
    foreign = [_service(w.case_b, s.service_b),
               _service(w.case_a, s.service_b)]  # another case's service under the own case
    if role != "privacy_officer":
        foreign.append(_service(w.case_lwl_a, s.service_lwl_a))
    return foreign


def _own_case(w, role):
    seeded(w)
    return {"id": w.case_a.uuid}


def _foreign_cases(w, role):
    seeded(w)
    return [w.case_b] if role == "privacy_officer" else [w.case_b, w.case_lwl_a]


def _foreign_questions(w, role):
    s = seeded(w)
    return [s.question_b] if role == "privacy_officer" else [s.question_b, s.question_lwl_a]


def _service_route(**kwargs):
    return RouteSpec(allowed=set(CLIENT_READERS), own=_own_service, foreign=_foreign_services, **kwargs)


MATRIX_SERVICES: dict[str, RouteSpec] = {
    "v1:service-offering-list": RouteSpec(allowed=set(DESK_STAFF), writers=set(), own=_seed_only,
                                          foreign_items=lambda w, r: list(seeded(w).cat_b["offerings"].values())),
    "v1:training-provider-list": RouteSpec(allowed=set(DESK_STAFF), writers=set(), own=_seed_only,
                                           foreign_items=lambda w, r: [seeded(w).cat_b["provider"]]),
    "v1:funding-source-list": RouteSpec(allowed=DESK_STAFF | {"manager"}, writers=set(), own=_seed_only,
                                        foreign_items=lambda w, r: [seeded(w).cat_b["slim"], seeded(w).cat_b["talent"]]),
    "v1:funding-source-detail": RouteSpec(allowed=DESK_STAFF | {"manager"}, writers=set(),
                                          own=lambda w, r: seeded(w).cat_a["slim"],
                                          foreign=lambda w, r: [seeded(w).cat_b["slim"]]),
    "v1:case-service-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_own_case, foreign=_foreign_cases,
        foreign_items=lambda w, r: [seeded(w).service_b] if r == "privacy_officer" else
        [seeded(w).service_b, seeded(w).service_lwl_a]),
    "v1:case-service-detail": _service_route(),
    "v1:case-service-status-change": _service_route(),
    "v1:case-service-approval": _service_route(own_writers={"team_lead"}),
    "v1:case-service-refusal": _service_route(own_writers={"team_lead"}),
    "v1:front-door-question-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=_seed_only, foreign_items=_foreign_questions),
    "v1:front-door-question-detail": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: seeded(w).question_a,
                                               foreign=_foreign_questions),
    "v1:front-door-question-registration": RouteSpec(allowed=set(CLIENT_READERS),
                                                     own=lambda w, r: seeded(w).question_a,
                                                     foreign=_foreign_questions),
    "v1:front-door-question-conversion": RouteSpec(allowed=set(CLIENT_READERS),
                                                   own=lambda w, r: seeded(w).question_a,
                                                   foreign=_foreign_questions),
}
