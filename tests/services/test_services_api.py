"""Services on a case through the API: the rules of a record, its status moves, cost, invoice, funding
and the team lead's approval within budget; every refusal names the field or rule and stores nothing.

The catalogue comes from tests/services/seed.py: region A (Midden-Utrecht) offers every service type
to the LWL, RMT and youth desks, work-experience places only to the WSP, IPS job coaching only under
Hoofdzaak Werk; two funding sources, SLIM (10,000 euros) and the Talentfonds (3,000 euros).
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from services.models import DeliveredService, ServiceFunding
from tests.helpers import invalid_names, problem
from tests.services.seed import catalogue

COUNSELLOR, LEAD = "midden-rmt-counsellor", "midden-rmt-lead"


@pytest.fixture
def cat(world):
    return catalogue(world.region_a)


def url(case, service=None, tail=""):
    base = f"/api/v1/cases/{case.uuid}/services"
    return f"{base}/{service}{tail}" if service else base


def training(cat, **extra):
    today = timezone.localdate()
    body = {"serviceType": "training", "providerKind": "training_provider", "trainingProvider": str(cat["provider"].uuid),
            "plannedStart": str(today), "plannedEnd": str(today + timedelta(days=120)), "hours": 120,
            "courseName": "Logistiek medewerker", "courseLevel": "mbo 2", "qualificationCode": "25498"}
    body.update(extra)
    return body


def funded(cat, slim, talent, **extra):
    funding = []
    if slim:
        funding.append({"source": str(cat["slim"].uuid), "amount": slim})
    if talent:
        funding.append({"source": str(cat["talent"].uuid), "amount": talent})
    return training(cat, funding=funding, **extra)


def refused(response, status, name=None, code=None):
    body = problem(response, status)
    if name is not None:
        assert name in invalid_names(body), body
    if code is not None:
        codes = {p["code"] for p in body.get("invalidParams", [])} | {body.get("code")}
        assert code in codes, body
    return body


# --- the story ---------------------------------------------------------------------------------------


def test_a_retraining_funded_by_two_sources_from_plan_to_certificate(as_user, world, cat):
    """Done when: a counsellor records a retraining funded by two sources, a team lead approves it within
    budget and is refused beyond it; the certificate is recorded at completion."""
    counsellor, lead = as_user(COUNSELLOR), as_user(LEAD)
    created = counsellor.post(url(world.case_a), funded(cat, "1450.00", "1000.00", cost="2450.00",
                                                        invoiceReference="roc-2026-0412"), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "planned" and body["allowedMoves"] == ["started", "stopped_early"]
    assert body["cost"] == "2450.00" and body["invoiceReference"] == "ROC-2026-0412"
    assert {(f["sourceName"], f["amount"]) for f in body["funding"]} == {
        (cat["slim"].name, "1450.00"), (cat["talent"].name, "1000.00")}
    assert body["trainingProvider"]["kvkNumber"] == cat["provider"].kvk_number
    assert body["approvedAt"] is None
    service = body["id"]

    approved = lead.post(url(world.case_a, service, "/approval"), {}, format="json")
    assert approved.status_code == 200, approved.content
    assert approved.json()["approvedBy"]["id"] and approved.json()["approvedAt"]
    talent = lead.get(f"/api/v1/funding-sources/{cat['talent'].uuid}").json()
    assert (talent["spent"], talent["remaining"]) == ("1000.00", "2000.00")

    started = counsellor.post(url(world.case_a, service, "/status-changes"), {"status": "started"}, format="json")
    assert started.status_code == 200 and started.json()["actualStart"] == str(timezone.localdate())
    done = counsellor.post(url(world.case_a, service, "/status-changes"),
                           {"status": "completed", "certificateObtained": True}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "completed" and done.json()["certificateObtained"] is True
    assert done.json()["allowedMoves"] == []

    # a second course on the Talentfonds: 2,500 of the 2,000 left is refused, naming the budget
    second = counsellor.post(url(world.case_a), funded(cat, None, "2500.00", cost="2500.00",
                                                       courseName="Heftruckcertificaat"), format="json")
    assert second.status_code == 201
    beyond = lead.post(url(world.case_a, second.json()["id"], "/approval"), {}, format="json")
    body = refused(beyond, 409, "funding", "budget_exceeded")
    assert body["budget"] == str(cat["talent"].uuid) and body["budgetName"] == cat["talent"].name
    assert body["remaining"] == "2000.00" and cat["talent"].name in body["detail"]
    assert DeliveredService.objects.get(uuid=second.json()["id"]).approved_at is None
    talent = lead.get(f"/api/v1/funding-sources/{cat['talent'].uuid}").json()
    assert talent["spent"] == "1000.00"


# --- bad input: 400 naming the field, nothing stored -------------------------------------------------


@pytest.mark.parametrize("change, name, code", [
    ({"cost": "-1.00"}, "cost", "min_value"),
    ({"cost": "12.345"}, "cost", "max_decimal_places"),
    ({"cost": "twelve"}, "cost", "invalid"),
    ({"plannedEnd": "2020-01-01"}, "plannedEnd", "dates_out_of_order"),
    ({"trainingProvider": "00000000-0000-4000-8000-000000000000"}, "trainingProvider", "does_not_exist"),
    ({"providerKind": "partner"}, "partnerOrganisation", "required"),
    ({"providerKind": "own_desk"}, "trainingProvider", "not_for_this_provider"),
    ({"serviceType": "work_experience_place", "courseName": "", "courseLevel": "", "qualificationCode": ""},
     "serviceType", "not_allowed_for_desk"),
    ({"serviceType": "ips_job_coaching", "courseName": "", "courseLevel": "", "qualificationCode": ""},
     "serviceType", "not_allowed_for_programme"),
    ({"serviceType": "coaching"}, "courseName", "not_a_course"),
    ({"courseName": ""}, "courseName", "required"),
    ({"qualificationCode": "1234"}, "qualificationCode", "invalid_qualification_code"),
    ({"hours": -2}, "hours", "min_value"),
    ({"hours": "1.25"}, "hours", "max_decimal_places"),
    ({"serviceType": "yoga"}, "serviceType", "invalid_choice"),
    ({"plannedStart": None}, "plannedStart", "null"),
    ({"certificateObtained": True}, "certificateObtained", "unknown_field"),
])
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(as_user, world, cat, change, name, code):
    before = DeliveredService.objects.count()
    response = as_user(COUNSELLOR).post(url(world.case_a), training(cat, **change), format="json")
    refused(response, 400, name, code)
    assert DeliveredService.objects.count() == before


def test_a_partner_of_another_region_is_not_a_provider(as_user, world, cat):
    response = as_user(COUNSELLOR).post(url(world.case_a), training(
        cat, providerKind="partner", trainingProvider=None, partnerOrganisation=str(world.partner_b.uuid)),
        format="json")
    refused(response, 400, "partnerOrganisation", "does_not_exist")
    assert not DeliveredService.objects.exists()


@pytest.mark.parametrize("funding, cost, name, code", [
    ([("slim", "100.00"), ("talent", "100.00")], "250.00", "funding", "funding_does_not_add_up"),
    ([("slim", "100.00"), ("slim", "150.00")], "250.00", "funding[1].source", "duplicate_source"),
    ([("slim", "0.00")], "0.00", "funding[0].amount", "min_value"),
    ([("slim", "10.001")], "10.00", "funding[0].amount", "max_decimal_places"),
    ([("foreign", "250.00")], "250.00", "funding[0].source", "does_not_exist"),
    ([("unknown", "250.00")], "250.00", "funding[0].source", "does_not_exist"),
])
def test_funding_that_does_not_fit_is_a_400_and_stores_nothing(as_user, world, cat, funding, cost, name, code):
    sources = {"slim": cat["slim"].uuid, "talent": cat["talent"].uuid, "foreign": catalogue(world.region_b)["slim"].uuid,
               "unknown": "00000000-0000-4000-8000-000000000000"}
    body = training(cat, cost=cost, funding=[{"source": str(sources[s]), "amount": a} for s, a in funding])
    response = as_user(COUNSELLOR).post(url(world.case_a), body, format="json")
    refused(response, 400, name, code)
    assert not DeliveredService.objects.exists() and not ServiceFunding.objects.exists()


def test_a_service_outside_the_funding_period_is_refused(as_user, world, cat):
    start = cat["slim"].period_end + timedelta(days=1)
    body = funded(cat, "100.00", None, cost="100.00", plannedStart=str(start), plannedEnd=str(start))
    refused(as_user(COUNSELLOR).post(url(world.case_a), body, format="json"), 400, "funding[0].source",
            "outside_funding_period")


def test_the_same_invoice_cannot_be_booked_twice(as_user, world, cat):
    counsellor = as_user(COUNSELLOR)
    first = counsellor.post(url(world.case_a), training(cat, cost="100.00", invoiceReference="F-2026-1"), format="json")
    assert first.status_code == 201
    again = counsellor.post(url(world.case_a), training(cat, cost="100.00", invoiceReference=" f-2026-1 "),
                            format="json")
    refused(again, 409, "invoiceReference", "duplicate_invoice")
    assert DeliveredService.objects.count() == 1
    # nor on another case, through a change
    other = as_user("midden-lwl-counsellor").post(url(world.case_lwl_a), training(cat), format="json")
    etag = other["ETag"]
    change = as_user("midden-lwl-counsellor").patch(url(world.case_lwl_a, other.json()["id"]),
                                                    {"invoiceReference": "F-2026-1"}, format="json",
                                                    HTTP_IF_MATCH=etag)
    refused(change, 409, "invoiceReference", "duplicate_invoice")
    assert DeliveredService.objects.get(uuid=other.json()["id"]).invoice_reference == ""


def test_a_closed_case_takes_no_new_service(as_user, world, cat):
    from cases.services import case_move
    from rwc.models import User

    actor = User.objects.get(username=COUNSELLOR)
    for to in ("intake", "active"):
        case_move(actor=actor, case=world.case_a, to_status=to)
    case_move(actor=actor, case=world.case_a, to_status="closed", closing_reason="work")
    refused(as_user(COUNSELLOR).post(url(world.case_a), training(cat), format="json"), 409, code="case_closed")
    assert not DeliveredService.objects.exists()


# --- status moves -------------------------------------------------------------------------------------


def _planned(as_user, world, cat, **extra):
    response = as_user(COUNSELLOR).post(url(world.case_a), training(cat, **extra), format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_illegal_moves_are_409_and_change_nothing(as_user, world, cat):
    counsellor, service = as_user(COUNSELLOR), _planned(as_user, world, cat)
    moves = url(world.case_a, service, "/status-changes")
    refused(counsellor.post(moves, {"status": "completed"}, format="json"), 409, code="illegal_move")
    assert DeliveredService.objects.get(uuid=service).status == "planned"
    refused(counsellor.post(moves, {"status": "stopped_early"}, format="json"), 400, "reason", "required")
    refused(counsellor.post(moves, {"status": "started", "certificateObtained": True}, format="json"), 400,
            "certificateObtained", "not_completed")
    refused(counsellor.post(moves, {"status": "started", "date": str(timezone.localdate() + timedelta(days=2))},
                            format="json"), 400, "date", "in_future")
    refused(counsellor.post(moves, {"status": "planned"}, format="json"), 400, "status", "invalid_choice")
    stopped = counsellor.post(moves, {"status": "stopped_early", "reason": "Found work"}, format="json")
    assert stopped.status_code == 200 and stopped.json()["stopReason"] == "Found work"
    refused(counsellor.post(moves, {"status": "started"}, format="json"), 409, code="illegal_move")


def test_a_certificate_only_once_completed(as_user, world, cat):
    counsellor, service = as_user(COUNSELLOR), _planned(as_user, world, cat)
    detail = url(world.case_a, service)
    etag = counsellor.get(detail)["ETag"]
    refused(counsellor.patch(detail, {"certificateObtained": True}, format="json", HTTP_IF_MATCH=etag), 409,
            "certificateObtained", "not_completed")
    assert DeliveredService.objects.get(uuid=service).certificate_obtained is None


def test_changes_need_if_match_and_funding_freezes_once_approved(as_user, world, cat):
    counsellor = as_user(COUNSELLOR)
    service = _planned(as_user, world, cat, cost="300.00", funding=[{"source": str(cat["slim"].uuid),
                                                                     "amount": "300.00"}])
    detail = url(world.case_a, service)
    refused(counsellor.patch(detail, {"hours": 100}, format="json"), 428)
    refused(counsellor.patch(detail, {"hours": 100}, format="json", HTTP_IF_MATCH='"99"'), 412)
    changed = counsellor.patch(detail, {"hours": 100, "plannedEnd": None}, format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200 and changed.json()["hours"] == 100.0 and changed["ETag"] == '"2"'
    refused(counsellor.patch(detail, {"plannedStart": str(timezone.localdate() + timedelta(days=5)),
                                      "plannedEnd": str(timezone.localdate())}, format="json", HTTP_IF_MATCH='"2"'),
            400, "plannedEnd", "dates_out_of_order")
    # cost alone, against the funding already there: must still add up
    refused(counsellor.patch(detail, {"cost": "350.00"}, format="json", HTTP_IF_MATCH='"2"'), 400, "funding",
            "funding_does_not_add_up")
    assert as_user(LEAD).post(url(world.case_a, service, "/approval"), {}, format="json").status_code == 200
    refused(counsellor.patch(detail, {"cost": "10.00"}, format="json", HTTP_IF_MATCH="*"), 409, "cost",
            "already_approved")
    stored = DeliveredService.objects.get(uuid=service)
    assert stored.cost == Decimal("300.00") and stored.hours == Decimal("100.0")


# --- approval -----------------------------------------------------------------------------------------


def test_approval_is_a_team_leads_of_the_cases_desk_once_and_only_when_funded(as_user, world, cat):
    unfunded = _planned(as_user, world, cat)
    refused(as_user(LEAD).post(url(world.case_a, unfunded, "/approval"), {}, format="json"), 409, code="not_funded")
    service = _planned(as_user, world, cat, cost="500.00", funding=[{"source": str(cat["slim"].uuid),
                                                                     "amount": "500.00"}])
    approval = url(world.case_a, service, "/approval")
    refused(as_user(COUNSELLOR).post(approval, {}, format="json"), 403)
    # a team lead of another desk of the region does not see the case at all
    refused(as_user("midden-lwl-lead").post(approval, {}, format="json"), 404)
    assert DeliveredService.objects.get(uuid=service).approved_at is None
    refused(as_user(LEAD).post(approval, {"approvedBy": "me"}, format="json"), 400, "approvedBy", "unknown_field")
    assert as_user(LEAD).post(approval, {}, format="json").status_code == 200
    refused(as_user(LEAD).post(approval, {}, format="json"), 409, code="already_approved")


def test_a_zero_cost_service_needs_no_funding_but_cannot_be_approved_unfunded(as_user, world, cat):
    service = _planned(as_user, world, cat, cost="0.00")
    assert DeliveredService.objects.get(uuid=service).cost == Decimal("0.00")
    refused(as_user(LEAD).post(url(world.case_a, service, "/approval"), {}, format="json"), 409, code="not_funded")



def test_a_team_lead_refuses_the_funding_with_a_reason_and_may_approve_it_later(as_user, world, cat):
    service = _planned(as_user, world, cat, cost="800.00", funding=[{"source": str(cat["slim"].uuid),
                                                                     "amount": "800.00"}])
    refusal = url(world.case_a, service, "/refusal")
    # only the desk's team lead, with a reason; nothing stored when refused
    refused(as_user(COUNSELLOR).post(refusal, {"reason": "Too expensive"}, format="json"), 403)
    refused(as_user("midden-lwl-lead").post(refusal, {"reason": "Too expensive"}, format="json"), 404)
    refused(as_user(LEAD).post(refusal, {}, format="json"), 400, "reason")
    refused(as_user(LEAD).post(refusal, {"reason": "   "}, format="json"), 400, "reason")
    refused(as_user(LEAD).post(refusal, {"reason": "x" * 501}, format="json"), 400, "reason")
    refused(as_user(LEAD).post(refusal, {"reason": "No", "refusedBy": "me"}, format="json"), 400, "refusedBy")
    refused(as_user(LEAD).post(refusal, {"reason": "No"}, format="json", HTTP_IF_MATCH='"9"'), 412)
    stored = DeliveredService.objects.get(uuid=service)
    assert (stored.refused_at, stored.refusal_reason, stored.version) == (None, "", 1)
    done = as_user(LEAD).post(refusal, {"reason": "Ask the sector fund first"}, format="json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["refusalReason"] == "Ask the sector fund first" and body["refusedAt"] and body["approvedAt"] is None
    assert body["refusedBy"]["displayName"]
    # the spending of the source is untouched
    assert as_user(LEAD).get(f"/api/v1/funding-sources/{cat['slim'].uuid}").json()["spent"] == "0.00"
    # the counsellor may still change the cost; the lead approves later, which clears the refusal
    etag = as_user(COUNSELLOR).get(url(world.case_a, service))["ETag"]
    changed = as_user(COUNSELLOR).patch(url(world.case_a, service), {
        "cost": "600.00", "funding": [{"source": str(cat["slim"].uuid), "amount": "600.00"}]},
        format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    approved = as_user(LEAD).post(url(world.case_a, service, "/approval"), {}, format="json")
    assert approved.status_code == 200
    assert approved.json()["refusedAt"] is None and approved.json()["refusalReason"] == ""
    # an approved service is not refused
    refused(as_user(LEAD).post(refusal, {"reason": "Changed my mind"}, format="json"), 409, code="already_approved")
    assert DeliveredService.objects.get(uuid=service).refused_at is None


# --- reading ------------------------------------------------------------------------------------------


def test_the_list_filters_and_its_query_count_does_not_grow_with_its_rows(as_user, world, cat):
    from tests.helpers import count_queries

    counsellor = as_user(COUNSELLOR)
    _planned(as_user, world, cat, cost="100.00", funding=[{"source": str(cat["slim"].uuid), "amount": "100.00"}])
    one = count_queries(counsellor, url(world.case_a))
    for _ in range(4):
        _planned(as_user, world, cat, cost="100.00", funding=[{"source": str(cat["slim"].uuid), "amount": "60.00"},
                                                              {"source": str(cat["talent"].uuid), "amount": "40.00"}])
    assert count_queries(counsellor, url(world.case_a)) == one
    coaching = counsellor.post(url(world.case_a), {"serviceType": "coaching", "providerKind": "own_desk",
                                                   "plannedStart": str(timezone.localdate())}, format="json")
    assert coaching.status_code == 201, coaching.content
    listed = counsellor.get(url(world.case_a), {"serviceType": "coaching"}).json()
    assert [s["id"] for s in listed["results"]] == [coaching.json()["id"]]
    assert counsellor.get(url(world.case_a), {"status": "started"}).json()["count"] == 0
    refused(counsellor.get(url(world.case_a), {"status": "bored"}), 400, "status")
    refused(counsellor.get(url(world.case_a), {"provider": "x"}), 400)


def test_the_case_history_shows_the_service_and_the_processing_log_names_the_client(as_user, world, cat):
    from rwc.audit_models import ProcessingSubject

    service = _planned(as_user, world, cat)
    history = as_user(COUNSELLOR).get(f"/api/v1/cases/{world.case_a.uuid}/changes").json()["results"]
    inserted = [c for c in history if c["record"] == {"type": "deliveredservice", "id": service}]
    assert [c["action"] for c in inserted] == ["insert"] and inserted[0]["by"]["username"] == COUNSELLOR
    before = ProcessingSubject.objects.count()
    assert as_user(COUNSELLOR).get(url(world.case_a, service)).status_code == 200
    assert ProcessingSubject.objects.filter(client_uuid=world.client_a.uuid).count() > 0
    assert ProcessingSubject.objects.count() > before


def test_the_catalogue_shows_who_may_deliver_what(as_user, api, world, cat):
    offerings = as_user(COUNSELLOR).get("/api/v1/service-offerings", {"pageSize": 100}).json()["results"]
    by_type = {o["serviceType"]: o for o in offerings if o["region"] == str(world.region_a.uuid)}
    assert by_type["work_experience_place"]["deskKinds"] == ["wsp"]
    assert by_type["ips_job_coaching"]["programmes"] == ["hoofdzaak-werk-ips"]
    providers = as_user(COUNSELLOR).get("/api/v1/training-providers").json()["results"]
    assert [p["kvkNumber"] for p in providers] == [cat["provider"].kvk_number]
    sources = api("manager").get("/api/v1/funding-sources").json()["results"]
    slim = next(s for s in sources if s["id"] == str(cat["slim"].uuid))
    assert (slim["budgetCeiling"], slim["spent"], slim["remaining"]) == ("10000.00", "0.00", "10000.00")
