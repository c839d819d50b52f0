"""A document awaiting a signature: asked at upload or later, recorded signed once (optionally with
the signed copy as a new version); bad input a 400 naming the field, a second signing a 409, another
desk's document a 404, nothing stored."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.models import Document

from .conftest import EXE, PDF

pytestmark = pytest.mark.django_db


def _upload(client, url, **fields):
    data = {"title": "Stageovereenkomst", "kind": "agreement", **fields, "file": SimpleUploadedFile("a.pdf", PDF)}
    return client.post(url, data, format="multipart")


def test_asked_at_upload_then_signed_with_the_signed_copy(api, world, doc_storage):
    counsellor = api("counsellor")
    due = (timezone.localdate() + timezone.timedelta(days=10)).isoformat()
    body = _upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents", signatureDueOn=due).json()
    assert (body["signatureDueOn"], body["signedAt"], body["signedBy"]) == (due, None, None)

    response = counsellor.post(f"/api/v1/documents/{body['id']}/signature",
                               {"file": SimpleUploadedFile("signed.pdf", PDF)}, format="multipart")
    assert response.status_code == 200, response.content
    signed = response.json()
    assert signed["signedAt"] and signed["signedBy"] is not None
    assert signed["versionCount"] == 2 and len(doc_storage.files()) == 2

    again = counsellor.post(f"/api/v1/documents/{body['id']}/signature", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    later = counsellor.post(f"/api/v1/documents/{body['id']}/signature-request", {"dueOn": due}, format="json")
    assert later.status_code == 409 and later.json()["code"] == "already_signed"
    assert Document.objects.get().version_count == 2 and len(doc_storage.files()) == 2


def test_asked_later_and_signed_without_a_file(api, world, doc_storage):
    counsellor = api("counsellor")
    body = _upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents").json()
    url = f"/api/v1/documents/{body['id']}"
    not_asked = counsellor.post(f"{url}/signature", {}, format="json")
    assert not_asked.status_code == 409 and not_asked.json()["code"] == "no_signature_requested"

    due = timezone.localdate().isoformat()
    response = counsellor.post(f"{url}/signature-request", {"dueOn": due}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["signatureDueOn"] == due
    signed = counsellor.post(f"{url}/signature", {}, format="json")
    assert signed.status_code == 200 and signed.json()["versionCount"] == 1


@pytest.mark.parametrize("payload, field", [({}, "dueOn"), ({"dueOn": "morgen"}, "dueOn"),
                                            ({"dueOn": "2000-01-01"}, "dueOn"),
                                            ({"dueOn": "2030-01-01", "who": "x"}, "who")])
def test_bad_signature_requests_are_400s_naming_the_field(api, world, doc_storage, payload, field):
    counsellor = api("counsellor")
    body = _upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents").json()
    response = counsellor.post(f"/api/v1/documents/{body['id']}/signature-request", payload, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in str(response.json())
    assert Document.objects.get().signature_due_on is None


def test_a_signature_due_before_the_documents_date_is_refused_at_upload(api, world, doc_storage):
    response = _upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents",
                       documentDate="2026-01-05", signatureDueOn="2026-01-01")
    assert response.status_code == 400 and "signatureDueOn" in str(response.json())
    assert not Document.objects.exists() and doc_storage.files() == []


def test_a_bad_signed_copy_stores_nothing(api, world, doc_storage):
    counsellor = api("counsellor")
    body = _upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents",
                   signatureDueOn=timezone.localdate().isoformat()).json()
    response = counsellor.post(f"/api/v1/documents/{body['id']}/signature",
                               {"file": SimpleUploadedFile("signed.pdf", EXE)}, format="multipart")
    assert response.status_code == 400 and "unsupported_type" in str(response.json())
    document = Document.objects.get()
    assert document.signed_at is None and document.version_count == 1 and len(doc_storage.files()) == 1


def test_another_regions_document_is_a_404(api, world, doc_storage):
    from rest_framework.test import APIClient

    from rwc.models import User
    from rwc.oauth import issue_staff_token

    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION="Bearer " + issue_staff_token(
        User.objects.get(username="amersfoort-rmt-counsellor")))
    body = _upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents").json()
    for route, payload in (("signature-request", {"dueOn": "2030-01-01"}), ("signature", {})):
        response = other.post(f"/api/v1/documents/{body['id']}/{route}", payload, format="json")
        assert response.status_code == 404, (route, response.content)
    assert Document.objects.get().signature_due_on is None
