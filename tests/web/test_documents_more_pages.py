"""Documents on the referral, employer and vacancy pages: uploaded, and a new version added, by exactly
whom the API lets (documents.access: a referral's sides, its receiver only while the consent covers it;
an employer's and a vacancy's WSP staff of the region). Everyone else sees no form, and their POST is
the 404 page (cannot see the record) or a 403 (may read it, not change it) with nothing stored; a bad
file is refused next to the field; the pages read a pinned number of queries."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.services import consent_withdraw
from documents import services as document_services
from documents.choices import ParentKind
from documents.models import Document, DocumentVersion
from rwc import organisation
from rwc.models import DeskRole, User
from tests.employers.seed import make_employer, make_vacancy
from tests.web.test_documents_services import EXE, PDF, PNG, SimpleUploadedFile, add_document, upload

pytestmark = pytest.mark.django_db

WSP = "midden-wsp-counsellor"


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """The documents storage of the test: the encrypted file system under a temporary folder."""
    settings.STORAGES = {**settings.STORAGES, "documents": {
        "BACKEND": "documents.storage.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return lambda: sorted(p for p in tmp_path.rglob("*") if p.is_file())


@pytest.fixture
def records(world):
    a = make_employer(world.region_a, "11112222", "Zorg BV")
    b = make_employer(world.region_b, "33334444", "Bouw BV")
    return {"employer_a": a, "vacancy_a": make_vacancy(a), "employer_b": b, "vacancy_b": make_vacancy(b)}


def pages(world, records):
    """kind: (the page, its upload url, who may upload there, the record)."""
    referral, employer, vacancy = world.referral_in_a, records["employer_a"], records["vacancy_a"]
    return {
        ParentKind.REFERRAL: (f"/referrals/{referral.uuid}/", f"/referrals/{referral.uuid}/documents",
                              "midden-rmt-counsellor", referral),
        ParentKind.EMPLOYER: (f"/employers/{employer.uuid}/", f"/employers/{employer.uuid}/documents", WSP, employer),
        ParentKind.VACANCY: (f"/vacancies/{vacancy.uuid}/", f"/vacancies/{vacancy.uuid}/documents", WSP, vacancy),
    }


def counts():
    return Document.objects.count(), DocumentVersion.objects.count()


@pytest.mark.parametrize("kind", [ParentKind.REFERRAL, ParentKind.EMPLOYER, ParentKind.VACANCY])
def test_who_may_uploads_a_document_and_a_new_version_and_sees_them_on_the_page(browser_as, world, records, storage,
                                                                                 kind):
    page, upload_url, username, parent = pages(world, records)[kind]
    browser = browser_as(username)
    before = browser.get(page).content.decode()
    assert 'id="upload-document"' in before and f'action="{upload_url}"' in before

    r = upload(browser, upload_url, name="Afspraken.pdf", **{"document-title": "Afsprakenformulier",
                                                              "document-kind": "other"})
    assert r.status_code == 302 and r["Location"] == f"{page}#documents"
    document = Document.objects.get(parent_kind=kind, title="Afsprakenformulier")
    assert getattr(document, f"{kind}_id") == parent.pk and len(storage()) == 1
    shown = browser.get(page).content.decode()
    version = document.versions.get()
    assert "Afsprakenformulier" in shown and f"/documents/{document.uuid}/versions/{version.uuid}/content" in shown

    r = browser.post(f"/documents/{document.uuid}/versions", {"version-file": SimpleUploadedFile("scan.png", PNG)})
    assert r.status_code == 302 and r["Location"] == f"{page}#documents"
    document.refresh_from_db()
    assert document.version_count == 2 and len(storage()) == 2
    assert "Eerdere versies" in browser.get(page).content.decode()


@pytest.mark.parametrize("kind", [ParentKind.REFERRAL, ParentKind.EMPLOYER, ParentKind.VACANCY])
def test_a_bad_file_is_refused_next_to_the_field_and_nothing_stored(browser_as, world, records, storage, settings,
                                                                    kind):
    page, upload_url, username, parent = pages(world, records)[kind]
    browser = browser_as(username)
    before = counts()
    r = upload(browser, upload_url, content=EXE, name="cv.pdf")
    assert r.status_code == 400 and counts() == before and storage() == []
    assert "De inhoud van het bestand is geen toegestaan type" in r.content.decode()
    assert 'value="CV Anna"' in r.content.decode()  # the input kept
    english = browser_as(username)
    english.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    r = upload(english, upload_url, content=EXE, name="cv.pdf")
    assert r.status_code == 400 and "content is not an allowed type" in r.content.decode()
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 50
    r = upload(browser, upload_url)
    assert r.status_code == 413 and "Het bestand is groter dan 50 bytes." in r.content.decode()
    assert counts() == before and storage() == []
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    document = add_document(kind, parent, username=username)
    r = browser.post(f"/documents/{document.uuid}/versions", {"version-file": SimpleUploadedFile("x.pdf", EXE)})
    assert r.status_code == 400 and "De inhoud van het bestand is geen toegestaan type" in r.content.decode()
    document.refresh_from_db()
    assert document.version_count == 1 and len(storage()) == 1


def _refused(browser, url, status, storage, *, version_of=None):
    before, files = counts(), storage()
    assert upload(browser, url).status_code == status, url
    if version_of is not None:
        r = browser.post(f"/documents/{version_of.uuid}/versions", {"version-file": SimpleUploadedFile("v.pdf", PDF)})
        assert r.status_code == status, ("version", url)
    assert counts() == before and storage() == files


def test_other_roles_and_foreign_records_get_no_form_and_their_posts_are_refused(browser_as, world, records, storage):
    referral_doc = add_document(ParentKind.REFERRAL, world.referral_in_a)
    employer_doc = add_document(ParentKind.EMPLOYER, records["employer_a"], username=WSP)
    vacancy_doc = add_document(ParentKind.VACANCY, records["vacancy_a"], username=WSP)
    own = pages(world, records)
    referral_url, employer_url, vacancy_url = (own[k][1] for k in (ParentKind.REFERRAL, ParentKind.EMPLOYER,
                                                                   ParentKind.VACANCY))
    # the pages of another role, or records the person may not see: the 404 page
    for username in ("midden-privacy-officer", "midden-manager", "no-role"):
        browser = browser_as(username)
        _refused(browser, referral_url, 404, storage, version_of=referral_doc)
        _refused(browser, employer_url, 404, storage, version_of=employer_doc)
        _refused(browser, vacancy_url, 404, storage, version_of=vacancy_doc)
    rmt = browser_as("midden-rmt-counsellor")  # reads the region's employers' documents (API), not the WSP's pages
    _refused(rmt, employer_url, 404, storage, version_of=employer_doc)
    _refused(rmt, vacancy_url, 404, storage, version_of=vacancy_doc)
    wsp = browser_as(WSP)  # not a side of the referral
    _refused(wsp, referral_url, 404, storage, version_of=referral_doc)
    _refused(wsp, f"/employers/{records['employer_b'].uuid}/documents", 404, storage)
    _refused(wsp, f"/vacancies/{records['vacancy_b'].uuid}/documents", 404, storage)
    _refused(rmt, f"/referrals/{world.referral_b.uuid}/documents", 404, storage)
    # the sender of another referral adds to it; the receiver (UWV) is a partner system, not a page
    lwl = browser_as("midden-lwl-counsellor")
    assert upload(lwl, f"/referrals/{world.referral_lwl_a.uuid}/documents").status_code == 302
    _refused(lwl, referral_url, 404, storage)


def test_a_wsp_reading_another_regions_employer_may_not_add_to_it(browser_as, world, records, storage):
    """Staff of a WSP elsewhere who also work at a desk of this region read its employers (and their
    documents) but do not work on them: no form, and a POST is a 403 with nothing stored."""
    from rwc.models import Desk, DeskKind

    user = User.objects.get(username="amersfoort-wsp-counsellor")
    organisation.membership_add(user=user, desk=Desk.objects.get(region=world.region_a, kind=DeskKind.RMT),
                                role=DeskRole.COUNSELLOR)
    document = add_document(ParentKind.VACANCY, records["vacancy_a"], username=WSP, title="Functieprofiel")
    browser = browser_as("amersfoort-wsp-counsellor")
    page = browser.get(f"/vacancies/{records['vacancy_a'].uuid}/").content.decode()
    assert "Functieprofiel" in page and 'id="upload-document"' not in page
    assert 'id="upload-document"' not in browser.get(f"/employers/{records['employer_a'].uuid}/").content.decode()
    _refused(browser, f"/employers/{records['employer_a'].uuid}/documents", 403, storage)
    _refused(browser, f"/vacancies/{records['vacancy_a'].uuid}/documents", 403, storage, version_of=document)
    r = upload(browser, f"/vacancies/{records['vacancy_a'].uuid}/documents")
    assert "U mag de documenten van dit dossier lezen, maar niet toevoegen of wijzigen." in r.content.decode()


def test_the_receiver_without_the_consent_neither_sees_nor_adds_the_referrals_documents(browser_as, world, storage):
    """The receiving desk reads and adds a referral's documents only while its consent is in force and
    names the desk (documents.access); after the withdrawal the page shows the referral, not them."""
    referral = world.referral_in_a
    add_document(ParentKind.REFERRAL, referral, title="Aanmeldformulier")
    document = add_document(ParentKind.REFERRAL, referral, title="Tweede formulier")
    rmt = browser_as("midden-rmt-counsellor")
    assert "Aanmeldformulier" in rmt.get(f"/referrals/{referral.uuid}/").content.decode()
    consent_withdraw(actor=User.objects.get(username="midden-rmt-counsellor"), consent=referral.consent,
                     reason="Ingetrokken")
    r = rmt.get(f"/referrals/{referral.uuid}/")
    page = r.content.decode()
    assert r.status_code == 200 and "Aanmeldformulier" not in page and 'id="upload-document"' not in page
    before, files = counts(), storage()
    r = upload(rmt, f"/referrals/{referral.uuid}/documents")
    assert r.status_code == 403 and counts() == before and storage() == files
    assert "De documenten van dit dossier worden niet met u gedeeld" in r.content.decode()
    assert "Aanmeldformulier" not in r.content.decode()
    r = rmt.post(f"/documents/{document.uuid}/versions", {"version-file": SimpleUploadedFile("v.pdf", PDF)})
    assert r.status_code == 404 and counts() == before and storage() == files


def test_the_wsp_deletes_a_vacancys_document_with_a_reason(browser_as, world, records):
    document = add_document(ParentKind.VACANCY, records["vacancy_a"], username=WSP, title="Functieprofiel")
    wsp = browser_as(WSP)
    r = wsp.post(f"/documents/{document.uuid}/deletion", {"deletion-reason": "Verouderd"})
    document.refresh_from_db()
    assert r.status_code == 302 and r["Location"] == f"/vacancies/{records['vacancy_a'].uuid}/#documents"
    assert document.deleted_at is not None
    assert "Functieprofiel" not in wsp.get(f"/vacancies/{records['vacancy_a'].uuid}/").content.decode()


PINNED = {"referral": 10, "employer": 14, "vacancy": 12}  # with the documents and their versions


def test_the_pages_read_a_pinned_number_of_queries_whatever_the_documents(browser_as, world, records):
    own = pages(world, records)
    urls = {"referral": own[ParentKind.REFERRAL], "employer": own[ParentKind.EMPLOYER],
            "vacancy": own[ParentKind.VACANCY]}
    rounds = []
    for n in range(2):  # more documents, more versions: not more queries
        measured = {}
        for name, (url, _upload, username, parent) in urls.items():
            kind = {"referral": ParentKind.REFERRAL, "employer": ParentKind.EMPLOYER,
                    "vacancy": ParentKind.VACANCY}[name]
            document = add_document(kind, parent, username=username, title=f"Document {n}")
            document_services.document_add_version(actor=User.objects.get(username=username), document=document,
                                          upload=SimpleUploadedFile("p.png", PNG))
            browser = browser_as(username)
            browser.get(url)  # warm: the session, the access profile's first read
            with CaptureQueriesContext(connection) as ctx:
                r = browser.get(url)
            assert r.status_code == 200 and 'id="upload-document"' in r.content.decode()
            measured[name] = len(ctx.captured_queries)
        rounds.append(measured)
    assert rounds == [PINNED, PINNED], rounds


@pytest.mark.parametrize("role", ["counsellor", "team_lead", "manager", "privacy_officer", "functional_admin", "wsp",
                                  "no_role"])
def test_each_upload_route_answers_each_role_as_the_matrix_says(browser_as, world, records, storage, role):
    """The routes beside the pages' matrix (tests/web/test_access.py): a POST of a good file gets the
    redirect back to the page (stored) for the roles listed, the 404 page for every other role, and for
    everyone on another region's records, with nothing stored."""
    from tests.web.test_access import USERNAMES

    routes = {
        "referral in": (f"/referrals/{world.referral_in_a.uuid}/documents", {"counsellor", "team_lead"}),
        "employer": (f"/employers/{records['employer_a'].uuid}/documents", {"wsp"}),
        "vacancy": (f"/vacancies/{records['vacancy_a'].uuid}/documents", {"wsp"}),
        "foreign referral": (f"/referrals/{world.referral_b.uuid}/documents", set()),
        "foreign employer": (f"/employers/{records['employer_b'].uuid}/documents", set()),
        "foreign vacancy": (f"/vacancies/{records['vacancy_b'].uuid}/documents", set()),
    }
    browser = browser_as(USERNAMES[role])
    wrong = []
    for name, (url, allowed) in routes.items():
        before = counts()
        status = upload(browser, url).status_code
        expected = 302 if role in allowed else 404
        stored = counts()[0] - before[0]
        if status != expected or stored != (1 if expected == 302 else 0):
            wrong.append((name, status, expected, stored))
    assert not wrong
    assert len(storage()) == Document.objects.count()


def test_the_case_pages_title_is_only_its_title(browser_as, world):
    """The documents panel is rendered once, in the page, not in the <title> too."""
    page = browser_as("midden-rmt-counsellor").get(f"/cases/{world.case_a.uuid}/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Berg" in title and "upload" not in title.lower() and page.count('id="upload-document"') == 1
