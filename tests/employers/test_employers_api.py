"""Employers and their contact log through the API: register (KvK rules, duplicates), read, change
with If-Match, filters, the WSP-only contact log, and constant query counts."""
import pytest

from employers.models import Employer, EmployerContact
from tests.employers.seed import make_employer
from tests.helpers import count_queries, invalid_names, problem

BODY = {"kvkNumber": "6912 3456", "tradeName": " Zorggroep  De Linde ", "sector": "zorg", "sizeClass": "large",
        "sbbRecognised": True,
        "locations": [{"name": "Locatie Oost", "postcode": "3584cs", "city": "Utrecht"}],
        "contactPersons": [{"name": "Petra de Wit", "role": "HR-adviseur", "email": "p.dewit@DELINDE.nl",
                            "phone": "030 123 4567"}]}


@pytest.mark.django_db
def test_wsp_counsellor_registers_an_employer_normalised(wsp, wsp_a):
    response = wsp.post("/api/v1/employers", BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kvkNumber"] == "69123456" and body["tradeName"] == "Zorggroep De Linde"
    assert body["managingDesk"]["id"] == str(wsp_a.uuid) and body["sbbRecognised"] is True
    assert body["locations"] == [{"name": "Locatie Oost", "postcode": "3584 CS", "city": "Utrecht"}]
    assert body["contactPersons"][0]["email"] == "p.dewit@delinde.nl"
    assert body["contactPersons"][0]["phone"] == "+31301234567"
    assert response["ETag"] == '"1"' and response["Location"].endswith(body["id"])


@pytest.mark.django_db
def test_a_retried_registration_with_its_idempotency_key_registers_one_employer(wsp):
    """A partner's retry after a lost answer: the first answer again, no second employer, no 409."""
    first = wsp.post("/api/v1/employers", BODY, format="json", HTTP_IDEMPOTENCY_KEY="emp-1")
    again = wsp.post("/api/v1/employers", BODY, format="json", HTTP_IDEMPOTENCY_KEY="emp-1")
    assert first.status_code == again.status_code == 201, again.content
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Employer.objects.filter(kvk_number="69123456").count() == 1
    bad = wsp.post("/api/v1/employers", BODY, format="json", HTTP_IDEMPOTENCY_KEY="emp-\u00e9")
    assert problem(bad, 400)


@pytest.mark.django_db
def test_bad_employer_input_names_every_field_and_stores_nothing(wsp):
    before = Employer.objects.count()
    bad = {**BODY, "kvkNumber": "1234567", "tradeName": "  ", "sector": "mining",
           "contactPersons": [{"name": "X", "phone": "12"}], "locations": [{"city": ""}], "colour": "red"}
    body = problem(wsp.post("/api/v1/employers", bad, format="json"), 400)
    assert {"kvkNumber", "tradeName", "sector", "colour"} <= invalid_names(body)
    assert any(n.startswith("contactPersons") for n in invalid_names(body))
    assert any(n.startswith("locations") for n in invalid_names(body))
    assert Employer.objects.count() == before


@pytest.mark.django_db
def test_a_kvk_number_is_registered_once_per_region_but_another_region_may_serve_it(wsp, as_user):
    assert wsp.post("/api/v1/employers", BODY, format="json").status_code == 201
    body = problem(wsp.post("/api/v1/employers", {**BODY, "tradeName": "Other"}, format="json"), 409)
    assert body["code"] == "duplicate_kvk"
    assert Employer.objects.filter(kvk_number="69123456").count() == 1
    amersfoort = as_user("amersfoort-wsp-counsellor")
    assert amersfoort.post("/api/v1/employers", BODY, format="json").status_code == 201


@pytest.mark.django_db
def test_other_desks_read_employers_but_only_the_wsp_changes_them(wsp, api, world):
    employer = make_employer(world.region_a, "11112222", "Bouwbedrijf Jansen", sector="bouw")
    counsellor = api("counsellor")  # RMT
    assert counsellor.get(f"/api/v1/employers/{employer.uuid}").status_code == 200
    problem(counsellor.post("/api/v1/employers", BODY, format="json"), 403)
    problem(counsellor.patch(f"/api/v1/employers/{employer.uuid}", {"sector": "ict"}, format="json",
                             HTTP_IF_MATCH='"1"'), 403)
    problem(counsellor.get(f"/api/v1/employers/{employer.uuid}/contacts"), 403)
    for role in ("manager", "privacy_officer", "partner"):
        problem(api(role).get("/api/v1/employers"), 403)


@pytest.mark.django_db
def test_changing_an_employer_needs_a_fresh_etag(wsp, world):
    employer = make_employer(world.region_a, "11112222", "Bouwbedrijf Jansen", sector="bouw")
    url = f"/api/v1/employers/{employer.uuid}"
    problem(wsp.patch(url, {"sector": "techniek"}, format="json"), 428)
    problem(wsp.patch(url, {"sector": "techniek"}, format="json", HTTP_IF_MATCH='"7"'), 412)
    response = wsp.patch(url, {"sector": "techniek", "sizeClass": "small"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200 and response["ETag"] == '"2"'
    assert response.json()["sector"] == "techniek"
    problem(wsp.patch(url, {"sector": "zorg"}, format="json", HTTP_IF_MATCH='"1"'), 412)
    other = make_employer(world.region_a, "33334444", "Other")
    body = problem(wsp.patch(url, {"kvkNumber": "33334444"}, format="json", HTTP_IF_MATCH='"2"'), 409)
    assert body["code"] == "duplicate_kvk" and other.kvk_number == "33334444"
    employer.refresh_from_db()
    assert employer.kvk_number == "11112222" and employer.version == 2


@pytest.mark.django_db
def test_the_managing_desk_must_be_a_wsp_desk_of_the_region(wsp, world):
    body = problem(wsp.post("/api/v1/employers", {**BODY, "managingDesk": str(world.rmt_a.uuid)}, format="json"), 400)
    assert invalid_names(body) == {"managingDesk"}


@pytest.mark.django_db
def test_wsp_logs_contacts_with_an_employer(wsp, world):
    employer = make_employer(world.region_a, "11112222", "Bouwbedrijf Jansen", sector="bouw")
    url = f"/api/v1/employers/{employer.uuid}/contacts"
    response = wsp.post(url, {"kind": "visit", "summary": "Bedrijfsbezoek, 3 vacatures besproken",
                              "contactPerson": "Kees", "followUpOn": "2099-01-01"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["recordedByDesk"]["kind"] == "wsp"
    body = problem(wsp.post(url, {"kind": "call", "summary": " "}, format="json"), 400)
    assert invalid_names(body) == {"summary"}
    body = problem(wsp.post(url, {"kind": "call", "summary": "Belafspraak", "at": "2099-01-01T10:00:00Z"},
                            format="json"), 400)
    assert invalid_names(body) == {"at"}
    assert EmployerContact.objects.filter(employer=employer).count() == 1
    assert [c["kind"] for c in wsp.get(url).json()["results"]] == ["visit"]


@pytest.mark.django_db
def test_wsp_staff_get_404_for_another_regions_employer(wsp, world):
    employer = make_employer(world.region_b, "55556666", "Amersfoortse Zorg")
    for method, url, data in [("get", f"/api/v1/employers/{employer.uuid}", None),
                              ("patch", f"/api/v1/employers/{employer.uuid}", {"sector": "ict"}),
                              ("get", f"/api/v1/employers/{employer.uuid}/contacts", None),
                              ("post", f"/api/v1/employers/{employer.uuid}/contacts", {"kind": "call", "summary": "x"})]:
        response = getattr(wsp, method)(url, data, format="json", HTTP_IF_MATCH='"1"')
        problem(response, 404)
    assert str(employer.uuid) not in {e["id"] for e in wsp.get("/api/v1/employers?pageSize=100").json()["results"]}


@pytest.mark.django_db
def test_employer_filters(wsp, world):
    make_employer(world.region_a, "11112222", "Bouwbedrijf Jansen", sector="bouw")
    make_employer(world.region_a, "33334444", "Zorggroep Élan", sector="zorg")
    names = lambda q: [e["tradeName"] for e in wsp.get(f"/api/v1/employers?{q}").json()["results"]]  # noqa: E731
    assert names("sector=bouw") == ["Bouwbedrijf Jansen"]
    assert names("name=elan") == ["Zorggroep Élan"]
    assert names("kvkNumber=33334444") == ["Zorggroep Élan"]
    assert names("sbbRecognised=false") == ["Bouwbedrijf Jansen", "Zorggroep Élan"]
    problem(wsp.get("/api/v1/employers?sector="), 400)
    problem(wsp.get("/api/v1/employers?sector=mining"), 400)


@pytest.mark.django_db
def test_employer_list_costs_the_same_whatever_the_page_size(wsp, world):
    make_employer(world.region_a, "11112222", "A")
    first = count_queries(wsp, "/api/v1/employers")
    for index in range(6):
        make_employer(world.region_a, f"2000000{index}", f"B{index}")
    assert count_queries(wsp, "/api/v1/employers") == first
