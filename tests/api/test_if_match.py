"""If-Match on every versioned write (clients, employers, vacancies, a case's status change and
assignment) is read by one parser (RFC 9110): a strong ETag in the list that is the record's
version matches; anything else, however odd ("²", 5,000 digits, weak, unquoted, garbage), is a 412
that changes nothing, never a 500."""
import pytest
from rest_framework.test import APIClient

from api.views.preconditions import parse_if_match, versions_named
from cases.models import Case
from clients.models import Client
from employers.models import Employer, Vacancy
from rwc.models import User
from rwc.oauth import issue_staff_token
from tests.employers.seed import make_employer, make_vacancy
from tests.helpers import problem

ODD = ['"²"', '"٣"', '"' + "9" * 4301 + '"', "9" * 5000, '"1" x', "1", 'W/"1"', '" 1"', '"-1"', "**",
       '"' + "1" * 19 + '"', '"1"' + ", " * 600]


@pytest.mark.parametrize("header, tags", [
    ('"3"', [(False, "3")]),
    ('W/"3"', [(True, "3")]),
    ('"1", W/"2" ,"3"', [(False, "1"), (True, "2"), (False, "3")]),
    (', "3",,', [(False, "3")]),
    ('"a,b"', [(False, "a,b")]),  # a comma may sit inside an entity tag
    ('""', [(False, "")]),
    ('"3" "4"', None), ("3", None), ('w/"3"', None), ('"3', None), ('"\x00"', None), ('"3"' * 400, None),
])
def test_if_match_is_parsed_as_a_list_of_entity_tags(header, tags):
    assert parse_if_match(header) == tags


def test_only_strong_ascii_short_numbers_name_versions():
    assert versions_named('"3", W/"4", "²", "' + "9" * 19 + '", "5"') == {3, 5}
    assert versions_named('"' + "9" * 4301 + '"') == set()


def _wsp() -> APIClient:
    client = APIClient()
    token = issue_staff_token(User.objects.get(username="midden-wsp-counsellor"))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _routes(api, world):
    """(caller, method, url, body, model, pk) of each If-Match check."""
    employer = make_employer(world.region_a, "11112222", "Bouwbedrijf Jansen", sector="bouw")
    vacancy = make_vacancy(employer)
    lead = User.objects.get(username="midden-rmt-lead")
    case = world.case_a
    return [
        (api("counsellor"), "patch", f"/api/v1/clients/{world.client_a.uuid}", {"city": "Zeist"}, Client,
         world.client_a.pk),
        (_wsp(), "patch", f"/api/v1/employers/{employer.uuid}", {"sector": "techniek"}, Employer, employer.pk),
        (_wsp(), "patch", f"/api/v1/vacancies/{vacancy.uuid}", {"places": 3}, Vacancy, vacancy.pk),
        (api("counsellor"), "post", f"/api/v1/cases/{case.uuid}/status-changes", {"status": "intake"}, Case, case.pk),
        (api("team_lead"), "post", f"/api/v1/cases/{case.uuid}/assignment", {"owner": str(lead.uuid)}, Case, case.pk),
    ]


def _state(model, pk):
    return model.objects.filter(pk=pk).values_list("version", flat=True).get()


@pytest.mark.django_db
def test_an_odd_if_match_is_412_on_every_versioned_write_and_changes_nothing(api, world):
    for caller, method, url, body, model, pk in _routes(api, world):
        before = _state(model, pk)
        for header in ODD:
            response = getattr(caller, method)(url, body, format="json", HTTP_IF_MATCH=header)
            assert problem(response, 412)["code"] == "precondition_failed", (url, header[:20])
            assert _state(model, pk) == before


@pytest.mark.django_db
def test_a_list_holding_the_current_etag_matches_on_every_versioned_write(api, world):
    for caller, method, url, body, model, pk in _routes(api, world):
        version = _state(model, pk)
        header = f'"{version + 7}", W/"{version}", "{version}"'
        response = getattr(caller, method)(url, body, format="json", HTTP_IF_MATCH=header)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["ETag"] == f'"{version + 1}"'
