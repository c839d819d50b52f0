"""The change history: every write of the tracked records, bulk writes too, with who, when, which
channel and request, before and after; never a BSN; read by the record's desk and the privacy
officer. And the client's access request: everything in one archive."""
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from cases.models import ContactMoment
from clients.models import Client, ClientChange
from rwc.audit_models import ProcessingOperation
from rwc.models import User
from rwc.oauth import issue_staff_token
from rwc.organisation import membership_add
from tests.helpers import problem


def _changes(client_api, url):
    response = client_api.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
def test_an_api_change_is_kept_with_who_channel_trace_and_before_after(api, world):
    counsellor = api("counsellor")
    etag = counsellor.get(f"/api/v1/clients/{world.client_a.uuid}")["ETag"]
    response = counsellor.patch(f"/api/v1/clients/{world.client_a.uuid}", {"city": "Zeist"}, format="json",
                                HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    trace_id = response["traceparent"].split("-")[1]
    newest = _changes(counsellor, f"/api/v1/clients/{world.client_a.uuid}/changes")[0]
    assert newest["action"] == "update" and newest["record"] == {"type": "client", "id": str(world.client_a.uuid)}
    assert newest["by"]["username"] == "midden-rmt-counsellor" and newest["by"]["kind"] == "staff"
    assert newest["channel"] == "api" and newest["traceId"] == trace_id
    fields = {c["field"]: (c["before"], c["after"]) for c in newest["changes"]}
    assert fields["city"] == (world.client_a.city or "", "Zeist")
    assert "updatedAt" in fields and fields["version"][1] == fields["version"][0] + 1


@pytest.mark.django_db
def test_bulk_writes_are_caught_too(api, world):
    Client.objects.filter(pk=world.client_a.pk).update(municipality="Houten")
    newest = _changes(api("privacy_officer"), f"/api/v1/clients/{world.client_a.uuid}/changes")[0]
    assert {"field": "municipality", "before": world.client_a.municipality, "after": "Houten"} in newest["changes"]
    assert newest["channel"] == "unknown"


@pytest.mark.django_db
def test_the_bsn_is_never_in_the_history():
    columns = {f.column for f in ClientChange._meta.fields}
    assert not columns & {"bsn_ciphertext", "bsn_index"}


@pytest.mark.django_db
def test_consents_cases_and_referrals_show_in_the_clients_history(api, world):
    types = {c["record"]["type"] for c in _changes(api("privacy_officer"),
                                                   f"/api/v1/clients/{world.client_a.uuid}/changes?pageSize=100")}
    assert {"client", "consent", "case", "referral"} <= types


@pytest.mark.django_db
def test_a_case_history_hides_a_confidential_note_from_who_may_not_read_it(api, world):
    url = f"/api/v1/cases/{world.case_a.uuid}/contacts"
    assert api("counsellor").post(url, {"channel": "phone", "kind": "coaching", "summary": "Debts at home",
                                        "confidential": True}, format="json").status_code == 201
    colleague = User.objects.create(username="midden-rmt-colleague-2")
    membership_add(user=colleague, desk=world.rmt_a, role="counsellor")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(colleague)}")
    history_url = f"/api/v1/cases/{world.case_a.uuid}/changes"
    assert "Debts at home" in str(_changes(api("team_lead"), history_url))
    hidden = str(_changes(other, history_url))
    assert "Debts at home" not in hidden and "(confidential)" in hidden


@pytest.mark.django_db
def test_a_desk_that_only_reads_the_client_may_not_read_its_history(api, world):
    from rwc.access import grant_to_desk

    grant_to_desk(world.client_a, world.lwl_a, reason="test: joint work")
    lwl = APIClient()
    lwl.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(username='midden-lwl-counsellor'))}")
    assert lwl.get(f"/api/v1/clients/{world.client_a.uuid}").status_code == 200
    problem(lwl.get(f"/api/v1/clients/{world.client_a.uuid}/changes"), 403)


def _archive(content: bytes) -> tuple[dict, set[str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return json.loads(z.read("client.json")), set(z.namelist())


@pytest.mark.django_db
def test_an_access_request_is_one_request_with_everything_and_is_logged(api, world):
    api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}", HTTP_PROCESSING_PURPOSE="Intake")
    response = api("privacy_officer").get(f"/api/v1/clients/{world.client_a.uuid}/data-export")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive, names = _archive(response.content)
    sections = archive["sections"]
    assert {"client.json", "client.csv", "consents.csv", "cases.csv", "contacts.csv", "referrals.csv",
            "change_history.csv", "processing_log.csv"} <= names
    assert sections["client"][0]["surname"] == world.client_a.surname
    assert {c["uuid"] for c in sections["cases"]} == {str(world.case_a.uuid)}
    assert len(sections["contacts"]) == ContactMoment.objects.filter(case=world.case_a).count()
    assert any(a["purpose"] == "Intake" and a["by"] == "midden-rmt-counsellor" for a in sections["processing_log"])
    assert sections["change_history"], "the seeded records' creation is in the history"
    if world.client_a.has_bsn:
        assert world.client_a.bsn not in response.content.decode("latin-1")
    op = ProcessingOperation.objects.filter(operation="GET v1:client-data-export").get()
    assert op.purpose.startswith("Right of access")


@pytest.mark.django_db
def test_only_the_privacy_officer_answers_an_access_request(api, world):
    problem(api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}/data-export"), 403)
    problem(api("privacy_officer").get(f"/api/v1/clients/{world.client_b.uuid}/data-export",
                                       HTTP_ACCEPT="application/zip"), 404)


@pytest.mark.django_db
def test_an_access_request_is_one_command_too(world, tmp_path):
    out = tmp_path / "copy.zip"
    call_command("export_client_data", str(world.client_a.uuid), output=str(out))
    archive, _ = _archive(out.read_bytes())
    assert archive["client"] == str(world.client_a.uuid)
    op = ProcessingOperation.objects.get(operation="command export_client_data")
    assert op.channel == "command" and op.subject_count == 1


@pytest.mark.django_db
def test_a_commands_changes_are_kept_as_the_commands(api, world):
    from datetime import timedelta

    from django.utils import timezone

    from referrals.models import Referral

    Referral.objects.filter(pk=world.referral_in_a.pk).update(status="requested",
                                                              answer_due_at=timezone.now() - timedelta(days=1))
    call_command("expire_referrals")
    newest = _changes(api("privacy_officer"), f"/api/v1/clients/{world.client_a.uuid}/changes")[0]
    assert newest["record"]["type"] == "referral" and newest["channel"] == "command"
    assert newest["by"]["kind"] == "system"
    assert {"field": "status", "before": "requested", "after": "expired"} in newest["changes"]


@pytest.mark.django_db
def test_a_history_page_costs_a_bounded_number_of_queries(api, world):
    from tests.helpers import count_queries

    officer = api("privacy_officer")
    url = f"/api/v1/clients/{world.client_a.uuid}/changes"
    count_queries(officer, url)
    one, many = count_queries(officer, f"{url}?pageSize=1"), count_queries(officer, f"{url}?pageSize=100")
    assert many <= one + 8, "one query per kind of record referred to, never per change"
