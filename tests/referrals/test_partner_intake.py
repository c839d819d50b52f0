"""A partner system sends a person in: matched by BSN, else registered at the receiving desk;
the partner's basis recorded; all or nothing; `Idempotency-Key` makes retries safe."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from clients.models import Client, Consent
from clients.services import client_register
from referrals.models import Referral
from rwc.models import Desk, DeskKind, IdempotencyRecord, User
from tests.conftest import partner_token
from tests.helpers import invalid_names, problem

BASIS = {"purpose": "Referral for work", "legalBasis": "consent", "evidence": "digital",
         "dataCategories": ["identity", "contact"]}


def _body(world, *, to_desk=None, person=None, **extra):
    return {
        "toDesk": str((to_desk or world.rmt_a).uuid), "reason": "Long-term unemployed, wants work",
        "serviceRequested": "Career coaching", "sharedCategories": ["identity", "contact"],
        "person": person or {"givenNames": "Fatima", "surname": "El Amrani", "birthDate": "1988-03-02",
                             "email": "fatima@example.org"},
        "basis": BASIS, "partnerReference": "GEM-2026-0042", **extra,
    }


def _counts():
    return Client.objects.count(), Consent.objects.count(), Referral.objects.count(), IdempotencyRecord.objects.count()


def _youth(world):
    return Desk.objects.get(region=world.region_a, kind=DeskKind.YOUTH)  # a desk with a BSN legal basis


@pytest.mark.django_db
def test_a_new_person_is_registered_at_the_receiving_desk_and_the_referral_rests_on_the_partners_basis(api, world):
    response = api("partner").post("/api/v1/referrals", _body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["side"] == "sender" and body["status"] == "requested" and body["partnerReference"] == "GEM-2026-0042"
    assert body["client"] is None and body["fromPartner"]["id"] == str(world.partner_a.uuid)
    referral = Referral.objects.get(uuid=body["id"])
    client = referral.client
    assert (client.registered_by_desk, client.surname, client.duplicate_override_reason) == (world.rmt_a, "El Amrani", "")
    assert referral.consent.legal_basis == "consent" and list(referral.consent.desks.all()) == [world.rmt_a]
    assert referral.sent_by_system.organisation == world.partner_a
    timeline = list(client.events.values_list("summary", flat=True))
    assert any("sent in by Gemeente" in s for s in timeline)
    inbox = api("counsellor").get("/api/v1/referrals?box=inbox").json()["results"]
    mine = next(r for r in inbox if r["id"] == body["id"])
    assert mine["client"]["fullName"] == "Fatima El Amrani" and mine["client"]["email"] == "fatima@example.org"


@pytest.mark.django_db
def test_a_bsn_match_refers_the_known_client_and_registers_nobody(api, world):
    youth = _youth(world)
    known = client_register(actor=User.objects.get(username="midden-youth-counsellor"), desk=youth, data={
        "given_names": "Sem", "surname": "Bakker", "birth_date": date(2006, 1, 9), "bsn": "111222333"})
    before = Client.objects.count()
    person = {"givenNames": "Sem", "surname": "Bakker-Jansen", "birthDate": "2006-01-09", "bsn": "111222333"}
    response = api("partner").post("/api/v1/referrals", _body(world, to_desk=youth, person=person), format="json")
    assert response.status_code == 201, response.content
    assert Client.objects.count() == before
    assert Referral.objects.get(uuid=response.json()["id"]).client == known


@pytest.mark.django_db
def test_a_probable_match_without_bsn_registers_a_new_record_flagged_for_the_counsellor(api, world):
    person = {"givenNames": "Anna", "namePrefix": "van der", "surname": "Berg", "birthDate": "1990-05-17"}
    response = api("partner").post("/api/v1/referrals", _body(world, person=person), format="json")
    assert response.status_code == 201, response.content
    client = Referral.objects.get(uuid=response.json()["id"]).client
    assert client != world.client_a
    assert "probable match" in client.duplicate_override_reason
    assert str(world.client_a.uuid) in client.duplicate_override_candidates
    assert "probable" not in response.content.decode(), "the partner is not told whom the region knows"


@pytest.mark.django_db
@pytest.mark.parametrize("change, names, status", [
    ({"person": {"givenNames": "X", "surname": "Y", "birthDate": "1988-03-02", "bsn": "111222334"}}, ["person.bsn"], 400),
    ({"person": {"givenNames": "X", "surname": "Y", "birthDate": "2099-01-01"}}, ["person.birthDate"], 400),
    ({"person": {"givenNames": "X", "surname": "Y", "birthDate": "1988-03-02", "bsn": "111222333"}},
     ["person.bsn"], 400),  # the RMT has no legal basis for the BSN
    ({"basis": {**BASIS, "evidence": ""}}, ["basis.evidence"], 400),
    ({"basis": None}, ["basis"], 400),
    ({"client": "00000000-0000-4000-8000-000000000000"}, ["client"], 400),
    ({"toDesk": "00000000-0000-4000-8000-000000000000"}, ["toDesk"], 400),
    ({"sharedCategories": ["identity", "benefits"]}, None, 409),
])
def test_bad_partner_intake_names_the_field_and_changes_nothing(api, world, change, names, status):
    body = _body(world)
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    before = _counts()
    answer = problem(api("partner").post("/api/v1/referrals", body, format="json", HTTP_IDEMPOTENCY_KEY="k-bad"), status)
    if names:
        assert invalid_names(answer) == set(names)
    else:
        assert answer["code"] == "no_consent" and answer["missing"]["dataCategories"] == ["benefits", "identity"]
    assert _counts() == before


@pytest.mark.django_db
def test_a_foreign_regions_desk_does_not_exist_for_the_partner(api, world):
    answer = problem(api("partner").post("/api/v1/referrals", _body(world, to_desk=world.rmt_b), format="json"), 400)
    assert invalid_names(answer) == {"toDesk"}


@pytest.mark.django_db
def test_staff_cannot_send_a_person_in_the_partners_way(api, world):
    body = {**_body(world), "client": str(world.client_a.uuid)}
    answer = problem(api("counsellor").post("/api/v1/referrals", body, format="json"), 400)
    assert invalid_names(answer) == {"basis", "partnerReference", "person"}


@pytest.mark.django_db
def test_a_retried_post_with_the_same_idempotency_key_returns_the_first_answer_and_creates_nothing(api, world):
    partner = api("partner")
    first = partner.post("/api/v1/referrals", _body(world), format="json", HTTP_IDEMPOTENCY_KEY="gem-42")
    assert first.status_code == 201
    counts = _counts()
    again = partner.post("/api/v1/referrals", _body(world), format="json", HTTP_IDEMPOTENCY_KEY="gem-42")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Location"] == first["Location"] and again["Idempotent-Replayed"] == "true"
    assert _counts() == counts
    other = problem(partner.post("/api/v1/referrals", _body(world, reason="Another"), format="json",
                                 HTTP_IDEMPOTENCY_KEY="gem-42"), 422)
    assert other["code"] == "idempotency_key_reused" and _counts() == counts
    fresh = partner.post("/api/v1/referrals", _body(world), format="json", HTTP_IDEMPOTENCY_KEY="gem-43")
    assert fresh.status_code == 201 and fresh.json()["id"] != first.json()["id"]


@pytest.mark.django_db
def test_idempotency_keys_belong_to_their_caller(api, world):
    """Another caller reusing a key is a different request altogether, never a replay of someone else's."""
    consent = {"purpose": "x", "legalBasis": "public_task", "dataCategories": ["identity"], "desks": [str(world.rmt_a.uuid)]}
    first = api("counsellor").post(f"/api/v1/clients/{world.client_a.uuid}/consents", consent, format="json",
                                   HTTP_IDEMPOTENCY_KEY="shared")
    assert first.status_code == 201, first.content
    partner = api("partner").post("/api/v1/referrals", _body(world), format="json", HTTP_IDEMPOTENCY_KEY="shared")
    assert partner.status_code == 201 and "Idempotent-Replayed" not in partner


