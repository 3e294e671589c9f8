"""One entry point for the API: costing reports to CSV, XLSX, SVG or PNG bytes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from bargaining.documents.costing.chart import Series, bar_chart
from bargaining.documents.costing.files import to_csv, to_xlsx
from bargaining.documents.costing.sheets import PROPOSAL_HEADER, Cell, Sheet, items_sheet, proposal_sheet
from bargaining.domain.costing.results import CostingReport
from bargaining.domain.errors import Invalid

DocumentFormat = Literal["csv", "xlsx", "svg", "png"]
FORMATS = ("csv", "xlsx", "svg", "png")


def combined_sheet(reports: Sequence[CostingReport], names: Mapping[str, str] | None = None) -> Sheet:
    """Several reports' sheets as one, a first column naming the report (for a single CSV)."""
    if len(reports) == 1:
        return proposal_sheet(reports[0], names)
    rows: list[tuple[Cell, ...]] = []
    for report in reports:
        rows.extend((report.label, *row) for row in proposal_sheet(report, names).rows)
    return Sheet("Costing", ("Report", *PROPOSAL_HEADER), tuple(rows))


def report_chart(reports: Sequence[CostingReport], fmt: Literal["svg", "png"]) -> bytes:
    """Each report's headline increase per contract year, side by side."""
    years = [f"Year {year.year}" for year in reports[0].headline.years] if reports else []
    series = [
        Series(report.label.capitalize() or "Costing", tuple(y.total.increase for y in report.headline.years))
        for report in reports
    ]
    return bar_chart("Cost per contract year", years, series, fmt)


def render(reports: Sequence[CostingReport], fmt: str, names: Mapping[str, str] | None = None) -> bytes:
    """The reports as a document: 'csv', 'xlsx' (a worksheet per report, items too), 'svg' or 'png'."""
    if fmt == "csv":
        return to_csv(combined_sheet(reports, names)).encode("utf-8")
    if fmt == "xlsx":
        sheets = []
        for report in reports:
            sheets.append(proposal_sheet(report, names))
            if report.items:
                sheets.append(items_sheet(report))
        return to_xlsx(sheets)
    if fmt in ("svg", "png"):
        return report_chart(reports, "svg" if fmt == "svg" else "png")
    raise Invalid(f"format: must be one of {', '.join(FORMATS)}", field="format")
