"""Referrals through the API: a desk-to-desk referral to completion with feedback; what each side
sees; inbox, outbox and overdue; partner systems read what they sent or received, within their scopes."""
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Programme
from clients.services import consent_record
from referrals.models import Referral
from rwc.models import User
from tests.conftest import partner_token
from tests.helpers import count_queries, invalid_names, problem


@pytest.fixture
def consent_for_lwl(world):
    return consent_record(actor=User.objects.get(username="midden-rmt-counsellor"), desk=world.rmt_a,
                          client=world.client_a, data={
                              "purpose": "Referral to the Leerwerkloket", "legal_basis": "consent", "evidence": "signed",
                              "data_categories": ["identity", "education"], "desks": [world.lwl_a],
                              "partner_organisations": []})


def _send(api, world, **extra):
    return api("counsellor").post("/api/v1/referrals", {
        "client": str(world.client_a.uuid), "toDesk": str(world.lwl_a.uuid), "reason": "Wants to retrain",
        "serviceRequested": "Learning advice", "sharedCategories": ["identity", "education"], **extra,
    }, format="json")


@pytest.mark.django_db
def test_rmt_to_leerwerkloket_accepted_case_opened_completed_with_feedback(api, world, consent_for_lwl):
    sent = _send(api, world, message="She did care work abroad")
    assert sent.status_code == 201, sent.content
    url = f"/api/v1/referrals/{sent.json()['id']}"
    lwl = api("lwl_counsellor")
    before = lwl.get(url).json()
    assert before["side"] == "receiver" and before["status"] == "requested"
    assert before["client"]["id"] is None, "before accepting the receiver does not get the record's id"
    assert before["client"]["fullName"] == "Anna van der Berg" and before["client"]["age"] >= 30
    assert before["client"]["educationLevel"] == "mbo_2" and "phone" not in before["client"]
    problem(lwl.get(f"/api/v1/clients/{world.client_a.uuid}"), 404)
    general = Programme.objects.get(code="general")
    accepted = lwl.post(url + "/status-changes", {"status": "accepted", "programme": str(general.uuid)}, format="json")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["client"]["id"] == str(world.client_a.uuid)
    assert lwl.get(f"/api/v1/clients/{world.client_a.uuid}").status_code == 200
    lwl_cases = lwl.get(f"/api/v1/cases?client={world.client_a.uuid}").json()["results"]
    assert [c["desk"]["id"] for c in lwl_cases] == [str(world.lwl_a.uuid)]
    lwl.post(f"/api/v1/cases/{lwl_cases[0]['id']}/contacts",
             {"channel": "phone", "kind": "intake", "summary": "Private worries discussed"}, format="json")
    assert lwl.post(url + "/status-changes", {"status": "in_progress"}, format="json").status_code == 200
    done = lwl.post(url + "/status-changes", {"status": "completed", "note": "Started BBL care course"}, format="json")
    assert done.status_code == 200, done.content
    feedback = api("counsellor").get(url).json()
    assert feedback["side"] == "sender" and feedback["status"] == "completed"
    assert feedback["outcomeSummary"] == "Started BBL care course"
    assert "Private worries" not in str(api("counsellor").get(url).content)
    rmt_view = api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}/timeline?pageSize=100").content
    assert b"Private worries" not in rmt_view


@pytest.mark.django_db
def test_no_consent_is_409_naming_what_is_missing(api, world):
    before = Referral.objects.count()
    body = problem(_send(api, world), 409)
    assert body["code"] == "no_consent" and body["missing"]["receiver"] == world.lwl_a.name
    assert Referral.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("extra,bad", [({"reason": ""}, "reason"), ({"urgency": "yesterday"}, "urgency"),
                                       ({"toDesk": "00000000-0000-4000-8000-000000000000"}, "toDesk"),
                                       ({"warmHandover": True}, "plannedMeetingAt"), ({"colour": "red"}, "colour")])
def test_bad_referrals_are_400_naming_the_field(api, world, consent_for_lwl, extra, bad):
    before = Referral.objects.count()
    assert invalid_names(problem(_send(api, world, **extra), 400)) == {bad}
    assert Referral.objects.count() == before


@pytest.mark.django_db
def test_sides_the_table_and_the_privacy_officer(api, world, consent_for_lwl):
    url = f"/api/v1/referrals/{_send(api, world).json()['id']}"
    body = problem(api("counsellor").post(url + "/status-changes", {"status": "accepted"}, format="json"), 403)
    assert body["code"] == "wrong_side"
    problem(api("lwl_counsellor").post(url + "/status-changes", {"status": "completed", "note": "x"}, format="json"), 409)
    assert invalid_names(problem(api("lwl_counsellor").post(url + "/status-changes", {"status": "declined"},
                                                            format="json"), 400)) == {"note"}
    problem(api("privacy_officer").post(url + "/status-changes", {"status": "declined", "note": "x"}, format="json"),
            403)
    assert api("privacy_officer").get(url).json()["side"] is None


