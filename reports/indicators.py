"""The indicators, each a queryset of the records it counts in a period plus its measures.
Written definitions (numerator, denominator, the deciding date, exclusions): docs/indicators.md."""
from datetime import timedelta

from django.conf import settings
from django.db.models import Case as When_
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)

from cases.choices import WORK_POSITIONS, CaseStatus, ClosingReason, OutcomeKind, Position
from cases.models import Case, InstrumentUse, Outcome, PlacementFollowUp, Transition
from cases.transitions import KIND_FILTERS
from employers.choices import MatchKind, ProposalStatus, VacancyStatus
from employers.models import Employer, EmployerContact, MatchingEventRegistration, Proposal, Vacancy
from referrals.choices import ReferralStatus
from referrals.models import Referral
from rwc.models import DeskKind
from worklist.figures import attended_appointments

from .engine import Counted, Indicator, Measure

CASE_PATHS = {"region": "desk__region", "desk": "desk", "programme": "programme", "client": "client"}
OUTCOME_PATHS = {"region": "case__desk__region", "desk": "case__desk", "programme": "case__programme",
                 "client": "case__client"}
CREDENTIALS = (OutcomeKind.DIPLOMA, OutcomeKind.CERTIFICATE, OutcomeKind.PRAKTIJKVERKLARING)
ACCEPTED = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.FAILED)


def count(*conditions, **filters):
    return Counted(where=Q(*conditions, **filters) if conditions or filters else None)


def _in(period, path):
    start, end = period.bounds()
    return Q(**{f"{path}__gte": start, f"{path}__lt": end})


def _on(period, path):
    return Q(**{f"{path}__gte": period.start, f"{path}__lte": period.end})


class DaysBetween(Func):
    """Days from `earlier` to `later` (dates or timestamps), as a number, on PostgreSQL and SQLite."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s::timestamptz)) / 86400.0)"
    arg_joiner = "::timestamptz - "
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s))",
                           arg_joiner=") - julianday(", **extra)


def _days_between(later: str, earlier: str):
    return DaysBetween(F(later), F(earlier))


def _exits(period, today):
    return Case.objects.filter(_in(period, "closed_at"), status=CaseStatus.CLOSED)


def _with_placement():
    return Exists(Outcome.objects.filter(case=OuterRef("pk"), kind=OutcomeKind.PLACEMENT))


def _credential_exits(period, today):
    """Exits of cases that were in education or training, marked whether a credential followed."""
    in_education = Exists(Outcome.objects.filter(case=OuterRef("pk"), kind=OutcomeKind.EDUCATION_STARTED)) | Exists(
        Transition.objects.filter(case=OuterRef("pk"), to_position=Position.IN_EDUCATION))
    year_after = ExpressionWrapper(OuterRef("closed_at") + timedelta(days=365), output_field=DateTimeField())
    credential = Exists(Outcome.objects.filter(case=OuterRef("pk"), kind__in=CREDENTIALS, date__lte=year_after))
    return _exits(period, today).filter(in_education).annotate(_credential=credential)


def _sustained_base(period, today):
    grace = timedelta(days=settings.REPORT_FOLLOW_UP_GRACE_DAYS)
    return Outcome.objects.filter(_on(period, "follow_up_due_on"), kind=OutcomeKind.PLACEMENT).filter(
        Q(follow_up_recorded_at__isnull=False) | Q(follow_up_due_on__lt=today - grace))


RETENTION_POINTS = (6, 12, 24)  # months after the placement


def _retention(period, today):
    """Placements dated in the period (a cohort), marked per later follow-up point whether it was
    recorded and found the client in work; the first point is on the outcome itself."""
    annotations = {}
    for months in RETENTION_POINTS:
        later = PlacementFollowUp.objects.filter(placement=OuterRef("pk"), months=months, recorded_at__isnull=False)
        annotations[f"_followed_{months}"] = Exists(later)
        annotations[f"_in_work_{months}"] = Exists(later.filter(still_in_work=True))
    return _placements(period, today).annotate(**annotations)


def _followed_up(months, in_work=False):
    """The placements whose follow-up point of `months` is recorded (and found the client in work): the
    outcome's own follow-up where it is the programme's first point, else the later point."""
    first = Q(case__programme__follow_up_months=months, follow_up_recorded_at__isnull=False)
    if in_work:
        return count(first & Q(still_in_work=True) | Q(**{f"_in_work_{months}": True}))
    return count(first | Q(**{f"_followed_{months}": True}))


def _retention_measures():
    measures = [Measure("placed", "count", count())]
    for m in RETENTION_POINTS:
        measures += [Measure(f"followedUp{m}", "count", _followed_up(m)),
                     Measure(f"stillInWork{m}", "count", _followed_up(m, in_work=True)),
                     Measure(f"retention{m}", "rate", numerator=f"stillInWork{m}", denominator=f"followedUp{m}")]
    return measures


def _caseload(period, today):
    _, end = period.bounds()
    return Case.objects.filter(opened_at__lt=end).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))


def _placements(period, today):
    return Outcome.objects.filter(_on(period, "date"), kind=OutcomeKind.PLACEMENT)


def _hours(period, today):
    """Placements dated in the period whose job has its hours recorded and whose client had an earlier
    job with hours recorded: the hours of the latest transition into work before the placement's."""
    before = Transition.objects.filter(
        client=OuterRef("transition__client"), to_position__in=WORK_POSITIONS, hours_per_week__isnull=False,
        date__lt=OuterRef("transition__date")).order_by("-date", "-id").values("hours_per_week")[:1]
    return (_placements(period, today).filter(transition__hours_per_week__isnull=False)
            .annotate(_hours_before=Subquery(before)).filter(_hours_before__isnull=False))


