"""Costing documents from engine outputs only (no database): sheets, charts and the TA block.

`proposal_sheet(report)` / `table_sheets(table)` build plain rows; `to_csv(sheet)` and
`to_xlsx(sheets)` write them; `table_chart(table, "svg" | "png")` draws cost per year (union vs
employer vs TA'd); `ta_worth(agreed, unit_fte, member)` is the members' summary block (plain
data and an SVG). `render(reports, fmt)` is the API's one call: reports to csv/xlsx/svg/png bytes.
"""

from bargaining.documents.costing.chart import Series, bar_chart, table_chart
from bargaining.documents.costing.files import to_csv, to_xlsx
from bargaining.documents.costing.render import FORMATS, combined_sheet, render, report_chart
from bargaining.documents.costing.sheets import Sheet, items_sheet, proposal_sheet, table_sheet, table_sheets
from bargaining.documents.costing.summary import TAWorth, WorthYear, ta_worth

__all__ = [
    "FORMATS",
    "Series",
    "Sheet",
    "TAWorth",
    "WorthYear",
    "bar_chart",
    "combined_sheet",
    "items_sheet",
    "proposal_sheet",
    "render",
    "report_chart",
    "ta_worth",
    "table_chart",
    "table_sheet",
    "table_sheets",
    "to_csv",
    "to_xlsx",
]
