"""Two retries of one partner POST arriving at the same moment create one referral: the second
waits on the first's key record and replays its answer. This needs real concurrent connections,
so the requests run in threads with their own (committing) connections, and the test removes what
they committed afterwards, from a thread too (the test's own transaction could not)."""
import threading

import pytest
from django.db import connection
from oauth2_provider.models import AccessToken
from rest_framework.test import APIClient

from clients.models import Client
from referrals.models import Referral
from rwc.models import Desk, DeskKind, IdempotencyRecord, Region
from tests.conftest import partner_token
from tests.helpers import erase_processing_log_after, in_thread, processing_log_end


def _cleanup(token):
    from clients.models import ClientEvent, Consent
    from referrals.models import OutboxEvent, ReferralStatusChange

    referrals = Referral.objects.filter(partner_reference="RACE-1")
    clients = list(Client.objects.filter(surname="Gelijktijdig").values_list("id", flat=True))
    OutboxEvent.objects.filter(referral__in=referrals).delete()
    ReferralStatusChange.objects.filter(referral__in=referrals).delete()
    referrals.delete()
    Consent.objects.filter(client_id__in=clients).delete()
    ClientEvent.objects.filter(client_id__in=clients).delete()
    Client.objects.filter(id__in=clients).delete()
    IdempotencyRecord.objects.filter(key="race-1").delete()
    AccessToken.objects.filter(token_checksum__isnull=False, id=token).delete()


@pytest.mark.django_db
def test_concurrent_retries_with_one_idempotency_key_create_one_referral():
    def token_and_desk():
        token = partner_token()
        region = Region.objects.get(code="midden-utrecht")
        return token, str(Desk.objects.get(region=region, kind=DeskKind.RMT).uuid), AccessToken.objects.latest("id").id

    token, desk, token_id = in_thread(token_and_desk)
    log_end = in_thread(processing_log_end)
    body = {"toDesk": desk, "reason": "Race", "serviceRequested": "Coaching", "partnerReference": "RACE-1",
            "person": {"givenNames": "Test", "surname": "Gelijktijdig", "birthDate": "1985-06-06"},
            "basis": {"purpose": "Referral", "legalBasis": "public_task", "dataCategories": ["identity"]}}
    barrier, answers = threading.Barrier(2), []

    def post():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        barrier.wait()
        answers.append(client.post("/api/v1/referrals", body, format="json", HTTP_IDEMPOTENCY_KEY="race-1"))
        connection.close()

    try:
        threads = [threading.Thread(target=post) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert [a.status_code for a in answers] == [201, 201], [a.content[:200] for a in answers]
        assert answers[0].json()["id"] == answers[1].json()["id"]
        assert sorted(a.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
        assert in_thread(lambda: Referral.objects.filter(partner_reference="RACE-1").count()) == 1
        assert in_thread(lambda: Client.objects.filter(surname="Gelijktijdig").count()) == 1
    finally:
        in_thread(lambda: _cleanup(token_id))
        in_thread(lambda: erase_processing_log_after(log_end))
