"""Review: a partner system that sends a person in never reads the work centre's record of them."""
from datetime import date

import pytest

from clients.services import client_register
from rwc.models import Desk, DeskKind, User

BASIS = {"purpose": "Referral for work", "legalBasis": "consent", "evidence": "digital",
         "dataCategories": ["identity", "contact"]}


@pytest.mark.django_db
def test_a_bsn_match_does_not_show_the_partner_the_known_clients_name_or_contact_details(api, world):
    youth = Desk.objects.get(region=world.region_a, kind=DeskKind.YOUTH)
    client_register(actor=User.objects.get(username="midden-youth-counsellor"), desk=youth, data={
        "given_names": "Sem", "surname": "Bakker", "birth_date": date(2006, 1, 9), "bsn": "111222333",
        "email": "sem.private@example.org", "phone": "0612345678"})
    body = {"toDesk": str(youth.uuid), "reason": "Wants work", "serviceRequested": "Coaching",
            "sharedCategories": ["identity", "contact"], "basis": BASIS,
            "person": {"givenNames": "X", "surname": "Probe", "birthDate": "1990-01-01", "bsn": "111222333"}}
    partner = api("partner")
    response = partner.post("/api/v1/referrals", body, format="json")
    assert response.status_code == 201, response.content
    for answer in (response, partner.get(f"/api/v1/referrals/{response.json()['id']}")):
        text = answer.content.decode()
        assert "Bakker" not in text and "sem.private" not in text and "0612345678" not in text, text
