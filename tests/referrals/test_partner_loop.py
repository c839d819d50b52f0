"""The issue's acceptance path for partners: a municipality's system sends a referral in with an
idempotency key, retries it, and receives every status event on its webhook, also after the
webhook was down for a while; it reads the outcome, never the receiver's notes."""
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Programme
from referrals import delivery
from referrals.models import Referral
from tests.referrals.receiver import verify


@pytest.mark.django_db
def test_a_municipality_sends_in_retries_and_hears_every_status_after_its_webhook_was_down(api, world, receiver):
    partner = api("partner")
    hook = partner.post("/api/v1/webhooks", {"url": receiver.url}, format="json").json()  # nobody listens yet
    body = {
        "toDesk": str(world.rmt_a.uuid), "reason": "Lost his job in logistics", "serviceRequested": "Job-to-job coaching",
        "sharedCategories": ["identity", "contact"], "partnerReference": "UTR-2026-7781",
        "person": {"givenNames": "Karim", "surname": "Haddad", "birthDate": "1979-11-23", "phone": "06 12345678"},
        "basis": {"purpose": "Referral to the RMT", "legalBasis": "consent", "evidence": "signed",
                  "dataCategories": ["identity", "contact"]},
    }
    sent = partner.post("/api/v1/referrals", body, format="json", HTTP_IDEMPOTENCY_KEY="utr-7781")
    retried = partner.post("/api/v1/referrals", body, format="json", HTTP_IDEMPOTENCY_KEY="utr-7781")
    assert sent.status_code == retried.status_code == 201 and sent.json() == retried.json()
    referral_id = sent.json()["id"]
    assert Referral.objects.filter(partner_reference="UTR-2026-7781").count() == 1

    now = timezone.now()
    assert delivery.deliver_due(now) == 1 and receiver.received == []  # the webhook is down

    rmt = api("counsellor")
    url = f"/api/v1/referrals/{referral_id}/status-changes"
    general = Programme.objects.get(code="general")
    accepted = rmt.post(url, {"status": "accepted", "programme": str(general.uuid)}, format="json")
    assert accepted.status_code == 200, accepted.content
    case = Referral.objects.get(uuid=referral_id).case
    assert case.desk == world.rmt_a and case.client.surname == "Haddad"
    rmt.post(f"/api/v1/cases/{case.uuid}/contacts", {"channel": "phone", "kind": "coaching",
                                                     "summary": "Private: worried about debts"}, format="json")
    assert rmt.post(url, {"status": "in_progress"}, format="json").status_code == 200
    done = rmt.post(url, {"status": "completed", "note": "Placed in work at a warehouse from 1 December"},
                    format="json")
    assert done.status_code == 200, done.content
    assert delivery.deliver_due(now + timedelta(seconds=5)) == 3 and receiver.received == []  # still down

    receiver.start()
    assert delivery.deliver_due(now + timedelta(hours=2)) == 4
    events = [json.loads(b) for _, b in receiver.received]
    assert sorted(e["data"]["status"] for e in events) == ["accepted", "completed", "in_progress", "requested"]
    assert all(verify(hook["secret"], h, b) for h, b in receiver.received)
    assert {e["data"]["partnerReference"] for e in events} == {"UTR-2026-7781"}
    completed = next(e for e in events if e["data"]["status"] == "completed")
    assert completed["data"]["outcomeSummary"] == "Placed in work at a warehouse from 1 December"

    seen = partner.get(f"/api/v1/referrals/{referral_id}").json()
    assert seen["status"] == "completed" and seen["outcomeSummary"].startswith("Placed in work")
    assert "debts" not in json.dumps(seen) and "debts" not in json.dumps(events)
    assert partner.get(f"/api/v1/cases/{case.uuid}").status_code == 403, "a partner never reads the case"
