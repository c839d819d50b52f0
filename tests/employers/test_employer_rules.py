"""Domain rules of the employer record and of consents naming employers."""
import pytest

from clients.services import consent_covering, consent_record
from employers.employers import clean_kvk_number, employer_register, employers_visible_to, employers_workable_by
from rwc.errors import InvalidFields, RuleViolation
from rwc.models import User
from tests.employers.seed import make_employer, wsp_of


@pytest.mark.parametrize("raw, clean", [("12345678", "12345678"), (" 1234 5678 ", "12345678"), ("01.234.567", "01234567"), ("1.234.567", None),
                                        ("1234567", None), ("123456789", None), ("00000000", None), ("1234567a", None)])
def test_kvk_numbers_are_eight_digits(raw, clean):
    if clean is None:
        with pytest.raises(RuleViolation):
            clean_kvk_number(raw)
    else:
        assert clean_kvk_number(raw) == clean


@pytest.mark.django_db
def test_only_a_wsp_desk_registers_employers(world):
    with pytest.raises(RuleViolation) as exc:
        employer_register(actor=None, desk=world.rmt_a, data={"kvk_number": "12345678", "trade_name": "X",
                                                               "sector": "zorg", "size_class": "micro"})
    assert exc.value.code == "not_a_wsp_desk"
    with pytest.raises(InvalidFields) as missing:
        employer_register(actor=None, desk=wsp_of(world.region_a), data={"trade_name": "X"})
    assert {name for name, _, _ in missing.value.errors} == {"kvk_number", "sector", "size_class"}


@pytest.mark.django_db
def test_staff_of_any_desk_read_the_regions_employers_and_wsp_staff_change_them(world):
    own, foreign = make_employer(world.region_a, "12345678", "A"), make_employer(world.region_b, "12345678", "B")
    rmt, wsp = User.objects.get(username="midden-rmt-counsellor"), User.objects.get(username="midden-wsp-counsellor")
    manager = User.objects.get(username="midden-manager")
    assert set(employers_visible_to(rmt)) == {own} == set(employers_visible_to(wsp))
    assert not employers_workable_by(rmt).exists() and set(employers_workable_by(wsp)) == {own}
    assert not employers_visible_to(manager).exists() and foreign.kvk_number == own.kvk_number


@pytest.mark.django_db
def test_a_consent_names_employers_of_the_clients_region_and_covers_only_them(world):
    own, foreign = make_employer(world.region_a, "12345678", "A"), make_employer(world.region_b, "87654321", "B")
    actor, wsp = User.objects.get(username="midden-rmt-counsellor"), wsp_of(world.region_a)
    data = {"purpose": "Matching", "legal_basis": "consent", "evidence": "signed", "data_categories": ["identity"],
            "desks": [wsp], "employers": [foreign]}
    with pytest.raises(InvalidFields) as exc:
        consent_record(actor=actor, desk=world.rmt_a, client=world.client_a, data=data)
    assert [name for name, _, _ in exc.value.errors] == ["employers"]
    consent = consent_record(actor=actor, desk=world.rmt_a, client=world.client_a, data={**data, "employers": [own]})
    assert consent_covering(world.client_a, desk=wsp, employer=own, categories=["identity"]) == consent
    assert consent_covering(world.client_a, desk=wsp, employer=foreign, categories=["identity"]) is None
    assert consent_covering(world.client_a, desk=wsp, employer=own, categories=["identity", "health"]) is None


@pytest.mark.django_db
def test_consents_show_the_employers_they_name(api, world):
    own = make_employer(world.region_a, "12345678", "Zorg BV")
    url = f"/api/v1/clients/{world.client_a.uuid}/consents"
    response = api("counsellor").post(url, {
        "purpose": "Matching", "legalBasis": "consent", "evidence": "signed", "dataCategories": ["identity"],
        "desks": [str(wsp_of(world.region_a).uuid)], "employers": [str(own.uuid)]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["employers"] == [{"id": str(own.uuid), "tradeName": "Zorg BV"}]
    foreign = make_employer(world.region_b, "87654321", "Elders")
    response = api("counsellor").post(url, {
        "purpose": "Matching", "legalBasis": "consent", "evidence": "signed", "dataCategories": ["identity"],
        "desks": [str(world.rmt_a.uuid)], "employers": [str(foreign.uuid)]}, format="json")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"].startswith("employers")
