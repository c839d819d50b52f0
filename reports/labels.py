"""Human labels of the outcome reports, in English with their Dutch (reports/locale/nl): the titles
and definitions of the indicators, the names of the dimensions and measures, and the values a
dimension takes (a closing reason, an education level, a benefit situation ...).

The indicators keep their title and definition in English beside the queries they describe (and
docs/indicators.md); `shown` gives them in the request's language. A code stays what it is in the
JSON (`closing_reason`, `work`); `labels` of a report and the spreadsheets show these words.
tests/reports/test_labels.py checks that every indicator, dimension and measure has one.
"""
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

LABELS = [
    gettext_noop("Intakes"),
    gettext_noop("Cases opened in the period."),
    gettext_noop("Active caseload"),
    gettext_noop("Cases open at the end of the period (of each month, quarter or year)."),
    gettext_noop("People helped"),
    gettext_noop("Distinct clients with a case open at some time in the period (a person with two cases counts once), "
                 "and those cases."),
    gettext_noop("Exits"),
    gettext_noop("Cases closed in the period, by closing reason."),
    gettext_noop("Placement rate"),
    gettext_noop("Exits in the period with a placement in work / exits in the period."),
    gettext_noop("Placements in work"),
    gettext_noop("Placements dated in the period, and how many of them were confirmed in work at their follow-up."),
    gettext_noop("Hours before and after a placement"),
    gettext_noop("Placements dated in the period whose client worked before (hours recorded on both jobs): how many "
                 "now work more hours, and the median hours a week before and after."),
    gettext_noop("Employer instruments used"),
    gettext_noop("Employer instruments (wage-cost subsidy, trial placement, work-experience place, no-riskpolis, "
                 "jobcoach) started in the period, and the placements they were used in."),
    gettext_noop("Sustained placement rate"),
    gettext_noop("Placements confirmed in work at the follow-up / placements whose follow-up fell due in the period "
                 "(an unconfirmed one counts as not sustained once overdue by the grace period)."),
    gettext_noop("Retention after 6, 12 and 24 months"),
    gettext_noop("Placements dated in the period; of them, those followed up after 6, 12 and 24 months, how many "
                 "were still in work then, and the share."),
    gettext_noop("Median days from intake to placement"),
    gettext_noop("Median of the days from a case's opening to its placement, over placements dated in the period."),
    gettext_noop("Praktijkverklaringen issued"),
    gettext_noop("Praktijkverklaringen dated in the period, by sector and qualification."),
    gettext_noop("Credential rate"),
    gettext_noop("Exits in the period with a diploma, certificate or praktijkverklaring during the case or within a "
                 "year after / exits in the period of cases that were in education or training."),
    gettext_noop("Transitions"),
    gettext_noop("Labour-market transitions dated in the period, by kind."),
    gettext_noop("Youth desk: exits to education and to work"),
    gettext_noop("Exits in the period of cases at youth desks, to education and to work."),
    gettext_noop("Referrals"),
    gettext_noop("Referrals sent in the period, what became of them, the median days to an answer and the share "
                 "answered within the receiver's response time, per pair of sender and receiver."),
    gettext_noop("Employers served"),
    gettext_noop("Employers with a logged contact, a vacancy posted or a candidate hired in the period."),
    gettext_noop("Vacancies posted"),
    gettext_noop("Vacancies posted in the period, and their places."),
    gettext_noop("Vacancies filled"),
    gettext_noop("Vacancies whose status became filled in the period."),
    gettext_noop("Places filled"),
    gettext_noop("Candidates hired through a vacancy in the period, by the vacancy's sector."),
    gettext_noop("Matching events: attendance and matches"),
    gettext_noop("Registrations for matching events held in the period: the events, the job seekers registered and "
                 "attending, and the matches made (conversations, follow-up invitations, hires)."),
    gettext_noop("Services delivered"),
    gettext_noop("Services started in the period (advice, coaching, IPS job coaching, training, work-experience "
                 "places, language courses), by service type and provider, and the people they were delivered to."),
    gettext_noop("Services refused funding"),
    gettext_noop("Services whose funding a team lead refused in the period and that have not been approved since, by "
                 "service type and provider, and the people they were for."),
    gettext_noop("Training started and completed"),
    gettext_noop("Training and language courses started in the period: how many, how many were completed so far and "
                 "how many of those with a certificate or diploma, and how many stopped early."),
    gettext_noop("Questions at the front door"),
    gettext_noop("Questions answered at the front door without a client record, asked in the period, by topic and "
                 "channel: how many needed a follow-up and how many people were registered as a client later."),
    gettext_noop("Spend per funding source"),
    gettext_noop("Per funding source whose period overlaps the report's: its budget, what services approved up to the "
                 "period's end charge to it, of that what was approved in the period and what is on services started "
                 "by its end (realised), and what remains of the budget."),
    gettext_noop("Cost per person helped and per placement"),
    gettext_noop("The approved cost of services started in the period, divided by the distinct people they were "
                 "delivered to, and by the placements dated in the period; by region, desk or programme of the case."),
    gettext_noop("Programme targets against what was realised"),
    gettext_noop("Per region and programme, the target for the year (trajectories started, people helped or placements "
                 "in work) against the realised total of its indicator as that indicator publishes it, and the share "
                 "realised."),
    gettext_noop("Appointments missed (no-shows)"),
    gettext_noop("Appointments with a client held or missed in the period, how many the client missed, and the share "
                 "missed (cancelled and still planned ones count in neither)."),
]


