"""The engine against worked examples from public union costing guides (numbers quoted from them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bargaining.domain.costing import cost_terms, prepare
from bargaining.domain.costing.model import Component, RollupBase, RollupComponent
from bargaining.domain.costing.terms import AcrossTheBoard, LumpSum, PaidTime
from tests.domain.costing.factories import flat_unit

D = Decimal
Y1, Y2, Y3 = date(2025, 1, 1), date(2026, 1, 1), date(2027, 1, 1)

# AFSCME, "Costing 101" (AFSCMEStaff.org training slides; copies at
# http://slidegur.com/doc/44209/costing-101---afscmestaff.org and http://slideplayer.com/slide/3135719/)
AFSCME_ROLLUP = (
    RollupComponent("Social Security", D("0.062")),
    RollupComponent("Medicare", D("0.0145")),
    RollupComponent("Pension", D("0.06"), RollupBase.BASE_WAGES),
    RollupComponent("Unemployment Insurance", D("0.015"), RollupBase.BASE_WAGES),
    RollupComponent("Workers' comp", D("0.015"), RollupBase.BASE_WAGES),
    RollupComponent("Life insurance", D("0.005"), RollupBase.BASE_WAGES),
)


def _afscme_unit(**settings: object):
    """AFSCME's unit: 40 workers, 100,000 hours paid, $1,000,000 payroll ($10.00 an hour)."""
    return prepare(flat_unit("10.00", 40, hours="2500", **settings))


def _increases(report) -> list[Decimal]:
    return [year.total.increase for year in report.headline.years]


def test_afscme_three_percent_a_year_compounds_and_is_cumulative():
    """AFSCME Costing 101, "Multiple Year Increases": 3 % a year on a $1,000,000 payroll costs
    $30,000 in year 1, $60,900 in year 2 and $92,727 in year 3 over the base year ("use new
    increased payroll as base for 2nd & 3rd years"; "cost is cumulative")."""
    terms = [AcrossTheBoard(day, percent=D(3)) for day in (Y1, Y2, Y3)]
    report = cost_terms(_afscme_unit(), terms)
    assert _increases(report) == [D(30000), D(60900), D(92727)]
    assert report.headline.term.increase == D(183627)


def test_afscme_cents_per_hour_is_amount_times_hours():
    """AFSCME Costing 101: a cents-per-hour increase costs amount x total hours: $0.30 x 100,000 = $30,000."""
    report = cost_terms(_afscme_unit(), [AcrossTheBoard(Y1, per_hour=D("0.30"))])
    assert report.headline.year(1).total.increase == D(30000)


def test_afscme_flat_bonus_is_not_cumulative():
    """AFSCME Costing 101, "Costing Bonuses": $750 x 40 workers = $30,000; "bonuses are not cumulative"."""
    bonus = LumpSum("signing bonus", D(750), date(2025, 3, 1), prorate_by_fte=False)
    report = cost_terms(_afscme_unit(), [bonus])
    assert _increases(report) == [D(30000), D(0), D(0)]
    assert report.headline.year(1).component(Component.LUMP_SUMS).increase == D(30000)


def test_afscme_rollup_applies_per_component_to_what_it_covers():
    """AFSCME Costing 101, "Roll-Up Components": Social Security 6.20 % and Medicare 1.45 % on all pay;
    pension 6.00 %, unemployment 1.50 %, workers' comp 1.50 %, life 0.50 % on base only: 17.15 % in all.
    A $30,000 wage increase rolls up 17.15 % ($5,145); a $30,000 bonus only the 7.65 % on all pay ($2,295)."""
    unit = _afscme_unit(rollup=AFSCME_ROLLUP)
    wage = cost_terms(unit, [AcrossTheBoard(Y1, percent=D(3))]).headline.year(1)
    assert wage.component(Component.ROLLUP).increase == D(5145)
    assert wage.total.increase == D(35145)
    bonus = LumpSum("bonus", D(750), date(2025, 3, 1), prorate_by_fte=False)
    year = cost_terms(unit, [bonus]).headline.year(1)
    assert year.component(Component.ROLLUP).increase == D(2295)


def test_afscme_order_of_increases_same_end_rate_different_cost():
    """AFSCME Costing 101: from a $10.00 base, 4 % then 2 % and 2 % then 4 % both end at $10.61, but the
    first pays more along the way (front loading): $10.40 vs $10.20 in the first year."""
    unit = _afscme_unit(rate_rounding=D("0.01"))
    front = cost_terms(unit, [AcrossTheBoard(Y1, percent=D(4)), AcrossTheBoard(Y2, percent=D(2))])
    back = cost_terms(unit, [AcrossTheBoard(Y1, percent=D(2)), AcrossTheBoard(Y2, percent=D(4))])
    hours = D(100000)
    assert front.headline.year(1).total.new == D("10.40") * hours
    assert back.headline.year(1).total.new == D("10.20") * hours
    assert front.headline.year(2).total.new == back.headline.year(2).total.new == D("10.61") * hours
    assert front.headline.term.increase > back.headline.term.increase


# "An Introduction to Costing a Collective Bargaining Agreement" (union training slides; transcripts at
# https://fdocuments.net/document/an-introduction-to-costing-a-collective-bargaining-agreement-an-introduction.html
# and https://vdocuments.mx/amp/an-introduction-to-costing-a-collective-bargaining-agreement-an-introduction.html)


def _intro_unit(rounding: str | None):
    """The guide's unit at its weighted average: 120 members at $13.50, 2,080 hours each."""
    extra = {} if rounding is None else {"rate_rounding": D(rounding)}
    return prepare(flat_unit("13.50", 120, **extra))


