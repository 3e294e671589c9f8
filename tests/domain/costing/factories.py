"""Small costing bases for tests: a one-classification unit and a clinicians' table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bargaining.domain.costing.model import (
    AdvancementRule,
    Classification,
    CostingBase,
    CostingSettings,
    HealthPremium,
    RateBasis,
    RollupBase,
    RollupComponent,
    RosterRow,
    SalarySchedule,
    Step,
)

D = Decimal
CALENDAR_YEARS = (date(2025, 1, 1), date(2026, 1, 1), date(2027, 1, 1))
TERM_END = date(2027, 12, 31)


def flat_unit(rate: str, heads: int, hours: str = "2080", **settings: object) -> CostingBase:
    """`heads` employees on one hourly rate (one step), calendar contract years 2025-2027."""
    schedule = SalarySchedule(RateBasis.HOURLY, (Step(1, D(rate)),))
    roster = tuple(RosterRow(f"r{i}", "A", 1, annual_hours=D(hours)) for i in range(heads))
    options = {"year_starts": CALENDAR_YEARS, "term_end": TERM_END} | settings
    return CostingBase((Classification("A", "Unit", schedule),), roster, CostingSettings(**options))  # type: ignore[arg-type]


def _steps(first: int, raise_per_step: str, count: int = 10) -> tuple[Step, ...]:
    """Steps `count` long, the first at `first` dollars an hour, each `raise_per_step` % above the last."""
    rate, steps = D(first), []
    for number in range(1, count + 1):
        steps.append(Step(number, rate.quantize(D("0.01"))))
        rate *= 1 + D(raise_per_step) / 100
    return tuple(steps)


CLINICIAN_CLASSES = (
    Classification("AC", "Associate Clinician", SalarySchedule(RateBasis.HOURLY, _steps(30, "2.5"))),
    Classification("LC", "Licensed Clinician", SalarySchedule(RateBasis.HOURLY, _steps(36, "2.5"))),
    Classification("SC", "Senior Clinician", SalarySchedule(RateBasis.HOURLY, _steps(41, "2.5"))),
    Classification(
        "CS",
        "Clinical Supervisor",
        SalarySchedule(
            RateBasis.ANNUAL,
            tuple(Step(n, D(95000 + 2500 * (n - 1))) for n in range(1, 11)),
            AdvancementRule.ANNUAL_DATE,
            date(2025, 7, 1),
        ),
    ),
)

ROLLUP = (
    RollupComponent("Social Security", D("0.062")),
    RollupComponent("Medicare", D("0.0145")),
    RollupComponent("Pension", D("0.06"), RollupBase.BASE_WAGES),
    RollupComponent("Workers' compensation", D("0.015"), RollupBase.BASE_WAGES),
)
HEALTH = (
    HealthPremium("single", D(9000), D("0.85")),
    HealthPremium("family", D(24000), D("0.80")),
)
PROGRAMS = ("outpatient", "school", "crisis")


def clinician_row(index: int) -> RosterRow:
    """A varied, deterministic roster row."""
    code = ("AC", "LC", "LC", "SC", "CS")[index % 5]
    licensed = code != "AC"
    return RosterRow(
        f"e{index}",
        code,
        1 + (index * 7) % 10,
        fte=(D(1), D(1), D("0.8"), D("0.5"))[index % 4],
        step_anniversary=date(2019, 1 + index % 12, 1 + (index * 11) % 28),
        program=PROGRAMS[index % 3],
        caseload=20 + (index * 13) % 25 if code != "CS" else 0,
        health_tier=(None, "single", "family")[index % 3],
        licensed=licensed,
        licence_type=("LCSW", "LMFT", "LPC")[index % 3] if licensed else None,
    )


def clinicians(rows: int = 120, **settings: object) -> CostingBase:
    """The demo-like table: four classifications of ten steps, `rows` employees, 3 July-June years."""
    options = {
        "year_starts": (date(2025, 7, 1), date(2026, 7, 1), date(2027, 7, 1)),
        "term_end": date(2028, 6, 30),
        "rollup": ROLLUP,
        "health": HEALTH,
        "new_hire_health_tier": "single",
    } | settings
    roster = tuple(clinician_row(i) for i in range(rows))
    return CostingBase(CLINICIAN_CLASSES, roster, CostingSettings(**options))  # type: ignore[arg-type]
