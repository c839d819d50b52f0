"""Time as integers, formatted from precomputed tables: a tick is a quarter of an hour.

Day 0 is `PAST_DAYS` days before today; every timestamp is UTC. Formatting a datetime per row
would cost more than generating the row, so the strings are built once.
"""
from datetime import date, timedelta

from cases.outcomes import add_months

PAST_DAYS = 1500  # about four years back: registrations, the oldest cases, earlier transitions
FUTURE_DAYS = 1200  # due dates, consent validity
TICKS_PER_DAY = 96
OFFICE = (32, 68)  # 08:00 - 17:00 UTC


class Clock:
    def __init__(self, today: date):
        self.today = today
        self.base = today - timedelta(days=PAST_DAYS)
        self.days = PAST_DAYS + FUTURE_DAYS
        self.date = [(self.base + timedelta(days=d)).isoformat() for d in range(self.days)]
        times = [f" {q // 4:02d}:{q % 4 * 15:02d}:00+00" for q in range(TICKS_PER_DAY)]
        self.ts = [day + t for day in self.date for t in times]
        self.today_day = PAST_DAYS
        self.now = PAST_DAYS * TICKS_PER_DAY + 60  # today 15:00 UTC: "now" for the generated data
        self._birth = {}

    def day_of(self, tick: int) -> int:
        return tick // TICKS_PER_DAY

    def months_later(self, day: int, months: int) -> int:
        return (add_months(self.base + timedelta(days=day), months) - self.base).days

    def birth_date(self, days_before_today: int) -> str:
        value = self._birth.get(days_before_today)
        if value is None:
            value = self._birth[days_before_today] = (self.today - timedelta(days=days_before_today)).isoformat()
        return value
