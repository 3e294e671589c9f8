"""The money a set of terms costs in each contract year, by classification and component.

Each contract year is cut at every date a term takes effect; inside a piece nothing changes but
employees' steps, which the advancement groups split exactly. Amounts are summed as money x days
and divided by the year's days once at the end (annualizing by days).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bargaining.domain.costing.benefits import add_caseload, add_health, add_lump_sums, add_rollup
from bargaining.domain.costing.calendar import Year
from bargaining.domain.costing.ledger import D, F, P, Piece, W, YearLedger, eligible
from bargaining.domain.costing.model import ZERO
from bargaining.domain.costing.prepare import Bucket, Group, Rule
from bargaining.domain.costing.prepared import Prepared
from bargaining.domain.costing.terms import LumpSum, Term, term_date
from bargaining.domain.costing.timeline import (
    HUNDRED,
    Pay,
    RateTable,
    funds_in_force,
    in_force,
    pays_in_force,
    rate_history,
    shares_in_force,
)
from bargaining.domain.costing.timeline import paid_time_in_force as paid_in_force

Histories = dict[str, tuple[tuple[date, RateTable], ...]]


def _pieces(year: Year, terms: tuple[Term, ...], prepared: Prepared, histories: Histories) -> list[Piece]:
    """The year cut at each date a term takes effect."""
    settings = prepared.base.settings
    cuts = sorted({0, year.days} | {year.offset(term_date(t)) for t in terms if not isinstance(t, LumpSum)})
    out = []
    for start, stop in itertools.pairwise(cuts):
        when = year.start + timedelta(days=start)
        tables = {code: in_force(history, when) for code, history in histories.items()}
        out.append(
            Piece(
                start,
                stop,
                tables,
                pays_in_force(terms, settings, when),
                funds_in_force(terms, settings, when),
                paid_in_force(terms, when),
                shares_in_force(terms, settings, when),
                when,
            )
        )
    return out


def _rate_days(
    groups: tuple[Group, ...], table: RateTable, step: int, piece: Piece
) -> tuple[Decimal, Decimal]:
    """Rate x hour-days and rate x FTE-days of a bucket's groups over a piece."""
    width, wage, fte_rate = piece.stop - piece.start, ZERO, ZERO
    for group in groups:
        low = table.rate(step, group.moved)
        if not group.days:
            wage += low * group.hours * width
            fte_rate += low * group.fte * width
            continue
        high = table.rate(step, group.moved + 1)
        down, up = group.split(piece.start, piece.stop, fte=False)
        wage += low * down + high * up
        down, up = group.split(piece.start, piece.stop, fte=True)
        fte_rate += low * down + high * up
    return wage, fte_rate


def _pay_days(pay: Pay, wage: Decimal, fte_rate: Decimal, hours: Decimal, fte: Decimal) -> Decimal:
    """A differential's money x days over a piece from the bucket's sums."""
    if pay.percent is not None:
        base = wage if pay.hours_per_fte is None else fte_rate * pay.hours_per_fte
        return pay.percent / HUNDRED * base
    per_hour = pay.per_hour or ZERO
    return per_hour * (hours if pay.hours_per_fte is None else fte * pay.hours_per_fte)


def _bucket_piece(bucket: Bucket, groups: tuple[Group, ...], piece: Piece, amounts: list[Decimal]) -> None:
    """Add a bucket's wages, differentials, paid time and funds (x days) over a piece."""
    code, step = bucket.key[0], bucket.key[1]
    width = piece.stop - piece.start
    wage, fte_rate = _rate_days(groups, piece.tables[code], step, piece)
    hours, fte = bucket.totals.hours * width, bucket.totals.fte * width
    amounts[W] += wage
    for pay in piece.pays:
        if eligible(pay, bucket):
            amounts[D] += _pay_days(pay, wage, fte_rate, hours, fte)
    for paid in piece.paid:
        if eligible(paid, bucket):
            amounts[P] += paid.hours_per_fte * fte_rate
    for fund in piece.funds:
        if eligible(fund, bucket):
            amounts[F] += fund.per_fte * fte


@dataclass(frozen=True, slots=True)
class Progression:
    """A classification's advancement per year: the rule on each year's first day, the tables on its last."""

    rules: tuple[Rule, ...]
    last_tables: tuple[RateTable, ...]

    def limits(self, step: int) -> tuple[int, ...]:
        """How far an employee who began on `step` can have moved by each year's end."""
        return tuple(table.room(step) for table in self.last_tables)


def progressions(prepared: Prepared, histories: Histories) -> dict[str, Progression]:
    """Each classification's progression under its rate history."""
    out = {}
    for code, history in histories.items():
        first = [in_force(history, year.start) for year in prepared.years]
        last = tuple(in_force(history, year.end) for year in prepared.years)
        out[code] = Progression(tuple((table.rule, table.rule_day) for table in first), last)
    return out


def _groups(
    prepared: Prepared, bucket: Bucket, progression: Progression | None, year: int
) -> tuple[Group, ...]:
    """The bucket's groups in a year (one still group when steps are left out)."""
    if progression is None:
        return prepared.still(bucket)
    return prepared.groups(bucket, progression.rules, progression.limits(bucket.key[1]))[year]


def year_ledgers(prepared: Prepared, terms: tuple[Term, ...], with_steps: bool) -> tuple[YearLedger, ...]:
    """Each contract year's money under the terms (no terms: the base), with or without steps."""
    settings = prepared.base.settings
    histories = {code: rate_history(c, terms, settings) for code, c in prepared.classes.items()}
    steps = progressions(prepared, histories) if with_steps else {}
    out = []
    for index, year in enumerate(prepared.years):
        ledger = YearLedger()
        pieces = _pieces(year, terms, prepared, histories)
        for bucket in prepared.buckets:
            code = bucket.key[0]
            groups = _groups(prepared, bucket, steps.get(code), index)
            amounts = ledger.line(code)
            for piece in pieces:
                _bucket_piece(bucket, groups, piece, amounts)
        for amounts in ledger.by_class.values():
            for position in (W, D, P, F):
                amounts[position] /= year.days
        add_lump_sums(prepared, terms, year, ledger)
        add_health(prepared, pieces, year, ledger)
        add_caseload(prepared, terms, pieces, year, ledger)
        add_rollup(prepared, ledger)
        out.append(ledger)
    return tuple(out)