@pytest.mark.django_db
def test_a_failed_post_leaves_its_key_free_for_the_corrected_request(api, world):
    partner = api("partner")
    problem(partner.post("/api/v1/referrals", _body(world, reason=""), format="json", HTTP_IDEMPOTENCY_KEY="k1"), 400)
    fixed = partner.post("/api/v1/referrals", _body(world), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed


@pytest.mark.django_db
def test_an_unusable_idempotency_key_is_a_400(api, world):
    answer = problem(api("partner").post("/api/v1/referrals", _body(world), format="json",
                                         HTTP_IDEMPOTENCY_KEY="x" * 256), 400)
    assert invalid_names(answer) == {"Idempotency-Key"}


@pytest.mark.django_db
def test_without_the_write_scope_a_partner_system_cannot_send(world):
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {partner_token(scope='referrals:read')}")
    before = _counts()
    problem(reader.post("/api/v1/referrals", _body(world), format="json"), 403)
    assert _counts() == before


@pytest.mark.django_db
def test_a_kept_answer_holding_a_bsn_is_stored_encrypted_and_replayed_in_full(api, world):
    youth = _youth(world)
    body = {"givenNames": "Noor", "surname": "Visser", "birthDate": "2007-04-01", "bsn": "123456782",
            "desk": str(youth.uuid)}
    first = api("youth_counsellor").post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-1")
    assert first.status_code == 201, first.content
    record = IdempotencyRecord.objects.get(key="reg-1")
    assert "123456782" not in record.response_sealed and "Visser" not in record.response_sealed
    again = api("youth_counsellor").post("/api/v1/clients", body, format="json", HTTP_IDEMPOTENCY_KEY="reg-1")
    assert again.json() == first.json() and again.json()["bsn"] == "123456782"
    assert Client.objects.filter(surname="Visser").count() == 1
