"""Questions at the front door without a client record: logging, reading, linking to a registered client."""
from datetime import timedelta

from django.utils import timezone

from services.models import FrontDoorQuestion
from tests.helpers import invalid_names, problem

COUNSELLOR = "midden-rmt-counsellor"
URL = "/api/v1/front-door-questions"


def test_an_anonymous_and_a_pseudonymous_question_without_a_client(as_user, world):
    counsellor = as_user(COUNSELLOR)
    anonymous = counsellor.post(URL, {"channel": "phone", "topic": "benefits"}, format="json")
    assert anonymous.status_code == 201, anonymous.content
    assert anonymous.json()["anonymous"] is True and anonymous.json()["client"] is None
    assert anonymous.json()["desk"] == str(world.rmt_a.uuid)
    named = counsellor.post(URL, {"channel": "walk_in", "topic": "training", "pseudonym": "  Sam  ",
                                  "summary": "Wants to retrain as a teaching assistant",
                                  "referredToPartner": str(world.partner_a.uuid), "referredToDesk": str(world.lwl_a.uuid),
                                  "followUpNeeded": True, "followUpOn": str(timezone.localdate() + timedelta(days=7))},
                            format="json")
    assert named.status_code == 201, named.content
    body = named.json()
    assert (body["pseudonym"], body["anonymous"], body["referredToDesk"]) == ("Sam", False, str(world.lwl_a.uuid))
    listed = counsellor.get(URL, {"topic": "training", "followUpNeeded": "true"}).json()["results"]
    assert [q["id"] for q in listed] == [body["id"]]
    today = str(timezone.localdate())
    assert counsellor.get(URL, {"askedFrom": today, "askedTo": today}).json()["count"] == 2
    assert counsellor.get(URL, {"askedTo": str(timezone.localdate() - timedelta(days=1))}).json()["count"] == 0
    # another desk of the region does not see them
    assert as_user("midden-lwl-counsellor").get(f"{URL}/{body['id']}").status_code == 404


def test_bad_questions_are_400_naming_the_field_and_store_nothing(as_user, world):
    counsellor = as_user(COUNSELLOR)
    cases = [
        ({"channel": "pigeon", "topic": "training"}, "channel"),
        ({"channel": "phone", "topic": "training", "askedAt": (timezone.now() + timedelta(days=1)).isoformat()},
         "askedAt"),
        ({"channel": "phone", "topic": "training", "followUpOn": str(timezone.localdate())}, "followUpOn"),
        ({"channel": "phone", "topic": "training", "followUpNeeded": True,
          "followUpOn": str(timezone.localdate() - timedelta(days=3))}, "followUpOn"),
        ({"channel": "phone", "topic": "training", "referredToPartner": str(world.partner_b.uuid)}, "referredToPartner"),
        ({"channel": "phone", "topic": "training", "referredToDesk": str(world.rmt_b.uuid)}, "referredToDesk"),
        ({"channel": "phone", "topic": "training", "desk": str(world.lwl_a.uuid)}, "desk"),
        ({"channel": "phone", "topic": "training", "pseudonym": "x" * 81}, "pseudonym"),
        ({"channel": "phone", "topic": "training", "bsn": "111222333"}, "bsn"),
    ]
    for body, name in cases:
        response = counsellor.post(URL, body, format="json")
        assert name in invalid_names(problem(response, 400)), (body, response.content)
    assert not FrontDoorQuestion.objects.exists()


def test_a_question_links_to_the_client_once(as_user, world):
    counsellor = as_user(COUNSELLOR)
    question = counsellor.post(URL, {"channel": "walk_in", "topic": "career", "pseudonym": "Anna"},
                               format="json").json()["id"]
    conversion = f"{URL}/{question}/conversion"
    # a client the caller may not see, or another region's, is not found
    for foreign in (world.client_b, world.client_lwl_a):
        assert "client" in invalid_names(problem(counsellor.post(conversion, {"client": str(foreign.uuid)},
                                                                 format="json"), 400))
    problem(counsellor.post(conversion, {"client": str(world.client_a.uuid)}, format="json", HTTP_IF_MATCH='"7"'), 412)
    linked = counsellor.post(conversion, {"client": str(world.client_a.uuid)}, format="json")
    assert linked.status_code == 200 and linked.json()["client"] == str(world.client_a.uuid)
    assert linked.json()["convertedAt"]
    again = counsellor.post(conversion, {"client": str(world.client_a.uuid)}, format="json")
    assert problem(again, 409)["code"] == "already_converted"
    # the privacy officer reads it, but does not link
    officer_view = as_user("midden-privacy-officer").get(f"{URL}/{question}")
    assert officer_view.status_code == 200
    problem(as_user("midden-privacy-officer").post(conversion, {"client": str(world.client_a.uuid)}, format="json"),
            403)


