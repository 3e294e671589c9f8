"""Economic terms: the tagged union a proposal item carries beside its language.

Each term is a frozen dataclass with a class-level `kind` tag (its name in JSON). Empty
eligibility tuples mean "everyone". Percents are percents (3 means 3 %), fractions are
fractions (0.85 means 85 %); money is Decimal dollars. Parse stored JSON with
`bargaining.domain.costing.codec.parse_terms`; dump with `dump_terms`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from bargaining.domain.costing.model import AdvancementRule, Money, Step


@dataclass(frozen=True, slots=True)
class AcrossTheBoard:
    """A general increase from `effective`: `percent` of the rate, or `per_hour` dollars (one of them).

    Increases compound: each applies to the rates in force the day before it. Empty
    `classifications` means every classification.
    """

    kind: ClassVar[str] = "across_the_board"
    effective: date
    percent: Decimal | None = None
    per_hour: Money | None = None
    classifications: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    """A classification's new schedule from `effective`: the full new list of steps and rates.

    Steps absent from `steps` are removed: an employee on a removed step is placed on the highest
    remaining step below it (or the lowest step). `advancement`/`advancement_date` None keep the
    current rule. Rates are per the classification's current basis (hourly or annual).
    """

    kind: ClassVar[str] = "schedule_change"
    classification: str
    effective: date
    steps: tuple[Step, ...]
    advancement: AdvancementRule | None = None
    advancement_date: date | None = None


@dataclass(frozen=True, slots=True)
class Differential:
    """A differential or premium from `effective`: `percent` of the rate or `per_hour` dollars.

    Eligibility: `classifications`, `programs`, `licence_types` (each empty = any) and
    `licensed_only`. `hours_per_fte` None pays it on all paid hours; otherwise on that many hours
    a year per FTE (e.g. on-call hours). A differential with the name of a current one replaces it.
    """

    kind: ClassVar[str] = "differential"
    name: str
    effective: date
    percent: Decimal | None = None
    per_hour: Money | None = None
    classifications: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    licensed_only: bool = False
    licence_types: tuple[str, ...] = ()
    hours_per_fte: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LumpSum:
    """A one-time payment of `amount` per eligible employee on `paid_on` (does not raise the base).

    `prorate_by_fte` pays a 0.5 FTE employee half. Roll-up charged on all pay applies to it.
    """

    kind: ClassVar[str] = "lump_sum"
    name: str
    amount: Money
    paid_on: date
    prorate_by_fte: bool = True
    classifications: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseloadCap:
    """A cap of `clients_per_fte` active clients per FTE in `program`, from `effective`.

    Costed as the FTE needed to serve today's caseload in the program under the cap, beyond
    the FTE the program has now (never below zero), each FTE at the loaded cost (wages, roll-up,
    new-hire health) of `hire_classification` at `hire_step` (None: its first step).
    `classifications` limits which roster rows count as carrying the caseload (empty = all).
    """

    kind: ClassVar[str] = "caseload_cap"
    program: str
    clients_per_fte: Decimal
    effective: date
    hire_classification: str
    hire_step: int | None = None
    classifications: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaidTime:
    """More paid time off (holidays, leave) from `effective`: `hours_per_fte` a year per FTE.

    Costed at each employee's straight-time rate (the cost of covering the time), prorated by FTE.
    """

    kind: ClassVar[str] = "paid_time"
    name: str
    hours_per_fte: Decimal
    effective: date
    classifications: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProfessionalFund:
    """A CEU / professional-development fund of `per_fte` dollars a year per FTE, from `effective`."""

    kind: ClassVar[str] = "professional_fund"
    name: str
    per_fte: Money
    effective: date
    classifications: tuple[str, ...] = ()
    licensed_only: bool = False


@dataclass(frozen=True, slots=True)
class HealthShare:
    """The employer's share of health premiums becomes `employer_share` (a fraction) from `effective`.

    Empty `tiers` means every tier.
    """

    kind: ClassVar[str] = "health_share"
    employer_share: Decimal
    effective: date
    tiers: tuple[str, ...] = ()


Term = (
    AcrossTheBoard
    | ScheduleChange
    | Differential
    | LumpSum
    | CaseloadCap
    | PaidTime
    | ProfessionalFund
    | HealthShare
)
"""One economic term (the tagged union; `term.kind` is the tag)."""

TERM_TYPES: dict[str, type[Term]] = {
    cls.kind: cls
    for cls in (
        AcrossTheBoard,
        ScheduleChange,
        Differential,
        LumpSum,
        CaseloadCap,
        PaidTime,
        ProfessionalFund,
        HealthShare,
    )
}
"""Each term kind's tag and its class."""


def term_date(term: Term) -> date:
    """The date a term takes effect (a lump sum's payment date)."""
    return term.paid_on if isinstance(term, LumpSum) else term.effective


@dataclass(frozen=True, slots=True)
class TermSource:
    """Terms from one place (a proposal item, a TA, a scenario line), labelled for the costing sheet."""

    label: str
    terms: tuple[Term, ...]
    proposal_id: int | None = None
    item_id: int | None = None
