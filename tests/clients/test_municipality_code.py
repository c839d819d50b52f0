"""The municipality of residence as a CBS gemeentecode: GM and four digits, one of the municipalities
of the regions served (clients/municipalities.py); checked by the domain (clients.rules), so the API,
the admin and commands obey it; nothing stored on bad input."""
import pytest

from clients.models import Client
from clients.rules import clean_municipality_code
from rwc.errors import RuleViolation
from tests.clients.test_clients_api import VALID
from tests.helpers import problem


@pytest.mark.django_db
def test_a_client_is_registered_with_a_municipality_code(api):
    response = api("counsellor").post("/api/v1/clients", {**VALID, "municipalityCode": " gm0344 "}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["municipalityCode"] == "GM0344"
    assert Client.objects.get(uuid=response.json()["id"]).municipality_code == "GM0344"


@pytest.mark.django_db
@pytest.mark.parametrize("code, reason", [("0344", "invalid_municipality_code"), ("GM344", "invalid_municipality_code"),
                                          ("GM03444", "invalid_municipality_code"), ("Utrecht", "invalid_municipality_code"),
                                          ("GM9999", "unknown_municipality")])
def test_a_bad_municipality_code_is_a_400_and_nothing_is_stored(api, code, reason):
    before = Client.objects.count()
    body = problem(api("counsellor").post("/api/v1/clients", {**VALID, "municipalityCode": code}, format="json"), 400)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("municipalityCode", reason)]
    assert Client.objects.count() == before


def test_the_rule_itself():
    assert clean_municipality_code("") == "" and clean_municipality_code("GM1581") == "GM1581"
    with pytest.raises(RuleViolation):
        clean_municipality_code("GM0000")
