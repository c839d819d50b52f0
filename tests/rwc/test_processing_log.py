"""The processing log: every read of a client's data is one operation with its clients, append-only
in the database, and the privacy officer answers "who looked at this file, when and why"."""
import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from rwc import processing
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from tests.helpers import problem


def _ops_for(client):
    return ProcessingOperation.objects.filter(subjects__client_uuid=client.uuid).order_by("started_at", "id")


@pytest.mark.django_db
def test_reading_a_client_logs_who_for_which_desk_why_and_the_trace(api, world):
    caller_trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    response = api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}",
                                     HTTP_TRACEPARENT=f"00-{caller_trace}-00f067aa0ba902b7-01")
    assert response.status_code == 200
    op = _ops_for(world.client_a).get()
    assert op.operation == "GET v1:client-detail" and op.channel == "api" and op.status_code == 200
    assert op.username == "midden-rmt-counsellor" and op.actor_kind == "staff" and op.roles == ["counsellor"]
    assert world.rmt_a.pk in op.desk_ids
    assert op.purpose == "Guidance of the client by the desk" and not op.purpose_given
    assert op.trace_id == caller_trace and op.parent_span_id == "00f067aa0ba902b7"
    assert response["traceparent"] == f"00-{caller_trace}-{op.span_id}-01"
    subject = ProcessingSubject.objects.get(operation=op)
    assert (subject.client_uuid, subject.region_id) == (world.client_a.uuid, world.region_a.pk)


@pytest.mark.django_db
def test_a_list_logs_exactly_the_clients_on_the_page(api, world):
    response = api("privacy_officer").get("/api/v1/clients?pageSize=2")
    shown = {item["id"] for item in response.json()["results"]}
    op = ProcessingOperation.objects.get(operation="GET v1:client-list")
    assert {str(s.client_uuid) for s in ProcessingSubject.objects.filter(operation=op)} == shown
    assert op.subject_count == 2 and "privacy_officer" in op.roles


@pytest.mark.django_db
def test_case_contacts_and_referrals_read_by_a_partner_are_logged(api, world):
    api("counsellor").get(f"/api/v1/cases/{world.case_a.uuid}/contacts")
    api("partner").get(f"/api/v1/referrals/{world.referral_in_a.uuid}")
    ops = list(_ops_for(world.client_a))
    assert [o.operation for o in ops] == ["GET v1:case-contact-list", "GET v1:referral-detail"]
    partner = ops[1]
    assert partner.actor_kind == "partner_system" and partner.partner_system == "midden-gemeente"
    assert partner.organisation_id == world.partner_a.pk and partner.user_uuid is None


@pytest.mark.django_db
def test_the_caller_may_give_the_purpose(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}", HTTP_PROCESSING_PURPOSE="Preparing the intake")
    op = _ops_for(world.client_a).get()
    assert op.purpose == "Preparing the intake" and op.purpose_given


@pytest.mark.django_db
def test_a_bad_purpose_is_a_400_and_nothing_is_read_or_logged(api, world):
    response = api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}", HTTP_PROCESSING_PURPOSE="x" * 301)
    assert [p["name"] for p in problem(response, 400)["invalidParams"]] == ["Processing-Purpose"]
    assert "givenNames" not in response.json()
    assert not _ops_for(world.client_a).exists()


@pytest.mark.django_db
def test_failed_requests_and_reads_without_personal_data_log_nothing(api, world):
    before = ProcessingOperation.objects.count()
    assert api("counsellor").get(f"/api/v1/clients/{world.client_b.uuid}").status_code == 404
    assert api("manager").get(f"/api/v1/clients/{world.client_a.uuid}").status_code == 403
    assert api("counsellor").get("/api/v1/desks").status_code == 200
    assert ProcessingOperation.objects.count() == before


@pytest.mark.django_db
def test_the_log_cannot_be_changed_or_removed_through_the_application(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}")
    op = _ops_for(world.client_a).get()
    attempts = [
        lambda: ProcessingOperation.objects.filter(pk=op.pk).update(purpose="nothing to see"),
        lambda: ProcessingOperation.objects.filter(pk=op.pk).delete(),
        lambda: ProcessingSubject.objects.filter(operation=op).update(client_uuid=world.client_b.uuid),
        lambda: ProcessingSubject.objects.filter(operation=op)._raw_delete(connection.alias),
    ]
    for table in ("rwc_processing_operation", "rwc_processing_subject"):
        attempts.append(lambda t=table: connection.cursor().execute(f"DELETE FROM {t}"))
        attempts.append(lambda t=table: connection.cursor().execute(f"TRUNCATE {t} CASCADE"))
        attempts.append(lambda t=table: connection.cursor().execute(f"UPDATE {t} SET started_at = now()"))
    connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")  # as in a fresh transaction: no pending FK checks
    for attempt in attempts:
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic():
                attempt()
    op.refresh_from_db()
    assert op.purpose == "Guidance of the client by the desk"
    assert ProcessingSubject.objects.filter(operation=op, client_uuid=world.client_a.uuid).count() == 1


