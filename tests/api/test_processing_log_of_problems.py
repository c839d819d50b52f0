"""The processing log records every answer that shows a client's data, whatever its status: the 409
that lists duplicate candidates (by name, birth date and postcode, or as known at a desk) is logged
with those candidates. An error answer that shows nobody (a 400, 403, 404, 412, a 409 about a
state) is not logged, whatever the request read before it failed."""
import pytest

from rwc.audit_models import ProcessingOperation, ProcessingSubject
from tests.helpers import problem

GOOD_BSN = "111222333"
OTHER_GOOD_BSN = "123456782"


def _like_anna():
    """Probably client_a (Anna van der Berg, 17 May 1990, registered by the RMT of region A)."""
    return {"givenNames": "Anna", "namePrefix": "van den", "surname": "Berg", "birthDate": "1990-05-17"}


def _logged(operation: str) -> list[tuple[int, set]]:
    return [(op.status_code, {s.client_uuid for s in ProcessingSubject.objects.filter(operation=op)})
            for op in ProcessingOperation.objects.filter(operation=operation).order_by("id")]


@pytest.mark.django_db
def test_the_duplicate_answer_is_logged_with_the_candidates_it_shows(api, world):
    body = problem(api("counsellor").post("/api/v1/clients", _like_anna(), format="json"), 409)
    assert body["candidates"][0]["client"]["surname"] == "Berg"
    assert _logged("POST v1:client-list") == [(409, {world.client_a.uuid})]
    op = ProcessingOperation.objects.get(operation="POST v1:client-list")
    assert op.username == "midden-rmt-counsellor" and op.subject_count == 1
    # and the privacy officer finds it asking who looked at client_a
    found = api("privacy_officer").get(f"/api/v1/processing-log?client={world.client_a.uuid}").json()["results"]
    assert [(o["operation"], o["status"]) for o in found] == [("POST v1:client-list", 409)]


@pytest.mark.django_db
def test_a_candidate_shown_only_as_known_at_its_desk_is_logged_too(api, world):
    """That this person is a client of that desk is about them as well."""
    body = problem(api("lwl_counsellor").post("/api/v1/clients", _like_anna(), format="json"), 409)
    assert body["candidates"][0]["visible"] is False
    assert _logged("POST v1:client-list") == [(409, {world.client_a.uuid})]


@pytest.mark.django_db
def test_a_bsn_change_that_meets_another_client_is_logged_with_that_client(api, world):
    youth = api("youth_counsellor")
    person = {"givenNames": "Fenna", "surname": "Smit", "birthDate": "2004-02-01"}
    holder = youth.post("/api/v1/clients", {**person, "bsn": GOOD_BSN}, format="json")
    other = youth.post("/api/v1/clients", {**person, "givenNames": "Mila", "birthDate": "2005-03-02",
                                           "bsn": OTHER_GOOD_BSN}, format="json")
    assert holder.status_code == other.status_code == 201, (holder.content, other.content)
    response = youth.patch(f"/api/v1/clients/{other.json()['id']}", {"bsn": GOOD_BSN}, format="json",
                           HTTP_IF_MATCH=other["ETag"])
    assert problem(response, 409)["candidates"][0]["client"]["id"] == holder.json()["id"]
    assert [(status, {str(u) for u in uuids}) for status, uuids in _logged("PATCH v1:client-detail")] == [
        (409, {holder.json()["id"]})]


@pytest.mark.django_db
def test_error_answers_that_show_nobody_are_not_logged(api, world):
    before = ProcessingOperation.objects.count()
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"  # a client the counsellor works with: read before failing
    problem(counsellor.patch(url, {"birthDate": "not a date"}, format="json", HTTP_IF_MATCH='"1"'), 400)
    problem(counsellor.patch(url, {"city": "Zeist"}, format="json", HTTP_IF_MATCH='"999"'), 412)
    problem(counsellor.patch(url, {"city": "Zeist"}, format="json"), 428)
    problem(counsellor.post(f"/api/v1/cases/{world.case_a.uuid}/status-changes", {"status": "paused"},
                            format="json"), 409)
    problem(counsellor.get(f"/api/v1/clients/{world.client_b.uuid}"), 404)
    problem(api("manager").get(url), 403)
    problem(api(None).get(url), 401)
    assert ProcessingOperation.objects.count() == before


@pytest.mark.django_db
def test_a_date_time_filter_with_an_offset_postgresql_refuses_is_taken_to_utc(api):
    """ISO 8601 allows offsets up to 23:59, PostgreSQL only up to 15:59: the filter compares in UTC
    (found by the fuzzer: a 500), and a date-time that leaves the calendar in UTC is a 400."""
    response = api("privacy_officer").get("/api/v1/processing-log?since=0426-01-25T21:11:01%2B18:05")
    assert response.status_code == 200
    body = problem(api("privacy_officer").get("/api/v1/processing-log?until=0001-01-01T00:00:00%2B01:00"), 400)
    assert [p["name"] for p in body["invalidParams"]] == ["until"]