def test_intro_guide_weighted_average_rate():
    """Intro guide: 25 x $12.00 + 30 x $12.50 + 15 x $13.00 + 50 x $15.00 = $1,620 an hour for 120
    members, a weighted average of $13.50; the engine's payroll for those grades is $1,620 x 2,080."""
    from bargaining.domain.costing.model import (
        Classification,
        CostingBase,
        RateBasis,
        RosterRow,
        SalarySchedule,
        Step,
    )

    grades = {"A-I": ("12.00", 25), "A-II": ("12.50", 30), "A-III": ("13.00", 15), "B-I": ("15.00", 50)}
    classes = tuple(
        Classification(code, code, SalarySchedule(RateBasis.HOURLY, (Step(1, D(rate)),)))
        for code, (rate, _) in grades.items()
    )
    roster = tuple(
        RosterRow(f"{code}-{n}", code, 1) for code, (_, heads) in grades.items() for n in range(heads)
    )
    settings = flat_unit("1", 1).settings
    report = cost_terms(prepare(CostingBase(classes, roster, settings)), [])
    assert report.headline.year(1).total.base == D(1620) * 2080 == D("13.50") * 120 * 2080


def test_intro_guide_front_loaded_offer_to_the_dollar():
    """Intro guide, "Front Loaded: 5 % in year 1; 2 % in year 2; 2 % in year 3": average $14.18, $14.46,
    $14.75 x 120 x 2,080 = $3,539,328, $3,609,216, $3,681,600; "Total Cost of Proposal #1 = $10,830,144".
    The guide rounds the average rate to the cent each year; the engine does when asked (rate_rounding)."""
    terms = [
        AcrossTheBoard(Y1, percent=D(5)),
        AcrossTheBoard(Y2, percent=D(2)),
        AcrossTheBoard(Y3, percent=D(2)),
    ]
    costing = cost_terms(_intro_unit("0.01"), terms).headline
    assert [year.total.new for year in costing.years] == [D(3539328), D(3609216), D(3681600)]
    assert costing.term.new == D(10830144)


def test_intro_guide_even_offer_within_the_guides_rounding():
    """Intro guide, "Even Distribution: 3 % in year 1; 3 % in year 2; 3 % in year 3": $3,471,936, $3,574,272,
    $3,681,600, total $10,727,808. The guide rounds each year's average to the cent for display only
    ($13.905 → $13.91), so exact costing is within half a cent an hour (120 x 2,080 x $0.005 = $1,248)
    of each year; and front loading costs more over the term than spreading the same 9 %."""
    even = [AcrossTheBoard(day, percent=D(3)) for day in (Y1, Y2, Y3)]
    costing = cost_terms(_intro_unit(None), even).headline
    for year, guide in zip(costing.years, (3471936, 3574272, 3681600), strict=True):
        assert abs(year.total.new - guide) <= 1248
    assert abs(costing.term.new - 10727808) <= 3 * 1248
    front = [
        AcrossTheBoard(Y1, percent=D(5)),
        AcrossTheBoard(Y2, percent=D(2)),
        AcrossTheBoard(Y3, percent=D(2)),
    ]
    assert cost_terms(_intro_unit(None), front).headline.term.new > costing.term.new


def test_mass_nurses_mid_year_increase_costs_its_share_of_the_year():
    """Massachusetts Nurses Association, "Contract Costing Terminology and Concepts", ANNUALIZING WAGE
    INCREASES (http://www.massnurses.org/labor-action/labor-education-resources/negotiations/glossary-2):
    a 6 % increase on July 1 of a January-December year "is only worth 3 %" for that year (6 of 12
    months). The engine annualizes by days: 184 of 365 days x 6 % = 3.02 % of payroll; the full 6 % the
    year after."""
    unit = prepare(flat_unit("20", 10))
    costing = cost_terms(unit, [AcrossTheBoard(date(2025, 7, 1), percent=D(6))]).headline
    first = costing.year(1).total
    assert abs(first.increase - first.base * D(6) / 100 * 184 / 365) < D("1e-15")
    assert abs(first.percent - D(3)) < D("0.03")
    assert costing.year(2).total.percent == D(6)


def test_ue_cents_per_hour_front_vs_rear_loaded_over_the_contract():
    """UE rank-and-file newsletter, "Costing Out a Contract (the Easy Version!)"
    (http://www.ranknfile-ue.org/ic_costcon.html), examples 2 and 3: increases of $.20, $.30, $.40 are
    worth .20 x 3 x 2080 + .30 x 2 x 2080 + .40 x 2080 = $3,328 a worker over three years; reversed
    ($.40, $.30, $.20) they are worth $4,160."""
    unit = prepare(flat_unit("9.00", 1))
    rear = [
        AcrossTheBoard(day, per_hour=D(c))
        for day, c in zip((Y1, Y2, Y3), ("0.20", "0.30", "0.40"), strict=True)
    ]
    front = [
        AcrossTheBoard(day, per_hour=D(c))
        for day, c in zip((Y1, Y2, Y3), ("0.40", "0.30", "0.20"), strict=True)
    ]
    assert cost_terms(unit, rear).headline.term.increase == D(3328)
    assert cost_terms(unit, front).headline.term.increase == D(4160)


def test_ue_an_extra_holiday_is_eight_hours_at_the_average_wage():
    """UE, "Costing Out a Contract", example 4: an added holiday costs the average wage x 8 hours, spread
    over 2,080 hours: at $9.00, $72 a worker a year, about 3.46 cents an hour."""
    unit = prepare(flat_unit("9.00", 80))
    year = cost_terms(unit, [PaidTime("holiday", D(8), Y1)]).headline.year(1)
    assert year.component(Component.PAID_TIME).increase == D(72) * 80
    per_hour = year.total.increase / (80 * 2080)
    assert round(per_hour * 100, 2) == D("3.46")
