"""Conflicting changes of one case at the same moment lose nothing: with If-Match exactly one
caller wins and the others get 412; without it the row lock serialises them and the lifecycle
turns down what the new state no longer allows (409). Each answer matches what was stored.

The racing requests need committing connections, so the case and tokens are made in a thread
and removed from one afterwards (the test's own transaction could not see or undo them)."""
import pytest
from django.apps import apps
from django.utils import timezone
from oauth2_provider.models import AccessToken
from rest_framework.test import APIClient

from cases.models import Case, CaseStatusChange, Programme
from clients.models import ClientEvent
from rwc.models import User
from rwc.oauth import issue_staff_token
from tests.helpers import erase_processing_log_after, in_thread, problem, processing_log_end, race

RACERS = 6


def _move(client, case_uuid, status, **headers):
    return client.post(f"/api/v1/cases/{case_uuid}/status-changes", {"status": status, **_reason(status)},
                       format="json", **headers)


def _reason(status):
    return {"closingReason": "no_contact"} if status == "closed" else {}


def _fixture(world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    now = timezone.now()
    taken = Case.objects.filter(client=world.client_a, desk=world.rmt_a).values("programme")
    programme = Programme.objects.exclude(id__in=taken).filter(code__in=["hoofdzaak-werk-ips", "general"]).first()
    case = Case.objects.create(client=world.client_a, desk=world.rmt_a, programme=programme, owner=counsellor, opened_at=now, status_changed_at=now, created_by=counsellor)
    tokens = [issue_staff_token(counsellor) for _ in range(RACERS)]
    token_ids = list(AccessToken.objects.order_by("-id").values_list("id", flat=True)[:RACERS])
    return case, tokens, (token_ids, processing_log_end())


def _cleanup(case, made):
    token_ids, log_end = made
    erase_processing_log_after(log_end)
    ClientEvent.objects.filter(subject_id=case.uuid).delete()
    CaseStatusChange.objects.filter(case=case).delete()
    Case.objects.filter(pk=case.pk).delete()
    apps.get_model("cases", "CaseChange").objects.filter(pgh_obj_id=case.pk).delete()
    AccessToken.objects.filter(id__in=list(token_ids)).delete()


def _client(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _stored(case):
    return in_thread(lambda: (Case.objects.values_list("status", "version").get(pk=case.pk),
                              CaseStatusChange.objects.filter(case=case).count(),
                              ClientEvent.objects.filter(subject_id=case.uuid, kind="case_status_changed").count()))


@pytest.mark.django_db
def test_concurrent_moves_with_one_if_match_one_wins_the_rest_412(world):
    case, tokens, made = in_thread(lambda: _fixture(world))
    try:
        etag = _client(tokens[0]).get(f"/api/v1/cases/{case.uuid}")["ETag"]
        assert etag == '"1"'
        answers = race(lambda i: _move(_client(tokens[i]), case.uuid, "intake", HTTP_IF_MATCH=etag), RACERS)
        codes = sorted(a.status_code for a in answers)
        assert codes == [200] + [412] * (RACERS - 1), [a.content[:200] for a in answers]
        winner = next(a for a in answers if a.status_code == 200)
        assert winner["ETag"] == '"2"' and winner.json()["status"] == "intake"
        for loser in (a for a in answers if a.status_code == 412):
            assert loser["Content-Type"] == "application/problem+json"
        assert _stored(case) == (("intake", 2), 1, 1)
    finally:
        in_thread(lambda: _cleanup(case, made))


@pytest.mark.django_db
def test_concurrent_closes_without_if_match_close_once_the_rest_409(world):
    case, tokens, made = in_thread(lambda: _fixture(world))
    try:
        answers = race(lambda i: _move(_client(tokens[i]), case.uuid, "closed"), RACERS)
        codes = sorted(a.status_code for a in answers)
        assert codes == [200] + [409] * (RACERS - 1), [a.content[:200] for a in answers]
        assert all(a.json()["code"] == "illegal_move" for a in answers if a.status_code == 409)
        assert _stored(case) == (("closed", 2), 1, 1)
    finally:
        in_thread(lambda: _cleanup(case, made))


@pytest.mark.django_db
def test_a_stale_or_malformed_if_match_is_412_and_changes_nothing(api, world):
    client = api("counsellor")
    url = f"/api/v1/cases/{world.case_a.uuid}"
    etag = client.get(url)["ETag"]
    before = (world.case_a.status, world.case_a.version, CaseStatusChange.objects.count())
    for stale in (f'"{world.case_a.version + 1}"', '"x"', "W/\"0\""):
        problem(_move(client, world.case_a.uuid, "intake", HTTP_IF_MATCH=stale), 412)
        world.case_a.refresh_from_db()
        assert (world.case_a.status, world.case_a.version, CaseStatusChange.objects.count()) == before
    moved = _move(client, world.case_a.uuid, "intake", HTTP_IF_MATCH=etag)
    assert moved.status_code == 200 and moved["ETag"] == f'"{world.case_a.version + 1}"'
    lead = User.objects.get(username="midden-rmt-lead")
    assign = f"{url}/assignment"
    problem(api("team_lead").post(assign, {"owner": str(lead.uuid)}, format="json", HTTP_IF_MATCH=etag), 412)
    done = api("team_lead").post(assign, {"owner": str(lead.uuid)}, format="json", HTTP_IF_MATCH=moved["ETag"])
    assert done.status_code == 200 and done["ETag"] == f'"{world.case_a.version + 2}"'
