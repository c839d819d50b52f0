"""The access matrix: for every API route, what each role may see of its own and foreign records.

Adding a route to the API without an entry here fails `test_every_api_route_is_in_the_matrix`.
Foreign records live in region B (Amersfoort), or at another desk of region A for records that
belong to a desk; callers work in region A (Midden-Utrecht) at the RMT desk.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.conftest import ROLES

STAFF_ROLES = {"counsellor", "team_lead", "manager", "privacy_officer", "functional_admin"}
ALL_WITH_ROLE = STAFF_ROLES | {"partner"}
DESK_STAFF = {"counsellor", "team_lead"}
CLIENT_READERS = DESK_STAFF | {"privacy_officer"}


@dataclass
class RouteSpec:
    public: bool = False
    allowed: set[str] = field(default_factory=lambda: set(ALL_WITH_ROLE))  # roles that may use it at all
    writers: set[str] = field(default_factory=lambda: set(DESK_STAFF))  # of those, who may POST/PATCH
    own: Callable | None = None  # (world, role) -> a record (or url params) the role may see
    foreign: Callable | None = None  # (world, role) -> records (or url params) the role must get 404 for
    foreign_items: Callable | None = None  # (world, role) -> records a list must never contain
    own_writers: set[str] | None = None  # of the writers, who may write on their own record (default: all)


def params_of(record) -> dict:
    """A record stands for {id}; nested routes give their parameters as a dict."""
    return record if isinstance(record, dict) else {"id": record.uuid}


def _own_partner_organisation(w, role):
    return w.partner_a


def _foreign_partner_organisations(w, role):
    foreign = [w.partner_b]
    if role == "partner":  # a partner system sees only its own organisation
        foreign.append(w.other_partner_a)
    return foreign


def _foreign_clients(w, role):
    """Another region's client always; another desk's client unless the role reads the region."""
    return [w.client_b] if role == "privacy_officer" else [w.client_b, w.client_lwl_a]


def _own_consent(w, role):
    return {"id": w.client_a.uuid, "consent_id": w.consent_a.uuid}


def _foreign_consents(w, role):
    foreign = [{"id": w.client_b.uuid, "consent_id": w.consent_b.uuid},
               {"id": w.client_a.uuid, "consent_id": w.consent_b.uuid}]  # someone else's consent under own client
    if role != "privacy_officer":
        foreign.append({"id": w.client_lwl_a.uuid, "consent_id": w.consent_lwl_a.uuid})
    return foreign


def _client_route(**kwargs):
    return RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: w.client_a, foreign=_foreign_clients, **kwargs)


def _foreign_cases(w, role):
    return [w.case_b] if role == "privacy_officer" else [w.case_b, w.case_lwl_a]


def _case_route(**kwargs):
    return RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: w.case_a, foreign=_foreign_cases, **kwargs)


def _foreign_agreements(w, role):
    foreign = [{"id": w.case_b.uuid, "agreement_id": w.agreement_b.uuid},
               {"id": w.case_a.uuid, "agreement_id": w.agreement_b.uuid}]
    if role != "privacy_officer":
        foreign.append({"id": w.case_lwl_a.uuid, "agreement_id": w.agreement_lwl_a.uuid})
    return foreign


MATRIX: dict[str, RouteSpec] = {
    "v1:openapi-json": RouteSpec(public=True),
    "v1:openapi-yaml": RouteSpec(public=True),
    "v1:docs": RouteSpec(public=True),
    "v1:redoc": RouteSpec(public=True),
    "v1:me": RouteSpec(),
    "v1:region-list": RouteSpec(foreign_items=lambda w, r: [w.region_b]),
    "v1:region-detail": RouteSpec(own=lambda w, r: w.region_a, foreign=lambda w, r: [w.region_b]),
    "v1:desk-list": RouteSpec(foreign_items=lambda w, r: [w.rmt_b]),
    "v1:desk-detail": RouteSpec(own=lambda w, r: w.rmt_a, foreign=lambda w, r: [w.rmt_b]),
    "v1:partner-organisation-list": RouteSpec(foreign_items=_foreign_partner_organisations),
    "v1:partner-organisation-detail": RouteSpec(own=_own_partner_organisation, foreign=_foreign_partner_organisations),
    "v1:client-list": RouteSpec(allowed=set(CLIENT_READERS), foreign_items=_foreign_clients),
    "v1:client-search": RouteSpec(allowed=set(DESK_STAFF)),
    "v1:client-detail": _client_route(),
    "v1:client-timeline": _client_route(),
    "v1:client-access": _client_route(),
    "v1:client-consent-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: {"id": w.client_a.uuid},
        foreign=lambda w, r: [params_of(c) for c in _foreign_clients(w, r)],
        foreign_items=lambda w, r: [w.consent_b, w.consent_lwl_a],
    ),
    "v1:client-consent-detail": RouteSpec(allowed=set(CLIENT_READERS), own=_own_consent, foreign=_foreign_consents),
    "v1:client-consent-withdrawal": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: {"id": w.client_a.uuid, "consent_id": w.spare_consent_a.uuid},
        foreign=_foreign_consents,
    ),
    "v1:programme-list": RouteSpec(allowed=set(CLIENT_READERS)),
    "v1:programme-detail": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: w.case_a.programme),
    "v1:caseload": RouteSpec(allowed=set(CLIENT_READERS)),
    "v1:case-list": RouteSpec(allowed=set(CLIENT_READERS), foreign_items=_foreign_cases),
    "v1:case-detail": _case_route(),
    "v1:case-history": _case_route(),
    "v1:case-status-change": _case_route(),
    "v1:case-assignment": _case_route(own_writers={"team_lead"}),  # a counsellor: 403 on own, 404 on foreign
    "v1:case-contact-list": _case_route(foreign_items=lambda w, r: [w.contact_b, w.contact_lwl_a]),
    "v1:case-agreement-list": _case_route(foreign_items=lambda w, r: [w.agreement_b, w.agreement_lwl_a]),
    "v1:case-agreement-completion": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: {"id": w.case_a.uuid, "agreement_id": w.agreement_a.uuid},
        foreign=_foreign_agreements,
    ),
}

def _foreign_referrals(w, role):
    return [w.referral_b] if role == "privacy_officer" else [w.referral_b, w.referral_lwl_a]


MATRIX.update({
    "v1:referral-list": RouteSpec(allowed=CLIENT_READERS | {"partner"}, foreign_items=_foreign_referrals),
    "v1:referral-detail": RouteSpec(allowed=CLIENT_READERS | {"partner"}, own=lambda w, r: w.referral_in_a,
                                    foreign=_foreign_referrals),
    "v1:referral-status-change": RouteSpec(allowed=CLIENT_READERS | {"partner"}, writers=DESK_STAFF | {"partner"},
                                           own=lambda w, r: w.referral_in_a, foreign=_foreign_referrals),
})

from tests.api.matrix_outcomes import MATRIX_OUTCOMES  # noqa: E402  (it builds on the helpers above)

MATRIX.update(MATRIX_OUTCOMES)

from tests.api.matrix_webhooks import MATRIX_WEBHOOKS  # noqa: E402

MATRIX_WEBHOOKS.update({  # figures for region managers; their region is a parameter (see tests/reports)
    "v1:report-list": RouteSpec(allowed={"manager"}, writers=set()),
    "v1:report-detail": RouteSpec(allowed={"manager"}, writers=set(), own=lambda w, r: {"key": "intakes?period=2025"}),
    "v1:period-report": RouteSpec(allowed={"manager"}, writers=set()),
    # the money reports: every role per route in tests/reports/test_money.py (a region not yours: 400 naming it)
    "v1:report-spend": RouteSpec(allowed={"manager"}, writers=set()),
    "v1:report-cost": RouteSpec(allowed={"manager"}, writers=set()),
    # targets against realised: tests/reports/test_targets.py (a province manager: tests/reports/test_province.py)
    "v1:report-targets": RouteSpec(allowed={"manager"}, writers=set()),
})

MATRIX.update(MATRIX_WEBHOOKS)
from tests.api.matrix_employers import MATRIX_EMPLOYERS  # noqa: E402

MATRIX.update(MATRIX_EMPLOYERS)
from tests.api.matrix_services import MATRIX_SERVICES  # noqa: E402

MATRIX.update(MATRIX_SERVICES)

from tests.api.matrix_documents import MATRIX_DOCUMENTS  # noqa: E402

MATRIX.update(MATRIX_DOCUMENTS)

MATRIX.update({  # accountability: the processing log and access requests are the privacy officer's
    "v1:processing-log": RouteSpec(allowed={"privacy_officer"}, writers=set()),
    "v1:client-changes": _client_route(),
    "v1:client-data-export": RouteSpec(allowed={"privacy_officer"}, writers=set(), own=lambda w, r: w.client_a,
                                       foreign=lambda w, r: [w.client_b]),
    "v1:case-changes": _case_route(),
})

assert set(ROLES) >= ALL_WITH_ROLE

from tests.api.matrix_worklist import MATRIX_WORKLIST  # noqa: E402

MATRIX.update(MATRIX_WORKLIST)
