"""Costing sheets as plain rows: a proposal's (or a position's) costing, and the table's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bargaining.domain.costing.display import cents, percent
from bargaining.domain.costing.results import Costing, CostingReport, CostLine, TableCosting

Cell = str | int | Decimal | None
MONEY_COLUMNS = frozenset(
    {"Base", "New", "Increase", "Union", "Employer", "Gap", "Agreed (TA'd)", "Cost of 1 %"}
)
PERCENT_COLUMNS = frozenset({"Increase %"})


@dataclass(frozen=True, slots=True)
class Sheet:
    """A titled table: a header and rows of cells (money rounded to the cent, percents to 0.01)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


PROPOSAL_HEADER = ("Costing", "Year", "Dates", "Line", "Base", "New", "Increase", "Increase %")
TABLE_HEADER = ("Year", "Dates", "Union", "Employer", "Gap", "Agreed (TA'd)", "Cost of 1 %")


def _line_cells(line: CostLine) -> tuple[Cell, ...]:
    """Base, new, increase (to the cent) and percent of one line."""
    return cents(line.base), cents(line.new), cents(line.increase), percent(line.percent)


def _costing_rows(costing: Costing, names: Mapping[str, str]) -> list[tuple[Cell, ...]]:
    """Every year's total, components and classifications, then the term's total."""
    how = "with step advancement" if costing.with_step_advancement else "without step advancement"
    rows: list[tuple[Cell, ...]] = []
    for year in costing.years:
        dates = f"{year.start.isoformat()} to {year.end.isoformat()}"
        rows.append((how, year.year, dates, "Total", *_line_cells(year.total)))
        for line in year.components:
            rows.append((how, year.year, dates, f"  {line.label.replace('_', ' ')}", *_line_cells(line)))
        for line in year.classifications:
            rows.append((how, year.year, dates, f"  {names.get(line.label, line.label)}", *_line_cells(line)))
    rows.append((how, "Term", "", "Total", *_line_cells(costing.term)))
    return rows


def proposal_sheet(report: CostingReport, names: Mapping[str, str] | None = None) -> Sheet:
    """A proposal's, a position's or a scenario's costing: the headline way first, then the other."""
    names = names or {}
    first, second = (
        (report.with_steps, report.without_steps)
        if report.include_step_advancement
        else (report.without_steps, report.with_steps)
    )
    rows = _costing_rows(first, names) + _costing_rows(second, names)
    return Sheet(f"Costing: {report.label}" if report.label else "Costing", PROPOSAL_HEADER, tuple(rows))


def items_sheet(report: CostingReport) -> Sheet:
    """Each item of a position costed alone (the headline way), per year and over the term."""
    years = len(report.headline.years)
    header = ("Item", *(f"Year {n}" for n in range(1, years + 1)), "Term")
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (item.label, *(cents(amount) for amount in item.increases), cents(item.term_increase))
        for item in report.items
    )
    return Sheet(f"Items: {report.label}", header, rows)


def table_sheet(table: TableCosting) -> Sheet:
    """The table at a glance: each side's increase per year and over the term, the gap, the TAs."""
    union, employer, agreed = table.union.headline, table.employer.headline, table.agreed.headline
    rows: list[tuple[Cell, ...]] = []
    per_percent = {amount.year: amount.amount for amount in table.cost_per_percent}
    for u, e, a, g in zip(union.years, employer.years, agreed.years, table.gap.years, strict=True):
        dates = f"{u.start.isoformat()} to {u.end.isoformat()}"
        money = (u.total.increase, e.total.increase, g.gap, a.total.increase, per_percent.get(u.year))
        rows.append((u.year, dates, *(None if m is None else cents(m) for m in money)))
    term = (union.term.increase, employer.term.increase, table.gap.term.gap, agreed.term.increase)
    total_percent = sum(per_percent.values(), Decimal(0))
    rows.append(("Term", "", *(cents(m) for m in term), cents(total_percent)))
    return Sheet("Table costing: increase over the base", TABLE_HEADER, tuple(rows))


def table_sheets(table: TableCosting, names: Mapping[str, str] | None = None) -> list[Sheet]:
    """The table's summary, then each position's and the TAs' costings (and items when itemized)."""
    sheets = [table_sheet(table)]
    for report in (table.union, table.employer, table.agreed):
        sheets.append(proposal_sheet(report, names))
        if report.items:
            sheets.append(items_sheet(report))
    return sheets
