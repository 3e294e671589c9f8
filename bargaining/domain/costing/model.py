"""The costing engine's inputs: schedules, roster, settings (plain frozen data, Decimal money)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

Money = Decimal
"""An amount of money in dollars; never a float, rounded only for display."""

ZERO = Decimal(0)


class RateBasis(StrEnum):
    """Whether a schedule's step rates are per hour or per year (for 1.0 FTE)."""

    HOURLY = "hourly"
    ANNUAL = "annual"


class AdvancementRule(StrEnum):
    """When an employee moves one step up: on their own anniversary, or all on one date a year."""

    ANNIVERSARY = "anniversary"
    ANNUAL_DATE = "annual_date"


class RollupBase(StrEnum):
    """What a roll-up component is charged on: all pay, or base wages only."""

    ALL_PAY = "all_pay"
    BASE_WAGES = "base_wages"


class Component(StrEnum):
    """A line of a costing: what the money is for."""

    WAGES = "wages"
    DIFFERENTIALS = "differentials"
    PAID_TIME = "paid_time"
    LUMP_SUMS = "lump_sums"
    ROLLUP = "rollup"
    HEALTH = "health"
    FUNDS = "funds"
    CASELOAD = "caseload"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a salary schedule: its number (1 = entry) and its rate (per the schedule's basis)."""

    number: int
    rate: Money


@dataclass(frozen=True, slots=True)
class SalarySchedule:
    """A classification's steps, how employees advance, and the date the rates took effect.

    `advancement_date` is used when `advancement` is ANNUAL_DATE: its month and day are the
    date everyone below the top step moves up one step each year (the year is ignored).
    """

    basis: RateBasis
    steps: tuple[Step, ...]
    advancement: AdvancementRule = AdvancementRule.ANNIVERSARY
    advancement_date: date | None = None
    effective: date | None = None

    def step_numbers(self) -> tuple[int, ...]:
        """The step numbers, in ascending order."""
        return tuple(sorted(step.number for step in self.steps))


@dataclass(frozen=True, slots=True)
class Classification:
    """A job title in the unit (e.g. 'LC' Licensed Clinician) and its current salary schedule."""

    code: str
    name: str
    schedule: SalarySchedule


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One employee (or one anonymous row) as the costing sees them.

    `annual_hours` None means FTE x the settings' standard hours per FTE.
    `step_anniversary` is the date the employee last moved (or will move) a step; its month and day
    are their advancement date each year under the ANNIVERSARY rule (None: they do not advance under
    that rule; under the ANNUAL_DATE rule everyone below the top step advances). The roster's step is
    the step held on the first day of the term.
    `licensed` is the licence flag; `licence_type` (e.g. 'LCSW') is optional detail for eligibility.
    `caseload` is the employee's active clients today (read by caseload caps only).
    """

    key: str
    classification: str
    step: int
    fte: Decimal = Decimal(1)
    annual_hours: Decimal | None = None
    step_anniversary: date | None = None
    program: str = ""
    caseload: int = 0
    health_tier: str | None = None
    licensed: bool = False
    licence_type: str | None = None


@dataclass(frozen=True, slots=True)
class RollupComponent:
    """A cost that rises with pay (Social Security, Medicare, pension, UI, workers' comp).

    `rate` is a fraction of the pay it covers (0.062 for 6.2 %).
    """

    name: str
    rate: Decimal
    applies_to: RollupBase = RollupBase.ALL_PAY


@dataclass(frozen=True, slots=True)
class HealthPremium:
    """A health-plan tier's annual premium per enrolled employee and the employer's share (a fraction)."""

    tier: str
    annual_premium: Money
    employer_share: Decimal


@dataclass(frozen=True, slots=True)
class CurrentDifferential:
    """A differential already paid under the current contract (part of the base).

    A proposed Differential term with the same `name` replaces it from its effective date.
    Fields mean what they mean on the Differential term.
    """

    name: str
    percent: Decimal | None = None
    per_hour: Money | None = None
    classifications: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    licensed_only: bool = False
    licence_types: tuple[str, ...] = ()
    hours_per_fte: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CurrentFund:
    """A fund paid under the current contract (dollars a year per FTE), part of the base."""

    name: str
    per_fte: Money
    classifications: tuple[str, ...] = ()
    licensed_only: bool = False


@dataclass(frozen=True, slots=True)
class CostingSettings:
    """How a table is costed: contract years, roll-up, health, standard hours, step advancement.

    `year_starts` are the first days of contract years 1, 2, 3...; year n ends the day before
    year n+1 starts, and the last year ends on `term_end` (inclusive).
    `health_trend` is the assumed yearly growth of premiums (a fraction; 0 = flat).
    `new_hire_health_tier` is the tier a caseload-cap hire is costed at (None: no health cost).
    `include_step_advancement` picks the headline costing; both are always computed.
    `rate_rounding` (e.g. 0.01) rounds every rate after each increase, as a published schedule is
    rounded (half up); None keeps rates exact.
    `current_funds` are funds paid now (a proposed fund of the same name replaces one).
    """

    year_starts: tuple[date, ...]
    term_end: date
    rollup: tuple[RollupComponent, ...] = ()
    health: tuple[HealthPremium, ...] = ()
    standard_hours_per_fte: Decimal = Decimal(2080)
    include_step_advancement: bool = True
    health_trend: Decimal = Decimal(0)
    new_hire_health_tier: str | None = None
    current_differentials: tuple[CurrentDifferential, ...] = ()
    rate_rounding: Decimal | None = None
    current_funds: tuple[CurrentFund, ...] = ()

    @property
    def term_start(self) -> date:
        """The first day of the contract term."""
        return self.year_starts[0]


@dataclass(frozen=True, slots=True)
class CostingBase:
    """Everything the engine costs against: the current schedules, the roster and the settings."""

    classifications: tuple[Classification, ...]
    roster: tuple[RosterRow, ...]
    settings: CostingSettings