DIMENSIONS = {
    "region": _("Region"), "desk": _("Desk"), "programme": _("Programme"), "target_group": _("Target group"),
    "education_level": _("Education level"), "age_band": _("Age band"), "sector": _("Sector"),
    "year": _("Year"), "quarter": _("Quarter"), "month": _("Month"), "closing_reason": _("Closing reason"),
    "qualification": _("Qualification"), "kind": _("Kind of transition"), "sender": _("Sender"),
    "receiver": _("Receiver"), "size_class": _("Size class"), "youth": _("Up to and including 27"),
    "startkwalificatie": _("Startkwalificatie"), "benefit": _("Benefit situation"),
    "municipality": _("Municipality"), "contract_type": _("Contract type"), "instrument": _("Instrument"),
    "service_type": _("Service type"), "provider_kind": _("Provider"), "topic": _("Topic"), "channel": _("Channel"),
}

MEASURES = {
    "moreHours": _("Working more hours"), "medianHoursBefore": _("Median hours a week before"),
    "medianHoursAfter": _("Median hours a week after"), "uses": _("Uses"), "people": _("People"), "cases": _("Cases"), "intakes": _("Intakes"), "active": _("Active cases"), "exits": _("Exits"),
    "exitsWithPlacement": _("Exits with a placement"), "placementRate": _("Placement rate"),
    "placed": _("Placed"), "stillInWork": _("Still in work at the follow-up"),
    "followedUp6": _("Followed up after 6 months"), "stillInWork6": _("Still in work after 6 months"),
    "retention6": _("Share in work after 6 months"),
    "followedUp12": _("Followed up after 12 months"), "stillInWork12": _("Still in work after 12 months"),
    "retention12": _("Share in work after 12 months"),
    "followedUp24": _("Followed up after 24 months"), "stillInWork24": _("Still in work after 24 months"),
    "retention24": _("Share in work after 24 months"),
    "followUpsDue": _("Follow-ups due"), "sustained": _("Sustained"), "sustainedRate": _("Sustained rate"),
    "placements": _("Placements"), "medianDays": _("Median days"), "issued": _("Issued"),
    "exitsFromEducation": _("Exits from education or training"), "withCredential": _("With a credential"),
    "credentialRate": _("Credential rate"), "transitions": _("Transitions"), "toEducation": _("To education"),
    "toWork": _("To work"), "sent": _("Sent"), "accepted": _("Accepted"), "declined": _("Declined"),
    "expired": _("Expired"), "answerable": _("Answered or expired"), "answeredInTime": _("Answered in time"),
    "answeredInTimeShare": _("Share answered in time"), "answered": _("Answered"),
    "medianDaysToAnswer": _("Median days to an answer"), "appointments": _("Appointments held or missed"),
    "noShows": _("No-shows"), "noShowShare": _("Share missed"), "employers": _("Employers"), "vacancies": _("Vacancies"),
    "places": _("Places"), "hires": _("Hires"), "events": _("Events"), "registered": _("Registered"),
    "attended": _("Attended"), "conversations": _("Conversations"), "followUpInvitations": _("Follow-up invitations"),
    "services": _("Services"), "refused": _("Refused funding"), "started": _("Started"), "completed": _("Completed"),
    "withCertificate": _("With a certificate"), "stoppedEarly": _("Stopped early"), "questions": _("Questions"),
    "followUpsNeeded": _("Follow-up needed"), "registeredLater": _("Registered as a client later"),
}

