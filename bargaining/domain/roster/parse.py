"""Mapping a roster sheet's columns to the costing's fields and reading each row; errors by row and column."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from bargaining.domain.errors import Invalid
from bargaining.domain.roster.read import Cell, Sheet

FIELDS = (
    "employee_ref",
    "classification",
    "step",
    "fte",
    "hours_paid",
    "step_anniversary",
    "program",
    "caseload",
    "health_tier",
    "licence",
)
REQUIRED = ("classification", "step", "fte")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_ref": ("employee", "employee id", "employee ref", "emp id", "id", "employee number", "name"),
    "classification": ("class", "classification", "job class", "job title", "title", "position"),
    "step": ("step", "salary step", "step number"),
    "fte": ("fte", "full time equivalent", "fte %"),
    "hours_paid": ("hours", "hours paid", "annual hours", "paid hours"),
    "step_anniversary": ("anniversary", "step anniversary", "step date", "anniversary date"),
    "program": ("program", "department", "dept", "unit"),
    "caseload": ("caseload", "active caseload", "clients", "active clients"),
    "health_tier": ("tier", "health tier", "health plan tier", "coverage", "health plan"),
    "licence": ("licence", "license", "licensure", "licence type", "license type"),
}
MAX_TEXT = 100
MAX_FTE = Decimal("1.5")


@dataclass(frozen=True, slots=True)
class CellError:
    """A value that could not be read: its row in the file, its column heading and why."""

    row: int
    column: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One roster row, read and checked (classification is the table's classification id)."""

    line: int
    employee_ref: str
    classification_id: int
    step: int
    fte: Decimal
    hours_paid: Decimal | None
    step_anniversary: date | None
    program: str
    caseload: int
    health_tier: str
    licence: str


@dataclass(slots=True)
class ParsedRoster:
    """The rows read, the errors met, and which column fed which field."""

    mapping: dict[str, str]
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def _norm(text: str) -> str:
    """A heading reduced to lower-case words."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def map_columns(header: tuple[str, ...], given: Mapping[str, str] | None = None) -> dict[str, int]:
    """Map each field to its column index: the caller's mapping (heading -> field) first, then synonyms."""
    found: dict[str, int] = {}
    positions = {_norm(h): i for i, h in enumerate(header) if h}
    for heading, name in (given or {}).items():
        if name not in FIELDS:
            raise Invalid(f"Unknown roster field {name!r}; fields are {', '.join(FIELDS)}.", field="mapping")
        if _norm(heading) not in positions:
            raise Invalid(f"The file has no column {heading!r}.", field="mapping")
        found[name] = positions[_norm(heading)]
    for name in FIELDS:
        if name in found:
            continue
        for synonym in (name.replace("_", " "), *SYNONYMS[name]):
            if synonym in positions and positions[synonym] not in found.values():
                found[name] = positions[synonym]
                break
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise Invalid(f"No column for {', '.join(missing)}; name it in mapping.", field="mapping")
    return found


@dataclass(frozen=True, slots=True)
class Known:
    """What rows must match: classifications (lower-cased code or name -> id), their steps, health tiers."""

    classifications: Mapping[str, int]
    steps: Mapping[int, frozenset[int]] | None = None
    tiers: frozenset[str] | None = None


def parse_roster(sheet: Sheet, known: Known, given: Mapping[str, str] | None = None) -> ParsedRoster:
    """Read every row, checking it against what the table knows."""
    columns = map_columns(sheet.header, given)
    result = ParsedRoster(mapping={name: sheet.header[i] for name, i in columns.items()})
    for line, cells in sheet.rows:
        reader = _RowReader(line, cells, columns, sheet.header, result.errors)
        row = reader.read(known.classifications)
        if row is not None:
            row = _checked(reader, row, known)
        if row is not None:
            result.rows.append(row)
    return result


