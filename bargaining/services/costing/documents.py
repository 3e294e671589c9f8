"""Costing documents (CSV and XLSX sheets, SVG and PNG charts) through costing-engine's writers."""

from __future__ import annotations

import csv
import importlib
import io
from typing import Any

from bargaining.domain.costing import results as r
from bargaining.domain.errors import Invalid

MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
    "png": "image/png",
}


def reports_of(kind: str, result: Any) -> list[r.CostingReport]:
    """The reports a result holds, in the order a sheet shows them."""
    if kind == "table":
        return [x for x in (result.union, result.employer, result.agreed) if x is not None]
    if kind == "scenario":
        return [result["report"]]
    return [result.report]


def render(kind: str, result: Any, fmt: str) -> tuple[bytes, str, str]:
    """The document bytes, its media type and a file name."""
    writers = _writers()
    reports = reports_of(kind, result)
    name = f"costing-{kind}.{fmt}"
    if writers is not None and hasattr(writers, "render"):
        return writers.render(reports, fmt), MIMETYPES[fmt], name
    if fmt == "csv":
        return _csv(reports), MIMETYPES[fmt], name
    raise Invalid(f"The {fmt} document is not available in this build; use csv or json.", field="format")


def _writers() -> Any:
    """costing-engine's document writers, when installed in this build."""
    try:
        return importlib.import_module("bargaining.documents.costing")
    except ImportError:
        return None


def _csv(reports: list[r.CostingReport]) -> bytes:
    """A plain costing sheet: one line per report, year and component."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["costing", "year", "line", "base", "new", "increase"])
    for report in reports:
        for year in report.headline.years:
            for line in (year.total, *year.components):
                writer.writerow([report.label, year.year, line.label, line.base, line.new, line.increase])
        term = report.headline.term
        writer.writerow([report.label, "term", term.label, term.base, term.new, term.increase])
    return out.getvalue().encode("utf-8")
