"""Documents on the client and case pages, services on the case page and the team lead's approvals:
the domain's rules shown next to the field in Dutch with the input kept, nothing stored on bad
input, downloads as attachments through the access check, the processing log, 404 for what the
person may not see, pinned query counts."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents import services as document_services
from documents.choices import ParentKind
from documents.models import Document, DocumentVersion
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from rwc.models import User
from services import delivery
from services.models import DeliveredService
from tests.helpers import signed_in
from tests.services.seed import catalogue, training_on

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """The documents storage of the test: the encrypted file system under a temporary folder."""
    settings.STORAGES = {**settings.STORAGES, "documents": {
        "BACKEND": "documents.storage.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return lambda: sorted(p for p in tmp_path.rglob("*") if p.is_file())


@pytest.fixture
def counsellor(browser_as):
    return browser_as("midden-rmt-counsellor")


def upload(browser, url, content=PDF, name="cv.pdf", **fields):
    data = {"document-title": "CV Anna", "document-kind": "cv", "document-retention_class": "with_record",
            **fields, "document-file": SimpleUploadedFile(name, content)}
    return browser.post(url, data)


def add_document(kind, parent, username="midden-rmt-counsellor", title="Verklaring", **extra):
    return document_services.document_add(
        actor=User.objects.get(username=username), kind=kind, parent=parent,
        data={"title": title, "kind": "certificate", **extra}, upload=SimpleUploadedFile("v.pdf", PDF))


# --- documents -------------------------------------------------------------------------------------


def test_upload_list_download_new_version_and_delete_on_the_client_page(counsellor, world, storage):
    r = upload(counsellor, f"/clients/{world.client_a.uuid}/documents", name="CV Anna.pdf",
               **{"document-document_date": "2026-01-05", "document-confidential": "on"})
    assert r.status_code == 302 and r["Location"] == f"/clients/{world.client_a.uuid}/#documents"
    document = Document.objects.get(client=world.client_a, parent_kind=ParentKind.CLIENT)
    version = document.versions.get()
    page = counsellor.get(f"/clients/{world.client_a.uuid}/").content.decode()
    assert "CV Anna" in page and "05-01-2026" in page and "Vertrouwelijk" in page
    assert f"/documents/{document.uuid}/versions/{version.uuid}/content" in page and len(storage()) == 1

    before = ProcessingOperation.objects.count()
    download = counsellor.get(f"/documents/{document.uuid}/versions/{version.uuid}/content")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;") and "CV Anna.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff" and download["Content-Type"] == "application/pdf"
    op = ProcessingOperation.objects.order_by("-id").first()
    assert ProcessingOperation.objects.count() == before + 1 and op.operation == "GET web:document-download"
    assert op.channel == "web" and [s.client_uuid for s in op.subjects.all()] == [world.client_a.uuid]

    r = counsellor.post(f"/documents/{document.uuid}/versions", {"version-file": SimpleUploadedFile("scan.png", PNG)})
    assert r.status_code == 302
    document.refresh_from_db()
    assert document.version_count == 2 and len(storage()) == 2
    page = counsellor.get(f"/clients/{world.client_a.uuid}/").content.decode()
    assert "Eerdere versies" in page and f"/versions/{version.uuid}/content" in page  # the old one stays readable

    r = counsellor.post(f"/documents/{document.uuid}/deletion", {"deletion-reason": " "})
    document.refresh_from_db()
    assert r.status_code == 400 and document.deleted_at is None
    assert "Zeg waarom het document wordt verwijderd." in r.content.decode()
    r = counsellor.post(f"/documents/{document.uuid}/deletion", {"deletion-reason": "Verkeerde cliënt"})
    document.refresh_from_db()
    assert r.status_code == 302 and document.deleted_at is not None and document.deletion_reason == "Verkeerde cliënt"
    assert "CV Anna" not in counsellor.get(f"/clients/{world.client_a.uuid}/").content.decode()
    assert counsellor.get(f"/documents/{document.uuid}/versions/{version.uuid}/content").status_code == 404


def test_an_executable_named_pdf_is_refused_next_to_the_field_with_the_input_kept(counsellor, world, storage):
    before = Document.objects.count()
    r = upload(counsellor, f"/cases/{world.case_a.uuid}/documents", content=EXE, name="cv.pdf",
               **{"document-author": "Anna Berg"})
    page = r.content.decode()
    assert r.status_code == 400 and Document.objects.count() == before and storage() == []
    assert "De inhoud van het bestand is geen toegestaan type" in page
    assert 'value="CV Anna"' in page and 'value="Anna Berg"' in page and "aria-invalid" in page
    r = upload(counsellor, f"/cases/{world.case_a.uuid}/documents", content=b"", name="leeg.pdf")
    assert r.status_code == 400 and Document.objects.count() == before and storage() == []
    assert "Het bestand is leeg." in r.content.decode()


def test_a_file_over_the_limit_is_a_clear_message(counsellor, world, storage, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 50
    r = upload(counsellor, f"/clients/{world.client_a.uuid}/documents")
    page = r.content.decode()
    assert r.status_code == 413 and not Document.objects.exists() and storage() == []
    assert "Het bestand is groter dan 50 bytes." in page and 'value="CV Anna"' in page


def test_the_case_page_lists_the_case_documents(counsellor, world):
    r = upload(counsellor, f"/cases/{world.case_a.uuid}/documents", **{"document-title": "Werkervaringsovereenkomst",
                                                                       "document-kind": "work_experience_agreement"})
    assert r.status_code == 302 and r["Location"] == f"/cases/{world.case_a.uuid}/#documents"
    page = counsellor.get(f"/cases/{world.case_a.uuid}/").content.decode()
    assert "Werkervaringsovereenkomst" in page and 'id="documents-h"' in page


def test_a_document_the_person_may_not_see_is_a_404(counsellor, browser_as, world, storage):
    foreign = add_document(ParentKind.CLIENT, world.client_b, username="amersfoort-rmt-counsellor")
    foreign_version = foreign.versions.get()
    assert counsellor.get(f"/documents/{foreign.uuid}/versions/{foreign_version.uuid}/content").status_code == 404
    assert counsellor.post(f"/documents/{foreign.uuid}/deletion", {"deletion-reason": "weg"}).status_code == 404
    before = Document.objects.count()
    assert upload(counsellor, f"/clients/{world.client_b.uuid}/documents").status_code == 404
    assert Document.objects.count() == before
    # a confidential document: only whoever added it and the desk's team leads
    secret = add_document(ParentKind.CLIENT, world.client_a, username="midden-rmt-lead", title="Medisch advies",
                          confidential=True)
    assert "Medisch advies" not in counsellor.get(f"/clients/{world.client_a.uuid}/").content.decode()
    url = f"/documents/{secret.uuid}/versions/{secret.versions.get().uuid}/content"
    assert counsellor.get(url).status_code == 404
    assert browser_as("midden-rmt-lead").get(url).status_code == 200


def test_uploads_need_the_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    signed_in(browser, "midden-rmt-counsellor")
    r = upload(browser, f"/clients/{world.client_a.uuid}/documents")
    assert r.status_code == 403 and not Document.objects.exists()


def test_the_privacy_officer_reads_but_gets_no_upload_form(browser_as, world):
    add_document(ParentKind.CLIENT, world.client_a)
    page = browser_as("midden-privacy-officer").get(f"/clients/{world.client_a.uuid}/").content.decode()
    assert "Verklaring" in page and 'id="upload-document"' not in page


# --- services --------------------------------------------------------------------------------------


def service_data(cat, **extra):
    today = timezone.localdate()
    return {"service-service_type": "training", "service-provider_kind": "training_provider",
            "service-training_provider": cat["provider"].pk, "service-planned_start": today.isoformat(),
            "service-planned_end": (today + timedelta(days=60)).isoformat(), "service-hours": "80",
            "service-course_name": "Heftruckcertificaat", "service-cost": "1200,00", **extra}


def test_record_a_service_move_it_and_fund_it(counsellor, world):
    cat = catalogue(world.region_a)
    page = counsellor.get(f"/cases/{world.case_a.uuid}/").content.decode()
    assert 'value="training"' in page and 'value="work_experience_place"' not in page  # a WSP service: not offered
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services", service_data(cat))
    assert r.status_code == 302, r.content.decode()[:3000]
    service = DeliveredService.objects.get(case=world.case_a)
    assert service.cost == Decimal("1200.00") and service.course_name == "Heftruckcertificaat"
    page = counsellor.get(f"/cases/{world.case_a.uuid}/").content.decode()
    assert "Heftruckcertificaat" in page and "Gepland" in page and "1200.00" in page

    prefix = f"svc-{service.uuid}"
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/funding", {
        f"{prefix}-fund-cost": "1200.00", f"{prefix}-fund-version": service.version,
        f"{prefix}-fund-source_1": str(cat["slim"].uuid), f"{prefix}-fund-amount_1": "1000.00",
        f"{prefix}-fund-source_2": str(cat["talent"].uuid), f"{prefix}-fund-amount_2": "100.00"})
    assert r.status_code == 400 and not service.funding.exists()
    assert "tellen op tot 1100.00 euro" in r.content.decode() and 'value="100.00"' in r.content.decode()  # input kept
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/funding", {
        f"{prefix}-fund-cost": "1200.00", f"{prefix}-fund-version": service.version,
        f"{prefix}-fund-source_1": str(cat["slim"].uuid), f"{prefix}-fund-amount_1": "1000.00",
        f"{prefix}-fund-source_2": str(cat["talent"].uuid), f"{prefix}-fund-amount_2": "200.00"})
    assert r.status_code == 302
    assert sorted(service.funding.values_list("amount", flat=True)) == [Decimal("200.00"), Decimal("1000.00")]

    service.refresh_from_db()
    move = f"{prefix}-move"
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/status",
                        {f"{move}-status": "stopped_early", f"{move}-version": service.version, f"{move}-reason": ""})
    assert r.status_code == 400 and "Zeg waarom de dienst voortijdig is gestopt." in r.content.decode()
    service.refresh_from_db()
    assert service.status == "planned"
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/status",
                        {f"{move}-status": "completed", f"{move}-version": service.version})
    assert r.status_code == 409  # planned cannot become completed
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/status",
                        {f"{move}-status": "started", f"{move}-version": service.version - 1})
    assert r.status_code == 412 and "Iemand anders heeft dit gewijzigd" in r.content.decode()
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services/{service.uuid}/status",
                        {f"{move}-status": "started", f"{move}-version": service.version})
    service.refresh_from_db()
    assert r.status_code == 302 and service.status == "started" and service.actual_start == timezone.localdate()


def test_bad_service_input_is_shown_next_to_the_field_and_nothing_stored(counsellor, world):
    cat = catalogue(world.region_a)
    r = counsellor.post(f"/cases/{world.case_a.uuid}/services", service_data(cat, **{
        "service-cost": "-5", "service-course_name": "", "service-planned_end": "2000-01-01"}))
    page = r.content.decode()
    assert r.status_code == 400 and not DeliveredService.objects.exists()
    assert "Noem de opleiding." in page and "Een bedrag kan niet negatief zijn." in page
    assert 'value="-5"' in page and "aria-invalid" in page
    r = counsellor.post(f"/cases/{world.case_b.uuid}/services", service_data(cat))
    assert r.status_code == 404 and not DeliveredService.objects.exists()


def test_the_team_lead_approves_within_budget_and_is_refused_beyond_it(browser_as, world):
    cat = catalogue(world.region_a)
    within = training_on(world.case_a, "midden-rmt-counsellor", cat, cost="1500.00")
    rita = User.objects.get(username="midden-rmt-counsellor")
    beyond = delivery.service_record(actor=rita, case=world.case_a, data={
        "service_type": "coaching", "provider_kind": "own_desk", "planned_start": timezone.localdate(),
        "cost": Decimal("4000.00"), "funding": [{"source": cat["talent"], "amount": Decimal("4000.00")}]})
    lead = browser_as("midden-rmt-lead")
    page = lead.get("/team/approvals/").content.decode()
    assert f'id="approval-{within.uuid}"' in page and f'id="approval-{beyond.uuid}"' in page and "Berg" in page
    assert 'href="/team/approvals/"' in lead.get("/team/").content.decode()

    r = lead.post(f"/team/approvals/{beyond.uuid}", {"version": beyond.version})
    beyond.refresh_from_db()
    assert r.status_code == 409 and beyond.approved_at is None
    assert f"Talentfonds {world.region_a.name}" in r.content.decode() and 'id="approval-error"' in r.content.decode()
    r = lead.post(f"/team/approvals/{within.uuid}", {"version": within.version})
    within.refresh_from_db()
    assert r.status_code == 302 and within.approved_by.username == "midden-rmt-lead"
    assert f'id="approval-{within.uuid}"' not in lead.get("/team/approvals/").content.decode()

    assert browser_as("midden-rmt-counsellor").get("/team/approvals/").status_code == 404
    assert browser_as("midden-rmt-counsellor").post(f"/team/approvals/{beyond.uuid}").status_code == 404
    foreign = training_on(world.case_b, "amersfoort-rmt-counsellor", catalogue(world.region_b))
    assert lead.post(f"/team/approvals/{foreign.uuid}", {"version": foreign.version}).status_code == 404


def test_the_pages_speak_english_on_request(counsellor, world):
    page = counsellor.get(f"/cases/{world.case_a.uuid}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Record a service" in page and "Add a document" in page
    page = counsellor.get(f"/cases/{world.case_a.uuid}/").content.decode()
    assert "Een dienst vastleggen" in page and "Een document toevoegen" in page


# --- query counts --------------------------------------------------------------------------------

PINNED = {"client": 22, "case": 24, "approvals": 10}  # with the worklist panels and the unread count


def _seed_more(world, cat, n):
    add_document(ParentKind.CLIENT, world.client_a, title=f"Cliëntdocument {n}")
    case_doc = add_document(ParentKind.CASE, world.case_a, title=f"Zaakdocument {n}")
    document_services.document_add_version(actor=User.objects.get(username="midden-rmt-counsellor"),
                                           document=case_doc, upload=SimpleUploadedFile("p.png", PNG))
    training_on(world.case_a, "midden-rmt-counsellor", cat, cost="100.00")


def test_the_pages_read_a_pinned_number_of_queries_whatever_the_rows(browser_as, world):
    cat = catalogue(world.region_a)
    urls = {"client": ("midden-rmt-counsellor", f"/clients/{world.client_a.uuid}/"),
            "case": ("midden-rmt-counsellor", f"/cases/{world.case_a.uuid}/"),
            "approvals": ("midden-rmt-lead", "/team/approvals/")}
    rounds = []
    for n in range(2):  # more rows must not mean more queries
        _seed_more(world, cat, n)
        measured = {}
        for name, (username, url) in urls.items():
            c = browser_as(username)
            c.get(url)  # warm: the session, the access profile's first read
            with CaptureQueriesContext(connection) as ctx:
                r = c.get(url)
            assert r.status_code == 200, (name, r.status_code)
            measured[name] = len(ctx.captured_queries)
        rounds.append(measured)
    assert rounds == [PINNED, PINNED], rounds
    assert DocumentVersion.objects.filter(document__case=world.case_a).count() == 4
    assert ProcessingSubject.objects.filter(operation__operation="GET web:approvals").exists()


def test_a_body_over_the_upload_limit_is_a_page_saying_so(counsellor, world, storage, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES, settings.DOCUMENTS_UPLOAD_OVERHEAD_BYTES = 50, 100
    r = upload(counsellor, f"/clients/{world.client_a.uuid}/documents", content=PDF * 20)
    page = r.content.decode()
    assert r.status_code == 413 and r["Content-Type"].startswith("text/html") and not Document.objects.exists()
    assert "Het bestand is te groot" in page and "50" in page and storage() == []


@pytest.mark.parametrize("role", ["counsellor", "team_lead", "manager", "privacy_officer", "functional_admin", "wsp",
                                  "no_role"])
def test_each_new_page_answers_each_role_as_the_matrix_says(browser_as, world, role):
    from tests.web.test_access import USERNAMES

    document = add_document(ParentKind.CASE, world.case_a)
    foreign = add_document(ParentKind.CASE, world.case_b, username="amersfoort-rmt-counsellor")
    pages = {
        "approvals": ("/team/approvals/", {"team_lead"}),
        "download": (f"/documents/{document.uuid}/versions/{document.versions.get().uuid}/content",
                     {"counsellor", "team_lead", "privacy_officer"}),
        "foreign download": (f"/documents/{foreign.uuid}/versions/{foreign.versions.get().uuid}/content", set()),
    }
    c = browser_as(USERNAMES[role])
    wrong = [(name, c.get(url).status_code) for name, (url, allowed) in pages.items()
             if c.get(url).status_code != (200 if role in allowed else 404)]
    assert not wrong


def test_a_referrals_and_a_vacancys_documents_are_shown_with_their_forms(browser_as, counsellor, world):
    """The documents kept with a referral (on the referral page) and with an employer's vacancy (on the
    vacancy page): listed with their download, and the forms to add one, a version, a deletion for who
    may (tests/web/test_documents_more_pages.py)."""
    from tests.employers.seed import make_employer, make_vacancy

    document = add_document(ParentKind.REFERRAL, world.referral_in_a, title="Aanmeldformulier")
    page = counsellor.get(f"/referrals/{world.referral_in_a.uuid}/").content.decode()
    assert "Aanmeldformulier" in page and 'id="upload-document"' in page
    assert f'action="/documents/{document.uuid}/versions"' in page and f'/documents/{document.uuid}/deletion' in page
    vacancy = make_vacancy(make_employer(world.region_a, "11112222", "Zorg BV"))
    add_document(ParentKind.VACANCY, vacancy, username="midden-wsp-counsellor", title="Functieprofiel")
    page = browser_as("midden-wsp-counsellor").get(f"/vacancies/{vacancy.uuid}/").content.decode()
    assert "Functieprofiel" in page and f'action="/vacancies/{vacancy.uuid}/documents"' in page


def test_an_employers_and_a_vacancys_documents_are_logged_when_shown_and_downloaded(browser_as, world):
    """On the web as in the API (documents.access.note_read): an employer's document names no client but
    may hold people's data, so the page that lists it and its download are logged (without a subject);
    someone who may not see it gets a 404 and no row."""
    from tests.employers.seed import make_employer, make_vacancy

    employer = make_employer(world.region_a, "11113333", "Bouw BV")
    vacancy = make_vacancy(employer)
    wsp = browser_as("midden-wsp-counsellor")
    for kind, parent, page in ((ParentKind.EMPLOYER, employer, f"/employers/{employer.uuid}/"),
                               (ParentKind.VACANCY, vacancy, f"/vacancies/{vacancy.uuid}/")):
        document = add_document(kind, parent, username="midden-wsp-counsellor", title="Contactlijst")
        download = f"/documents/{document.uuid}/versions/{document.versions.get().uuid}/content"
        for url, view in ((page, None), (download, "GET web:document-download")):
            before = ProcessingOperation.objects.count()
            response = wsp.get(url)
            assert response.status_code == 200
            op = ProcessingOperation.objects.order_by("-id").first()
            assert ProcessingOperation.objects.count() == before + 1 and op.subject_count == 0
            assert view is None or op.operation == view
        before = ProcessingOperation.objects.count()
        assert browser_as("amersfoort-rmt-counsellor").get(download).status_code == 404
        assert ProcessingOperation.objects.count() == before
