"""Dutch for people by default, English on request (issue 18): problem titles and details follow
Accept-Language, the answer says which language it is in, and codes and field names stay as they are.

The other tests ask for English (tests/conftest.py); these ask for nl, for en, and for nothing.
"""
import uuid

import pytest
from django.core.cache import cache
from django.test.client import RequestFactory
from django.utils import translation
from rest_framework.test import APIClient

from cases.models import Case
from clients.models import Client
from clients.rules import clean_target_groups
from rwc.errors import RuleViolation
from tests.conftest import ENGLISH_BY_DEFAULT
from tests.helpers import problem

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _languages_told(response, language):
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_400_invalid_fields_in_dutch_and_in_english(api):
    counsellor = api("counsellor")
    for headers, title, detail, required in [
        (NL, "Ongeldig verzoek", "Het verzoek bevat ongeldige velden; zie invalidParams.", "Dit veld is vereist."),
        (EN, "Bad Request", "The request has invalid fields; see invalidParams.", "This field is required."),
    ]:
        response = counsellor.post("/api/v1/clients", {"givenNames": "Sara"}, format="json", **headers)
        body = problem(response, 400)
        assert (body["title"], body["detail"]) == (title, detail)
        reasons = {p["name"]: p for p in body["invalidParams"]}
        assert reasons["surname"] == {"name": "surname", "code": "required", "reason": required}  # name, code: English
        _languages_told(response, headers["HTTP_ACCEPT_LANGUAGE"])


@pytest.mark.django_db
def test_a_domain_rule_reason_in_dutch_and_in_english(api, world):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}/transitions"
    data = {"fromPosition": "unemployed_with_benefit", "toPosition": "employed", "date": "2999-01-01",
            "source": "counsellor"}
    nl = problem(counsellor.post(url, data, format="json", **NL), 400)
    en = problem(counsellor.post(url, data, format="json", **EN), 400)
    assert {"name": "date", "code": "in_future", "reason": "Een overgang kan niet in de toekomst liggen."} \
        in nl["invalidParams"]
    assert {"name": "date", "code": "in_future", "reason": "A transition cannot lie in the future."} \
        in en["invalidParams"]


@pytest.mark.django_db
def test_invalid_choice_lists_the_allowed_values_in_both_languages(api, world):
    counsellor = api("counsellor")
    for headers, start in [(NL, '"bored" is geen geldige keuze; kies uit: '),
                           (EN, '"bored" is not a valid choice; use one of: ')]:
        body = problem(counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/status-changes",
                                       {"status": "closed", "closingReason": "bored"}, format="json", **headers), 400)
        reason = {p["name"]: p for p in body["invalidParams"]}["closingReason"]
        assert reason["code"] == "invalid_choice"
        assert reason["reason"].startswith(start)
        assert "work, education, moved_away" in reason["reason"] and "other" in reason["reason"]
    # a domain rule's invalid_choice lists them too
    for language, start in [("nl", "Onbekende doelgroepen: alien; kies uit: "),
                            ("en", "Unknown target groups: alien; use any of: ")]:
        with translation.override(language), pytest.raises(RuleViolation) as refused:
            clean_target_groups(["alien"])
        assert refused.value.code == "invalid_choice"
        assert str(refused.value.detail).startswith(start) and "status_holder, doelgroepregister" in str(
            refused.value.detail)
    # and a query filter's (django-filter)
    for headers, start in [(NL, '"kantine" is geen geldige keuze; kies uit: '),
                           (EN, '"kantine" is not a valid choice; use one of: ')]:
        body = problem(counsellor.get("/api/v1/desks?kind=kantine", **headers), 400)
        assert body["invalidParams"] == [{"name": "kind", "code": "invalid_choice",
                                          "reason": start + "leerwerkloket, rmt, wsp, youth."}]
    # a `%` in the caller's value is text, not a format directive (django-filter formats once more: was a 500)
    for value in ("%25", "%25s", "%25(value)s", "%C2%9B%25"):
        body = problem(counsellor.get(f"/api/v1/desks?kind={value}", **EN), 400)
        assert [p["code"] for p in body["invalidParams"]] == ["invalid_choice"]
    body = problem(counsellor.get("/api/v1/desks?kind=50%25", **EN), 400)
    assert body["invalidParams"][0]["reason"].startswith('"50%" is not a valid choice')


@pytest.mark.django_db
def test_404_in_dutch_and_in_english(api):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{uuid.uuid4()}"
    nl, en = problem(counsellor.get(url, **NL), 404), problem(counsellor.get(url, **EN), 404)
    assert (nl["title"], nl["detail"]) == ("Niet gevonden", "Dit bestaat niet, of u mag het niet inzien.")
    assert (en["title"], en["detail"]) == ("Not Found", "The resource does not exist, or you may not see it.")
    # a path no route knows (Django's handler, not DRF's)
    response = counsellor.get("/api/v1/no-such-thing", **NL)
    assert problem(response, 404)["title"] == "Niet gevonden"
    _languages_told(response, "nl")


@pytest.mark.django_db
def test_409_illegal_move_in_dutch_and_in_english(api, world):
    counsellor = api("counsellor")
    url = f"/api/v1/cases/{world.case_a.uuid}/status-changes"
    nl = problem(counsellor.post(url, {"status": "paused"}, format="json", **NL), 409)
    en = problem(counsellor.post(url, {"status": "paused"}, format="json", **EN), 409)
    assert nl["title"] == "Conflict" and en["title"] == "Conflict"  # the same word in both
    assert nl["detail"].startswith("Een traject met status registered kan niet naar paused; toegestaan: ")
    assert en["detail"].startswith("A registered case cannot become paused; allowed: ")
    assert nl["code"] == en["code"] == "illegal_move"
    assert Case.objects.get(pk=world.case_a.pk).status == "registered"


