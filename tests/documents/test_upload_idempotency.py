"""Document uploads honour `Idempotency-Key` as every other POST does (api.idempotency): a retry with
the same key and the same fields and file gets the first answer and stores no second document,
version or file (checked in storage, both backends); the same key with another body is the 422 of
the mechanism, with nothing stored; without a key every upload is a new one."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from documents.models import Document, DocumentVersion
from rwc.audit_models import ProcessingOperation
from rwc.models import IdempotencyRecord, User
from rwc.oauth import issue_staff_token
from tests.employers.seed import make_employer
from tests.helpers import problem

from .conftest import PDF, PNG

pytestmark = pytest.mark.django_db


def _upload(client, url, content=PDF, key=None, **fields):
    data = {"title": "CV", "kind": "cv", **fields, "file": SimpleUploadedFile("cv.pdf", content)}
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data, format="multipart", **headers)


def _version(client, document_id, content=PNG, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(f"/api/v1/documents/{document_id}/versions", {"file": SimpleUploadedFile("scan.png", content)},
                       format="multipart", **headers)


def test_a_retried_upload_with_the_same_key_replays_the_first_answer_and_stores_nothing_more(api, world, doc_storage):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/documents"
    first = _upload(counsellor, url, key="upload-1")
    assert first.status_code == 201, first.content
    files = doc_storage.files()
    again = _upload(counsellor, url, key="upload-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and again["Location"] == first["Location"]
    assert Document.objects.count() == 1 and DocumentVersion.objects.count() == 1
    assert len(files) == 1 and doc_storage.files() == files
    assert ProcessingOperation.objects.filter(operation="POST v1:client-document-list").count() == 2  # both shown


def test_the_same_key_with_another_body_is_the_mechanisms_422_and_stores_nothing(api, world, doc_storage):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/documents"
    assert _upload(counsellor, url, key="upload-2").status_code == 201
    files = doc_storage.files()
    other_file = _upload(counsellor, url, content=PDF + b"% another scan\n", key="upload-2")
    assert problem(other_file, 422)["code"] == "idempotency_key_reused"
    other_title = _upload(counsellor, url, key="upload-2", title="Another CV")
    assert problem(other_title, 422)["code"] == "idempotency_key_reused"
    assert Document.objects.count() == 1 and doc_storage.files() == files


def test_without_a_key_every_upload_is_a_new_document(api, world, doc_storage):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/documents"
    first, second = _upload(counsellor, url), _upload(counsellor, url)
    assert first.status_code == second.status_code == 201 and first.json()["id"] != second.json()["id"]
    assert Document.objects.count() == 2 and len(doc_storage.files()) == 2
    assert not IdempotencyRecord.objects.exists()


def test_a_refused_upload_leaves_its_key_unused(api, world, doc_storage):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/documents"
    assert problem(_upload(counsellor, url, content=b"", key="upload-3"), 400)["invalidParams"][0]["name"] == "file"
    assert not IdempotencyRecord.objects.exists() and doc_storage.files() == []
    assert _upload(counsellor, url, key="upload-3").status_code == 201  # the key is free for the fixed upload


def test_a_retried_new_version_with_the_same_key_adds_one_version(api, world, doc_storage):
    counsellor = api("counsellor")
    document = _upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents").json()
    first = _version(counsellor, document["id"], key="version-1")
    assert first.status_code == 201, first.content
    again = _version(counsellor, document["id"], key="version-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Document.objects.get().version_count == 2 and DocumentVersion.objects.count() == 2
    assert len(doc_storage.files()) == 2
    other = _version(counsellor, document["id"], content=PNG + b"\x01", key="version-1")
    assert problem(other, 422)["code"] == "idempotency_key_reused"
    assert DocumentVersion.objects.count() == 2 and len(doc_storage.files()) == 2
    assert _version(counsellor, document["id"]).status_code == 201  # no key: a version more
    assert DocumentVersion.objects.count() == 3 and len(doc_storage.files()) == 3


def test_a_replay_answers_only_who_still_reaches_the_document(api, world, doc_storage):
    """As a fresh request: a caller who lost the document (it was deleted) gets a 404, not the kept answer."""
    counsellor = api("counsellor")
    document = _upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents").json()
    assert _version(counsellor, document["id"], key="version-2").status_code == 201
    url = f"/api/v1/documents/{document['id']}/deletion"
    assert counsellor.post(url, {"reason": "Wrong client"}, format="json").status_code == 200
    problem(_version(counsellor, document["id"], key="version-2"), 404)


def test_an_employers_document_upload_replays_too(world, doc_storage):
    """An employer's document names no client: the replay still finds it (and logs the read)."""
    employer = make_employer(world.region_a, "12345678", "Bakkerij De Korenschoof")
    wsp = APIClient()
    wsp.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(username='midden-wsp-counsellor'))}")
    url = f"/api/v1/employers/{employer.uuid}/documents"
    first = _upload(wsp, url, key="employer-1", kind="agreement", title="Werkervaringsovereenkomst")
    assert first.status_code == 201, first.content
    before = ProcessingOperation.objects.count()
    again = _upload(wsp, url, key="employer-1", kind="agreement", title="Werkervaringsovereenkomst")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Document.objects.count() == 1 and len(doc_storage.files()) == 1
    assert ProcessingOperation.objects.count() == before + 1


@pytest.mark.parametrize("step", ["upload", "version"])
def test_a_keyed_upload_whose_transaction_fails_after_storing_leaves_no_file(api, world, doc_storage, monkeypatch, step):
    """The rows roll back with the key record when keeping the answer fails after the file was stored
    (rwc.undo): the file goes too, or it would lie in storage outside every access check and purge."""
    import api.idempotency as mixin

    counsellor = api("counsellor")
    document = _upload(counsellor, f"/api/v1/cases/{world.case_a.uuid}/documents").json() if step == "version" else None
    files = doc_storage.files()

    def broken(*args, **kwargs):
        raise RuntimeError("the key record could not be kept")

    monkeypatch.setattr(mixin.idempotency, "complete", broken)
    counsellor.raise_request_exception = False
    if step == "upload":
        response = _upload(counsellor, f"/api/v1/clients/{world.client_a.uuid}/documents", key="upload-broken")
    else:
        response = _version(counsellor, document["id"], key="version-broken")
    assert response.status_code == 500
    assert doc_storage.files() == files
    assert Document.objects.count() == (1 if step == "version" else 0)
    assert DocumentVersion.objects.count() == (1 if step == "version" else 0)
    assert not IdempotencyRecord.objects.exists()
