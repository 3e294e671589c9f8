"""Costing sheets written as CSV text and XLSX workbooks (openpyxl)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from bargaining.documents.costing.sheets import MONEY_COLUMNS, PERCENT_COLUMNS, Cell, Sheet

FIXED_TIME = datetime(2000, 1, 1)  # workbook timestamps: the same sheet gives the same bytes
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _text(cell: Cell) -> str:
    """A cell as CSV text (Decimals as written, nothing for None)."""
    return "" if cell is None else str(cell)


def to_csv(sheet: Sheet) -> str:
    """One sheet as CSV: a header row, then its rows (money in dollars and cents, no symbols)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_text(cell) for cell in row])
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    """An Excel-safe worksheet name (31 characters, no []:*?/\\), unique in the workbook."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:28].strip() or "Sheet"
    name, n = clean, 2
    while name in used:
        name, n = f"{clean[:25]} ({n})", n + 1
    used.add(name)
    return name


def _write(ws, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    """Fill a worksheet: bold header, money and percent formats, sensible widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws.append(list(sheet.header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append(list(row))  # Decimals are written as exact numbers
    for index, name in enumerate(sheet.header, 1):
        letter = get_column_letter(index)
        fmt = "#,##0.00" if name in MONEY_COLUMNS else "0.00" if name in PERCENT_COLUMNS else None
        width = max(len(name), *(len(_text(r[index - 1])) for r in sheet.rows)) if sheet.rows else len(name)
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    ws.freeze_panes = "A2"


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Sheets as one XLSX workbook, a worksheet each (named from the sheet titles)."""
    from openpyxl import Workbook  # imported on first workbook: CSV needs no spreadsheet library

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        _write(book.create_sheet(_sheet_title(sheet.title, used)), sheet)
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The XLSX (a zip) with fixed entry dates and 'modified' time: the same sheets, the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the save time as 'modified'
                body = MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            target.writestr(fixed, body)
    return out.getvalue()