@pytest.mark.django_db
def test_412_stale_if_match_in_dutch_and_in_english(api, world):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    stale = f'"{world.client_a.version + 5}"'
    nl = problem(counsellor.patch(url, {"city": "Zeist"}, format="json", HTTP_IF_MATCH=stale, **NL), 412)
    en = problem(counsellor.patch(url, {"city": "Zeist"}, format="json", HTTP_IF_MATCH=stale, **EN), 412)
    assert nl["title"] == "Voorwaarde niet vervuld" and en["title"] == "Precondition Failed"
    assert nl["detail"].startswith("If-Match bevat niet de huidige ETag van de cliënt")
    assert en["detail"].startswith("If-Match does not hold the current ETag of the client")
    assert Client.objects.get(pk=world.client_a.pk).city != "Zeist"


@pytest.mark.django_db
def test_413_before_authentication_in_dutch_and_in_english():
    huge = b'{"surname": "' + b"x" * 3_000_000 + b'"}'
    for headers, title, detail in [(NL, "Verzoek te groot", "De inhoud van het verzoek is groter dan "),
                                   (EN, "Request Entity Too Large", "The request body is larger than ")]:
        response = APIClient().generic("POST", "/api/v1/clients", huge, content_type="application/json", **headers)
        body = problem(response, 413)
        assert body["title"] == title and body["detail"].startswith(detail)
        _languages_told(response, headers["HTTP_ACCEPT_LANGUAGE"])


@pytest.mark.django_db
def test_429_in_dutch_and_in_english(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"staff": "1/min", "partner": "1/min", "anon": "1/min"}}
    cache.clear()
    try:
        counsellor = api("counsellor")
        assert counsellor.get("/api/v1/me").status_code == 200
        nl = problem(counsellor.get("/api/v1/me", **NL), 429)
        en = problem(counsellor.get("/api/v1/me", **EN), 429)
    finally:
        cache.clear()
    assert nl["title"] == "Te veel verzoeken" and en["title"] == "Too Many Requests"
    assert nl["detail"].startswith("Te veel verzoeken; probeer het over ")
    assert en["detail"].startswith("Too many requests; try again in ")


@pytest.mark.django_db
def test_without_accept_language_the_answer_is_dutch(api, monkeypatch):
    monkeypatch.setattr(RequestFactory, "_base_environ", ENGLISH_BY_DEFAULT["original"])
    response = api("counsellor").get(f"/api/v1/clients/{uuid.uuid4()}")
    assert problem(response, 404)["title"] == "Niet gevonden"
    _languages_told(response, "nl")
    # an unknown language gets the default, a regional English variant gets English
    assert problem(api("counsellor").get(f"/api/v1/clients/{uuid.uuid4()}", HTTP_ACCEPT_LANGUAGE="fr"),
                   404)["title"] == "Niet gevonden"
    assert problem(api("counsellor").get(f"/api/v1/clients/{uuid.uuid4()}", HTTP_ACCEPT_LANGUAGE="en-GB,nl;q=0.5"),
                   404)["title"] == "Not Found"


@pytest.mark.django_db
def test_401_and_403_in_dutch(api):
    response = APIClient().get("/api/v1/me", **NL)
    assert problem(response, 401)["title"] == "Niet aangemeld"
    body = problem(api("manager").get("/api/v1/clients", **NL), 403)
    assert body["title"] == "Geen toegang"
    assert body["detail"] == "Alleen medewerkers van een loket werken met cliëntdossiers, en een privacyfunctionaris leest ze."


@pytest.mark.django_db
def test_the_openapi_document_stays_english_whatever_is_asked(api):
    nl = api("counsellor").get("/api/v1/openapi.json", **NL)
    assert nl.status_code == 200
    text = nl.content.decode()
    assert "Registered" in text and "Aangemeld" not in text  # CaseStatus labels in the enum descriptions


def test_every_report_indicator_has_a_dutch_title_and_definition():
    """reports/labels.py holds them; a title or definition changed in reports/ without it is English."""
    from reports.indicators import INDICATORS
    from reports.labels import LABELS

    missing = [text for i in INDICATORS for text in (i.title, i.definition) if text not in LABELS]
    assert not missing, missing


@pytest.mark.django_db
def test_report_titles_and_definitions_in_dutch_and_in_english(api):
    manager = api("manager")
    nl = {i["id"]: i for i in manager.get("/api/v1/reports?pageSize=100", **NL).json()["results"]}
    en = {i["id"]: i for i in manager.get("/api/v1/reports?pageSize=100", **EN).json()["results"]}
    assert nl["placements"]["title"] == "Plaatsingen in werk" and en["placements"]["title"] == "Placements in work"
    assert nl["intakes"]["definition"] == "Trajecten die in de periode zijn geopend."
    assert en["intakes"]["definition"] == "Cases opened in the period."
    assert nl["placements"]["dimensions"] == en["placements"]["dimensions"]  # codes stay as they are


@pytest.mark.django_db
def test_a_timeline_entry_is_written_in_the_language_of_the_request_that_made_it(api, world):
    counsellor = api("counsellor")
    contact = {"channel": "in_person", "kind": "intake", "summary": "Kennismaking", "durationMinutes": 30}
    assert counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/contacts", contact, format="json",
                           **NL).status_code == 201
    assert counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/contacts", {**contact, "channel": "phone"},
                           format="json", **EN).status_code == 201
    timeline = counsellor.get(f"/api/v1/clients/{world.client_a.uuid}/timeline?pageSize=100").json()["results"]
    summaries = [e["summary"] for e in timeline if e["kind"] == "contact_recorded"]
    assert "Intake (Persoonlijk)" in summaries and "Intake (Phone)" in summaries
