"""Terms checked against the contract: amounts that make sense, dates inside the term, known names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

from bargaining.domain.costing.codec import InvalidTerm
from bargaining.domain.costing.model import AdvancementRule, CostingBase, CostingSettings
from bargaining.domain.costing.terms import (
    AcrossTheBoard,
    CaseloadCap,
    Differential,
    HealthShare,
    LumpSum,
    PaidTime,
    ProfessionalFund,
    ScheduleChange,
    Term,
    term_date,
)

_Problem = tuple[str, str]


def _one_amount(percent: Decimal | None, per_hour: Decimal | None) -> Iterator[_Problem]:
    """Exactly one of percent and per_hour."""
    if (percent is None) == (per_hour is None):
        yield "percent", "give exactly one of percent and per_hour"


def _not_negative(name: str, value: Decimal | None) -> Iterator[_Problem]:
    """A value that cannot be below zero."""
    if value is not None and value < 0:
        yield name, "must not be negative"


def _known(name: str, codes: Sequence[str], known: frozenset[str]) -> Iterator[_Problem]:
    """Classification codes that exist."""
    for index, code in enumerate(codes):
        if code not in known:
            yield f"{name}[{index}]", f"unknown classification {code!r}"


def _schedule_problems(term: ScheduleChange, known: frozenset[str]) -> Iterator[_Problem]:
    """A new schedule: a known classification, positive distinct steps, positive rates."""
    if term.classification not in known:
        yield "classification", f"unknown classification {term.classification!r}"
    numbers = [step.number for step in term.steps]
    if len(set(numbers)) != len(numbers):
        yield "steps", "step numbers must be distinct"
    for index, step in enumerate(term.steps):
        if step.number < 1:
            yield f"steps[{index}].number", "must be 1 or more"
        if step.rate <= 0:
            yield f"steps[{index}].rate", "must be more than zero"
    if term.advancement_date is not None and term.advancement is None:
        yield "advancement", "give the rule when giving an advancement date"
    if term.advancement is AdvancementRule.ANNUAL_DATE and term.advancement_date is None:
        yield "advancement_date", "the annual-date rule needs a date"


def _problems(term: Term, base: CostingBase) -> Iterator[_Problem]:
    """Everything wrong with one term's content."""
    known = frozenset(c.code for c in base.classifications)
    if isinstance(term, AcrossTheBoard):
        yield from _one_amount(term.percent, term.per_hour)
        if term.percent is not None and term.percent <= -100:
            yield "percent", "must be more than -100"
        yield from _known("classifications", term.classifications, known)
    elif isinstance(term, ScheduleChange):
        yield from _schedule_problems(term, known)
    elif isinstance(term, Differential):
        yield from _one_amount(term.percent, term.per_hour)
        yield from _not_negative("percent", term.percent)
        yield from _not_negative("per_hour", term.per_hour)
        yield from _not_negative("hours_per_fte", term.hours_per_fte)
        yield from _known("classifications", term.classifications, known)
    elif isinstance(term, LumpSum):
        yield from _not_negative("amount", term.amount)
        yield from _known("classifications", term.classifications, known)
    elif isinstance(term, CaseloadCap):
        yield from _caseload_problems(term, base, known)
    elif isinstance(term, PaidTime):
        yield from _not_negative("hours_per_fte", term.hours_per_fte)
        yield from _known("classifications", term.classifications, known)
    elif isinstance(term, ProfessionalFund):
        yield from _not_negative("per_fte", term.per_fte)
        yield from _known("classifications", term.classifications, known)
    elif isinstance(term, HealthShare):
        if not 0 <= term.employer_share <= 1:
            yield "employer_share", "must be a fraction between 0 and 1"
        tiers = {premium.tier for premium in base.settings.health}
        for index, tier in enumerate(term.tiers):
            if tier not in tiers:
                yield f"tiers[{index}]", f"unknown health tier {tier!r}"


def _caseload_problems(term: CaseloadCap, base: CostingBase, known: frozenset[str]) -> Iterator[_Problem]:
    """A cap above zero, hired into a classification and step that exist."""
    if term.clients_per_fte <= 0:
        yield "clients_per_fte", "must be more than zero"
    yield from _known("classifications", term.classifications, known)
    hire = next((c for c in base.classifications if c.code == term.hire_classification), None)
    if hire is None:
        yield "hire_classification", f"unknown classification {term.hire_classification!r}"
    elif term.hire_step is not None and term.hire_step not in hire.schedule.step_numbers():
        yield "hire_step", f"no step {term.hire_step} in {hire.code}"


def date_problem(when: date, settings: CostingSettings) -> str | None:
    """Why a date is outside the contract term, or None."""
    if when < settings.term_start or when > settings.term_end:
        return f"must be within the contract term ({settings.term_start} to {settings.term_end})"
    return None


def check_terms(terms: Sequence[Term], base: CostingBase, field: str = "terms") -> None:
    """Raise InvalidTerm naming the first field at fault ('terms[1].effective'), or return."""
    for index, term in enumerate(terms):
        where = f"{field}[{index}]"
        when = term_date(term)
        problem = date_problem(when, base.settings)
        if problem is not None:
            name = "paid_on" if isinstance(term, LumpSum) else "effective"
            raise InvalidTerm(f"{where}.{name}: {problem}", field=f"{where}.{name}")
        for name, message in _problems(term, base):
            raise InvalidTerm(f"{where}.{name}: {message}", field=f"{where}.{name}")
