"""Hand-computed costings: steps, schedules, differentials, caseload caps, health, funds, roll-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from bargaining.domain.costing import cost_terms, prepare
from bargaining.domain.costing.model import (
    AdvancementRule,
    Classification,
    Component,
    CostingBase,
    CostingSettings,
    CurrentDifferential,
    CurrentFund,
    HealthPremium,
    RateBasis,
    RollupBase,
    RollupComponent,
    RosterRow,
    SalarySchedule,
    Step,
)
from bargaining.domain.costing.terms import (
    AcrossTheBoard,
    CaseloadCap,
    Differential,
    HealthShare,
    LumpSum,
    PaidTime,
    ProfessionalFund,
    ScheduleChange,
)
from bargaining.domain.errors import Invalid
from tests.domain.costing.factories import CALENDAR_YEARS, TERM_END, clinicians

D = Decimal
TWO_STEPS = SalarySchedule(RateBasis.HOURLY, (Step(1, D(20)), Step(2, D(22))))


def _unit(*rows: RosterRow, schedule: SalarySchedule = TWO_STEPS, **settings: object) -> CostingBase:
    options = {"year_starts": CALENDAR_YEARS, "term_end": TERM_END} | settings
    return CostingBase((Classification("A", "A", schedule),), rows, CostingSettings(**options))  # type: ignore[arg-type]


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < D("1e-12")


def test_an_anniversary_splits_the_year_between_two_steps():
    """Step 1 ($20) until 1 April 2025 (90 days), step 2 ($22) for the other 275: 2,080 x (20 x 90 + 22 x 275)
    / 365 = $44,734.25; without advancement $41,600; the difference is the base's step advancement."""
    row = RosterRow("x", "A", 1, step_anniversary=date(2019, 4, 1))
    report = cost_terms(prepare(_unit(row)), [])
    year = report.with_steps.year(1)
    assert _close(year.total.base, D(2080) * (20 * 90 + 22 * 275) / 365)
    assert report.without_steps.year(1).total.base == D(41600)
    assert _close(year.step_advancement, year.total.base - D(41600))
    assert report.with_steps.year(2).total.base == D(22) * 2080  # at the top step all year
    assert report.without_steps.year(1).step_advancement == 0


def test_an_increase_applies_to_the_step_an_employee_reaches():
    """5 % from 1 July 2025 on both steps: the April mover earns 22 x 1.05 after July (184 days)."""
    row = RosterRow("x", "A", 1, step_anniversary=date(2019, 4, 1))
    costing = cost_terms(prepare(_unit(row)), [AcrossTheBoard(date(2025, 7, 1), percent=D(5))]).with_steps
    expected = D(2080) * (20 * 90 + 22 * 91 + D("23.1") * 184) / 365
    assert _close(costing.year(1).total.new, expected)


def test_annual_date_rule_moves_everyone_on_one_day():
    """Under the annual-date rule (1 July) a row with no anniversary moves: 181 days at $20, 184 at $22."""
    schedule = replace(TWO_STEPS, advancement=AdvancementRule.ANNUAL_DATE, advancement_date=date(2000, 7, 1))
    year = cost_terms(prepare(_unit(RosterRow("x", "A", 1), schedule=schedule)), []).with_steps.year(1)
    assert _close(year.total.base, D(2080) * (20 * 181 + 22 * 184) / 365)


def test_a_schedule_change_adds_a_step_employees_can_move_into():
    """A new top step 3 ($25) from 1 January 2026: the step-2 employee moving on 1 April reaches it."""
    row = RosterRow("x", "A", 2, step_anniversary=date(2019, 4, 1))
    new = ScheduleChange("A", date(2026, 1, 1), (Step(1, D(20)), Step(2, D(22)), Step(3, D(25))))
    costing = cost_terms(prepare(_unit(row)), [new]).with_steps
    assert costing.year(1).total.increase == 0
    assert _close(costing.year(2).total.new, D(2080) * (22 * 90 + 25 * 275) / 365)
    assert costing.year(3).total.new == D(25) * 2080


def test_a_removed_step_places_employees_on_the_step_below():
    """Step 2 removed (only step 1 at $21 and step 3 at $24): an employee on step 2 is paid step 1's $21."""
    schedule = SalarySchedule(RateBasis.HOURLY, (Step(1, D(20)), Step(2, D(22)), Step(3, D(24))))
    new = ScheduleChange("A", date(2025, 1, 1), (Step(1, D(21)), Step(3, D(24))))
    costing = cost_terms(prepare(_unit(RosterRow("x", "A", 2), schedule=schedule)), [new]).without_steps
    assert costing.year(1).total.new == D(21) * 2080


