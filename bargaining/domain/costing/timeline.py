"""What is in force on each day: each classification's rates, differentials, funds, health shares.

Terms are applied in date order; on one date a schedule change comes before increases, so an
increase effective the same day raises the new schedule. Each increase applies to the rates in
force the day before it (increases compound).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from bargaining.domain.costing.model import (
    AdvancementRule,
    Classification,
    CostingSettings,
    CurrentDifferential,
    CurrentFund,
    RateBasis,
)
from bargaining.domain.costing.terms import (
    AcrossTheBoard,
    CaseloadCap,
    Differential,
    HealthShare,
    PaidTime,
    ProfessionalFund,
    ScheduleChange,
    Term,
    term_date,
)

HUNDRED = Decimal(100)
T = TypeVar("T")
Pay = CurrentDifferential | Differential
Fund = CurrentFund | ProfessionalFund


@dataclass(frozen=True, slots=True)
class RateTable:
    """A classification's steps in force: step numbers ascending, their hourly rates, the rule."""

    numbers: tuple[int, ...]
    rates: tuple[Decimal, ...]
    basis_rates: tuple[Decimal, ...]
    rule: AdvancementRule
    rule_day: tuple[int, int] | None

    def index(self, step: int) -> int:
        """Where an employee who began the term on `step` sits: that step, or the nearest below (or first)."""
        index = 0
        for position, number in enumerate(self.numbers):
            if number <= step:
                index = position
        return index

    def rate(self, step: int, moved: int) -> Decimal:
        """The hourly rate of an employee who began the term on `step` and has moved `moved` steps."""
        return self.rates[min(self.index(step) + moved, len(self.rates) - 1)]

    def room(self, step: int) -> int:
        """How many steps an employee who began on `step` can move before the top."""
        return len(self.numbers) - 1 - self.index(step)


def _hourly(basis: RateBasis, rates: tuple[Decimal, ...], standard: Decimal) -> tuple[Decimal, ...]:
    """Rates per hour from rates on the schedule's basis."""
    return rates if basis is RateBasis.HOURLY else tuple(rate / standard for rate in rates)


def base_table(classification: Classification, standard: Decimal) -> RateTable:
    """The classification's current schedule as a rate table."""
    schedule = classification.schedule
    steps = sorted(schedule.steps, key=lambda step: step.number)
    basis_rates = tuple(step.rate for step in steps)
    day = schedule.advancement_date
    return RateTable(
        tuple(step.number for step in steps),
        _hourly(schedule.basis, basis_rates, standard),
        basis_rates,
        schedule.advancement,
        None if day is None else (day.month, day.day),
    )


def _round(rate: Decimal, rounding: Decimal | None) -> Decimal:
    """A rate rounded as a published schedule would be (half up), or exact."""
    return rate if rounding is None else rate.quantize(rounding, rounding=ROUND_HALF_UP)


def _applies(term: Term, code: str) -> bool:
    """Whether a schedule term touches a classification."""
    if isinstance(term, ScheduleChange):
        return term.classification == code
    return isinstance(term, AcrossTheBoard) and (not term.classifications or code in term.classifications)


def _apply(table: RateTable, term: Term, basis: RateBasis, settings: CostingSettings) -> RateTable:
    """The table after one schedule term."""
    standard, rounding = settings.standard_hours_per_fte, settings.rate_rounding
    if isinstance(term, ScheduleChange):
        steps = sorted(term.steps, key=lambda step: step.number)
        day = term.advancement_date
        basis_rates = tuple(step.rate for step in steps)
        return RateTable(
            tuple(step.number for step in steps),
            _hourly(basis, basis_rates, standard),
            basis_rates,
            term.advancement or table.rule,
            (day.month, day.day) if day is not None else table.rule_day,
        )
    assert isinstance(term, AcrossTheBoard)
    if term.percent is not None:
        factor = 1 + term.percent / HUNDRED
        raised = tuple(_round(rate * factor, rounding) for rate in table.basis_rates)
    else:
        add = term.per_hour or Decimal(0)
        add = add if basis is RateBasis.HOURLY else add * standard
        raised = tuple(_round(rate + add, rounding) for rate in table.basis_rates)
    return replace(table, basis_rates=raised, rates=_hourly(basis, raised, standard))


def _order(term: Term) -> tuple[date, int]:
    """Sort key: by date, schedule changes before increases."""
    return term_date(term), 0 if isinstance(term, ScheduleChange) else 1


def rate_history(
    classification: Classification, terms: tuple[Term, ...], settings: CostingSettings
) -> tuple[tuple[date, RateTable], ...]:
    """The classification's tables in force, each from its date (the first from the term's start)."""
    table = base_table(classification, settings.standard_hours_per_fte)
    history = [(settings.term_start, table)]
    for term in sorted((t for t in terms if _applies(t, classification.code)), key=_order):
        table = _apply(table, term, classification.schedule.basis, settings)
        history.append((term_date(term), table))
    return tuple(history)


def in_force(history: tuple[tuple[date, T], ...], when: date) -> T:
    """The entry of a dated history in force on `when`."""
    current = history[0][1]
    for since, value in history:
        if since > when:
            break
        current = value
    return current


def pays_in_force(terms: tuple[Term, ...], settings: CostingSettings, when: date) -> tuple[Pay, ...]:
    """Differentials paid on `when`: current ones, replaced by name by proposed ones in force."""
    by_name: dict[str, Pay] = {d.name: d for d in settings.current_differentials}
    for term in sorted((t for t in terms if isinstance(t, Differential)), key=_order):
        if term.effective <= when:
            by_name[term.name] = term
    return tuple(by_name.values())


def funds_in_force(terms: tuple[Term, ...], settings: CostingSettings, when: date) -> tuple[Fund, ...]:
    """Funds in force on `when`: current ones, replaced by name by proposed ones in force."""
    by_name: dict[str, Fund] = {f.name: f for f in settings.current_funds}
    for term in sorted((t for t in terms if isinstance(t, ProfessionalFund)), key=_order):
        if term.effective <= when:
            by_name[term.name] = term
    return tuple(by_name.values())


def shares_in_force(terms: tuple[Term, ...], settings: CostingSettings, when: date) -> dict[str, Decimal]:
    """The employer's health share per tier on `when`."""
    shares = {premium.tier: premium.employer_share for premium in settings.health}
    for term in sorted((t for t in terms if isinstance(t, HealthShare)), key=_order):
        if term.effective <= when:
            for tier in term.tiers or tuple(shares):
                shares[tier] = term.employer_share
    return shares


def paid_time_in_force(terms: tuple[Term, ...], when: date) -> tuple[PaidTime, ...]:
    """Paid-time terms in force on `when`."""
    return tuple(t for t in terms if isinstance(t, PaidTime) and t.effective <= when)


def caps_in_force(terms: tuple[Term, ...], when: date) -> tuple[CaseloadCap, ...]:
    """Caseload caps in force on `when`, the latest per program."""
    by_program: dict[str, CaseloadCap] = {}
    for term in sorted((t for t in terms if isinstance(t, CaseloadCap)), key=_order):
        if term.effective <= when:
            by_program[term.program] = term
    return tuple(by_program.values())