@pytest.mark.django_db
def test_inbox_outbox_and_overdue(api, world, consent_for_lwl):
    sent = _send(api, world).json()["id"]
    outbox = {r["id"] for r in api("counsellor").get("/api/v1/referrals?box=outbox").json()["results"]}
    inbox = {r["id"] for r in api("lwl_counsellor").get("/api/v1/referrals?box=inbox").json()["results"]}
    assert sent in outbox and sent in inbox
    assert sent not in {r["id"] for r in api("counsellor").get("/api/v1/referrals?box=inbox").json()["results"]}
    Referral.objects.filter(uuid=sent).update(answer_due_at=timezone.now() - timedelta(hours=1))
    overdue = api("team_lead").get("/api/v1/referrals?overdue=true").json()["results"]
    assert [r["id"] for r in overdue] == [sent] and overdue[0]["overdue"] is True


@pytest.mark.django_db
def test_a_partner_system_reads_only_what_it_sent_within_its_scopes(api, world):
    listed = api("partner").get("/api/v1/referrals").json()["results"]
    assert [r["id"] for r in listed] == [str(world.referral_in_a.uuid)]
    assert listed[0]["client"] is None, "a sending partner never reads the work centre's record"
    from rest_framework.test import APIClient
    read_only = APIClient()
    read_only.credentials(HTTP_AUTHORIZATION=f"Bearer {partner_token(scope='referrals:read')}")
    problem(read_only.post("/api/v1/referrals", {}, format="json"), 403)
    write_only = APIClient()
    write_only.credentials(HTTP_AUTHORIZATION=f"Bearer {partner_token(scope='referrals:write')}")
    problem(write_only.get("/api/v1/referrals"), 403)


@pytest.mark.django_db
def test_referral_list_query_count_is_constant(api, world, consent_for_lwl):
    client = api("counsellor")
    count_queries(client, "/api/v1/referrals?pageSize=100")
    before = count_queries(client, "/api/v1/referrals?pageSize=100")
    for _ in range(3):
        assert _send(api, world).status_code == 201
    assert count_queries(client, "/api/v1/referrals?pageSize=100") == before


@pytest.mark.django_db
def test_after_a_merge_the_successor_desks_lead_reassigns_and_reads_confidential_notes(api, world):
    """Review finding: after a desk merge nobody could reassign the old desk's cases."""
    from rwc.organisation import desk_merge

    api("counsellor").post(f"/api/v1/cases/{world.case_a.uuid}/contacts",
                           {"channel": "phone", "kind": "coaching", "summary": "Confidential X", "confidential": True},
                           format="json")
    desk_merge(world.rmt_a, world.lwl_a)
    lwl_lead = User.objects.get(username="midden-lwl-lead")
    from rest_framework.test import APIClient

    from rwc.oauth import issue_staff_token
    lead = APIClient()
    lead.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(lwl_lead)}")
    notes = {c["summary"] for c in lead.get(f"/api/v1/cases/{world.case_a.uuid}/contacts").json()["results"]}
    assert "Confidential X" in notes
    lwl_counsellor = User.objects.get(username="midden-lwl-counsellor")
    response = lead.post(f"/api/v1/cases/{world.case_a.uuid}/assignment", {"owner": str(lwl_counsellor.uuid)},
                         format="json")
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_a_partner_system_answers_a_referral_sent_to_its_organisation(api, world):
    consent_record(actor=User.objects.get(username="midden-rmt-counsellor"), desk=world.rmt_a, client=world.client_a,
                   data={"purpose": "Debt counselling", "legal_basis": "consent", "evidence": "signed",
                         "data_categories": ["identity", "contact"], "desks": [],
                         "partner_organisations": [world.partner_a]})
    sent = api("counsellor").post("/api/v1/referrals", {
        "client": str(world.client_a.uuid), "toPartner": str(world.partner_a.uuid), "reason": "Debts",
        "serviceRequested": "Debt counselling", "sharedCategories": ["identity", "contact"]}, format="json")
    assert sent.status_code == 201, sent.content
    url = f"/api/v1/referrals/{sent.json()['id']}"
    partner = api("partner")
    seen = partner.get(url).json()
    assert seen["side"] == "receiver" and seen["client"]["id"] is None and seen["client"]["fullName"]
    inbox = partner.get("/api/v1/referrals?box=inbox").json()["results"]
    assert [r["id"] for r in inbox] == [sent.json()["id"]]
    wrong = problem(partner.post(f"{url}/status-changes", {"status": "withdrawn"}, format="json"), 403)
    assert wrong["code"] == "wrong_side"
    declined = partner.post(f"{url}/status-changes", {"status": "declined", "note": "Not in our municipality"},
                            format="json")
    assert declined.status_code == 200, declined.content
    back = api("counsellor").get(url).json()
    assert back["status"] == "declined" and back["declineReason"] == "Not in our municipality"
    assert Referral.objects.get(uuid=sent.json()["id"]).status_changes.last().by_system is not None
