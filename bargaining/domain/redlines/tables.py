"""Tables of figures (salary schedules, step tables) compared cell by cell.

A *figure row* is a line whose cells (split at tabs or runs of two or more spaces) number at least
MIN_CELLS, at least two of them figures (digits with $ , . % and the like). Two or more figure rows
in a row make a table. When the old and new texts hold the same number of tables, they are paired
in order; rows are aligned by their first cell (the step or grade) and compared cell by cell; the
text around them is compared as usual. Otherwise the texts are compared as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

MIN_CELLS = 3
_CELL_SPLIT = re.compile(r"\t+|\s{2,}")
_FIGURE = re.compile(r"^[$€£(]?[-+]?\d[\d,.]*%?[)]?$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")

RowKind = Literal["equal", "changed", "added", "deleted"]


@dataclass(frozen=True, slots=True)
class CellDiff:
    """One cell: its old and new text."""

    old: str
    new: str

    @property
    def changed(self) -> bool:
        """The cell's text differs."""
        return self.old != self.new


@dataclass(frozen=True, slots=True)
class RowDiff:
    """One row: its cells, and whether it is unchanged, changed, added or deleted."""

    kind: RowKind
    cells: tuple[CellDiff, ...]


@dataclass(frozen=True, slots=True)
class TableDiff:
    """A table compared cell by cell, with the exact old and new text it stands for."""

    rows: tuple[RowDiff, ...]
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class TextPair:
    """Text around tables: its old and new version, compared as usual."""

    old: str
    new: str


Segment = TextPair | TableDiff


def cells(line: str) -> list[str]:
    """The cells of a line."""
    return [c for c in _CELL_SPLIT.split(line.strip()) if c]


def is_figure_row(line: str) -> bool:
    """At least MIN_CELLS cells, two of them figures."""
    found = cells(line)
    return len(found) >= MIN_CELLS and sum(1 for c in found if _FIGURE.match(c)) >= 2


def split_tables(text: str) -> list[tuple[bool, str]]:
    """The text as (is_table, chunk) pieces that join back to it exactly."""
    lines = _LINE.findall(text)
    out: list[tuple[bool, str]] = []
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and is_figure_row(lines[end]):
            end += 1
        if end - k >= 2:
            out.append((True, "".join(lines[k:end])))
            k = end
            continue
        chunk = lines[k] if end == k else "".join(lines[k:end])
        k = max(end, k + 1)
        if out and not out[-1][0]:
            out[-1] = (False, out[-1][1] + chunk)
        else:
            out.append((False, chunk))
    return out


def _rows(table: str) -> list[list[str]]:
    """The cells of every row of a table."""
    return [cells(line) for line in table.splitlines() if line.strip()]


def compare_table(old: str, new: str) -> TableDiff:
    """Two tables aligned by their rows' first cells and compared cell by cell."""
    old_rows, new_rows = _rows(old), _rows(new)
    matcher = SequenceMatcher(None, [r[0] for r in old_rows], [r[0] for r in new_rows], autojunk=False)
    rows: list[RowDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            for a, b in zip(old_rows[i1:i2], new_rows[j1:j2], strict=True):
                width = max(len(a), len(b))
                pairs = tuple(
                    CellDiff(*(row[c] if c < len(row) else "" for row in (a, b))) for c in range(width)
                )
                rows.append(RowDiff("changed" if any(p.changed for p in pairs) else "equal", pairs))
            continue
        rows += [RowDiff("deleted", tuple(CellDiff(c, "") for c in r)) for r in old_rows[i1:i2]]
        rows += [RowDiff("added", tuple(CellDiff("", c) for c in r)) for r in new_rows[j1:j2]]
    return TableDiff(tuple(rows), old, new)


def compare(old: str, new: str) -> list[Segment] | None:
    """Text and tables in order, when both texts hold the same number (at least one) of tables."""
    old_parts, new_parts = split_tables(old), split_tables(new)
    if sum(t for t, _ in old_parts) != sum(t for t, _ in new_parts) or not any(t for t, _ in old_parts):
        return None
    out: list[Segment] = []
    old_iter, new_iter = _grouped(old_parts), _grouped(new_parts)
    for (old_text, old_table), (new_text, new_table) in zip(old_iter, new_iter, strict=True):
        if old_text or new_text:
            out.append(TextPair(old_text, new_text))
        if old_table is not None and new_table is not None:
            out.append(compare_table(old_table, new_table))
    return out


def _grouped(parts: list[tuple[bool, str]]) -> list[tuple[str, str | None]]:
    """(text before, table) pairs, the last with no table."""
    out: list[tuple[str, str | None]] = []
    text = ""
    for is_table, chunk in parts:
        if is_table:
            out.append((text, chunk))
            text = ""
        else:
            text += chunk
    out.append((text, None))
    return out
