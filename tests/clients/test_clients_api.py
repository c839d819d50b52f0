"""Clients through the API: registration with normalisation, every bad input named and nothing
stored, duplicates, the BSN end to end, If-Match, consent, timeline, access reasons, query counts."""
import logging

import pytest
from django.db import connection

from clients.models import Client, ClientDeskGrant, Consent
from clients.services import client_grant_to_desk
from rwc.models import Desk, DeskKind, User
from tests.helpers import count_queries, invalid_names, problem

VALID = {
    "givenNames": "  Maria  José ", "namePrefix": "de", "surname": "Groot", "birthDate": "1985-03-02",
    "postcode": "3511ab", "houseNumber": 12, "phone": "06 1234 5678", "email": "Maria@Example.NL",
    "city": "Utrecht", "educationLevel": "mbo_3", "targetGroups": ["limited_dutch", "status_holder"],
    "benefit": "ww", "preferredLanguage": "pt", "hasStartkwalificatie": True,
}
GOOD_BSN = "111222333"  # passes the eleven-test
OTHER_GOOD_BSN = "123456782"


@pytest.fixture
def youth(world):
    """The youth desk of region A has a legal basis for the BSN; its counsellor acts for it."""
    return Desk.objects.get(region=world.region_a, kind=DeskKind.YOUTH)