def test_annual_salaries_are_costed_by_fte():
    """An annual schedule: $52,000 at 1.0 FTE and half at 0.5 FTE; 2 % costs $1,560."""
    schedule = SalarySchedule(RateBasis.ANNUAL, (Step(1, D(52000)),))
    rows = (RosterRow("a", "A", 1), RosterRow("b", "A", 1, fte=D("0.5")))
    year = cost_terms(
        prepare(_unit(*rows, schedule=schedule)), [AcrossTheBoard(date(2025, 1, 1), percent=D(2))]
    )
    assert year.headline.year(1).total.base == D(78000)
    assert year.headline.year(1).total.increase == D(1560)


def test_differentials_percent_and_per_hour_with_eligibility_and_hours():
    """A 5 % licensure differential for licensed rows and $2 on 100 on-call hours per FTE in crisis."""
    rows = (
        RosterRow("lic", "A", 1, licensed=True, program="outpatient"),
        RosterRow("unl", "A", 1, program="crisis", fte=D("0.5")),
    )
    terms = [
        Differential("licensure", date(2025, 1, 1), percent=D(5), licensed_only=True),
        Differential("on-call", date(2025, 1, 1), per_hour=D(2), hours_per_fte=D(100), programs=("crisis",)),
    ]
    year = cost_terms(prepare(_unit(*rows)), terms).without_steps.year(1)
    assert year.component(Component.DIFFERENTIALS).increase == D(2080) * 20 * D("0.05") + 2 * 100 * D("0.5")


def test_a_proposed_differential_replaces_the_current_one_of_its_name():
    """Night differential 3 % now, 5 % proposed from 1 July 2025: the increase is 2 % for 184 days."""
    current = (CurrentDifferential("night", percent=D(3)),)
    base = _unit(RosterRow("x", "A", 1), current_differentials=current)
    year = cost_terms(prepare(base), [Differential("night", date(2025, 7, 1), percent=D(5))]).headline.year(1)
    assert year.component(Component.DIFFERENTIALS).base == D(41600) * D("0.03")
    assert _close(year.component(Component.DIFFERENTIALS).increase, D(41600) * D("0.02") * 184 / 365)


def test_caseload_cap_hires_the_fte_todays_caseload_needs_at_loaded_cost():
    """Four 1.0 FTE clinicians carry 40 clients each (160). A cap of 32 needs 5 FTE: 1 hire at step 1
    ($20 x 2,080 = $41,600) plus 10 % roll-up ($4,160) plus single health $10,000 x 80 % = $53,760 a year."""
    rows = tuple(RosterRow(f"c{i}", "A", 2, program="op", caseload=40) for i in range(4))
    base = _unit(
        *rows,
        rollup=(RollupComponent("all", D("0.10")),),
        health=(HealthPremium("single", D(10000), D("0.8")),),
        new_hire_health_tier="single",
    )
    costing = cost_terms(prepare(base), [CaseloadCap("op", D(32), date(2025, 1, 1), "A")]).headline
    year = costing.year(1)
    assert year.caseload_fte == 1
    assert year.component(Component.CASELOAD).increase == D(53760)
    assert year.classifications[0].increase == D(53760)
    lower = cost_terms(prepare(base), [CaseloadCap("op", D(45), date(2025, 1, 1), "A")]).headline
    assert lower.term.increase == 0  # today's caseload already fits: nobody is hired


def test_health_share_change_is_annualized():
    """10 family enrollees at $24,000: the employer's share rises from 80 % to 90 % on 1 July 2025 (184
    days of 365): 10 x 24,000 x 10 % x 184 / 365 in year 1, the full $24,000 in year 2; a 5 % trend
    raises year 2's premiums."""
    rows = tuple(RosterRow(f"h{i}", "A", 1, health_tier="family") for i in range(10))
    base = _unit(*rows, health=(HealthPremium("family", D(24000), D("0.8")),), health_trend=D("0.05"))
    costing = cost_terms(prepare(base), [HealthShare(D("0.9"), date(2025, 7, 1))]).headline
    assert _close(costing.year(1).component(Component.HEALTH).increase, D(24000) * 184 / 365)
    assert costing.year(2).component(Component.HEALTH).base == D(10) * 24000 * D("1.05") * D("0.8")
    assert _close(costing.year(2).component(Component.HEALTH).increase, D(24000) * D("1.05"))


def test_funds_per_fte_replace_current_funds_by_name():
    """A CEU fund of $500 per FTE now for licensed rows; $750 proposed: 2.5 licensed FTE x $250 more."""
    rows = (
        RosterRow("a", "A", 1, licensed=True),
        RosterRow("b", "A", 1, licensed=True, fte=D("1.5")),
        RosterRow("c", "A", 1),
    )
    base = _unit(*rows, current_funds=(CurrentFund("CEU", D(500), licensed_only=True),))
    year = cost_terms(prepare(base), [ProfessionalFund("CEU", D(750), date(2025, 1, 1), licensed_only=True)])
    funds = year.headline.year(1).component(Component.FUNDS)
    assert (funds.base, funds.increase) == (D(1250), D(625))


