"""Documents through the API, on both storage backends (tests/documents/conftest.py): upload,
versions, download, deletion, and every bad input refused with nothing stored and no file left."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentVersion
from rwc.audit_models import ProcessingSubject

from .conftest import EXE, PDF, PNG

pytestmark = pytest.mark.django_db


def upload(client, url, content=PDF, name="cv.pdf", **fields):
    data = {"title": "CV", "kind": "cv", **fields, "file": SimpleUploadedFile(name, content)}
    return client.post(url, data, format="multipart")


def test_upload_stores_the_file_encrypted_under_a_random_key_and_download_gives_it_back(api, world, doc_storage):
    counsellor = api("counsellor")
    response = upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents", name="Sanne CV.pdf",
                      author="Sanne", documentDate="2026-01-05")
    assert response.status_code == 201, response.content
    body = response.json()
    version = body["currentVersion"]
    assert (body["parentKind"], body["parentId"], body["versionCount"]) == ("client", str(world.client_a.uuid), 1)
    assert (version["fileName"], version["contentType"], version["size"]) == ("Sanne CV.pdf", "application/pdf",
                                                                            len(PDF))
    stored = DocumentVersion.objects.get(uuid=version["id"])
    assert doc_storage.files() == [stored.storage_key]
    assert "Sanne" not in stored.storage_key and not stored.storage_key.endswith(".pdf")
    raw = doc_storage.raw(stored.storage_key)
    if doc_storage.kind == "filesystem":
        assert b"%PDF" not in raw and raw.startswith(b"RWCDOC1")  # encrypted at rest
    else:
        assert raw == PDF and doc_storage.head(stored.storage_key)["ServerSideEncryption"] == "AES256"

    download = counsellor.get(version["contentUrl"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert ProcessingSubject.objects.filter(client_id=world.client_a.pk,
                                            operation__operation__contains="document-version-content").exists()


def test_a_new_version_keeps_the_old_one_readable(api, world, doc_storage):
    counsellor = api("counsellor")
    first = upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents").json()
    response = counsellor.post(f"/api/v1/documents/{first['id']}/versions",
                               {"file": SimpleUploadedFile("scan.png", PNG)}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["versionCount"] == 2 and [v["number"] for v in body["versions"]] == [1, 2]
    assert body["currentVersion"]["contentType"] == "image/png"
    assert len(doc_storage.files()) == 2
    old = counsellor.get(body["versions"][0]["contentUrl"])
    assert b"".join(old.streaming_content) == PDF


def test_listing_documents_is_logged_and_shows_only_the_parents(api, world, doc_storage):
    counsellor = api("counsellor")
    upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents")
    upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents", title="Plan")
    response = counsellor.get(f"/api/v1/clients/{world.client_a.uuid}/documents")
    assert [d["title"] for d in response.json()["results"]] == ["CV"]
    assert ProcessingSubject.objects.filter(client_id=world.client_a.pk,
                                            operation__operation="GET v1:client-document-list").exists()


@pytest.mark.parametrize("content, name, code", [
    (EXE, "cv.pdf", "unsupported_type"),  # an executable renamed to .pdf
    (b"", "cv.pdf", "empty"),
    (b"PK\x03\x04not really a zip", "cv.docx", "unsupported_type"),
    (b"plain\x00text with a NUL", "notes.txt", "unsupported_type"),
])
def test_bad_files_are_refused_and_nothing_is_stored(api, world, doc_storage, content, name, code):
    response = upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents", content, name)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("file", code)]
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert doc_storage.files() == []


def test_a_file_over_the_limit_is_a_413_with_nothing_stored(api, world, doc_storage, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000
    response = upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents", PDF + b" " * 1000)
    assert response.status_code == 413, response.content
    assert response.json()["invalidParams"][0]["name"] == "file"
    assert not Document.objects.exists() and doc_storage.files() == []


def test_a_body_far_over_the_limit_is_a_413_before_it_is_read(api, world, doc_storage, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000
    big = PDF + b" " * (settings.DOCUMENTS_UPLOAD_OVERHEAD_BYTES + 2000)
    response = upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents", big)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert not Document.objects.exists() and doc_storage.files() == []


def test_the_upload_route_takes_bodies_above_the_general_limit(api, world, doc_storage, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents",
                      b"A line of text.\n" * 2000, "notes.txt")
    assert response.status_code == 201, response.content[:300]
    assert response.json()["currentVersion"]["size"] == 32_000


def test_a_path_in_the_file_name_keeps_only_its_last_part(api, world, doc_storage):
    """Django's multipart parser drops the folders before any code of ours sees the name; what is
    kept is the sanitised last part, as metadata only, and nothing is written outside the storage's keys."""
    response = upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents", PDF,
                      "../../etc/passwd.pdf")
    assert response.status_code == 201, response.content
    assert response.json()["currentVersion"]["fileName"] == "passwd.pdf"
    key = DocumentVersion.objects.get().storage_key
    assert doc_storage.files() == [key] and ".." not in key