# the money reports (reports/money.py): their title and definition, as the indicators'
MONEY_REPORTS = {
    "spend": (
        "Spend per funding source",
        "Per funding source whose period overlaps the report's: its budget, what services approved up to the "
        "period's end charge to it, of that what was approved in the period and what is on services started "
        "by its end (realised), and what remains of the budget.",
    ),
    "cost": (
        "Cost per person helped and per placement",
        "The approved cost of services started in the period, divided by the distinct people they were "
        "delivered to, and by the placements dated in the period; by region, desk or programme of the case.",
    ),
}

# the targets report (reports/targets.py): its title and definition, as the indicators'
TARGETS_REPORT = (
    "Programme targets against what was realised",
    "Per region and programme, the target for the year (trajectories started, people helped or placements in work) "
    "against the realised total of its indicator as that indicator publishes it, and the share realised.",
)

MONEY_MEASURES = {
    "budget": _("Budget (euros)"), "approved": _("Approved (euros)"), "approvedInPeriod": _("Approved in the period (euros)"),
    "realised": _("Realised (euros)"), "remaining": _("Remaining (euros)"),
    "costPerPerson": _("Cost per person helped (euros)"), "costPerPlacement": _("Cost per placement (euros)"),
}
MEASURES.update(MONEY_MEASURES)

COLUMNS = {
    "source": _("Funding source"), "name": _("Name"), "region": _("Region"), "kind": _("Kind of funding"),
    "periodStart": _("Period from"), "periodEnd": _("Period to"),
    # the targets report's
    "programme": _("Programme"), "programmeName": _("Programme name"), "measure": _("What the target counts"),
    "indicator": _("Indicator"), "target": _("Target"), "ownTarget": _("The region's own target"),
    "realised": _("Realised"), "share": _("Share realised"),
}

NONE = _("none")  # a cell whose dimension has no value
TOTAL = _("total")  # a subtotal's or the total's place in a dimension's column


def _choices():
    """dimension -> {code: label}, from the closed lists the codes come from."""
    from cases.choices import ClosingReason, ContractType, EmployerInstrument
    from cases.transitions import TransitionKind
    from clients.choices import EducationLevel, Sector, TargetGroup
    from clients.municipalities import MUNICIPALITIES
    from employers.choices import SizeClass
    from services.choices import ProviderKind, QuestionChannel, QuestionTopic, ServiceType

    yes_no = {"yes": _("yes"), "no": _("no"), "unknown": _("not recorded")}
    return {
        "youth": {"yes": _("27 or younger"), "no": _("28 or older")},
        "startkwalificatie": yes_no,
        "benefit": {"none": _("No benefit (NUG)"), "ww": _("WW"), "bijstand": _("Bijstand"), "other": _("Other benefit"),
                    "unknown": _("not recorded")},
        "municipality": MUNICIPALITIES, "contract_type": dict(ContractType.choices),
        "instrument": dict(EmployerInstrument.choices),
        "closing_reason": dict(ClosingReason.choices), "education_level": dict(EducationLevel.choices),
        "target_group": dict(TargetGroup.choices), "sector": dict(Sector.choices), "size_class": dict(SizeClass.choices),
        "kind": {**dict(TransitionKind.choices), "other": _("Other")},
        "service_type": dict(ServiceType.choices), "provider_kind": dict(ProviderKind.choices),
        "topic": dict(QuestionTopic.choices), "channel": dict(QuestionChannel.choices),
    }


def shown(text: str) -> str:
    """The text in the request's language (as written when there is no translation)."""
    return gettext(text)


def dimension(name: str) -> str:
    return str(DIMENSIONS.get(name, name))


TARGET_MEASURES = {"trajectories": _("Trajectories started"), "people": _("People helped"),
                   "placements": _("Placements in work")}


def target_measure(key: str) -> str:
    """What a programme's target counts, in the request's language."""
    return str(TARGET_MEASURES[key])


def measure(key: str) -> str:
    return str(MEASURES.get(key, key))


def column(key: str) -> str:
    return str(COLUMNS.get(key, key))


def funding_kinds() -> dict:
    from services.choices import FundingKind

    return dict(FundingKind.choices)


def value(name: str, code) -> str:
    """The label of a dimension's value in the request's language: a code from a closed list by its
    label, `none` and `total` translated, anything else (a desk's name, a period) as it is."""
    known = _choices().get(name, {})
    if code in known:
        return str(known[code])
    if code == "none":
        return str(NONE)
    if code == "total":
        return str(TOTAL)
    return str(code)