@pytest.mark.django_db
def test_the_privacy_officer_sees_who_looked_at_a_file_in_the_last_three_months_and_why(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}", HTTP_PROCESSING_PURPOSE="Intake")
    api("team_lead").get(f"/api/v1/clients/{world.client_a.uuid}/timeline")
    api("counsellor").get(f"/api/v1/clients/{world.client_lwl_a.uuid}")  # 404: another desk's client, not logged
    since = (timezone.now() - timedelta(days=91)).isoformat()
    officer = api("privacy_officer")
    response = officer.get("/api/v1/processing-log", {"client": str(world.client_a.uuid), "since": since})
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [(r["actor"]["username"], r["operation"], r["purpose"]) for r in rows] == [
        ("midden-rmt-lead", "GET v1:client-timeline", "Guidance of the client by the desk"),
        ("midden-rmt-counsellor", "GET v1:client-detail", "Intake"),
    ]
    assert rows[1]["desks"][0]["name"] == world.rmt_a.name and rows[1]["clients"] == [str(world.client_a.uuid)]
    by_user = officer.get("/api/v1/processing-log", {"user": str(rows[0]["actor"]["user"])}).json()["results"]
    assert {r["actor"]["username"] for r in by_user} == {"midden-rmt-lead"}
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert officer.get("/api/v1/processing-log", {"since": future}).json()["results"] == []


@pytest.mark.django_db
def test_the_log_exports_as_csv(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}")
    response = api("privacy_officer").get("/api/v1/processing-log", {"client": str(world.client_a.uuid)},
                                          HTTP_ACCEPT="text/csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["username"], r["operation"], r["clients"]) for r in rows] == [
        ("midden-rmt-counsellor", "GET v1:client-detail", str(world.client_a.uuid))]


@pytest.mark.django_db
def test_the_privacy_officer_sees_only_their_regions_clients(api, world):
    op = processing.begin("command")
    op.subjects.update({world.client_b.pk, world.client_a.pk})
    processing.record(op, principal=None, operation="command test", status_code=None)
    officer = api("privacy_officer")
    assert officer.get("/api/v1/processing-log", {"client": str(world.client_b.uuid)}).json()["results"] == []
    row = officer.get("/api/v1/processing-log", {"client": str(world.client_a.uuid)}).json()["results"][0]
    assert row["clients"] == [str(world.client_a.uuid)] and row["clientCount"] == 2


@pytest.mark.django_db
def test_bad_filters_are_400s_naming_them(api, world):
    response = api("privacy_officer").get("/api/v1/processing-log", {"client": "nope", "since": "yesterday"})
    assert {p["name"] for p in problem(response, 400)["invalidParams"]} == {"client", "since"}


@pytest.mark.django_db
def test_the_log_query_count_does_not_grow_with_the_page(api, world):
    for c in (world.client_a, world.client_lwl_a):
        api("privacy_officer").get(f"/api/v1/clients/{c.uuid}")
    api("partner").get(f"/api/v1/referrals/{world.referral_in_a.uuid}")
    from tests.helpers import count_queries

    officer = api("privacy_officer")
    count_queries(officer, "/api/v1/processing-log?pageSize=1")
    assert count_queries(officer, "/api/v1/processing-log?pageSize=1") == \
        count_queries(officer, "/api/v1/processing-log?pageSize=50")


@pytest.mark.django_db
def test_a_replayed_answer_is_logged_like_the_first(api, world):
    body = {"givenNames": "Noor", "surname": "Herhaald", "birthDate": "1991-04-01"}
    counsellor = api("counsellor")
    first = counsellor.post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="log-replay")
    again = counsellor.post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="log-replay")
    assert first.status_code == again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    ops = ProcessingOperation.objects.filter(subjects__client_uuid=first.json()["id"], operation="POST v1:client-list")
    assert ops.count() == 2, "the replay showed the client's data again"
