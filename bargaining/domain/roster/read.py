"""Turning an uploaded CSV or XLSX file into a header and rows of cells (strings, numbers, dates)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bargaining.domain.errors import Invalid

Cell = str | int | float | date | datetime | None
MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A header row and the data rows under it, each with its row number in the file (header = 1)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def detect_format(filename: str, content: bytes) -> str:
    """Tell CSV from XLSX by the file's bytes (an XLSX is a zip), then by its name."""
    if content.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return "xlsx"
    return "csv"


def read_sheet(content: bytes, file_format: str) -> Sheet:
    """Read the file's first sheet: its header row and data rows (blank rows skipped)."""
    lines = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(content)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    for number, cells in lines:
        if all(_blank(c) for c in cells):
            continue
        if header is None:
            header = tuple(str(c).strip() if c is not None else "" for c in cells)
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise Invalid(f"A roster is limited to {MAX_ROWS} rows.", field="file", code="roster_too_large")
    if header is None:
        raise Invalid("The file has no header row.", field="file", code="roster_unreadable")
    return Sheet(header, tuple(rows))


def _blank(cell: Cell) -> bool:
    """An empty cell."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _csv_rows(content: bytes) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """CSV rows as strings (UTF-8, a BOM allowed; Latin-1 as a fallback)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    if "\x00" in text:
        raise Invalid("The file is not a CSV text file.", field="file", code="roster_unreadable")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, tuple(row)
    except csv.Error as exc:
        raise Invalid(f"The CSV could not be read: {exc}.", field="file", code="roster_unreadable") from exc


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """The first worksheet's rows, values only (formulas read as their cached values)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise Invalid(
            "The file is not a readable XLSX workbook.", field="file", code="roster_unreadable"
        ) from exc
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(_cell(v) for v in row)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as exc:
        raise Invalid("The workbook could not be read.", field="file", code="roster_unreadable") from exc
    finally:
        book.close()


def _cell(value: object) -> Cell:
    """A workbook value as one of the cell types (anything else as its text)."""
    if value is None or isinstance(value, str | int | float | date | datetime):
        return value
    return str(value)
