"""Contract years and the days inside them: the calendar every annualized cost is measured on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bargaining.domain.costing.codec import InvalidTerm
from bargaining.domain.costing.model import CostingSettings


@dataclass(frozen=True, slots=True)
class Year:
    """Contract year `number`: days `start` up to (not including) `stop`."""

    number: int
    start: date
    stop: date

    @property
    def days(self) -> int:
        """How many days the year has."""
        return (self.stop - self.start).days

    @property
    def end(self) -> date:
        """The year's last day."""
        return self.stop - timedelta(days=1)

    def offset(self, when: date) -> int:
        """Days from the year's start to `when`, clamped to the year (0 .. days)."""
        return min(max((when - self.start).days, 0), self.days)


def _one_year_later(start: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)


def contract_years(settings: CostingSettings) -> tuple[Year, ...]:
    """The contract years, checked: increasing starts, each at most a year, the term ending after."""
    starts = settings.year_starts
    if not starts:
        raise InvalidTerm(
            "settings.year_starts: give at least one contract year", field="settings.year_starts"
        )
    stops = (*starts[1:], settings.term_end + timedelta(days=1))
    years = tuple(Year(n, start, stop) for n, (start, stop) in enumerate(zip(starts, stops, strict=True), 1))
    for year in years:
        if year.stop <= year.start:
            field = (
                "settings.term_end" if year.number == len(years) else f"settings.year_starts[{year.number}]"
            )
            raise InvalidTerm(f"{field}: contract years must follow one another", field=field)
        if year.stop > _one_year_later(year.start):
            field = f"settings.year_starts[{year.number - 1}]"
            raise InvalidTerm(f"{field}: a contract year may last at most one year", field=field)
    return years


def occurrence(year: Year, month: int, day: int) -> date | None:
    """The date with this month and day inside the year (29 February → 28 in other years), or None."""
    for calendar_year in (year.start.year, year.start.year + 1):
        try:
            when = date(calendar_year, month, day)
        except ValueError:
            when = date(calendar_year, month, 28)
        if year.start <= when < year.stop:
            return when
    return None
