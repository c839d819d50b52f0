"""Employer instruments: the region's rules as domain tests, and the API's 400/409 on them."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.instruments import RULES, instrument_extend, instrument_record
from cases.models import Case, InstrumentUse
from cases.outcomes import add_months, outcome_record
from cases.transitions import transition_record
from clients.models import ClientTargetGroup
from rwc.errors import Conflict, InvalidFields
from rwc.models import User
from tests.helpers import invalid_names, problem


def _placement(world, on=None):
    actor = User.objects.get(username="midden-rmt-counsellor")
    on = on or timezone.localdate()
    transition = transition_record(actor=actor, client=world.client_a, case=world.case_a, data={
        "date": on, "from_position": "not_working_no_benefit", "to_position": "employed", "source": "employer"})
    return outcome_record(actor=actor, case=world.case_a, data={"kind": "placement", "date": on,
                                                                "transition": transition})


def _codes(exc) -> dict:
    return {name: code for name, code, _ in exc.value.errors}


@pytest.mark.django_db
def test_a_trial_placement_is_at_most_two_months_and_needs_an_intended_contract(world):
    placement = _placement(world)
    start = placement.date
    with pytest.raises(InvalidFields) as exc:
        instrument_record(actor=None, placement=placement, data={
            "instrument": "proefplaatsing", "start_on": start, "end_on": add_months(start, 2) + timedelta(days=1),
            "intended_contract_months": 5})
    assert _codes(exc) == {"end_on": "proefplaatsing_max_2_months",
                           "intended_contract_months": "proefplaatsing_needs_contract_6_months"}
    use = instrument_record(actor=None, placement=placement, data={
        "instrument": "proefplaatsing", "start_on": start, "end_on": add_months(start, 2),
        "intended_contract_months": 6})
    assert use.first_end_on == add_months(start, 2)
    with pytest.raises(Conflict) as conflict:
        instrument_record(actor=None, placement=placement, data={
            "instrument": "proefplaatsing", "start_on": start + timedelta(days=10), "end_on": start + timedelta(days=20),
            "intended_contract_months": 12})
    assert conflict.value.code == "instrument_overlaps"


@pytest.mark.django_db
def test_a_trial_placement_extends_once_to_at_most_six_months(world):
    placement = _placement(world)
    start = placement.date
    use = instrument_record(actor=None, placement=placement, data={
        "instrument": "proefplaatsing", "start_on": start, "end_on": add_months(start, 2),
        "intended_contract_months": 12})
    with pytest.raises(InvalidFields) as exc:
        instrument_extend(actor=None, use=use, end_on=add_months(start, 6) + timedelta(days=1))
    assert _codes(exc) == {"end_on": "proefplaatsing_max_6_months"}
    with pytest.raises(InvalidFields) as exc:
        instrument_extend(actor=None, use=use, end_on=use.end_on)
    assert _codes(exc) == {"end_on": "not_later"}
    use = instrument_extend(actor=None, use=use, end_on=add_months(start, 6))
    assert use.end_on == add_months(start, 6) and use.extended_at is not None
    with pytest.raises(Conflict) as conflict:
        instrument_extend(actor=None, use=use, end_on=add_months(start, 6) + timedelta(days=1))
    assert conflict.value.code == "already_extended"


@pytest.mark.django_db
def test_an_ended_or_unextendable_instrument_is_not_extended(world):
    Case.objects.filter(pk=world.case_a.pk).update(opened_at=timezone.now() - timedelta(days=60))
    placement = _placement(world, on=timezone.localdate() - timedelta(days=40))
    start = placement.date
    ended = instrument_record(actor=None, placement=placement, data={
        "instrument": "werkervaringsplek", "start_on": start, "end_on": start + timedelta(days=30)})
    with pytest.raises(Conflict) as conflict:
        instrument_extend(actor=None, use=ended, end_on=start + timedelta(days=90))
    assert conflict.value.code == "already_ended"
    ClientTargetGroup.objects.create(client=world.client_a, code="doelgroepregister")
    polis = instrument_record(actor=None, placement=placement, data={
        "instrument": "no_riskpolis", "start_on": start, "end_on": add_months(start, 60)})
    with pytest.raises(Conflict) as conflict:
        instrument_extend(actor=None, use=polis, end_on=add_months(start, 61))
    assert conflict.value.code == "not_extendable"


@pytest.mark.django_db
def test_wage_cost_subsidy_needs_the_wage_value_and_an_eligible_client(world):
    placement = _placement(world)
    start = placement.date
    data = {"instrument": "loonkostensubsidie", "start_on": start, "end_on": add_months(start, 12)}
    with pytest.raises(InvalidFields) as exc:
        instrument_record(actor=None, placement=placement, data=data)
    assert _codes(exc) == {"wage_value_percentage": "loonkostensubsidie_needs_wage_value"}
    with pytest.raises(Conflict) as conflict:
        instrument_record(actor=None, placement=placement, data={**data, "wage_value_percentage": 60})
    assert conflict.value.code == "client_not_eligible"
    ClientTargetGroup.objects.create(client=world.client_a, code="doelgroepregister")
    use = instrument_record(actor=None, placement=placement, data={**data, "wage_value_percentage": 60})
    assert use.wage_value_percentage == 60
    with pytest.raises(InvalidFields) as exc:
        instrument_record(actor=None, placement=placement, data={
            "instrument": "jobcoach", "start_on": start - timedelta(days=1), "end_on": start - timedelta(days=1),
            "wage_value_percentage": 50, "intended_contract_months": 6})
    assert _codes(exc) == {"start_on": "before_placement", "end_on": "before_start",
                           "wage_value_percentage": "not_for_instrument", "intended_contract_months": "not_for_instrument"}


def test_every_instrument_has_a_rule():
    from cases.choices import EmployerInstrument

    assert set(RULES) == set(EmployerInstrument.values)
    assert RULES["proefplaatsing"].max_months == 2 and RULES["proefplaatsing"].extended_max_months == 6
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


@pytest.mark.django_db
def test_instrument_rules_through_the_api_are_400_or_409_and_store_nothing(api, world):
    placement = _placement(world)
    url = f"/api/v1/cases/{world.case_a.uuid}/outcomes/{placement.uuid}/instruments"
    rmt = api("counsellor")
    start = placement.date
    body = problem(rmt.post(url, {"instrument": "proefplaatsing", "startOn": start.isoformat(),
                                  "endOn": add_months(start, 3).isoformat(), "intendedContractMonths": 3},
                            format="json"), 400)
    assert {p["name"]: p["code"] for p in body["invalidParams"]} == {
        "endOn": "proefplaatsing_max_2_months", "intendedContractMonths": "proefplaatsing_needs_contract_6_months"}
    body = problem(rmt.post(url, {"instrument": "no_riskpolis", "startOn": start.isoformat(),
                                  "endOn": add_months(start, 12).isoformat()}, format="json"), 409)
    assert body["code"] == "client_not_eligible"
    assert not InstrumentUse.objects.exists()
    created = rmt.post(url, {"instrument": "proefplaatsing", "startOn": start.isoformat(),
                             "endOn": add_months(start, 2).isoformat(), "intendedContractMonths": 12}, format="json")
    assert created.status_code == 201, created.content
    extension = f"{url}/{created.json()['id']}/extension"
    body = problem(rmt.post(extension, {"endOn": add_months(start, 7).isoformat()}, format="json"), 400)
    assert invalid_names(body) == {"endOn"} and body["invalidParams"][0]["code"] == "proefplaatsing_max_6_months"
    assert rmt.post(extension, {"endOn": add_months(start, 6).isoformat()}, format="json").status_code == 200
    assert [u["endOn"] for u in rmt.get(url).json()["results"]] == [add_months(start, 6).isoformat()]
    problem(api("lwl_counsellor").get(url), 404)