def _helped(period, today):
    """Cases open at some time in the period: opened before its end, not closed before its start."""
    start, end = period.bounds()
    return Case.objects.filter(opened_at__lt=end).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))


TRANSITION_KIND = When_(*[When(q, then=Value(kind)) for kind, q in KIND_FILTERS.items()], default=Value("other"),
                        output_field=CharField())

INDICATORS = [
    Indicator(
        "intakes", "Intakes", "Cases opened in the period.",
        lambda p, today: Case.objects.filter(_in(p, "opened_at")), "opened_at", CASE_PATHS,
        [Measure("intakes", "count", count())],
    ),
    Indicator(
        "caseload", "Active caseload", "Cases open at the end of the period (of each month, quarter or year).",
        _caseload, "opened_at", CASE_PATHS, [Measure("active", "count", count())], point_in_time=True,
    ),
    Indicator(
        "people-helped", "People helped",
        "Distinct clients with a case open at some time in the period (a person with two cases counts once), "
        "and those cases.",
        _helped, "opened_at", CASE_PATHS,
        [Measure("people", "count", Counted("client")), Measure("cases", "count", count())], per_period=True,
    ),
    Indicator(
        "exits", "Exits", "Cases closed in the period, by closing reason.",
        _exits, "closed_at", CASE_PATHS, [Measure("exits", "count", count())],
        extra_dimensions=("closing_reason",), expressions={"closing_reason": F("closing_reason")},
    ),
    Indicator(
        "placement-rate", "Placement rate", "Exits in the period with a placement in work / exits in the period.",
        lambda p, today: _exits(p, today).annotate(_placed=_with_placement()), "closed_at", CASE_PATHS,
        [Measure("exits", "count", count()), Measure("exitsWithPlacement", "count", count(_placed=True)),
         Measure("placementRate", "rate", numerator="exitsWithPlacement", denominator="exits")],
    ),
    Indicator(
        "placements", "Placements in work",
        "Placements dated in the period, and how many of them were confirmed in work at their follow-up.",
        lambda p, today: Outcome.objects.filter(_on(p, "date"), kind=OutcomeKind.PLACEMENT), "date",
        {**OUTCOME_PATHS, "sector": "transition__sector"},
        [Measure("placed", "count", count()), Measure("stillInWork", "count", count(still_in_work=True))],
        extra_dimensions=("contract_type",), expressions={"contract_type": F("transition__contract_type")},
    ),
    Indicator(
        "placement-hours", "Hours before and after a placement",
        "Placements dated in the period whose client worked before (hours recorded on both jobs): how many now "
        "work more hours, and the median hours a week before and after.",
        _hours, "date", {**OUTCOME_PATHS, "sector": "transition__sector"},
        [Measure("placements", "count", count()),
         Measure("moreHours", "count", count(transition__hours_per_week__gt=F("_hours_before"))),
         Measure("medianHoursBefore", "median", F("_hours_before")),
         Measure("medianHoursAfter", "median", F("transition__hours_per_week"))],
        extra_dimensions=("contract_type",), expressions={"contract_type": F("transition__contract_type")},
    ),
    Indicator(
        "instruments-used", "Employer instruments used",
        "Employer instruments (wage-cost subsidy, trial placement, work-experience place, no-riskpolis, jobcoach) "
        "started in the period, and the placements they were used in.",
        lambda p, today: InstrumentUse.objects.filter(_on(p, "start_on")), "start_on",
        {"region": "placement__case__desk__region", "desk": "placement__case__desk",
         "programme": "placement__case__programme", "client": "placement__case__client",
         "sector": "placement__transition__sector"},
        [Measure("uses", "count", count()), Measure("placements", "count", Counted("placement"))],
        extra_dimensions=("instrument",), expressions={"instrument": F("instrument")},
    ),
    Indicator(
        "sustained-placement-rate", "Sustained placement rate",
        "Placements confirmed in work at the follow-up / placements whose follow-up fell due in the period "
        "(an unconfirmed one counts as not sustained once overdue by the grace period).",
        _sustained_base, "follow_up_due_on", {**OUTCOME_PATHS, "sector": "transition__sector"},
        [Measure("followUpsDue", "count", count()), Measure("sustained", "count", count(still_in_work=True)),
         Measure("sustainedRate", "rate", numerator="sustained", denominator="followUpsDue")],
    ),
    Indicator(
        "retention", "Retention after 6, 12 and 24 months",
        "Placements dated in the period; of them, those followed up after 6, 12 and 24 months, how many were still "
        "in work then, and the share.",
        _retention, "date", {**OUTCOME_PATHS, "sector": "transition__sector"}, _retention_measures(),
        extra_dimensions=("contract_type",), expressions={"contract_type": F("transition__contract_type")},
    ),
    Indicator(
        "days-to-placement", "Median days from intake to placement",
        "Median of the days from a case's opening to its placement, over placements dated in the period.",
        lambda p, today: Outcome.objects.filter(_on(p, "date"), kind=OutcomeKind.PLACEMENT), "date",
        {**OUTCOME_PATHS, "sector": "transition__sector"},
        [Measure("placements", "count", count()),
         Measure("medianDays", "median", _days_between("date", "case__opened_at"))],
    ),
    Indicator(
        "praktijkverklaringen", "Praktijkverklaringen issued",
        "Praktijkverklaringen dated in the period, by sector and qualification.",
        lambda p, today: Outcome.objects.filter(_on(p, "date"), kind=OutcomeKind.PRAKTIJKVERKLARING), "date",
        {**OUTCOME_PATHS, "sector": "sector"},
        [Measure("issued", "count", count())],
        extra_dimensions=("qualification",), expressions={"qualification": F("qualification_title")},
    ),
    Indicator(
        "credential-rate", "Credential rate",
        "Exits in the period with a diploma, certificate or praktijkverklaring during the case or within a year "
        "after / exits in the period of cases that were in education or training.",
        _credential_exits, "closed_at", CASE_PATHS,
        [Measure("exitsFromEducation", "count", count()), Measure("withCredential", "count", count(_credential=True)),
         Measure("credentialRate", "rate", numerator="withCredential", denominator="exitsFromEducation")],
    ),
    Indicator(
        "transitions", "Transitions", "Labour-market transitions dated in the period, by kind.",
        lambda p, today: Transition.objects.filter(_on(p, "date")), "date",
        {"region": "client__region", "desk": "case__desk", "programme": "case__programme", "client": "client",
         "sector": "sector"},
        [Measure("transitions", "count", count())],
        extra_dimensions=("kind",), expressions={"kind": TRANSITION_KIND},
    ),
    Indicator(
        "youth-exits", "Youth desk: exits to education and to work",
        "Exits in the period of cases at youth desks, to education and to work.",
        lambda p, today: _exits(p, today).filter(desk__kind=DeskKind.YOUTH), "closed_at", CASE_PATHS,
        [Measure("exits", "count", count()), Measure("toEducation", "count", count(closing_reason=ClosingReason.EDUCATION)),
         Measure("toWork", "count", count(closing_reason=ClosingReason.WORK))],
    ),
    Indicator(
        "referrals", "Referrals",
        "Referrals sent in the period, what became of them, the median days to an answer and the share answered "
        "within the receiver's response time, per pair of sender and receiver.",
        lambda p, today: Referral.objects.filter(_in(p, "sent_at")), "sent_at",
        {"region": "client__region", "desk": "to_desk", "client": "client"},
        [Measure("sent", "count", count()), Measure("accepted", "count", count(status__in=ACCEPTED)),
         Measure("declined", "count", count(status=ReferralStatus.DECLINED)),
         Measure("expired", "count", count(status=ReferralStatus.EXPIRED)),
         Measure("answerable", "count", count(Q(answered_at__isnull=False) | Q(status=ReferralStatus.EXPIRED))),
         Measure("answeredInTime", "count", count(answered_at__lte=F("answer_due_at"))),
         Measure("answeredInTimeShare", "rate", numerator="answeredInTime", denominator="answerable"),
         Measure("answered", "count", count(answered_at__isnull=False)),
         Measure("medianDaysToAnswer", "median", _days_between("answered_at", "sent_at"), over="answered")],
        extra_dimensions=("sender", "receiver"),
        expressions={"sender": When_(When(from_desk__isnull=False, then=F("from_desk__name")),
                                     default=F("from_partner__name"), output_field=CharField()),
                     "receiver": When_(When(to_desk__isnull=False, then=F("to_desk__name")),
                                       default=F("to_partner__name"), output_field=CharField())},
    ),
]

