"""Access-matrix entries for documents (merged into tests.api.matrix.MATRIX).

A document follows its record: the matrix's callers (region A's RMT desk, and the region's roles)
read the documents of the records they read, and a record they cannot read is a 404, also for its
documents. `seeded(w)` adds, once per test, a small PDF through documents.services to every
record of the world and the outcome and employer seeds: the own ones in region A at the RMT, the
LWL's next door, and region B's.
"""
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import services
from documents.choices import ParentKind
from tests.api.matrix import (
    CLIENT_READERS,
    DESK_STAFF,
    RouteSpec,
    _foreign_cases,
    _foreign_clients,
    _foreign_consents,
    _foreign_referrals,
    _own_consent,
)
from tests.api.matrix_outcomes import seeded as seeded_outcomes
from tests.employers.seed import seeded as seeded_employers

PDF = b"%PDF-1.4\n%%EOF\n"


def _add(kind, parent):
    return services.document_add(actor=None, kind=kind, parent=parent, upload=SimpleUploadedFile("doc.pdf", PDF),
                                 data={"title": f"A {kind} document", "kind": "other"})


def seeded(w) -> dict:
    cached = getattr(w, "_documents_seed", None)
    if cached is None:
        o, e = seeded_outcomes(w), seeded_employers(w)
        cached = {}
        for side, client, consent, case, outcome, referral in (
            ("a", w.client_a, w.consent_a, w.case_a, o.placement_a, w.referral_in_a),
            ("lwl_a", w.client_lwl_a, w.consent_lwl_a, w.case_lwl_a, o.placement_lwl_a, w.referral_lwl_a),
            ("b", w.client_b, w.consent_b, w.case_b, o.placement_b, w.referral_b),
        ):
            cached[side] = {
                "client": _add(ParentKind.CLIENT, client), "consent": _add(ParentKind.CONSENT, consent),
                "case": _add(ParentKind.CASE, case), "outcome": _add(ParentKind.OUTCOME, outcome),
                "referral": _add(ParentKind.REFERRAL, referral)}
        for side in ("a", "b"):
            cached[side]["employer"] = _add(ParentKind.EMPLOYER, getattr(e, side).employer)
            cached[side]["vacancy"] = _add(ParentKind.VACANCY, getattr(e, side).vacancy)
        w._documents_seed = cached
    return cached


def _own(record):
    def own(w, role):
        seeded(w)
        return record(w)
    return own


def _foreign_items(kind):
    def items(w, role):
        s = seeded(w)
        return [s[side][kind] for side in ("lwl_a", "b") if kind in s[side]]
    return items


def _outcome_params(case, outcome):
    return {"id": case.uuid, "outcome_id": outcome.uuid}


def _foreign_outcomes(w, role):
    o = seeded_outcomes(w)
    foreign = [_outcome_params(w.case_b, o.placement_b), _outcome_params(w.case_a, o.placement_b)]
    if role != "privacy_officer":
        foreign.append(_outcome_params(w.case_lwl_a, o.placement_lwl_a))
    return foreign


def _foreign_documents(w, role, kinds=("client", "case", "referral")):
    s = seeded(w)
    foreign = [s["b"][k] for k in kinds]
    if role != "privacy_officer":
        foreign += [s["lwl_a"][k] for k in kinds]
    return foreign


def _version_params(document):
    return {"id": document.uuid, "version_id": document.versions.get().uuid}


MATRIX_DOCUMENTS: dict[str, RouteSpec] = {
    "v1:client-document-list": RouteSpec(allowed=set(CLIENT_READERS), own=_own(lambda w: w.client_a),
                                         foreign=_foreign_clients, foreign_items=_foreign_items("client")),
    "v1:client-consent-document-list": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: (seeded(w), _own_consent(w, r))[1],
                                                 foreign=_foreign_consents, foreign_items=_foreign_items("consent")),
    "v1:case-document-list": RouteSpec(allowed=set(CLIENT_READERS), own=_own(lambda w: w.case_a), foreign=_foreign_cases,
                                       foreign_items=_foreign_items("case")),
    "v1:case-outcome-document-list": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: _outcome_params(w.case_a, (seeded(w), seeded_outcomes(w))[1].placement_a),
        foreign=_foreign_outcomes, foreign_items=_foreign_items("outcome")),
    "v1:referral-document-list": RouteSpec(allowed=set(CLIENT_READERS), own=_own(lambda w: w.referral_in_a),
                                           foreign=_foreign_referrals, foreign_items=_foreign_items("referral")),
    "v1:employer-document-list": RouteSpec(allowed=set(DESK_STAFF), writers=set(),
                                           own=_own(lambda w: seeded_employers(w).a.employer),
                                           foreign=lambda w, r: [seeded_employers(w).b.employer],
                                           foreign_items=_foreign_items("employer")),
    "v1:vacancy-document-list": RouteSpec(allowed=set(DESK_STAFF), writers=set(),
                                          own=_own(lambda w: seeded_employers(w).a.vacancy),
                                          foreign=lambda w, r: [seeded_employers(w).b.vacancy],
                                          foreign_items=_foreign_items("vacancy")),
    "v1:case-outcome-certificate": RouteSpec(  # own: a placement, so an empty POST is a 409
        allowed=set(CLIENT_READERS), own=lambda w, r: _outcome_params(w.case_a, seeded_outcomes(w).placement_a),
        foreign=_foreign_outcomes),
    "v1:document-detail": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: seeded(w)["a"]["client"],
                                    foreign=_foreign_documents),
    "v1:document-versions": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: seeded(w)["a"]["case"],
                                      foreign=_foreign_documents),
    "v1:document-version-content": RouteSpec(
        allowed=set(CLIENT_READERS), own=lambda w, r: _version_params(seeded(w)["a"]["client"]),
        foreign=lambda w, r: [_version_params(d) for d in _foreign_documents(w, r)]),
    "v1:document-signature-request": RouteSpec(allowed=set(CLIENT_READERS),
                                               own=lambda w, r: seeded(w)["a"]["case"], foreign=_foreign_documents),
    "v1:document-signature": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: seeded(w)["a"]["case"],
                                       foreign=_foreign_documents),
    "v1:document-deletion": RouteSpec(allowed=set(CLIENT_READERS), own=lambda w, r: seeded(w)["a"]["consent"],
                                      foreign=_foreign_documents),
}
