"""Reporting periods: a year (`2025`), a quarter (`2025-Q3`) or a month (`2025-07`), a range of
those (`2024..2025-Q2`), or a range of days (`2026-01-01/2026-06-30`, ISO 8601, both days included),
and the time dimensions (month, quarter, year) that split them.

A range of days is as safe against differencing as a year: every count is perturbed by the cell
key method whatever period it covers (docs/indicators.md, tests/reports/test_differencing.py)."""
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from rwc.errors import InvalidFields

PERIOD_RE = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_DIMENSIONS = ("year", "quarter", "month")
MAX_BUCKETS = 60  # at most five years by month


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes, for timestamp fields."""
        tz = timezone.get_current_timezone()
        return (datetime.combine(self.start, time.min, tz),
                datetime.combine(self.end + timedelta(days=1), time.min, tz))


def _one(text: str, *, first: bool) -> date:
    match = PERIOD_RE.match(text)
    if not match:
        raise ValueError(text)
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return date(year, 1, 1) if first else date(year, 12, 31)
    if part.startswith("Q"):
        quarter = int(part[1])
        month = 3 * quarter - 2 if first else 3 * quarter
    else:
        month = int(part)
        if not 1 <= month <= 12:
            raise ValueError(text)
    if first:
        return date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse(text: str | None) -> Period:
    if not text:
        raise InvalidFields([("period", "required", _("Name a period: 2025, 2025-Q3, 2025-07 or 2024..2025-Q2."))])
    try:
        if "/" in text:
            first, __, last = text.partition("/")
            if not (DAY_RE.match(first) and DAY_RE.match(last)):
                raise ValueError(text)
            period = Period(date.fromisoformat(first), date.fromisoformat(last))
        else:
            first, __, last = text.partition("..")
            period = Period(_one(first, first=True), _one(last or first, first=False))
    except ValueError:
        raise InvalidFields([("period", "invalid", _("Use 2025, 2025-Q3, 2025-07, a range like 2024..2025-Q2 "
                                                     "or days like 2026-01-01/2026-06-30."))]) from None
    if period.end < period.start or not 2000 <= period.start.year <= period.end.year <= 2100:
        raise InvalidFields([("period", "invalid", _("The period ends before it starts, or lies outside 2000-2100."))])
    return period


def bucket_label(value, grain: str) -> str:
    """The label of a truncated date: 2025, 2025-Q3 or 2025-07."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if grain == "year":
        return f"{value.year}"
    if grain == "quarter":
        return f"{value.year}-Q{(value.month - 1) // 3 + 1}"
    return f"{value.year}-{value.month:02d}"


def buckets(period: Period, grain: str) -> list[Period]:
    """The period split by month, quarter or year (for point-in-time indicators)."""
    out, cursor = [], period.start
    while cursor <= period.end:
        if grain == "year":
            end = date(cursor.year, 12, 31)
        elif grain == "quarter":
            end = _one(f"{cursor.year}-Q{(cursor.month - 1) // 3 + 1}", first=False)
        else:
            end = _one(f"{cursor.year}-{cursor.month:02d}", first=False)
        out.append(Period(cursor, min(end, period.end)))
        cursor = end + timedelta(days=1)
        if len(out) > MAX_BUCKETS:
            raise InvalidFields([("by", "too_many_periods", _("At most %(count)s periods in one report.") % {"count": MAX_BUCKETS})])
    return out
