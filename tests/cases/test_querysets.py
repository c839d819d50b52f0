"""Agreements overdue and placement follow-ups due/overdue as QuerySet methods."""
from datetime import timedelta

from django.utils import timezone

from cases.choices import OutcomeKind
from cases.models import Agreement, Outcome


def test_an_agreement_is_overdue_when_not_done_and_past_due(world):
    today = timezone.localdate()
    assert not Agreement.objects.overdue().filter(pk=world.agreement_a.pk).exists()
    assert Agreement.objects.overdue(today + timedelta(days=31)).filter(pk=world.agreement_a.pk).exists()
    Agreement.objects.filter(pk=world.agreement_a.pk).update(done_on=today)
    assert not Agreement.objects.overdue(today + timedelta(days=31)).filter(pk=world.agreement_a.pk).exists()
    world.agreement_a.refresh_from_db()
    assert world.agreement_a.is_overdue(today + timedelta(days=31)) is False


def test_follow_ups_due_include_today_and_overdue_do_not(world):
    today = timezone.localdate()
    placement = Outcome.objects.create(case=world.case_a, kind=OutcomeKind.PLACEMENT, date=today - timedelta(days=180),
                                       follow_up_due_on=today)
    assert placement in Outcome.objects.follow_ups_due(today)
    assert placement not in Outcome.objects.follow_ups_overdue(today)
    assert placement in Outcome.objects.follow_ups_overdue(today + timedelta(days=1))
    Outcome.objects.filter(pk=placement.pk).update(follow_up_recorded_at=timezone.now())
    assert placement not in Outcome.objects.follow_ups_due(today)
