"""WSP figures for the outcome reports, as database aggregation (a fixed number of queries, whatever
the volume). True counts, no names, for use inside the service: the published figures are the reports'
indicators (employers-served, vacancies-posted, places-filled, matching-events), perturbed there.

For a region and a period (dates inclusive):
- employers served: employers with a logged contact, a vacancy posted or a candidate hired in the period;
- vacancies posted, and vacancies filled (status filled, last changed in the period);
- places filled: hires in the period, in all and per vacancy sector;
- matching events held in the period, each with registered, attending job seekers and matches per kind.
"""
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from employers.models import Employer, EmployerContact

from .choices import MatchKind, ProposalStatus, VacancyStatus
from .models import MatchingEvent, Proposal, Vacancy


def _moments(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    return start, timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))


def wsp_figures(*, region_id: int, date_from: date, date_to: date) -> dict:
    start, end = _moments(date_from, date_to)
    hires = Proposal.objects.filter(vacancy__employer__region_id=region_id, status=ProposalStatus.HIRED,
                                    status_changed_at__gte=start, status_changed_at__lt=end)
    served = Employer.objects.filter(region_id=region_id).filter(
        Exists(EmployerContact.objects.filter(employer=OuterRef("pk"), at__gte=start, at__lt=end))
        | Exists(Vacancy.objects.filter(employer=OuterRef("pk"), posted_at__gte=start, posted_at__lt=end))
        | Exists(hires.filter(vacancy__employer=OuterRef("pk")))
    ).count()
    vacancies = Vacancy.objects.filter(employer__region_id=region_id).aggregate(
        posted=Count("id", filter=Q(posted_at__gte=start, posted_at__lt=end)),
        filled=Count("id", filter=Q(status=VacancyStatus.FILLED, status_changed_at__gte=start,
                                    status_changed_at__lt=end)),
    )
    per_sector = {row["vacancy__sector"]: row["n"]
                  for row in hires.values("vacancy__sector").annotate(n=Count("id")).order_by("vacancy__sector")}
    events = (
        MatchingEvent.objects.filter(region_id=region_id, date__gte=date_from, date__lte=date_to)
        .annotate(registered=Count("registrations", distinct=True),
                  attended=Count("registrations", filter=Q(registrations__attended=True), distinct=True))
        .order_by("date", "id")
    )
    matches = {}
    for row in (MatchingEvent.objects.filter(id__in=events.values("id")).values("id", "matches__kind")
                .annotate(n=Count("matches")).order_by()):
        if row["matches__kind"]:
            matches.setdefault(row["id"], {})[row["matches__kind"]] = row["n"]
    event_rows = [{"event": e.uuid, "name": e.name, "date": e.date, "registered": e.registered,
                   "attended": e.attended, "matches": {k: matches.get(e.id, {}).get(k, 0) for k in MatchKind.values}}
                  for e in events]
    return {
        "employers_served": served,
        "vacancies_posted": vacancies["posted"],
        "vacancies_filled": vacancies["filled"],
        "places_filled": sum(per_sector.values()),
        "places_filled_per_sector": per_sector,
        "matching_events": event_rows,
        "matching_event_attendance": sum(r["attended"] for r in event_rows),
        "matching_event_matches": {k: sum(r["matches"][k] for r in event_rows) for k in MatchKind.values},
    }
