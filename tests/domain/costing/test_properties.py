"""Properties every costing keeps, on generated schedules, rosters and terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.domain.costing import cost_terms, prepare
from bargaining.domain.costing.model import (
    AdvancementRule,
    Classification,
    Component,
    CostingBase,
    CostingSettings,
    CurrentDifferential,
    RateBasis,
    RosterRow,
    SalarySchedule,
    Step,
)
from bargaining.domain.costing.terms import AcrossTheBoard, Differential, LumpSum, ScheduleChange, Term
from tests.domain.costing.factories import ROLLUP, clinicians
from tests.domain.costing.reference import naive

D = Decimal
TINY = D("1e-9")
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

money = st.decimals(min_value=D(10), max_value=D(60), places=2)
percent = st.decimals(min_value=D("0.25"), max_value=D(8), places=2)


@st.composite
def bases(draw) -> CostingBase:
    """One or two classifications of 1-4 steps, 1-6 rows, 1-3 contract years of a year each."""
    classes = []
    for code in draw(st.sampled_from([("A",), ("A", "B")])):
        rates = sorted(draw(st.lists(money, min_size=1, max_size=4, unique=True)))
        annual = code == "B" and draw(st.booleans())
        rule = draw(st.sampled_from(AdvancementRule))
        steps = tuple(Step(n, r * 2080 if annual else r) for n, r in enumerate(rates, 1))
        advancement_date = date(2024, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        basis = RateBasis.ANNUAL if annual else RateBasis.HOURLY
        classes.append(Classification(code, code, SalarySchedule(basis, steps, rule, advancement_date)))
    rows = []
    for index in range(draw(st.integers(1, 6))):
        cls = draw(st.sampled_from(classes))
        rows.append(
            RosterRow(
                f"r{index}",
                cls.code,
                draw(st.sampled_from([s.number for s in cls.schedule.steps])),
                fte=draw(st.sampled_from([D(1), D("0.5"), D("0.8")])),
                annual_hours=draw(st.sampled_from([None, D(1950), D(2080)])),
                step_anniversary=draw(st.one_of(st.none(), st.dates(date(2010, 1, 1), date(2024, 12, 31)))),
                program=draw(st.sampled_from(["a", "b"])),
                licensed=draw(st.booleans()),
            )
        )
    # A contract year starting on 29 February has no anniversary in the next year: not a term's start.
    start = draw(st.dates(date(2024, 1, 1), date(2024, 12, 31)).filter(lambda d: (d.month, d.day) != (2, 29)))
    count = draw(st.integers(1, 3))
    starts = tuple(
        start.replace(year=start.year + n) if start.day < 29 or start.month != 2 else start
        for n in range(count)
    )
    end = starts[-1].replace(year=starts[-1].year + 1) - timedelta(days=1)
    current = (CurrentDifferential("night", percent=D(3), programs=("a",)),)
    return CostingBase(
        tuple(classes), tuple(rows), CostingSettings(starts, end, ROLLUP, current_differentials=current)
    )


def _in_term(draw, base: CostingBase) -> date:
    return draw(st.dates(base.settings.term_start, base.settings.term_end))


@st.composite
def base_and_terms(draw) -> tuple[CostingBase, tuple[Term, ...]]:
    """A base and up to four increases, differentials and schedule changes inside its term."""
    base = draw(bases())
    terms: list[Term] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["percent", "cents", "differential", "schedule"]))
        when = _in_term(draw, base)
        if kind == "percent":
            terms.append(AcrossTheBoard(when, percent=draw(st.decimals(D(-5), D(10), places=1))))
        elif kind == "cents":
            terms.append(AcrossTheBoard(when, per_hour=draw(st.decimals(D(0), D(2), places=2))))
        elif kind == "differential":
            hours = draw(st.sampled_from([None, D(100)]))
            name = draw(st.sampled_from(["night", "licensure"]))
            pay = draw(st.sampled_from([{"percent": D(5)}, {"per_hour": D("1.50")}]))
            terms.append(
                Differential(name, when, hours_per_fte=hours, licensed_only=name == "licensure", **pay)
            )
        else:
            cls = draw(st.sampled_from(base.classifications))
            rates = sorted(draw(st.lists(money, min_size=1, max_size=5, unique=True)))
            factor = 2080 if cls.schedule.basis is RateBasis.ANNUAL else 1
            steps = tuple(Step(n, r * factor) for n, r in enumerate(rates, 1))
            terms.append(ScheduleChange(cls.code, when, steps))
    return base, tuple(terms)


@PROPERTY
@given(base_and_terms(), st.booleans())
def test_engine_agrees_with_a_row_by_row_day_by_day_costing(case, with_steps):
    """Buckets, groups and bisection give exactly what costing every row on every day gives."""
    base, terms = case
    costing = cost_terms(prepare(base), terms, check=False)
    chosen = costing.with_steps if with_steps else costing.without_steps
    for year, (wages, diffs) in zip(chosen.years, naive(base, terms, with_steps), strict=True):
        assert abs(year.component(Component.WAGES).new - wages) < TINY
        assert abs(year.component(Component.DIFFERENTIALS).new - diffs) < TINY


@PROPERTY
@given(bases())
def test_zero_change_costs_zero(base):
    """No terms: new equals base in every year, component and classification, with steps or not."""
    report = cost_terms(prepare(base), [])
    for costing in (report.with_steps, report.without_steps):
        assert costing.term.increase == 0
        for year in costing.years:
            assert all(line.increase == 0 for line in (*year.components, *year.classifications))


def _split_percent(data, whole: Decimal) -> tuple[Decimal, Decimal]:
    """Two percents compounding to at most `whole`."""
    part = data.draw(st.decimals(D(0), whole, places=2))
    rest = ((1 + whole / 100) / (1 + part / 100) - 1).quantize(D("1e-12"), rounding=ROUND_DOWN) * 100
    return part, rest


@PROPERTY
@given(base_and_terms(), st.data(), st.booleans())
def test_splitting_an_increase_never_costs_more_than_giving_it_at_the_first_date(case, data, in_percent):
    """A raise given in two parts (the second later) costs at most the whole raise on the first date,
    whether a percent (parts compounding to the whole) or cents an hour (parts adding up to it)."""
    base, _ = case
    first = _in_term(data.draw, base)
    second = data.draw(st.dates(first, base.settings.term_end))
    if in_percent:
        whole = data.draw(percent)
        part, rest = _split_percent(data, whole)
        once = [AcrossTheBoard(first, percent=whole)]
        split = [AcrossTheBoard(first, percent=part), AcrossTheBoard(second, percent=rest)]
    else:
        whole = data.draw(st.decimals(D(0), D(2), places=2))
        part = data.draw(st.decimals(D(0), whole, places=2))
        once = [AcrossTheBoard(first, per_hour=whole)]
        split = [AcrossTheBoard(first, per_hour=part), AcrossTheBoard(second, per_hour=whole - part)]
    prepared = prepare(base)
    once_cost, split_cost = cost_terms(prepared, once).headline, cost_terms(prepared, split).headline
    for a, b in zip(split_cost.years, once_cost.years, strict=True):
        assert a.total.increase <= b.total.increase + TINY
    assert split_cost.term.increase <= once_cost.term.increase + TINY


@PROPERTY
@given(base_and_terms())
def test_cost_is_linear_in_headcount(case):
    """Duplicating every roster row doubles the base, the new cost and the increase of every year."""
    base, terms = case
    doubled = replace(base, roster=base.roster + tuple(replace(r, key=r.key + "'") for r in base.roster))
    one, two = cost_terms(prepare(base), terms, check=False), cost_terms(prepare(doubled), terms, check=False)
    for a, b in zip(one.with_steps.years, two.with_steps.years, strict=True):
        assert abs(2 * a.total.base - b.total.base) < TINY
        assert abs(2 * a.total.new - b.total.new) < TINY


@PROPERTY
@given(bases(), percent, st.data())
def test_two_increases_compound_to_more_than_their_sum(base, each, data):
    """Two increases of p on one date cost more than one of 2p (1.03 x 1.03 > 1.06)."""
    when = _in_term(data.draw, base)
    prepared = prepare(base)
    twice = cost_terms(prepared, [AcrossTheBoard(when, percent=each), AcrossTheBoard(when, percent=each)])
    once = cost_terms(prepared, [AcrossTheBoard(when, percent=2 * each)])
    assert twice.headline.term.increase > once.headline.term.increase


@PROPERTY
@given(st.decimals(D(100), D(5000), places=2), st.integers(0, 2))
def test_lump_sums_do_not_compound(amount, year_index):
    """A lump sum costs in the year it is paid and nothing after (it does not raise the base)."""
    base = clinicians(30)
    paid = base.settings.year_starts[year_index] + timedelta(days=40)
    costing = cost_terms(prepare(base), [LumpSum("bonus", amount, paid)]).headline
    for index, year in enumerate(costing.years):
        assert (year.total.increase > 0) == (index == year_index)
