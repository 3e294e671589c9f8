"""Costing documents (CSV and XLSX sheets, SVG and PNG charts) through bargaining.documents.costing."""

from __future__ import annotations

from typing import Any

from bargaining.documents import costing as writers
from bargaining.domain.costing import results as r

MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
    "png": "image/png",
}


def _table(view: Any) -> r.TableCosting | None:
    """The whole table costing when the caller may see both positions (None for members)."""
    if view.union is None or view.employer is None or view.gap is None or view.cost_per_percent is None:
        return None
    return r.TableCosting(view.union, view.employer, view.agreed, view.gap, view.cost_per_percent)


def render(kind: str, result: Any, fmt: str) -> tuple[bytes, str, str]:
    """The document bytes, its media type and a file name."""
    name = f"costing-{kind}.{fmt}"
    if kind == "table":
        table = _table(result)
        if table is not None and fmt == "xlsx":
            return writers.to_xlsx(writers.table_sheets(table)), MIMETYPES[fmt], name
        if table is not None and fmt in ("svg", "png"):
            return writers.table_chart(table, "svg" if fmt == "svg" else "png"), MIMETYPES[fmt], name
        reports = [x for x in (result.union, result.employer, result.agreed) if x is not None]
    elif kind == "scenario":
        reports = [result["report"]]
    else:
        reports = [result.report]
    return writers.render(reports, fmt), MIMETYPES[fmt], name