def _checked(reader: _RowReader, row: ParsedRow, known: Known) -> ParsedRow | None:
    """The row if its step is on its classification's schedule and its tier is a known tier."""
    if known.steps is not None:
        steps = known.steps.get(row.classification_id)
        if not steps:
            reader.fail("classification", "this classification has no current salary schedule")
        elif row.step not in steps:
            reader.fail("step", f"no step {row.step} on the schedule (steps 1 to {max(steps)})")
    if known.tiers is not None and row.health_tier and row.health_tier not in known.tiers:
        reader.fail("health_tier", f"unknown health tier {row.health_tier[:40]!r}")
    return None if reader.failed else row


class _RowReader:
    """Reads the fields of one row, noting each unreadable cell."""

    def __init__(
        self,
        line: int,
        cells: tuple[Cell, ...],
        columns: dict[str, int],
        header: tuple[str, ...],
        errors: list[CellError],
    ) -> None:
        self.line, self.cells, self.columns, self.header, self.errors = line, cells, columns, header, errors
        self.failed = False

    def raw(self, name: str) -> Cell:
        """The cell feeding a field (None if the field has no column or the row is short)."""
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return value.strip() if isinstance(value, str) else value

    def fail(self, name: str, message: str) -> None:
        """Note an unreadable cell."""
        self.failed = True
        self.errors.append(CellError(self.line, self.header[self.columns[name]], name, message))

    def text(self, name: str) -> str:
        """A text field (empty if blank)."""
        value = self.raw(name)
        text = "" if value is None else str(value)
        if len(text) > MAX_TEXT:
            self.fail(name, f"longer than {MAX_TEXT} characters")
        return text

    def number(self, name: str, *, required: bool, whole: bool) -> Decimal | None:
        """A non-negative number (whole if asked)."""
        value = self.raw(name)
        if value is None or value == "":
            if required:
                self.fail(name, "missing")
            return None
        try:
            number = Decimal(str(value).replace(",", "").rstrip("%"))
        except InvalidOperation:
            self.fail(name, f"not a number: {str(value)[:40]!r}")
            return None
        if not number.is_finite() or number < 0 or (whole and number != number.to_integral_value()):
            self.fail(name, f"not a {'whole ' if whole else ''}number of zero or more: {value!r}")
            return None
        return number

    def day(self, name: str) -> date | None:
        """A date: a spreadsheet date, or ISO (2025-07-01) or US (7/1/2025) text."""
        value = self.raw(name)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for pattern in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
            try:
                return datetime.strptime(str(value), pattern).date()
            except ValueError:
                continue
        self.fail(name, f"not a date (use 2025-07-01): {str(value)[:40]!r}")
        return None

    def read(self, classifications: Mapping[str, int]) -> ParsedRow | None:
        """The row, or None if any cell failed."""
        code = self.text("classification")
        classification_id = classifications.get(code.lower())
        if classification_id is None:
            self.fail("classification", "missing" if not code else f"no such classification: {code[:40]!r}")
        step = self.number("step", required=True, whole=True)
        if step is not None and step < 1:
            self.fail("step", "steps start at 1")
        fte = self.number("fte", required=True, whole=False)
        if fte is not None and str(self.raw("fte")).endswith("%"):
            fte = fte / 100
        if fte is not None and fte > MAX_FTE:
            self.fail("fte", f"FTE is at most {MAX_FTE} (write 80% or 0.8)")
        hours = (
            self.number("hours_paid", required=False, whole=False) if "hours_paid" in self.columns else None
        )
        row = ParsedRow(
            line=self.line,
            employee_ref=self.text("employee_ref") if "employee_ref" in self.columns else "",
            classification_id=classification_id or 0,
            step=int(step or 0),
            fte=fte or Decimal(0),
            hours_paid=hours,
            step_anniversary=self.day("step_anniversary") if "step_anniversary" in self.columns else None,
            program=self.text("program") if "program" in self.columns else "",
            caseload=int(self.number("caseload", required=False, whole=True) or 0)
            if "caseload" in self.columns
            else 0,
            health_tier=self.text("health_tier") if "health_tier" in self.columns else "",
            licence=self.text("licence") if "licence" in self.columns else "",
        )
        return None if self.failed else row
