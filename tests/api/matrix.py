"""The access matrix: for every API route, what each role may see of its own and foreign records.

Adding a route to the API without an entry here fails `test_every_api_route_is_in_the_matrix`.
Foreign records live in region B (Amersfoort); callers work in region A (Midden-Utrecht).
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.conftest import ROLES

STAFF_ROLES = {"counsellor", "team_lead", "manager", "privacy_officer", "functional_admin"}
ALL_WITH_ROLE = STAFF_ROLES | {"partner"}


@dataclass
class RouteSpec:
    public: bool = False
    allowed: set[str] = field(default_factory=lambda: set(ALL_WITH_ROLE))  # roles that get a 2xx
    own: Callable | None = None  # (world, role) -> a record the role may see, for {id} routes
    foreign: Callable | None = None  # (world, role) -> records the role must never see or list


def _own_partner_organisation(w, role):
    return w.partner_a


def _foreign_partner_organisations(w, role):
    foreign = [w.partner_b]
    if role == "partner":  # a partner system sees only its own organisation
        foreign.append(w.other_partner_a)
    return foreign


MATRIX: dict[str, RouteSpec] = {
    "v1:openapi-json": RouteSpec(public=True),
    "v1:openapi-yaml": RouteSpec(public=True),
    "v1:docs": RouteSpec(public=True),
    "v1:redoc": RouteSpec(public=True),
    "v1:me": RouteSpec(),
    "v1:region-list": RouteSpec(foreign=lambda w, r: [w.region_b]),
    "v1:region-detail": RouteSpec(own=lambda w, r: w.region_a, foreign=lambda w, r: [w.region_b]),
    "v1:desk-list": RouteSpec(foreign=lambda w, r: [w.rmt_b]),
    "v1:desk-detail": RouteSpec(own=lambda w, r: w.rmt_a, foreign=lambda w, r: [w.rmt_b]),
    "v1:partner-organisation-list": RouteSpec(foreign=_foreign_partner_organisations),
    "v1:partner-organisation-detail": RouteSpec(own=_own_partner_organisation, foreign=_foreign_partner_organisations),
}

assert set(ROLES) >= ALL_WITH_ROLE
