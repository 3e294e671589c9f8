"""The costing engine's outputs: per-year lines by component and classification, reports, views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bargaining.domain.costing.model import ZERO, Component, Money

HUNDRED = Decimal(100)


def percent_of(increase: Money, base: Money) -> Decimal | None:
    """`increase` as a percent of `base` (unrounded); None when the base is zero."""
    return None if base == 0 else increase * HUNDRED / base


@dataclass(frozen=True, slots=True)
class CostLine:
    """A base cost and a new cost for one thing; the increase and percent derive from them."""

    label: str
    base: Money
    new: Money

    @property
    def increase(self) -> Money:
        """New minus base."""
        return self.new - self.base

    @property
    def percent(self) -> Decimal | None:
        """The increase as a percent of the base (None when the base is zero)."""
        return percent_of(self.increase, self.base)


@dataclass(frozen=True, slots=True)
class YearCost:
    """One contract year: base and new cost in total, by component and by classification.

    `components` has one CostLine per Component (label = the component's value), always all of
    them in Component order; `classifications` one per classification code (caseload hires count
    under the classification they are hired into). `step_advancement` is what moving up steps
    costs in the base that year (0 in a costing without step advancement).
    """

    year: int
    start: date
    end: date
    total: CostLine
    components: tuple[CostLine, ...]
    classifications: tuple[CostLine, ...]
    wage_base: Money = ZERO
    step_advancement: Money = ZERO
    caseload_fte: Decimal = ZERO

    def component(self, component: Component) -> CostLine:
        """The line for one component."""
        return next(line for line in self.components if line.label == component.value)


@dataclass(frozen=True, slots=True)
class Costing:
    """A set of terms costed per contract year and over the whole term, with or without steps."""

    label: str
    with_step_advancement: bool
    years: tuple[YearCost, ...]
    term: CostLine

    def year(self, number: int) -> YearCost:
        """The costing of contract year `number` (1-based)."""
        return self.years[number - 1]


@dataclass(frozen=True, slots=True)
class CostingReport:
    """Both costings of the same terms (with and without step advancement) and the headline one."""

    label: str
    with_steps: Costing
    without_steps: Costing
    include_step_advancement: bool
    items: tuple[ItemCost, ...] = ()

    @property
    def headline(self) -> Costing:
        """The costing the settings ask for."""
        return self.with_steps if self.include_step_advancement else self.without_steps


@dataclass(frozen=True, slots=True)
class ItemCost:
    """One source's terms costed alone against the base (its increase per year and over the term)."""

    label: str
    increases: tuple[Money, ...]
    term_increase: Money
    proposal_id: int | None = None
    item_id: int | None = None


@dataclass(frozen=True, slots=True)
class YearAmount:
    """An amount for one contract year."""

    year: int
    amount: Money


@dataclass(frozen=True, slots=True)
class GapYear:
    """How far apart two positions are in one year: each side's increase and the difference."""

    year: int
    union_increase: Money
    employer_increase: Money

    @property
    def gap(self) -> Money:
        """The union's increase minus the employer's."""
        return self.union_increase - self.employer_increase


@dataclass(frozen=True, slots=True)
class Gap:
    """The gap between the union's and the employer's positions, per year and over the term."""

    years: tuple[GapYear, ...]
    term: GapYear


@dataclass(frozen=True, slots=True)
class TableCosting:
    """The table at a glance: each side's position, the TAs so far, and the gap (headline costings)."""

    union: CostingReport
    employer: CostingReport
    agreed: CostingReport
    gap: Gap
    cost_per_percent: tuple[YearAmount, ...]


@dataclass(frozen=True, slots=True)
class MemberYear:
    """What one clinician is paid in a year today and under the terms, and what they gain."""

    year: int
    base_pay: Money
    new_pay: Money
    lump_sums: Money
    differentials: Money = ZERO

    @property
    def gain(self) -> Money:
        """New pay plus lump sums minus base pay."""
        return self.new_pay + self.lump_sums - self.base_pay

    @property
    def percent(self) -> Decimal | None:
        """The gain as a percent of base pay."""
        return percent_of(self.gain, self.base_pay)


@dataclass(frozen=True, slots=True)
class MemberView:
    """A member's view: a clinician at a classification and starting step, year by year."""

    label: str
    classification: str
    step: int
    fte: Decimal
    years: tuple[MemberYear, ...]

    @property
    def term_gain(self) -> Money:
        """The gain summed over the term."""
        return sum((year.gain for year in self.years), ZERO)
