"""Youth up to and including 27, startkwalificatie yes/no and the benefit situation as dimensions;
transitions from "not working, no benefit" into work and from self-employment into a job as kinds.

Intakes in 2025 in Testregio (tests/reports/conftest.py): A 10 (opened 2025-02-10), B 6, C 4, E 3,
F 10 = 33; everyone born 1990-06-01 except as set here:
- A's first five born 1997-02-11: 27 on 2025-02-10 (their birthday is the next day); A's other five
  born 1997-02-10: 28 that day.
- startkwalificatie: F's 10 yes, B's 6 no, the other 17 not recorded.
- benefit: A's 10 WW, B's 6 WIA (reported as other), F's 10 none, C's 4 bijstand, E's 3 not recorded.
"""
from datetime import date

import pytest

from cases.choices import Position, Source
from cases.models import Case, Transition
from clients.models import Client
from tests.reports.conftest import at

pytestmark = pytest.mark.usefixtures("no_noise")


def _clients(regio, **case_filter):
    return Client.objects.filter(id__in=Case.objects.filter(**case_filter).values("client_id")).order_by("id")


@pytest.fixture
def described(testregio):
    a = list(_clients(testregio, desk=testregio.rmt, closing_reason="work"))
    for i, client in enumerate(a):
        client.birth_date = date(1997, 2, 11) if i < 5 else date(1997, 2, 10)
        client.benefit = "ww"
        client.save()
    _clients(testregio, desk=testregio.rmt, closing_reason="no_contact").update(has_startkwalificatie=False,
                                                                                  benefit="wia")
    _clients(testregio, desk=testregio.rmt, closing_reason="education").update(has_startkwalificatie=True,
                                                                                 benefit="none")
    _clients(testregio, desk=testregio.rmt, status="active", opened_at__gte=at(date(2025, 1, 1))).update(
        benefit="bijstand")
    return testregio


def _cells(regio, indicator, by, **params):
    response = regio.manager.get(f"/api/v1/reports/{indicator}", {"period": "2025", "by": by, **params})
    assert response.status_code == 200, response.content
    report = response.json()
    key = by.replace("_", " ").title().replace(" ", "")
    key = key[0].lower() + key[1:]  # the JSON's camelCase
    return {r["dimensions"][key]: r["values"] for r in report["rows"]}, report["total"]["values"]


@pytest.mark.django_db
def test_youth_is_up_to_and_including_27_on_the_deciding_date(described):
    rows, total = _cells(described, "intakes", "youth")
    assert rows == {"yes": {"intakes": 5}, "no": {"intakes": 28}} and total == {"intakes": 33}


@pytest.mark.django_db
def test_27_closes_an_age_band(described):
    rows, _ = _cells(described, "intakes", "age_band")
    assert rows == {"23-27": {"intakes": 5}, "28-44": {"intakes": 28}}


@pytest.mark.django_db
def test_startkwalificatie_yes_no_and_not_recorded(described):
    rows, _ = _cells(described, "intakes", "startkwalificatie")
    assert rows == {"yes": {"intakes": 10}, "no": {"intakes": 6}, "unknown": {"intakes": 17}}


@pytest.mark.django_db
def test_benefit_situation_none_ww_bijstand_other(described):
    """C's 4 on bijstand and E's 3 not recorded are 1 to k-1: published as 0, left out."""
    rows, total = _cells(described, "intakes", "benefit")
    assert rows == {"ww": {"intakes": 10}, "other": {"intakes": 6}, "none": {"intakes": 10}}
    assert total == {"intakes": 33}


@pytest.mark.django_db
def test_labels_of_the_new_dimensions_in_dutch(described):
    report = described.manager.get("/api/v1/reports/intakes", {"period": "2025", "by": "benefit,youth"},
                                   HTTP_ACCEPT_LANGUAGE="nl").json()
    assert {"benefit": "WW", "youth": "28 jaar of ouder"} in [r["labels"] for r in report["rows"]]
    assert report["indicator"]["dimensionLabels"]["youth"] == "Tot en met 27 jaar"


@pytest.mark.django_db
def test_transitions_from_no_benefit_and_from_self_employment_have_their_own_kinds(described):
    """A's 10 from a benefit to work; five of B from not working without a benefit into a job, five
    from self-employment into a job (1 June 2025)."""
    b = list(_clients(described, desk=described.rmt, closing_reason="no_contact"))[:5]
    for client in b:
        for frm in (Position.NOT_WORKING_NO_BENEFIT, Position.SELF_EMPLOYED):
            Transition.objects.create(client=client, date=date(2025, 6, 1), source=Source.COUNSELLOR,
                                      from_position=frm, to_position=Position.EMPLOYED)
    rows, total = _cells(described, "transitions", "kind")
    assert rows == {"benefit_to_work": {"transitions": 10}, "no_benefit_to_work": {"transitions": 5},
                    "self_employed_to_job": {"transitions": 5}}
    assert total == {"transitions": 20}


@pytest.mark.django_db
def test_municipality_of_residence_by_cbs_code(described):
    """A's 10 live in Utrecht (GM0344), F's 10 in Amersfoort (GM0307); B 6, C 4, E 3 not recorded: 13."""
    _clients(described, desk=described.rmt, closing_reason="work").update(municipality_code="GM0344")
    _clients(described, desk=described.rmt, closing_reason="education").update(municipality_code="GM0307")
    rows, total = _cells(described, "intakes", "municipality")
    assert rows == {"GM0344": {"intakes": 10}, "GM0307": {"intakes": 10}, "none": {"intakes": 13}}
    report = described.manager.get("/api/v1/reports/intakes", {"period": "2025", "by": "municipality"},
                                   HTTP_ACCEPT_LANGUAGE="nl").json()
    assert sorted(r["labels"]["municipality"] for r in report["rows"]) == ["Amersfoort", "Utrecht", "geen"]
