"""Dutch for the titles and definitions of the outcome-report indicators.

`reports` keeps them in English, beside the queries they describe (and
docs/indicators.md); the API translates them when it shows them, so the report package need not
change for the language. A title or definition without an entry here is shown as written;
tests/api/test_languages.py checks that every indicator has both.
"""
from django.utils.translation import gettext, gettext_noop

LABELS = [
    gettext_noop("Intakes"),
    gettext_noop("Cases opened in the period."),
    gettext_noop("Active caseload"),
    gettext_noop("Cases open at the end of the period (of each month, quarter or year)."),
    gettext_noop("Exits"),
    gettext_noop("Cases closed in the period, by closing reason."),
    gettext_noop("Placement rate"),
    gettext_noop("Exits in the period with a placement in work / exits in the period."),
    gettext_noop("Placements in work"),
    gettext_noop("Placements dated in the period, and how many of them were confirmed in work at their follow-up."),
    gettext_noop("Sustained placement rate"),
    gettext_noop("Placements confirmed in work at the follow-up / placements whose follow-up fell due in the period "
                 "(an unconfirmed one counts as not sustained once overdue by the grace period)."),
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
]


def shown(text: str) -> str:
    """The text in the request's language (as written when there is no translation)."""
    return gettext(text)
