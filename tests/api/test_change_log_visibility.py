"""The change logs (`/clients/{id}/changes`, `/cases/{id}/changes`, the employer's and the
vacancy's) show only rows of records the reader may see through those records' own endpoints: a
desk that registered the client does not read another desk's case through the client's log (its
status moves, closing reason, owner, who changed it), nor its id through a record that refers to it.

The scenario of the outside check: Midden-Utrecht's RMT registered client_a and holds case_a; the
region's WSP desk got a grant for the client, opened a case of its own, recorded a transition on
it, and closed it.
"""
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import Case, Programme
from cases.services import case_move, case_open, contact_record
from cases.transitions import transition_record
from clients.services import client_grant_to_desk
from rwc.change_history import VISIBILITY
from rwc.history import change_models
from rwc.models import Desk, DeskKind, User
from rwc.oauth import issue_staff_token
from tests.helpers import count_queries

CLOSING_REASON = "moved_away"


def _as(username: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(username=username))}")
    return client


@pytest.fixture
def wsp_case(world) -> Case:
    wsp_desk = Desk.objects.get(region=world.region_a, kind=DeskKind.WSP)
    wsp_user = User.objects.get(username="midden-wsp-counsellor")
    grant = client_grant_to_desk(actor=User.objects.get(username="midden-rmt-counsellor"), client=world.client_a,
                                 desk=wsp_desk, reason="test: accepted referral to the WSP")
    case = case_open(actor=wsp_user, client=world.client_a, desk=wsp_desk,
                     programme=Programme.objects.get(code="general"), access_grant=grant)
    contact_record(actor=wsp_user, case=case, data={"channel": "phone", "kind": "coaching",
                                                    "summary": "Talked about the job fair", "duration_minutes": 10})
    transition_record(actor=wsp_user, client=world.client_a, case=case, data={
        "date": timezone.localdate(), "from_position": "not_working_no_benefit", "to_position": "employed",
        "source": "employer"})
    return case_move(actor=wsp_user, case=case, to_status="closed", closing_reason=CLOSING_REASON)


def _log(reader: APIClient, url: str) -> list[dict]:
    response = reader.get(url + "?pageSize=100")
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def _records(rows) -> set[str]:
    return {r["record"]["id"] for r in rows}


# who reads client_a's change log, and whether they see the RMT's case, the WSP's case, the
# partner's referral to the RMT: as GET /cases/{id} and GET /referrals/{id} answer them
READERS = [
    ("midden-rmt-counsellor", {"rmt_case": True, "wsp_case": False, "referral": True}),
    ("midden-rmt-lead", {"rmt_case": True, "wsp_case": False, "referral": True}),
    ("midden-wsp-counsellor", {"rmt_case": False, "wsp_case": True, "referral": False}),
    ("midden-wsp-lead", {"rmt_case": False, "wsp_case": True, "referral": False}),
    ("midden-privacy-officer", {"rmt_case": True, "wsp_case": True, "referral": True}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("username,sees", READERS, ids=[r[0] for r in READERS])
def test_the_clients_change_log_shows_a_case_only_to_who_may_see_the_case(world, wsp_case, username, sees):
    reader = _as(username)
    rows = _log(reader, f"/api/v1/clients/{world.client_a.uuid}/changes")
    records = _records(rows)
    expected = {"rmt_case": str(world.case_a.uuid), "wsp_case": str(wsp_case.uuid),
                "referral": str(world.referral_in_a.uuid)}
    for name, visible in sees.items():
        assert (expected[name] in records) is visible, name
    # the log agrees with the records' own endpoints
    case_status = {name: reader.get(f"/api/v1/cases/{expected[name]}").status_code for name in ("rmt_case", "wsp_case")}
    assert case_status == {name: 200 if sees[name] else 404 for name in case_status}
    assert reader.get(f"/api/v1/referrals/{expected['referral']}").status_code == (200 if sees["referral"] else 404)
    if not sees["wsp_case"]:
        body = str(rows)
        assert str(wsp_case.uuid) not in body, "not even as the case a transition refers to"
        assert CLOSING_REASON not in body and "midden-wsp-counsellor" not in body
    # the transition on the WSP's case is the client's (GET /clients/{id}/transitions shows it to all)
    transitions = [r for r in rows if r["record"]["type"] == "transition"]
    assert transitions
    case_refs = {c["after"] for r in transitions for c in r["changes"] if c["field"] == "case"}
    assert case_refs == {str(wsp_case.uuid) if sees["wsp_case"] else "(hidden)"}


@pytest.mark.django_db
def test_the_case_log_of_the_other_desks_case_stays_closed(world, wsp_case):
    rmt = _as("midden-rmt-counsellor")
    assert rmt.get(f"/api/v1/cases/{wsp_case.uuid}/changes").status_code == 404
    rows = _log(_as("midden-wsp-counsellor"), f"/api/v1/cases/{wsp_case.uuid}/changes")
    assert {"case", "contactmoment", "transition"} <= {r["record"]["type"] for r in rows}


@pytest.mark.django_db
def test_a_case_log_shows_only_the_referrals_the_reader_may_see(world):
    """A referral tied to the case, sent by another desk the reader's desk has nothing to do with."""
    from referrals.models import Referral

    Referral.objects.filter(pk=world.referral_lwl_a.pk).update(case=world.case_a)  # a row that refers to case_a
    try:
        rmt_rows = _log(_as("midden-rmt-counsellor"), f"/api/v1/cases/{world.case_a.uuid}/changes")
        officer_rows = _log(_as("midden-privacy-officer"), f"/api/v1/cases/{world.case_a.uuid}/changes")
    finally:
        Referral.objects.filter(pk=world.referral_lwl_a.pk).update(case=None)
    assert str(world.referral_lwl_a.uuid) not in _records(rmt_rows)
    assert str(world.referral_lwl_a.uuid) in _records(officer_rows)


@pytest.mark.django_db
def test_every_record_a_change_log_can_show_has_a_visibility_rule():
    """A tracked model without a rule would show nobody; this keeps a new one from being forgotten."""
    from clients.models import Client
    from employers.models import Employer, Vacancy

    logged = (Client, Case, Employer, Vacancy)  # the records with a /changes route
    for change in change_models():
        tracked = change.pgh_tracked_model
        refers = tracked in logged or any(f.related_model in logged for f in tracked._meta.concrete_fields
                                          if f.is_relation)
        if refers:
            assert tracked._meta.label in VISIBILITY, tracked._meta.label


@pytest.mark.django_db
def test_the_change_log_costs_the_same_queries_however_many_rows_it_shows_or_hides(world, wsp_case):
    rmt = _as("midden-rmt-counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/changes?pageSize=100"
    count_queries(rmt, url)  # warm the caches
    before = count_queries(rmt, url)
    wsp_user = User.objects.get(username="midden-wsp-counsellor")
    rmt_user = User.objects.get(username="midden-rmt-counsellor")
    for _ in range(3):  # more hidden rows (the WSP's case) and more shown ones (the RMT's case, the client)
        wsp_case = case_move(actor=wsp_user, case=wsp_case, to_status="active", reason="test")
        wsp_case = case_move(actor=wsp_user, case=wsp_case, to_status="closed", closing_reason=CLOSING_REASON)
        transition_record(actor=rmt_user, client=world.client_a, case=world.case_a, data={
            "date": timezone.localdate(), "from_position": "employed", "to_position": "employed",
            "source": "client"})
    assert count_queries(rmt, url) == before