def test_a_record_the_caller_cannot_see_is_a_404_with_nothing_stored(api, world, doc_storage):
    counsellor = api("counsellor")
    for url in (f"/api/v1/clients/{world.client_b.uuid}/documents", f"/api/v1/cases/{world.case_lwl_a.uuid}/documents",
                f"/api/v1/clients/{world.client_a.uuid}/consents/{world.consent_b.uuid}/documents"):
        response = upload(counsellor, url)
        assert response.status_code == 404, (url, response.content)
        assert response["Content-Type"] == "application/problem+json"
    assert not Document.objects.exists() and doc_storage.files() == []


def test_the_count_limit_per_record_is_a_409_with_no_file_left(api, world, doc_storage, settings):
    settings.DOCUMENTS_MAX_PER_RECORD = 1
    counsellor = api("counsellor")
    assert upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents").status_code == 201
    response = upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents")
    assert response.status_code == 409 and response.json()["code"] == "too_many_documents"
    assert Document.objects.count() == 1 and len(doc_storage.files()) == 1


def test_a_deleted_document_is_read_by_nobody(api, world, doc_storage):
    counsellor = api("counsellor")
    body = upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents").json()
    url = f"/api/v1/documents/{body['id']}/deletion"
    assert counsellor.post(url, {}, format="json").status_code == 400  # a reason is required
    response = counsellor.post(url, {"reason": "Wrong client"}, format="json")
    assert response.status_code == 200, response.content
    for path in (body["currentVersion"]["contentUrl"], f"/api/v1/documents/{body['id']}"):
        gone = counsellor.get(path)
        assert gone.status_code == 404 and gone["Content-Type"] == "application/problem+json"
    assert counsellor.get(f"/api/v1/clients/{world.client_a.uuid}/documents").json()["results"] == []
    assert counsellor.post(url, {"reason": "Again"}, format="json").status_code == 404
    assert len(doc_storage.files()) == 1  # kept until retention purges it
    assert Document.objects.get().deletion_reason == "Wrong client"


def test_a_confidential_document_is_not_read_by_the_privacy_officer(api, world, doc_storage):
    upload(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}/documents", confidential="true")
    assert api("team_lead").get(f"/api/v1/clients/{world.client_a.uuid}/documents").json()["count"] == 1
    assert api("privacy_officer").get(f"/api/v1/clients/{world.client_a.uuid}/documents").json()["count"] == 0


def test_a_referrals_documents_reach_the_receiver_only_while_the_consent_covers_it(api, world, doc_storage):
    from clients.services import consent_withdraw

    referral = world.referral_lwl_a  # lwl_a -> UWV: the receiving desk is not one of the matrix's
    lwl = api("lwl_counsellor")
    assert upload(lwl, f"/api/v1/referrals/{referral.uuid}/documents").status_code == 201
    incoming = world.referral_in_a  # Gemeente -> rmt_a, resting on a consent naming rmt_a
    document = Document.objects.create(
        parent_kind="referral", referral=incoming, client=incoming.client, region=world.region_a,
        desk=world.rmt_a, title="Intake report", kind="other", document_date="2026-01-02")
    url = f"/api/v1/referrals/{incoming.uuid}/documents"
    counsellor = api("counsellor")
    assert [d["id"] for d in counsellor.get(url).json()["results"]] == [str(document.uuid)]
    consent_withdraw(actor=None, consent=incoming.consent, reason="Client asked")
    assert counsellor.get(url).status_code == 404


def test_a_document_list_costs_the_same_queries_whatever_its_length(api, world, doc_storage):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/documents"
    upload(counsellor, url)
    counsellor.get(url)  # warm: the access profile's and the client set's first build
    with CaptureQueriesContext(connection) as one:
        assert counsellor.get(url).json()["count"] == 1
    for _ in range(4):
        upload(counsellor, url)
    with CaptureQueriesContext(connection) as five:
        assert counsellor.get(url).json()["count"] == 5
    assert len(five) == len(one), [q["sql"][:120] for q in five.captured_queries]