# --- registering ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_normalises_and_answers_with_location_and_etag(api):
    response = api("counsellor").post("/api/v1/clients", VALID, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"].endswith(f"/api/v1/clients/{body['id']}")
    assert response["ETag"] == '"1"'
    assert body["givenNames"] == "Maria José" and body["fullName"] == "Maria José de Groot"
    assert body["postcode"] == "3511 AB" and body["phone"] == "+31612345678" and body["email"] == "Maria@example.nl"
    assert body["targetGroups"] == ["limited_dutch", "status_holder"]
    assert body["registeredByDesk"]["kind"] == "rmt" and body["bsn"] is None
    timeline = api("counsellor").get(f"/api/v1/clients/{body['id']}/timeline").json()["results"]
    assert [e["kind"] for e in timeline] == ["client_registered"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value,code",
    [
        ("bsn", "111222334", "invalid_bsn"),
        ("birthDate", "2999-01-01", "in_future"),
        ("birthDate", "1850-01-01", "implausible"),
        ("birthDate", "31-12-1990", "invalid"),
        ("postcode", "1234AB5", "invalid_postcode"),
        ("postcode", "0123 AB", "invalid_postcode"),
        ("educationLevel", "phd", "invalid_choice"),
        ("gender", "x", "invalid_choice"),
        ("phone", "12", "invalid_phone"),
        ("email", "maria@", "invalid_email"),
        ("preferredLanguage", "xx", "invalid_language"),
        ("targetGroups", ["alien"], "invalid_choice"),
        ("houseNumber", 0, "min_value"),
        ("surname", "   ", "blank"),
        ("favouriteColour", "blue", "unknown_field"),
    ],
)
def test_each_bad_value_is_a_400_naming_the_field_and_nothing_is_stored(api, field, value, code):
    before = Client.objects.count()
    body = problem(api("youth_counsellor" if field == "bsn" else "counsellor").post(
        "/api/v1/clients", {**VALID, field: value}, format="json"), 400)
    names = {p["name"].split("[")[0] for p in body["invalidParams"]}
    assert names == {field}, body
    assert any(p["code"] == code for p in body["invalidParams"]), body
    assert Client.objects.count() == before


@pytest.mark.django_db
def test_all_bad_fields_are_named_at_once(api):
    bad = {**VALID, "postcode": "1234AB5", "birthDate": "2999-01-01", "phone": "12", "educationLevel": "phd"}
    body = problem(api("counsellor").post("/api/v1/clients", bad, format="json"), 400)
    assert invalid_names(body) == {"postcode", "birthDate", "phone", "educationLevel"}


@pytest.mark.django_db
def test_a_bad_bsn_is_never_echoed_nor_logged(api, caplog):
    caplog.set_level(logging.DEBUG)
    response = api("youth_counsellor").post("/api/v1/clients", {**VALID, "bsn": "111222334"}, format="json")
    assert response.status_code == 400
    assert "111222334" not in response.content.decode()
    assert "111222334" not in caplog.text


# --- the BSN -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_desk_without_legal_basis_may_not_send_a_bsn(api):
    before = Client.objects.count()
    body = problem(api("counsellor").post("/api/v1/clients", {**VALID, "bsn": GOOD_BSN}, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "bsn" and body["invalidParams"][0]["code"] == "no_legal_basis"
    assert Client.objects.count() == before


@pytest.mark.django_db
def test_bsn_is_encrypted_at_rest_full_for_the_legal_basis_masked_for_others_and_never_in_lists(api, world):
    created = api("youth_counsellor").post("/api/v1/clients", {**VALID, "bsn": "1112.22.333"}, format="json")
    assert created.status_code == 201, created.content
    client_id = created.json()["id"]
    assert created.json()["bsn"] == GOOD_BSN and created.json()["bsnMasked"] is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(c)::text FROM clients_client c WHERE uuid = %s", [client_id])
        assert GOOD_BSN not in cursor.fetchone()[0], "the BSN must not be stored in clear"
    officer = api("privacy_officer").get(f"/api/v1/clients/{client_id}").json()
    assert officer["bsn"] == "******333" and officer["bsnMasked"] is True
    listed = api("youth_counsellor").get("/api/v1/clients", {"pageSize": 100}).content.decode()
    assert GOOD_BSN not in listed and "bsn" not in listed.lower()


@pytest.mark.django_db
def test_bsn_search_is_a_post_for_the_legal_basis_only(api):
    client_id = api("youth_counsellor").post("/api/v1/clients", {**VALID, "bsn": GOOD_BSN}, format="json").json()["id"]
    found = api("youth_counsellor").post("/api/v1/clients/_search", {"bsn": GOOD_BSN}, format="json")
    assert found.status_code == 200 and [c["id"] for c in found.json()["results"]] == [client_id]
    assert api("youth_counsellor").post("/api/v1/clients/_search", {"bsn": OTHER_GOOD_BSN}, format="json").json()[
        "results"] == []
    problem(api("counsellor").post("/api/v1/clients/_search", {"bsn": GOOD_BSN}, format="json"), 403)
    problem(api("youth_counsellor").post("/api/v1/clients/_search", {"bsn": "123"}, format="json"), 400)


# --- duplicates ----------------------------------------------------------------------------------


def _like_anna(**extra):
    return {"givenNames": "Anna", "namePrefix": "van den", "surname": "Berg", "birthDate": "1990-05-17", **extra}


@pytest.mark.django_db
def test_probable_duplicate_is_409_with_the_visible_candidate(api, world):
    before = Client.objects.count()
    body = problem(api("counsellor").post("/api/v1/clients", _like_anna(), format="json"), 409)
    assert body["candidates"] == [{
        "match": "probable", "visible": True,
        "desk": {"id": str(world.rmt_a.uuid), "name": world.rmt_a.name, "kind": "rmt"},
        "client": body["candidates"][0]["client"],
    }]
    assert body["candidates"][0]["client"]["id"] == str(world.client_a.uuid)
    assert Client.objects.count() == before


@pytest.mark.django_db
def test_a_candidate_the_caller_may_not_see_shows_only_the_holding_desk(api, world):
    body = problem(api("lwl_counsellor").post("/api/v1/clients", _like_anna(), format="json"), 409)
    [candidate] = body["candidates"]
    assert candidate == {"match": "probable", "visible": False,
                         "desk": {"id": str(world.rmt_a.uuid), "name": world.rmt_a.name, "kind": "rmt"},
                         "client": None}
    assert "Anna" not in str(body) and "1990" not in str(body)


@pytest.mark.django_db
def test_the_same_person_in_another_region_is_not_a_duplicate(api):
    response = api("counsellor").post(
        "/api/v1/clients", {"givenNames": "Bram", "namePrefix": "de", "surname": "Vries", "birthDate": "1990-05-17"},
        format="json",
    )
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_override_needs_a_reason_and_is_recorded(api):
    body = problem(api("counsellor").post("/api/v1/clients", _like_anna(overrideDuplicates=True), format="json"), 400)
    assert invalid_names(body) == {"overrideReason"}
    response = api("counsellor").post(
        "/api/v1/clients", _like_anna(overrideDuplicates=True, overrideReason="Other person: twin sister"), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["duplicateOverrideReason"] == "Other person: twin sister"
    kinds = [e["kind"] for e in api("counsellor").get(f"/api/v1/clients/{response.json()['id']}/timeline").json()["results"]]
    assert kinds == ["client_registered", "duplicate_override"]


@pytest.mark.django_db
def test_a_bsn_match_is_certain_and_cannot_be_overridden(api):
    first = api("youth_counsellor").post("/api/v1/clients", {**VALID, "bsn": GOOD_BSN}, format="json")
    assert first.status_code == 201
    again = {"givenNames": "Someone", "surname": "Else", "birthDate": "1970-01-01", "bsn": GOOD_BSN,
             "overrideDuplicates": True, "overrideReason": "I am sure"}
    body = problem(api("youth_counsellor").post("/api/v1/clients", again, format="json"), 409)
    assert [c["match"] for c in body["candidates"]] == ["certain"]
    assert GOOD_BSN not in str(body)


# --- reading and changing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_update_needs_the_current_etag(api, world):
    url = f"/api/v1/clients/{world.client_a.uuid}"
    client = api("counsellor")
    etag = client.get(url)["ETag"]
    problem(client.patch(url, {"city": "Zeist"}, format="json"), 428)
    response = client.patch(url, {"city": "Zeist", "postcode": "3701aa"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response.json()["city"] == "Zeist" and response.json()["postcode"] == "3701 AA"
    assert response["ETag"] != etag
    body = problem(client.patch(url, {"city": "Houten"}, format="json", HTTP_IF_MATCH=etag), 412)
    assert body["status"] == 412
    world.client_a.refresh_from_db()
    assert world.client_a.city == "Zeist"
    events = client.get(url + "/timeline").json()["results"]
    assert events[-1]["kind"] == "client_updated" and "city" in events[-1]["summary"]
    assert "Zeist" not in events[-1]["summary"], "the timeline names fields, not values"


@pytest.mark.django_db
def test_bad_update_changes_nothing(api, world):
    url = f"/api/v1/clients/{world.client_a.uuid}"
    etag = api("counsellor").get(url)["ETag"]
    body = problem(api("counsellor").patch(url, {"city": "Zeist", "postcode": "1234AB5"}, format="json",
                                            HTTP_IF_MATCH=etag), 400)
    assert invalid_names(body) == {"postcode"}
    world.client_a.refresh_from_db()
    assert world.client_a.city == "Utrecht" and world.client_a.version == 1


@pytest.mark.django_db
def test_privacy_officer_reads_but_may_not_change(api, world):
    url = f"/api/v1/clients/{world.client_a.uuid}"
    assert api("privacy_officer").get(url).status_code == 200
    problem(api("privacy_officer").patch(url, {"city": "X"}, format="json", HTTP_IF_MATCH='"1"'), 403)


@pytest.mark.django_db
@pytest.mark.parametrize("query,expected", [
    ("name=anna", {"Berg"}), ("name=ANNA%20BERG", {"Berg"}), ("name=b%C3%A9rg", {"Berg"}), ("name=zzz", set()),
    ("postcode=3511ab", {"Berg"}), ("educationLevel=mbo_2", {"Berg"}), ("educationLevel=hbo", set()),
    ("birthDate=1990-05-17", {"Berg"}),
])
def test_filters_are_tolerant_of_case_and_accents(api, query, expected):
    results = api("counsellor").get(f"/api/v1/clients?{query}").json()["results"]
    assert {c["surname"] for c in results} == expected


@pytest.mark.django_db
def test_target_group_and_desk_filters(api, world):
    api("counsellor").post("/api/v1/clients", VALID, format="json")
    results = api("counsellor").get("/api/v1/clients?targetGroup=status_holder").json()["results"]
    assert [c["surname"] for c in results] == ["Groot"]
    results = api("privacy_officer").get(f"/api/v1/clients?desk={world.lwl_a.uuid}").json()["results"]
    assert [c["surname"] for c in results] == ["Jansen"]


@pytest.mark.django_db
@pytest.mark.parametrize("query,bad", [("postcode=1234AB5", "postcode"), ("targetGroup=alien", "targetGroup"),
                                       ("birthDate=yesterday", "birthDate"), ("name=", "name")])
def test_bad_filters_are_named(api, query, bad):
    assert invalid_names(problem(api("counsellor").get(f"/api/v1/clients?{query}"), 400)) == {bad}


# --- consent -------------------------------------------------------------------------------------


def _consent_body(world, **extra):
    return {"purpose": "Referral to the LWL", "legalBasis": "consent", "evidence": "signed",
            "dataCategories": ["identity", "education"], "desks": [str(world.lwl_a.uuid)], **extra}


@pytest.mark.django_db
def test_record_consent(api, world):
    url = f"/api/v1/clients/{world.client_a.uuid}/consents"
    response = api("counsellor").post(url, _consent_body(world, validUntil="2030-01-01"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["inForce"] is True and body["desks"][0]["id"] == str(world.lwl_a.uuid)
    assert body["recordedByDesk"]["id"] == str(world.rmt_a.uuid)
    assert api("counsellor").get(response["Location"]).json()["id"] == body["id"]


@pytest.mark.django_db
@pytest.mark.parametrize("extra,bad", [
    ({"validUntil": "2000-01-01", "givenAt": "2020-01-01T10:00:00+01:00"}, "validUntil"),
    ({"givenAt": "2999-01-01T10:00:00Z"}, "givenAt"),
    ({"legalBasis": "because"}, "legalBasis"),
    ({"evidence": ""}, "evidence"),
    ({"dataCategories": []}, "dataCategories"),
    ({"dataCategories": ["shoe_size"]}, "dataCategories"),
    ({"desks": [], "partnerOrganisations": []}, "desks"),
    ({"purpose": "  "}, "purpose"),
    ({"colour": "red"}, "colour"),
])
def test_bad_consent_is_400_and_nothing_is_stored(api, world, extra, bad):
    before = Consent.objects.count()
    body = problem(api("counsellor").post(f"/api/v1/clients/{world.client_a.uuid}/consents",
                                           _consent_body(world, **extra), format="json"), 400)
    assert {n.split("[")[0] for n in invalid_names(body)} == {bad}
    assert Consent.objects.count() == before


@pytest.mark.django_db
def test_consent_may_not_name_a_desk_of_another_region(api, world):
    body = problem(api("counsellor").post(f"/api/v1/clients/{world.client_a.uuid}/consents",
                                           _consent_body(world, desks=[str(world.rmt_b.uuid)]), format="json"), 400)
    assert {n.split("[")[0] for n in invalid_names(body)} == {"desks"}


@pytest.mark.django_db
def test_withdrawing_consent_ends_the_access_that_rested_on_it_at_once(api, world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    client_grant_to_desk(actor=counsellor, client=world.client_a, desk=world.lwl_a, reason="joint trajectory",
                         consent=world.consent_a)
    url = f"/api/v1/clients/{world.client_a.uuid}"
    assert api("lwl_counsellor").get(url).status_code == 200
    access = api("counsellor").get(url + "/access").json()["reasons"]
    assert [(r["kind"], r["desk"]["id"] if r["desk"] else None, r["active"]) for r in access] == [
        ("registered", str(world.rmt_a.uuid), True), ("case", str(world.rmt_a.uuid), True),
        ("grant", str(world.lwl_a.uuid), True),
        ("privacy_officer", None, True),
    ]
    response = api("counsellor").post(f"{url}/consents/{world.consent_a.uuid}/withdrawal", {"reason": "client asked"},
                                      format="json")
    assert response.status_code == 200, response.content
    assert response.json()["inForce"] is False and response.json()["withdrawalReason"] == "client asked"
    problem(api("lwl_counsellor").get(url), 404)
    assert ClientDeskGrant.objects.get(content_object=world.client_a).revoked_at is not None
    grant = [r for r in api("counsellor").get(url + "/access").json()["reasons"] if r["kind"] == "grant"][0]
    assert grant["active"] is False and grant["revokedAt"]
    problem(api("counsellor").post(f"{url}/consents/{world.consent_a.uuid}/withdrawal", {}, format="json"), 409)


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_query_count_does_not_depend_on_page_size(api):
    client = api("counsellor")
    for n in range(12):
        client.post("/api/v1/clients", {**VALID, "givenNames": f"Person {chr(65 + n)}", "surname": f"Test{chr(65 + n)}",
                                        "targetGroups": ["limited_dutch"]}, format="json")
    count_queries(client, "/api/v1/clients?pageSize=1")
    small = count_queries(client, "/api/v1/clients?pageSize=2")
    large = count_queries(client, "/api/v1/clients?pageSize=12")
    assert small == large, (small, large)
    assert large <= 10  # 8, and 2 for the processing log (the operation and its clients)


@pytest.mark.django_db
def test_timeline_and_consents_query_counts_are_constant(api, world):
    client = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    count_queries(client, url + "/consents")
    one = count_queries(client, url + "/consents")
    client.post(url + "/consents", _consent_body(world), format="json")
    client.post(url + "/consents", _consent_body(world), format="json")
    assert count_queries(client, url + "/consents") == one
    first = count_queries(client, url + "/timeline")
    client.post(url + "/consents", _consent_body(world), format="json")
    assert count_queries(client, url + "/timeline") == first