def test_a_question_is_corrected_referred_onwards_and_its_follow_up_closed(as_user, world):
    counsellor = as_user(COUNSELLOR)
    created = counsellor.post(URL, {"channel": "phone", "topic": "career", "followUpNeeded": True,
                                    "followUpOn": str(timezone.localdate() + timedelta(days=7))}, format="json")
    question, url = created.json()["id"], f"{URL}/{created.json()['id']}"
    etag = created["ETag"]
    # If-Match is required, a stale one refused
    problem(counsellor.patch(url, {"topic": "training"}, format="json"), 428)
    problem(counsellor.patch(url, {"topic": "training"}, format="json", HTTP_IF_MATCH='"9"'), 412)
    changed = counsellor.patch(url, {"topic": "training", "pseudonym": "Sam", "summary": "Asks about retraining",
                                     "referredToDesk": str(world.lwl_a.uuid)}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["topic"], body["pseudonym"], body["anonymous"], body["referredToDesk"], body["channel"]) == (
        "training", "Sam", False, str(world.lwl_a.uuid), "phone")
    assert body["followUpNeeded"] is True and changed["ETag"] != etag
    # the follow-up is done: closing it clears its date
    closed = counsellor.patch(url, {"followUpNeeded": False}, format="json", HTTP_IF_MATCH=changed["ETag"])
    assert closed.status_code == 200, closed.content
    assert closed.json()["followUpNeeded"] is False and closed.json()["followUpOn"] is None
    assert counsellor.get(URL, {"followUpNeeded": "true"}).json()["count"] == 0
    stored = FrontDoorQuestion.objects.get(uuid=question)
    assert stored.version == 3
    assert stored.changes.count() == 3  # the change history keeps each version: logged, changed, closed
    # the privacy officer reads but does not change it; another desk does not see it
    officer = as_user("midden-privacy-officer")
    problem(officer.patch(url, {"topic": "other"}, format="json", HTTP_IF_MATCH=closed["ETag"]), 403)
    problem(as_user("midden-lwl-counsellor").patch(url, {"topic": "other"}, format="json",
                                                   HTTP_IF_MATCH=closed["ETag"]), 404)


def test_bad_changes_to_a_question_are_400_naming_the_field_and_change_nothing(as_user, world):
    counsellor = as_user(COUNSELLOR)
    created = counsellor.post(URL, {"channel": "phone", "topic": "career"}, format="json")
    url, etag = f"{URL}/{created.json()['id']}", created["ETag"]
    cases = [
        ({"channel": "pigeon"}, "channel"),
        ({"askedAt": (timezone.now() + timedelta(days=1)).isoformat()}, "askedAt"),
        ({"followUpOn": str(timezone.localdate() + timedelta(days=3))}, "followUpOn"),  # no follow-up needed
        ({"followUpNeeded": True, "followUpOn": str(timezone.localdate() - timedelta(days=3))}, "followUpOn"),
        ({"referredToPartner": str(world.partner_b.uuid)}, "referredToPartner"),
        ({"referredToDesk": str(world.rmt_b.uuid)}, "referredToDesk"),
        ({"pseudonym": "x" * 81}, "pseudonym"),
        ({"desk": str(world.lwl_a.uuid)}, "desk"),
        ({"client": str(world.client_a.uuid)}, "client"),
    ]
    for body, name in cases:
        response = counsellor.patch(url, body, format="json", HTTP_IF_MATCH=etag)
        assert name in invalid_names(problem(response, 400)), (body, response.content)
    stored = FrontDoorQuestion.objects.get()
    assert (stored.version, stored.channel, stored.topic, stored.follow_up_on) == (1, "phone", "career", None)


def test_the_person_comes_back_and_is_registered_from_the_question(as_user, world):
    from clients.models import Client

    counsellor = as_user(COUNSELLOR)
    question = counsellor.post(URL, {"channel": "walk_in", "topic": "training", "pseudonym": "Sam"},
                               format="json").json()["id"]
    registration = f"{URL}/{question}/registration"
    person = {"givenNames": "Samira", "surname": "Voorbeeld", "birthDate": "1991-03-04", "city": "Utrecht"}
    before = Client.objects.count()
    # bad input is a 400 naming the field; the privacy officer may not; another desk does not see it
    assert "givenNames" in invalid_names(problem(counsellor.post(registration, {**person, "givenNames": ""},
                                                                 format="json"), 400))
    assert "desk" in invalid_names(problem(counsellor.post(registration, {**person, "desk": str(world.lwl_a.uuid)},
                                                           format="json"), 400))
    problem(as_user("midden-privacy-officer").post(registration, person, format="json"), 403)
    problem(as_user("midden-lwl-counsellor").post(registration, person, format="json"), 404)
    problem(counsellor.post(registration, person, format="json", HTTP_IF_MATCH='"7"'), 412)
    assert Client.objects.count() == before
    done = counsellor.post(registration, person, format="json")
    assert done.status_code == 201, done.content
    client = Client.objects.get(uuid=done.json()["client"])
    assert done["Location"].endswith(f"/api/v1/clients/{client.uuid}")
    assert (client.surname, client.registered_by_desk_id) == ("Voorbeeld", world.rmt_a.id)
    assert done.json()["convertedAt"]
    assert counsellor.get(f"/api/v1/clients/{client.uuid}").status_code == 200
    # once: a second registration or link is a 409, and no second client is made
    assert problem(counsellor.post(registration, {**person, "givenNames": "Other"}, format="json"),
                   409)["code"] == "already_converted"
    # the same person again from another question: a probable duplicate, with the candidate to link to
    other = counsellor.post(URL, {"channel": "phone", "topic": "career"}, format="json").json()["id"]
    duplicate = problem(counsellor.post(f"{URL}/{other}/registration", person, format="json"), 409)
    assert [c["client"]["id"] for c in duplicate["candidates"] if c.get("client")] == [str(client.uuid)]
    assert Client.objects.count() == before + 1
    assert FrontDoorQuestion.objects.get(uuid=other).client_id is None