def _employers_served(period, today):
    start, end = period.bounds()
    hires = Proposal.objects.filter(status=ProposalStatus.HIRED, status_changed_at__gte=start, status_changed_at__lt=end)
    return Employer.objects.filter(
        Exists(EmployerContact.objects.filter(employer=OuterRef("pk"), at__gte=start, at__lt=end))
        | Exists(Vacancy.objects.filter(employer=OuterRef("pk"), posted_at__gte=start, posted_at__lt=end))
        | Exists(hires.filter(vacancy__employer=OuterRef("pk"))))


def _matches(kind):
    return Counted("matches", Q(matches__kind=kind))


VACANCY_PATHS = {"region": "employer__region", "desk": "employer__managing_desk", "sector": "sector"}

INDICATORS += [
    Indicator(
        "employers-served", "Employers served",
        "Employers with a logged contact, a vacancy posted or a candidate hired in the period.",
        _employers_served, "", {"region": "region", "desk": "managing_desk", "sector": "sector"},
        [Measure("employers", "count", count())],
        extra_dimensions=("size_class",), expressions={"size_class": F("size_class")},
    ),
    Indicator(
        "vacancies-posted", "Vacancies posted", "Vacancies posted in the period, and their places.",
        lambda p, today: Vacancy.objects.filter(_in(p, "posted_at")), "posted_at", VACANCY_PATHS,
        [Measure("vacancies", "count", count()), Measure("places", "count", Counted(total="places"))],
    ),
    Indicator(
        "vacancies-filled", "Vacancies filled", "Vacancies whose status became filled in the period.",
        lambda p, today: Vacancy.objects.filter(_in(p, "status_changed_at"), status=VacancyStatus.FILLED),
        "status_changed_at", VACANCY_PATHS, [Measure("vacancies", "count", count())],
    ),
    Indicator(
        "places-filled", "Places filled", "Candidates hired through a vacancy in the period, by the vacancy's sector.",
        lambda p, today: Proposal.objects.filter(_in(p, "status_changed_at"), status=ProposalStatus.HIRED),
        "status_changed_at",
        {"region": "vacancy__employer__region", "desk": "vacancy__employer__managing_desk", "client": "client",
         "sector": "vacancy__sector"},
        [Measure("hires", "count", count())],
    ),
    Indicator(
        "matching-events", "Matching events: attendance and matches",
        "Registrations for matching events held in the period: the events, the job seekers registered and "
        "attending, and the matches made (conversations, follow-up invitations, hires).",
        lambda p, today: MatchingEventRegistration.objects.filter(_on(p, "event__date")), "event__date",
        {"region": "event__region", "desk": "event__organising_desk", "client": "client"},
        [Measure("events", "count", Counted("event")), Measure("registered", "count", count()),
         Measure("attended", "count", count(attended=True)),
         Measure("conversations", "count", _matches(MatchKind.CONVERSATION)),
         Measure("followUpInvitations", "count", _matches(MatchKind.FOLLOW_UP_INVITATION)),
         Measure("hires", "count", _matches(MatchKind.HIRE))],
    ),
]

from .service_indicators import SERVICE_INDICATORS  # noqa: E402  (services, training, front-door questions)

INDICATORS += SERVICE_INDICATORS
INDICATORS += [
    Indicator(
        "no-shows", "Appointments missed (no-shows)",
        "Appointments with a client held or missed in the period, how many the client missed, and the share missed "
        "(cancelled and still planned ones count in neither).",
        lambda p, today: attended_appointments().filter(_in(p, "starts_at")), "starts_at",
        {"region": "desk__region", "desk": "desk", "programme": "case__programme", "client": "client"},
        [Measure("appointments", "count", count()), Measure("noShows", "count", count(status="no_show")),
         Measure("noShowShare", "rate", numerator="noShows", denominator="appointments")],
    ),
]

BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
