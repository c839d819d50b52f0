"""Every read of a document is written to the processing log, whatever its parent (documents.access.
note_read): an employer's or a vacancy's document may hold its contact persons' or candidates' data,
so its list, its detail and its download are logged as a client's are (without a subject, as they
name no client). A refused read (404) leaves no row and changes nothing. Each request writes the
log in one statement."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.choices import ParentKind
from documents.models import Document, DocumentVersion
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from tests.api import matrix  # noqa: F401  (the matrix files import each other from it)
from tests.api.matrix_documents import seeded
from tests.api.matrix_outcomes import seeded as seeded_outcomes
from tests.employers.seed import seeded as seeded_employers

pytestmark = pytest.mark.django_db


def _list_url(w, kind, side):
    """The list of the parent's documents, for the document of `kind` on `side` of the seed."""
    client, consent, case, referral = {
        "a": (w.client_a, w.consent_a, w.case_a, w.referral_in_a),
        "b": (w.client_b, w.consent_b, w.case_b, w.referral_b)}[side]
    outcome = getattr(seeded_outcomes(w), f"placement_{side}")
    e = getattr(seeded_employers(w), side)
    return "/api/v1/" + {
        ParentKind.CLIENT: f"clients/{client.uuid}",
        ParentKind.CONSENT: f"clients/{client.uuid}/consents/{consent.uuid}",
        ParentKind.CASE: f"cases/{case.uuid}",
        ParentKind.OUTCOME: f"cases/{case.uuid}/outcomes/{outcome.uuid}",
        ParentKind.REFERRAL: f"referrals/{referral.uuid}",
        ParentKind.EMPLOYER: f"employers/{e.employer.uuid}",
        ParentKind.VACANCY: f"vacancies/{e.vacancy.uuid}",
    }[kind] + "/documents"


def _reads(w, kind, side):
    document = seeded(w)[side][kind]
    version = document.versions.get()
    return document, [
        ("v1:document-detail", f"/api/v1/documents/{document.uuid}"),
        ("v1:document-version-content", f"/api/v1/documents/{document.uuid}/versions/{version.uuid}/content"),
        (f"v1:{ {ParentKind.CONSENT: 'client-consent', ParentKind.OUTCOME: 'case-outcome'}.get(kind, kind)}"
         "-document-list", _list_url(w, kind, side)),
    ]


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response, [q["sql"] for q in ctx.captured_queries if "rwc_processing" in q["sql"]]


@pytest.mark.parametrize("kind", list(ParentKind))
def test_every_read_of_a_document_is_logged_whatever_its_parent(api, world, doc_storage, kind):
    document, reads = _reads(world, kind, "a")
    counsellor = api("counsellor")
    for view, url in reads:
        before = ProcessingOperation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response, log_writes = _get(counsellor, url)
        assert response.status_code == 200, (url, response.content)
        assert len(log_writes) == 1, log_writes  # the operation and its subjects in one statement
        new = list(ProcessingOperation.objects.filter(id__gt=before))
        assert [(op.operation, op.status_code) for op in new] == [(f"GET {view}", 200)]
        subjects = set(ProcessingSubject.objects.filter(operation__in=new).values_list("client_id", flat=True))
        if kind in (ParentKind.EMPLOYER, ParentKind.VACANCY):
            assert document.client_id is None and subjects == set() and new[0].subject_count == 0
        else:
            assert document.client_id is not None and subjects == {document.client_id}


@pytest.mark.parametrize("kind", list(ParentKind))
def test_a_refused_read_of_a_document_leaves_no_row_and_changes_nothing(api, world, doc_storage, kind):
    document, reads = _reads(world, kind, "b")  # region B's: the counsellor of region A reads none of it
    state = lambda: (list(Document.objects.values_list("id", "updated_at", "version_count", "deleted_at")),  # noqa: E731
                     list(DocumentVersion.objects.values_list("id", "storage_key")), doc_storage.files())
    before, rows = state(), ProcessingOperation.objects.count()
    counsellor = api("counsellor")
    for _view, url in reads:
        response, log_writes = _get(counsellor, url)
        assert response.status_code == 404, (url, response.status_code)
        assert log_writes == []
    assert ProcessingOperation.objects.count() == rows and state() == before


def test_every_parent_kind_has_documents_in_the_seed(world, doc_storage):
    """The two tests above iterate over ParentKind; the seed must hold a document of each kind on both sides."""
    docs = seeded(world)
    assert set(docs["a"]) == set(docs["b"]) == set(ParentKind.values)
