"""The referral list's boxes and overdue filter as QuerySet methods (the API's filters call them)."""
from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from referrals.models import Referral
from rwc.models import PartnerSystem, User


def test_inbox_and_outbox_follow_the_callers_desks_or_organisation(world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    lwl = User.objects.get(username="midden-lwl-counsellor")
    assert set(Referral.objects.inbox(counsellor)) == {world.referral_in_a}
    assert not Referral.objects.outbox(counsellor).exists()
    assert set(Referral.objects.outbox(lwl)) == {world.referral_lwl_a}
    system = PartnerSystem.objects.filter(organisation=world.partner_a).first()
    principal = SimpleNamespace(is_authenticated=True, is_partner=True, partner_system=system, scopes=[])
    assert set(Referral.objects.outbox(principal)) == {world.referral_in_a}
    assert not Referral.objects.inbox(principal).exists()


def test_overdue_is_requested_and_past_the_answer_time(world):
    now = timezone.now()
    Referral.objects.filter(pk=world.referral_in_a.pk).update(answer_due_at=now - timedelta(minutes=1))
    assert set(Referral.objects.overdue()) == {world.referral_in_a}
    assert world.referral_in_a not in Referral.objects.not_overdue()
    assert set(Referral.objects.overdue(now - timedelta(minutes=2))) == set()
    Referral.objects.filter(pk=world.referral_in_a.pk).update(status="declined")
    assert not Referral.objects.overdue().exists()
    world.referral_in_a.refresh_from_db()
    assert world.referral_in_a.is_overdue() is False
