"""The roster folded into buckets once, so a costing's work grows with groups, not rows.

A bucket is every row sharing classification, step, program and licence. Inside a bucket, rows
that advance on the same day of the year are summed; per contract year the bucket's rows form
groups by how many steps they have moved since the term began, each group holding the days its
rows advance on (sorted) with running sums, so any part of the year splits exactly by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bargaining.domain.costing.calendar import Year, contract_years, occurrence
from bargaining.domain.costing.model import ZERO, AdvancementRule, CostingBase, RosterRow
from bargaining.domain.errors import Invalid

BucketKey = tuple[str, int, str, bool, str | None]
"""(classification, step, program, licensed, licence type)."""

Rule = tuple[AdvancementRule, tuple[int, int] | None]
"""An advancement rule and, for the annual-date rule, its (month, day)."""


@dataclass(slots=True)
class Weights:
    """Paid hours, FTE and headcount summed over rows."""

    hours: Decimal = ZERO
    fte: Decimal = ZERO
    heads: int = 0

    def add(self, hours: Decimal, fte: Decimal, heads: int) -> None:
        """Add rows to the sums."""
        self.hours += hours
        self.fte += fte
        self.heads += heads


@dataclass(slots=True)
class Bucket:
    """Rows sharing classification, step, program and licence."""

    key: BucketKey
    totals: Weights = field(default_factory=Weights)
    caseload: int = 0
    by_day: dict[tuple[int, int] | None, Weights] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Group:
    """A bucket's rows that have moved `moved` steps by a year's start, by the day they move next.

    `days` are offsets into the year (ascending) of rows that move inside it; the cumulative lists
    have one more entry than `days`. Rows that do not move this year are only in the totals.
    """

    moved: int
    days: tuple[int, ...]
    cum_hours: tuple[Decimal, ...]
    cum_hour_days: tuple[Decimal, ...]
    cum_fte: tuple[Decimal, ...]
    cum_fte_days: tuple[Decimal, ...]
    hours: Decimal
    fte: Decimal

    def split(self, start: int, stop: int, fte: bool) -> tuple[Decimal, Decimal]:
        """Weight-days in [start, stop) at the current step and at the next (hours, or FTE)."""
        cum, cum_days = (self.cum_fte, self.cum_fte_days) if fte else (self.cum_hours, self.cum_hour_days)
        total = self.fte if fte else self.hours
        i, j = bisect_right(self.days, start), bisect_left(self.days, stop)
        moved_before, inside, inside_days = cum[i], cum[j] - cum[i], cum_days[j] - cum_days[i]
        width = stop - start
        up = moved_before * width + stop * inside - inside_days
        return total * width - up, up


def _group(moved: int, entries: list[tuple[int | None, Weights]]) -> Group:
    """A group from (day it moves or None, weights) entries."""
    moving = sorted(((day, w) for day, w in entries if day is not None), key=lambda entry: entry[0])
    cum_h, cum_hd, cum_f, cum_fd = [ZERO], [ZERO], [ZERO], [ZERO]
    for day, w in moving:
        cum_h.append(cum_h[-1] + w.hours)
        cum_hd.append(cum_hd[-1] + w.hours * day)
        cum_f.append(cum_f[-1] + w.fte)
        cum_fd.append(cum_fd[-1] + w.fte * day)
    return Group(
        moved,
        tuple(day for day, _ in moving),
        tuple(cum_h),
        tuple(cum_hd),
        tuple(cum_f),
        tuple(cum_fd),
        sum((w.hours for _, w in entries), ZERO),
        sum((w.fte for _, w in entries), ZERO),
    )


def _move_day(year: Year, rule: Rule, anniversary: tuple[int, int] | None, term_start: date) -> int | None:
    """The offset of the day a row moves a step inside this year, or None."""
    month_day = rule[1] if rule[0] is AdvancementRule.ANNUAL_DATE else anniversary
    if month_day is None:
        return None
    when = occurrence(year, *month_day)
    if when is None or when == term_start:
        return None
    return (when - year.start).days


def advancement_groups(
    bucket: Bucket,
    years: tuple[Year, ...],
    rules: tuple[Rule, ...],
    limits: tuple[int, ...],
    term_start: date,
) -> tuple[tuple[Group, ...], ...]:
    """Per contract year, the bucket's groups under one rule per year.

    `limits` are the steps the bucket's rows can move in all by each year's end (the schedule in
    force on its last day): a move past the top is lost, not banked for a step added later.
    """
    moved: dict[tuple[int, int] | None, int] = dict.fromkeys(bucket.by_day, 0)
    out = []
    for year, rule, limit in zip(years, rules, limits, strict=True):
        entries: dict[int, list[tuple[int | None, Weights]]] = defaultdict(list)
        for anniversary, weights in bucket.by_day.items():
            day = _move_day(year, rule, anniversary, term_start)
            entries[moved[anniversary]].append((day, weights))
            moved[anniversary] += day is not None
        out.append(tuple(_group(count, group) for count, group in sorted(entries.items())))
        moved = {anniversary: min(count, limit) for anniversary, count in moved.items()}
    return tuple(out)


def _row_problem(row: RosterRow, steps: dict[str, frozenset[int]]) -> tuple[str, str] | None:
    """What is wrong with a roster row, as (field, message), or None."""
    numbers = steps.get(row.classification)
    if numbers is None:
        return "classification", f"unknown classification {row.classification!r}"
    if row.step not in numbers:
        return "step", f"no step {row.step} in {row.classification}"
    if row.fte < 0:
        return "fte", "must not be negative"
    if row.annual_hours is not None and row.annual_hours < 0:
        return "annual_hours", "must not be negative"
    if row.caseload < 0:
        return "caseload", "must not be negative"
    return None


def fold_roster(base: CostingBase) -> dict[BucketKey, Bucket]:
    """The roster as buckets, each row checked (errors name 'roster[i].field')."""
    steps = {c.code: frozenset(c.schedule.step_numbers()) for c in base.classifications}
    standard = base.settings.standard_hours_per_fte
    buckets: dict[BucketKey, Bucket] = {}
    for index, row in enumerate(base.roster):
        problem = _row_problem(row, steps)
        if problem is not None:
            where = f"roster[{index}].{problem[0]}"
            raise Invalid(f"{where} ({row.key}): {problem[1]}", field=where)
        key = (row.classification, row.step, row.program, row.licensed, row.licence_type)
        bucket = buckets.get(key) or buckets.setdefault(key, Bucket(key))
        hours = row.annual_hours if row.annual_hours is not None else row.fte * standard
        bucket.totals.add(hours, row.fte, 1)
        bucket.caseload += row.caseload
        day = None if row.step_anniversary is None else (row.step_anniversary.month, row.step_anniversary.day)
        bucket.by_day.setdefault(day, Weights()).add(hours, row.fte, 1)
    return buckets


__all__ = [
    "Bucket",
    "BucketKey",
    "Group",
    "Rule",
    "Weights",
    "advancement_groups",
    "contract_years",
    "fold_roster",
]
