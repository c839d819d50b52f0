"""The counsellor's caseload: their open cases, counts per status, and what needs attention.

Follow-ups due: placements whose follow-up date has come and is not recorded (the first point and
each later one, 12 or 24 months, on its own), and a
planned contact follow-up (`followUpOn` of the latest contact) that has come without a contact
since. Agreements overdue: not done and past their due date. All as sub-queries, one query.
"""
from django.db.models import Count, DateField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from rwc import prepared
from rwc.access import profile_for

from .access import cases_workable_by
from .choices import OPEN_STATUSES
from .models import Agreement, Case, ContactMoment, Outcome, PlacementFollowUp


def _count(qs):
    return Coalesce(Subquery(qs.order_by().values("case").annotate(n=Count("id")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def caseload_for(user):
    """Only cases the user may still work on: someone who moved desks no longer sees the old ones.
    The home page of every counsellor and the most asked list, so its SQL is compiled once per set
    of desks and day (`rwc.prepared`); the rows, the grants in force included, are read each time."""
    today = timezone.localdate()
    key = ("caseload", tuple(sorted(profile_for(user).desk_ids)), today)
    rows = prepared.fetch(Case, key, lambda owner: _open_cases(user, owner, today), owner=user.pk)
    for case in rows:
        contact_due = case.next_follow_up_on is not None and case.next_follow_up_on <= today
        case.follow_ups_due = (case.placement_follow_ups_due + case.later_follow_ups_due
                               + (1 if contact_due else 0))
    counts = {status: 0 for status in OPEN_STATUSES}
    for case in rows:
        counts[case.status] += 1
    needs_attention = sum(1 for c in rows if c.agreements_overdue or c.follow_ups_due)
    return {"counts": {str(k): v for k, v in counts.items()}, "needs_attention": needs_attention, "cases": rows}


def _open_cases(user, owner: int, today):
    latest_contact = ContactMoment.objects.filter(case=OuterRef("pk")).order_by("-at", "-id")
    return (
        cases_workable_by(user).filter(owner_id=owner, status__in=OPEN_STATUSES)
        .select_related("client", "desk", "programme", "owner")
        .annotate(
            agreements_overdue=_count(Agreement.objects.overdue(today).filter(case=OuterRef("pk"))),
            placement_follow_ups_due=_count(Outcome.objects.follow_ups_due(today).filter(case=OuterRef("pk"))),
            later_follow_ups_due=Coalesce(Subquery(
                PlacementFollowUp.objects.filter(placement__case=OuterRef("pk"), recorded_at__isnull=True,
                                                 due_on__lte=today)
                .order_by().values("placement__case").annotate(n=Count("id")).values("n")[:1],
                output_field=IntegerField()), Value(0)),
            next_follow_up_on=Subquery(latest_contact.values("follow_up_on")[:1], output_field=DateField()),
        )
        .order_by("status_changed_at", "id")
    )


