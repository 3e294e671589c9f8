"""Positions, the TAs, the gap, the cost of 1 % and a member's view, composed from the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bargaining.domain.costing import (
    InvalidTerm,
    cost_per_percent,
    cost_sources,
    cost_table,
    cost_terms,
    member_view,
    prepare,
)
from bargaining.domain.costing.terms import AcrossTheBoard, CaseloadCap, Differential, LumpSum, TermSource
from bargaining.domain.errors import Invalid
from tests.domain.costing.factories import clinicians

D = Decimal
Y1, Y2, Y3 = date(2025, 7, 1), date(2026, 7, 1), date(2027, 7, 1)
UNION = (
    TermSource("U-1 wages", (AcrossTheBoard(Y1, percent=D(5)), AcrossTheBoard(Y2, percent=D(4))), 1, 11),
    TermSource("U-2 licensure", (Differential("licensure", Y1, percent=D(5), licensed_only=True),), 2, 21),
    TermSource("U-3 caseloads", (CaseloadCap("outpatient", D(25), Y2, "LC"),), 3, 31),
)
EMPLOYER = (
    TermSource("E-1 wages", (AcrossTheBoard(Y1, percent=D(2)), AcrossTheBoard(Y2, percent=D(2))), 4, 41),
)
AGREED = (
    TermSource("TA licensure", (Differential("licensure", Y1, percent=D(3), licensed_only=True),), 5, 51),
)


@pytest.fixture(scope="module")
def prepared():
    return prepare(clinicians())


def test_a_position_costs_its_items_together(prepared):
    together = cost_sources(prepared, UNION, "union")
    flat = cost_terms(prepared, [t for s in UNION for t in s.terms])
    assert together.headline.term == flat.headline.term
    assert together.label == "union"


def test_itemizing_costs_each_item_alone_and_keeps_its_ids(prepared):
    report = cost_sources(prepared, UNION, "union", itemize=True)
    assert [(i.label, i.proposal_id, i.item_id) for i in report.items] == [
        ("U-1 wages", 1, 11),
        ("U-2 licensure", 2, 21),
        ("U-3 caseloads", 3, 31),
    ]
    assert all(item.term_increase > 0 for item in report.items)
    assert report.items[2].increases[0] == 0  # the cap starts in year 2
    # the licensure differential rides on the raised wages, so together costs more than the parts
    assert report.headline.term.increase > sum(item.term_increase for item in report.items)


def test_an_error_in_a_source_names_the_source(prepared):
    bad = (*UNION, TermSource("U-4", (LumpSum("bonus", D(-1), Y1),)))
    with pytest.raises(InvalidTerm) as caught:
        cost_sources(prepared, bad)
    assert caught.value.field == "sources[3].terms[0].amount"


def test_the_table_sets_positions_side_by_side_with_the_gap(prepared):
    table = cost_table(prepared, UNION, EMPLOYER, AGREED)
    union, employer = table.union.headline, table.employer.headline
    for gap_year, u, e in zip(table.gap.years, union.years, employer.years, strict=True):
        assert gap_year.gap == u.total.increase - e.total.increase > 0
    assert table.gap.term.gap == union.term.increase - employer.term.increase
    assert 0 < table.agreed.headline.term.increase < employer.term.increase


def test_nothing_agreed_yet_costs_nothing(prepared):
    table = cost_table(prepared, UNION, EMPLOYER, ())
    assert table.agreed.headline.term.increase == 0


def test_one_percent_of_payroll_is_one_percent_of_pay_plus_its_rollup(prepared):
    """1 % of wages and percent differentials, plus roll-up on them (no per-hour pay in this base)."""
    per_percent = cost_per_percent(prepared)
    base = cost_terms(prepared, []).headline
    rollup = sum(c.rate for c in prepared.base.settings.rollup)
    for amount, year in zip(per_percent, base.years, strict=True):
        assert abs(amount.amount - year.wage_base / 100 * (1 + rollup)) < D("1e-9")
    assert [a.year for a in per_percent] == [1, 2, 3]


def test_a_member_sees_their_pay_each_year_under_a_position(prepared):
    """A Licensed Clinician on step 4 (no anniversary: no step moves) at 1.0 FTE, licensed."""
    terms = [t for s in UNION for t in s.terms] + [LumpSum("bonus", D(1000), date(2025, 9, 1))]
    view = member_view(prepared, terms, "LC", 4, licensed=True, label="union")
    rate = next(s.rate for s in prepared.classes["LC"].schedule.steps if s.number == 4)
    year1 = view.years[0]
    assert year1.base_pay == rate * 2080
    assert year1.new_pay == rate * 2080 * D("1.05") * D("1.05")
    assert year1.lump_sums == D(1000)
    assert year1.gain == year1.new_pay + 1000 - year1.base_pay
    assert view.years[1].new_pay == rate * 2080 * D("1.05") * D("1.04") * D("1.05")
    assert view.term_gain == sum(y.gain for y in view.years)


def test_a_member_view_rejects_an_unknown_classification_or_step(prepared):
    with pytest.raises(Invalid) as caught:
        member_view(prepared, [], "XX", 1)
    assert caught.value.field == "classification"
    with pytest.raises(Invalid) as caught:
        member_view(prepared, [], "LC", 42)
    assert caught.value.field == "step"
