"""Economic terms read strictly from JSON and checked against the contract; errors name the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bargaining.domain.costing import InvalidTerm, check_terms, dump_terms, parse_terms
from bargaining.domain.costing.model import AdvancementRule, Step
from bargaining.domain.costing.terms import (
    TERM_TYPES,
    AcrossTheBoard,
    CaseloadCap,
    Differential,
    HealthShare,
    LumpSum,
    PaidTime,
    ProfessionalFund,
    ScheduleChange,
)
from tests.domain.costing.factories import clinicians

D = Decimal
Y1 = date(2025, 7, 1)

EVERY_KIND = (
    AcrossTheBoard(Y1, percent=D("3.5"), classifications=("LC",)),
    ScheduleChange(
        "AC", Y1, (Step(1, D("31.00")), Step(2, D("32.50"))), AdvancementRule.ANNUAL_DATE, date(2025, 7, 1)
    ),
    Differential("licensure", Y1, per_hour=D("1.25"), licensed_only=True, hours_per_fte=D(100)),
    LumpSum("bonus", D(1500), date(2025, 9, 1), prorate_by_fte=False, programs=("school",)),
    CaseloadCap("outpatient", D(28), Y1, "LC", 1),
    PaidTime("holiday", D(8), Y1),
    ProfessionalFund("CEU", D(750), Y1, licensed_only=True),
    HealthShare(D("0.9"), Y1, tiers=("single",)),
)


def _error(data, field: str = "terms") -> InvalidTerm:
    with pytest.raises(InvalidTerm) as caught:
        check_terms(parse_terms(data, field), clinicians())
    return caught.value


def test_every_kind_round_trips_through_json():
    assert {term.kind for term in EVERY_KIND} == set(TERM_TYPES)
    dumped = dump_terms(EVERY_KIND)
    assert dumped[0] == {
        "kind": "across_the_board",
        "effective": "2025-07-01",
        "percent": "3.5",
        "per_hour": None,
        "classifications": ["LC"],
    }
    assert parse_terms(dumped) == EVERY_KIND
    check_terms(EVERY_KIND, clinicians())


def test_numbers_may_be_json_numbers_or_strings():
    (term,) = parse_terms([{"kind": "across_the_board", "effective": "2025-07-01", "percent": 3.1}])
    assert term.percent == D("3.1")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "raise"}, "terms[0].kind"),
        ({"effective": "2025-07-01"}, "terms[0].kind"),
        ({"kind": "across_the_board", "effective": "2025-07-01", "percent": 3, "note": "x"}, "terms[0].note"),
        ({"kind": "across_the_board", "percent": 3}, "terms[0].effective"),
        ({"kind": "across_the_board", "effective": "July 1", "percent": 3}, "terms[0].effective"),
        ({"kind": "across_the_board", "effective": "2025-07-01", "percent": "three"}, "terms[0].percent"),
        ({"kind": "across_the_board", "effective": "2025-07-01", "percent": True}, "terms[0].percent"),
        ({"kind": "across_the_board", "effective": "2025-07-01", "percent": "NaN"}, "terms[0].percent"),
        ({"kind": "lump_sum", "name": "", "amount": 5, "paid_on": "2025-09-01"}, "terms[0].name"),
        (
            {"kind": "lump_sum", "name": "b", "amount": 5, "paid_on": "2025-09-01", "prorate_by_fte": "yes"},
            "terms[0].prorate_by_fte",
        ),
        (
            {"kind": "schedule_change", "classification": "AC", "effective": "2025-07-01", "steps": []},
            "terms[0].steps",
        ),
        (
            {
                "kind": "schedule_change",
                "classification": "AC",
                "effective": "2025-07-01",
                "steps": [{"number": 1}],
            },
            "terms[0].steps[0]",
        ),
        (
            {
                "kind": "schedule_change",
                "classification": "AC",
                "effective": "2025-07-01",
                "steps": [{"number": 1, "rate": 30}],
                "advancement": "merit",
            },
            "terms[0].advancement",
        ),
        (
            {
                "kind": "differential",
                "name": "d",
                "effective": "2025-07-01",
                "percent": 5,
                "programs": "crisis",
            },
            "terms[0].programs",
        ),
        ("not an object", "terms[0]"),
    ],
)
def test_unreadable_terms_name_the_field(data, field):
    assert _error([data]).field == field


def test_a_list_is_required():
    assert _error({"kind": "lump_sum"}).field == "terms"


@pytest.mark.parametrize(
    ("term", "field"),
    [
        (AcrossTheBoard(date(2025, 6, 30), percent=D(3)), "terms[0].effective"),
        (AcrossTheBoard(date(2028, 7, 1), percent=D(3)), "terms[0].effective"),
        (LumpSum("bonus", D(500), date(2030, 1, 1)), "terms[0].paid_on"),
        (AcrossTheBoard(Y1), "terms[0].percent"),
        (AcrossTheBoard(Y1, percent=D(3), per_hour=D(1)), "terms[0].percent"),
        (AcrossTheBoard(Y1, percent=D(-100)), "terms[0].percent"),
        (AcrossTheBoard(Y1, percent=D(3), classifications=("XX",)), "terms[0].classifications[0]"),
        (Differential("d", Y1, percent=D(-1)), "terms[0].percent"),
        (Differential("d", Y1, per_hour=D(1), hours_per_fte=D(-8)), "terms[0].hours_per_fte"),
        (LumpSum("bonus", D(-500), Y1), "terms[0].amount"),
        (PaidTime("holiday", D(-8), Y1), "terms[0].hours_per_fte"),
        (ProfessionalFund("CEU", D(-1), Y1), "terms[0].per_fte"),
        (HealthShare(D("1.2"), Y1), "terms[0].employer_share"),
        (HealthShare(D("0.9"), Y1, tiers=("gold",)), "terms[0].tiers[0]"),
        (CaseloadCap("outpatient", D(0), Y1, "LC"), "terms[0].clients_per_fte"),
        (CaseloadCap("outpatient", D(30), Y1, "XX"), "terms[0].hire_classification"),
        (CaseloadCap("outpatient", D(30), Y1, "LC", 42), "terms[0].hire_step"),
        (ScheduleChange("XX", Y1, (Step(1, D(30)),)), "terms[0].classification"),
        (ScheduleChange("AC", Y1, (Step(1, D(30)), Step(1, D(31)))), "terms[0].steps"),
        (ScheduleChange("AC", Y1, (Step(0, D(30)),)), "terms[0].steps[0].number"),
        (ScheduleChange("AC", Y1, (Step(1, D(0)),)), "terms[0].steps[0].rate"),
        (ScheduleChange("AC", Y1, (Step(1, D(30)),), advancement_date=Y1), "terms[0].advancement"),
        (
            ScheduleChange("AC", Y1, (Step(1, D(30)),), AdvancementRule.ANNUAL_DATE),
            "terms[0].advancement_date",
        ),
    ],
)
def test_terms_that_do_not_fit_the_contract_name_the_field(term, field):
    with pytest.raises(InvalidTerm) as caught:
        check_terms([term], clinicians())
    assert caught.value.field == field
    assert caught.value.status == 422
    assert caught.value.code == "invalid_term"
    assert field in caught.value.message


def test_a_negative_increase_is_a_cut_and_allowed():
    check_terms([AcrossTheBoard(Y1, percent=D(-2))], clinicians())
