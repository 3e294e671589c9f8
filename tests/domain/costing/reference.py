"""A slow, obvious costing of wages and differentials: every row, every day. The engine must agree."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bargaining.domain.costing.model import AdvancementRule, Classification, CostingBase, RateBasis, RosterRow
from bargaining.domain.costing.terms import AcrossTheBoard, Differential, ScheduleChange, Term


def _table(
    cls: Classification, terms: tuple[Term, ...], day: date, base: CostingBase
) -> list[tuple[int, Decimal]]:
    """(step number, rate on the schedule's basis) in force on `day`."""
    steps = sorted((s.number, s.rate) for s in cls.schedule.steps)
    dated = sorted(
        (t for t in terms if isinstance(t, AcrossTheBoard | ScheduleChange) and t.effective <= day),
        key=lambda t: (t.effective, 0 if isinstance(t, ScheduleChange) else 1),
    )
    rounding = base.settings.rate_rounding
    for term in dated:
        if isinstance(term, ScheduleChange):
            if term.classification == cls.code:
                steps = sorted((s.number, s.rate) for s in term.steps)
            continue
        if term.classifications and cls.code not in term.classifications:
            continue
        if term.percent is not None:
            steps = [(n, r * (1 + term.percent / 100)) for n, r in steps]
        else:
            add = term.per_hour if cls.schedule.basis is RateBasis.HOURLY else term.per_hour * 2080
            steps = [(n, r + add) for n, r in steps]
        if rounding is not None:
            steps = [(n, r.quantize(rounding, rounding=ROUND_HALF_UP)) for n, r in steps]
    return steps


def _occurrences(row: RosterRow, cls: Classification, term_start: date, first: date, last: date) -> int:
    """How many times the row's advancement day falls in [first, last], the term's first day excepted."""
    if cls.schedule.advancement is AdvancementRule.ANNUAL_DATE:
        month_day = (cls.schedule.advancement_date.month, cls.schedule.advancement_date.day)
    elif row.step_anniversary is None:
        return 0
    else:
        month_day = (row.step_anniversary.month, row.step_anniversary.day)
    count = 0
    for year in range(first.year, last.year + 1):
        try:
            when = date(year, *month_day)
        except ValueError:
            when = date(year, month_day[0], 28)
        count += first <= when <= last and when != term_start
    return count


def _room(table: list[tuple[int, Decimal]], step: int) -> int:
    index = max([i for i, (n, _) in enumerate(table) if n <= step], default=0)
    return len(table) - 1 - index


def _moved(row, cls, base, terms, years, current: int, day: date) -> int:
    """Steps moved by `day`: each earlier year's moves, capped at the top of its last day's schedule."""
    start = base.settings.term_start
    moved = 0
    for first, stop in years[:current]:
        last = stop - timedelta(days=1)
        moved += _occurrences(row, cls, start, first, last)
        moved = min(moved, _room(_table(cls, terms, last, base), row.step))
    return moved + _occurrences(row, cls, start, years[current][0], day)


def _rate(table: list[tuple[int, Decimal]], step: int, moved: int, cls: Classification) -> Decimal:
    """The hourly rate of a row on `step` having moved `moved` steps."""
    index = max([i for i, (n, _) in enumerate(table) if n <= step], default=0)
    rate = table[min(index + moved, len(table) - 1)][1]
    return rate if cls.schedule.basis is RateBasis.HOURLY else rate / 2080


def _pays(base: CostingBase, terms: tuple[Term, ...], day: date) -> list:
    """Differentials in force on `day`."""
    by_name = {d.name: d for d in base.settings.current_differentials}
    for term in sorted((t for t in terms if isinstance(t, Differential)), key=lambda t: t.effective):
        if term.effective <= day:
            by_name[term.name] = term
    return list(by_name.values())


def _eligible(pay, row: RosterRow) -> bool:
    return (
        (not pay.classifications or row.classification in pay.classifications)
        and (not pay.programs or row.program in pay.programs)
        and (not pay.licensed_only or row.licensed)
        and (not pay.licence_types or row.licence_type in pay.licence_types)
    )


def _differential(pay, rate: Decimal, hours: Decimal, fte: Decimal) -> Decimal:
    paid_hours = hours if pay.hours_per_fte is None else pay.hours_per_fte * fte
    return (pay.percent / 100 * rate if pay.percent is not None else pay.per_hour) * paid_hours


def naive(base: CostingBase, terms: tuple[Term, ...], with_steps: bool) -> list[tuple[Decimal, Decimal]]:
    """(wages, differentials) per contract year, row by row, day by day (standard hours 2,080)."""
    classes = {c.code: c for c in base.classifications}
    settings = base.settings
    stops = (*settings.year_starts[1:], settings.term_end + timedelta(days=1))
    out = []
    years = list(zip(settings.year_starts, stops, strict=True))
    for current, (start, stop) in enumerate(years):
        days = (stop - start).days
        wages = diffs = Decimal(0)
        for offset in range(days):
            day = start + timedelta(days=offset)
            tables = {code: _table(cls, terms, day, base) for code, cls in classes.items()}
            pays = _pays(base, terms, day)
            for row in base.roster:
                cls = classes[row.classification]
                moved = _moved(row, cls, base, terms, years, current, day) if with_steps else 0
                rate = _rate(tables[cls.code], row.step, moved, cls)
                hours = row.annual_hours if row.annual_hours is not None else row.fte * 2080
                wages += rate * hours
                diffs += sum(
                    (_differential(p, rate, hours, row.fte) for p in pays if _eligible(p, row)), Decimal(0)
                )
        out.append((wages / days, diffs / days))
    return out
