"""The praktijkverklaring certificate draft, the access request's documents and retention of
documents, with their files checked in storage (both backends)."""
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.outcomes import outcome_record
from documents import services
from documents.choices import ParentKind
from documents.models import Document, DocumentVersion
from privacy import retention, subject_access
from rwc.models import User

from .conftest import PDF, PNG

pytestmark = pytest.mark.django_db(transaction=False)


def _add(parent, parent_kind=ParentKind.CLIENT, content=PDF, name="cv.pdf", **data):
    return services.document_add(actor=None, kind=parent_kind, parent=parent, upload=SimpleUploadedFile(name, content),
                                 data={"title": "CV", "kind": "cv", **data})


def _praktijkverklaring(world):
    return outcome_record(actor=User.objects.get(username="midden-rmt-counsellor"), case=world.case_a, data={
        "kind": "praktijkverklaring", "date": timezone.localdate(), "crebo_code": "25180",
        "qualification_title": "Medewerker bakkerij", "work_processes": ["Bereidt deeg voor", "Bakt brood"],
        "learning_company": "Bakkerij De Korenschoof", "learning_company_sbb_recognised": True,
        "school": "ROC Midden Nederland"})


def test_a_praktijkverklaring_makes_a_certificate_draft_kept_with_the_outcome(api, world, doc_storage):
    outcome = _praktijkverklaring(world)
    counsellor = api("counsellor")
    response = counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/outcomes/{outcome.uuid}/certificate")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["parentKind"], body["generated"]) == ("praktijkverklaring", "outcome", True)
    assert body["currentVersion"]["contentType"] == "application/pdf"
    pdf = b"".join(counsellor.get(body["currentVersion"]["contentUrl"]).streaming_content)
    assert pdf.startswith(b"%PDF") and len(doc_storage.files()) == 1
    listed = counsellor.get(f"/api/v1/cases/{world.case_a.uuid}/outcomes/{outcome.uuid}/documents").json()
    assert [d["id"] for d in listed["results"]] == [body["id"]]


def test_a_retried_certificate_request_replays_the_first_draft(api, world, doc_storage):
    outcome = _praktijkverklaring(world)
    counsellor = api("counsellor")
    url = f"/api/v1/cases/{world.case_a.uuid}/outcomes/{outcome.uuid}/certificate"
    first = counsellor.post(url, HTTP_IDEMPOTENCY_KEY="cert-1")
    again = counsellor.post(url, HTTP_IDEMPOTENCY_KEY="cert-1")
    assert first.status_code == again.status_code == 201, again.content
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Document.objects.count() == 1 and len(doc_storage.files()) == 1


def test_another_kind_of_outcome_has_no_certificate(api, world, doc_storage):
    from tests.api import matrix  # noqa: F401  (the matrix files import each other from it)
    from tests.api.matrix_outcomes import seeded

    placement = seeded(world).placement_a
    response = api("counsellor").post(f"/api/v1/cases/{world.case_a.uuid}/outcomes/{placement.uuid}/certificate")
    assert response.status_code == 409 and response.json()["code"] == "not_a_praktijkverklaring"
    assert not Document.objects.exists() and doc_storage.files() == []


def test_the_access_request_holds_the_persons_documents_decrypted(world, doc_storage):
    first = _add(world.client_a)
    services.document_add_version(actor=None, document=first, upload=SimpleUploadedFile("scan.png", PNG))
    _add(world.case_a, ParentKind.CASE, title="Plan", kind="ips_plan")
    _add(world.client_b)  # someone else's
    archive = zipfile.ZipFile(io.BytesIO(subject_access.to_zip(subject_access.archive_for(world.client_a))))
    files = {n: archive.read(n) for n in archive.namelist() if n.startswith("documents/")}
    assert sorted(files.values()) == sorted([PDF, PNG, PDF])
    assert f"documents/{first.uuid}/v2-scan.png" in files
    assert "document_versions.csv" in archive.namelist() and "documents.csv" in archive.namelist()


def test_anonymising_a_client_purges_their_documents_and_every_version_from_storage(
        world, doc_storage, django_capture_on_commit_callbacks):
    from cases.models import Case
    from referrals.models import Referral

    document = _add(world.client_a)
    services.document_add_version(actor=None, document=document, upload=SimpleUploadedFile("v2.pdf", PDF))
    _add(world.case_a, ParentKind.CASE)
    kept = _add(world.client_b)
    assert len(doc_storage.files()) == 4
    # client_a's case closed three years ago and nothing runs any more: past retention
    Case.objects.filter(client=world.client_a).update(status="closed", closed_at=timezone.now() - timedelta(days=1100))
    Referral.objects.filter(client=world.client_a).update(status="completed")
    with django_capture_on_commit_callbacks(execute=True):
        summary = retention.anonymise([world.client_a])
    assert summary["Client"] == 1 and summary["Document"] == 2
    assert not Document.objects.filter(client=world.client_a).exists()
    assert not DocumentVersion.objects.filter(document__client=world.client_a).exists()
    assert doc_storage.files() == [kept.versions.get().storage_key]


def test_retention_purges_deleted_documents_after_their_grace_and_expired_classes(world, doc_storage, settings,
                                                                                  django_capture_on_commit_callbacks):
    settings.DOCUMENTS_PURGE_AFTER_DAYS = 30
    today = timezone.localdate()
    fresh_deletion = services.document_delete(actor=None, document=_add(world.client_a), reason="Duplicate")
    old_deletion = services.document_delete(actor=None, document=_add(world.client_a), reason="Wrong client")
    Document.objects.filter(pk=old_deletion.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    expired = _add(world.client_a, retention_class="one_year", document_date=today - timedelta(days=400))
    current = _add(world.client_a, retention_class="one_year", document_date=today - timedelta(days=300))
    keys = {d.pk: d.versions.get().storage_key for d in (fresh_deletion, old_deletion, expired, current)}
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.purge_documents(today) == 2
    assert set(Document.objects.values_list("pk", flat=True)) == {fresh_deletion.pk, current.pk}
    assert not DocumentVersion.objects.filter(document_id__in=[old_deletion.pk, expired.pk]).exists()
    assert sorted(doc_storage.files()) == sorted([keys[fresh_deletion.pk], keys[current.pk]])
