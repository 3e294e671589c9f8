"""Costings composed for the table: positions side by side, the gap, 1 % of payroll, a member's view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from bargaining.domain.costing.engine import cost_sources, cost_terms
from bargaining.domain.costing.ledger import D, L, W, YearLedger
from bargaining.domain.costing.model import ZERO, CostingBase, RosterRow
from bargaining.domain.costing.prepared import Prepared, prepare
from bargaining.domain.costing.results import (
    CostingReport,
    Gap,
    GapYear,
    MemberView,
    MemberYear,
    TableCosting,
    YearAmount,
)
from bargaining.domain.costing.terms import AcrossTheBoard, CaseloadCap, Term, TermSource
from bargaining.domain.costing.validate import check_terms
from bargaining.domain.costing.wages import year_ledgers
from bargaining.domain.errors import Invalid

ONE_PERCENT = Decimal(1)


def gap(union: CostingReport, employer: CostingReport) -> Gap:
    """Per year and over the term, the union's increase, the employer's, and the difference."""
    u, e = union.headline, employer.headline
    years = tuple(
        GapYear(mine.year, mine.total.increase, theirs.total.increase)
        for mine, theirs in zip(u.years, e.years, strict=True)
    )
    return Gap(years, GapYear(0, u.term.increase, e.term.increase))


def cost_per_percent(prepared: Prepared) -> tuple[YearAmount, ...]:
    """What 1 % on every rate from the term's first day costs each year (roll-up included)."""
    one = AcrossTheBoard(prepared.base.settings.term_start, percent=ONE_PERCENT)
    report = cost_terms(prepared, (one,), "1 %", check=False)
    return tuple(YearAmount(year.year, year.total.increase) for year in report.headline.years)


def cost_table(
    prepared: Prepared,
    union: Sequence[TermSource],
    employer: Sequence[TermSource],
    agreed: Sequence[TermSource],
    itemize: bool = False,
) -> TableCosting:
    """Each side's position, the tentative agreements so far, the gap and the cost of 1 %."""
    union_report = cost_sources(prepared, union, "union", itemize)
    employer_report = cost_sources(prepared, employer, "employer", itemize)
    agreed_report = cost_sources(prepared, agreed, "agreed", itemize)
    return TableCosting(
        union_report,
        employer_report,
        agreed_report,
        gap(union_report, employer_report),
        cost_per_percent(prepared),
    )


def _member_base(prepared: Prepared, row: RosterRow) -> Prepared:
    """A base of one clinician with the table's schedules and settings (no roll-up, health or funds)."""
    base = prepared.base
    settings = replace(base.settings, rollup=(), health=(), current_funds=(), new_hire_health_tier=None)
    return prepare(CostingBase(base.classifications, (row,), settings))


def _pay(ledger: YearLedger) -> tuple[Decimal, Decimal, Decimal]:
    """Wages, differentials and lump sums of the one clinician."""
    for amounts in ledger.by_class.values():
        return amounts[W], amounts[D], amounts[L]
    return ZERO, ZERO, ZERO


def member_view(
    prepared: Prepared,
    terms: Sequence[Term],
    classification: str,
    step: int,
    *,
    fte: Decimal = Decimal(1),
    anniversary: date | None = None,
    program: str = "",
    licensed: bool = False,
    licence_type: str | None = None,
    label: str = "",
) -> MemberView:
    """What a clinician at a classification and step is paid each year today and under the terms."""
    if classification not in prepared.classes:
        raise Invalid(f"classification: unknown classification {classification!r}", field="classification")
    if step not in prepared.classes[classification].schedule.step_numbers():
        raise Invalid(f"step: no step {step} in {classification}", field="step")
    check_terms(tuple(terms), prepared.base)
    row = RosterRow(
        "member",
        classification,
        step,
        fte=fte,
        step_anniversary=anniversary,
        program=program,
        licensed=licensed,
        licence_type=licence_type,
    )
    one = _member_base(prepared, row)
    steps = prepared.base.settings.include_step_advancement
    pay_terms = tuple(term for term in terms if not isinstance(term, CaseloadCap))
    base, new = year_ledgers(one, (), steps), year_ledgers(one, pay_terms, steps)
    years = []
    for year, before, after in zip(one.years, base, new, strict=True):
        wage0, diff0, _ = _pay(before)
        wage1, diff1, lump = _pay(after)
        years.append(MemberYear(year.number, wage0 + diff0, wage1 + diff1, lump, diff1))
    return MemberView(label, classification, step, fte, tuple(years))
