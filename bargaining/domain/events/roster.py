"""Reading a member roster from CSV: name, email, and the columns costing may use (kept as text)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from bargaining.domain.errors import Invalid

MAX_ROWS = 20_000
MAX_FIELD = 500
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,60}$")


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One member: name, email (lower case) and the other columns as given."""

    name: str
    email: str
    fields: dict[str, str] = field(default_factory=dict)


def parse_roster(text: str) -> list[RosterRow]:
    """Parse CSV with a header naming at least 'name' and 'email'; refuse bad rows with their line."""
    try:
        return _parse(text)
    except csv.Error as exc:  # a NUL byte, a field past the csv module's limit, a broken quote
        raise Invalid(f"The roster is not valid CSV: {exc}.", field="csv") from exc


def _parse(text: str) -> list[RosterRow]:
    """Parse the roster (csv.Error escapes)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header or "email" not in header:
        raise Invalid("The roster's header must name the columns 'name' and 'email'.", field="csv")
    reader.fieldnames = header
    rows: dict[str, RosterRow] = {}
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise Invalid(f"A roster has at most {MAX_ROWS} rows.", field="csv")
        values = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        if any(len(v) > MAX_FIELD for v in values.values()):
            raise Invalid(f"Line {line}: a value is longer than {MAX_FIELD} characters.", field="csv")
        email, name = values.pop("email", "").lower(), values.pop("name", "")
        if not name or not EMAIL.match(email):
            raise Invalid(f"Line {line}: a member needs a name and a valid email.", field="csv")
        rows[email] = RosterRow(name, email, {k: v for k, v in values.items() if k})
    if not rows:
        raise Invalid("The roster has no members.", field="csv")
    return list(rows.values())
