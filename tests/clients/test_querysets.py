"""The predicates written once, as QuerySet methods: consent in force and covering, active grant."""
from datetime import timedelta

from django.utils import timezone

from clients.models import ClientDeskGrant, Consent
from clients.services import client_grant_to_desk, consent_covering
from rwc.models import User


def test_in_force_leaves_out_withdrawn_expired_and_future_consents(world):
    consents = Consent.objects.filter(client=world.client_a)
    assert set(consents.in_force()) == {world.consent_a, world.spare_consent_a}
    Consent.objects.filter(pk=world.spare_consent_a.pk).update(withdrawn_at=timezone.now())
    Consent.objects.filter(pk=world.consent_a.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert not consents.in_force().exists()
    assert consents.in_force(at=world.consent_a.given_at - timedelta(seconds=1)).count() == 0  # not yet given
    for consent in consents:
        consent.refresh_from_db()
        assert consent.is_in_force() is False


def test_covering_asks_every_category_and_the_parties(world):
    consents = Consent.objects.filter(client=world.client_a).in_force()
    assert consents.covering(desk=world.rmt_a, categories=["identity", "contact"]).count() == 2
    assert not consents.covering(desk=world.rmt_a, categories=["identity", "health"]).exists()
    assert not consents.covering(desk=world.lwl_a, categories=["identity"]).exists()
    assert not consents.covering(partner=world.partner_a).exists()
    assert consent_covering(world.client_a, desk=world.rmt_a, categories=["contact"]) in {
        world.consent_a, world.spare_consent_a}
    assert consent_covering(world.client_a, desk=world.rmt_a, categories=["health"]) is None


def test_a_grant_is_active_while_its_consent_is(world):
    lead = User.objects.get(username="midden-rmt-lead")
    grant = client_grant_to_desk(actor=lead, client=world.client_a, desk=world.lwl_a, reason="Joint intake",
                                 consent=world.spare_consent_a)
    assert ClientDeskGrant.objects.active().filter(pk=grant.pk).exists()
    Consent.objects.filter(pk=world.spare_consent_a.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert not ClientDeskGrant.objects.active().filter(pk=grant.pk).exists()
    Consent.objects.filter(pk=world.spare_consent_a.pk).update(valid_until=None)
    ClientDeskGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not ClientDeskGrant.objects.active().filter(pk=grant.pk).exists()