def test_lump_sums_prorate_by_fte_and_roll_up_on_all_pay_only():
    """$1,000 to a 1.0 and a 0.5 FTE = $1,500; 7.65 % FICA applies, the base-only pension does not."""
    rows = (RosterRow("a", "A", 1), RosterRow("b", "A", 1, fte=D("0.5")))
    rollup = (
        RollupComponent("FICA", D("0.0765")),
        RollupComponent("pension", D("0.06"), RollupBase.BASE_WAGES),
    )
    costing = cost_terms(prepare(_unit(*rows, rollup=rollup)), [LumpSum("bonus", D(1000), date(2026, 2, 1))])
    year = costing.headline.year(2)
    assert year.component(Component.LUMP_SUMS).increase == D(1500)
    assert year.component(Component.ROLLUP).increase == D(1500) * D("0.0765")
    assert costing.headline.year(1).total.increase == costing.headline.year(3).total.increase == 0


def test_paid_time_is_hours_per_fte_at_the_employees_rate():
    """8 more paid hours per FTE from 1 January 2026 for a 0.5 FTE at $20: $80 a year."""
    year = cost_terms(
        prepare(_unit(RosterRow("a", "A", 1, fte=D("0.5")))), [PaidTime("holiday", D(8), date(2026, 1, 1))]
    )
    assert year.headline.year(2).component(Component.PAID_TIME).increase == D(80)
    assert year.headline.year(1).total.increase == 0


def test_rate_rounding_rounds_each_published_rate_half_up():
    """$20.00 + 2.5 % = $20.50; + 2.5 % = $21.0125, published as $21.01."""
    base = _unit(RosterRow("a", "A", 1, annual_hours=D(1)), rate_rounding=D("0.01"))
    terms = [
        AcrossTheBoard(date(2025, 1, 1), percent=D("2.5")),
        AcrossTheBoard(date(2026, 1, 1), percent=D("2.5")),
    ]
    costing = cost_terms(prepare(base), terms).without_steps
    assert [y.total.new for y in costing.years] == [D("20.50"), D("21.01"), D("21.01")]


def test_increase_for_some_classifications_only():
    """An increase for the Licensed Clinicians raises only their line of the clinicians' table."""
    report = cost_terms(
        prepare(clinicians()), [AcrossTheBoard(date(2025, 7, 1), percent=D(3), classifications=("LC",))]
    )
    lines = {line.label: line for line in report.headline.year(1).classifications}
    assert lines["LC"].increase > 0
    assert all(lines[code].increase == 0 for code in ("AC", "SC", "CS"))
    assert sum(line.increase for line in lines.values()) == report.headline.year(1).total.increase


def test_the_headline_follows_the_setting():
    """include_step_advancement picks which of the two costings is the headline."""
    base = clinicians(include_step_advancement=False)
    report = cost_terms(prepare(base), [])
    assert report.headline is report.without_steps


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (RosterRow("x", "Z", 1), "roster[0].classification"),
        (RosterRow("x", "A", 9), "roster[0].step"),
        (RosterRow("x", "A", 1, fte=D(-1)), "roster[0].fte"),
        (RosterRow("x", "A", 1, annual_hours=D(-1)), "roster[0].annual_hours"),
        (RosterRow("x", "A", 1, caseload=-3), "roster[0].caseload"),
        (RosterRow("x", "A", 1, health_tier="gold"), "roster[0].health_tier"),
    ],
)
def test_a_bad_roster_row_names_its_field(row, field):
    with pytest.raises(Invalid) as caught:
        prepare(_unit(row))
    assert caught.value.field == field


def test_contract_years_must_follow_one_another_and_last_at_most_a_year():
    with pytest.raises(Invalid) as caught:
        prepare(_unit(RosterRow("x", "A", 1), year_starts=(date(2025, 1, 1), date(2026, 6, 1))))
    assert caught.value.field == "settings.year_starts[0]"
    with pytest.raises(Invalid) as caught:
        prepare(_unit(RosterRow("x", "A", 1), year_starts=(date(2025, 1, 1), date(2024, 6, 1))))
    assert caught.value.field == "settings.year_starts[1]"


def test_an_empty_roster_costs_nothing_and_has_no_percent():
    report = cost_terms(prepare(_unit()), [AcrossTheBoard(date(2025, 1, 1), percent=D(3))])
    year = report.headline.year(1)
    assert year.total.base == year.total.new == 0
    assert year.total.percent is None
    assert [line.label for line in year.classifications] == ["A"]
