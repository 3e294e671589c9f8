"""Economic terms to and from JSON-ready dicts, strictly: every error names the field at fault."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bargaining.domain.costing.model import AdvancementRule, Step
from bargaining.domain.costing.terms import TERM_TYPES, Term
from bargaining.domain.errors import Invalid

CODE = "invalid_term"


class InvalidTerm(Invalid):
    """An economic term that cannot be read or does not fit the contract."""

    code = CODE


def _fail(field: str, message: str) -> InvalidTerm:
    """The error for `field` (a path such as 'terms[2].percent')."""
    return InvalidTerm(f"{field}: {message}", field=field)


def _decimal(value: object, field: str) -> Decimal:
    """A Decimal from a JSON number or numeric string (never a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _fail(field, "must be a number")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise _fail(field, "must be a number") from None
    if not number.is_finite():
        raise _fail(field, "must be a finite number")
    return number


def _date(value: object, field: str) -> date:
    """A date from an ISO 'YYYY-MM-DD' string."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise _fail(field, "must be a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(field, "must be a date (YYYY-MM-DD)") from None


def _text(value: object, field: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(field, "must be a non-empty string")
    return value.strip()


def _int(value: object, field: str) -> int:
    """An integer (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(field, "must be an integer")
    return value


def _bool(value: object, field: str) -> bool:
    """A boolean."""
    if not isinstance(value, bool):
        raise _fail(field, "must be true or false")
    return value


def _texts(value: object, field: str) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(value, list | tuple):
        raise _fail(field, "must be a list of strings")
    return tuple(_text(item, f"{field}[{index}]") for index, item in enumerate(value))


def _rule(value: object, field: str) -> AdvancementRule:
    """An advancement rule by name."""
    try:
        return AdvancementRule(str(value))
    except ValueError:
        names = ", ".join(rule.value for rule in AdvancementRule)
        raise _fail(field, f"must be one of {names}") from None


def _steps(value: object, field: str) -> tuple[Step, ...]:
    """A list of {number, rate} steps."""
    if not isinstance(value, list | tuple) or not value:
        raise _fail(field, "must be a non-empty list of steps")
    steps = []
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        if not isinstance(item, Mapping) or set(item) != {"number", "rate"}:
            raise _fail(where, "must be an object with exactly 'number' and 'rate'")
        steps.append(Step(_int(item["number"], f"{where}.number"), _decimal(item["rate"], f"{where}.rate")))
    return tuple(steps)


_Reader = Callable[[object, str], Any]
_READERS: dict[str, _Reader] = {
    "date": _date,
    "Decimal": _decimal,
    "Money": _decimal,
    "str": _text,
    "int": _int,
    "bool": _bool,
    "tuple[str, ...]": _texts,
    "tuple[Step, ...]": _steps,
    "AdvancementRule": _rule,
}


def _reader(annotation: str) -> tuple[_Reader, bool]:
    """The reader for a field's annotation and whether None is allowed."""
    base, optional = annotation.removesuffix(" | None"), annotation.endswith(" | None")
    return _READERS[base], optional


def parse_term(data: object, field: str = "term") -> Term:
    """One term from a JSON object: 'kind' picks the type; unknown or missing keys are errors."""
    if not isinstance(data, Mapping):
        raise _fail(field, "must be an object")
    kind = data.get("kind")
    cls = TERM_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise _fail(f"{field}.kind", f"must be one of {', '.join(sorted(TERM_TYPES))}")
    declared = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key != "kind" and key not in declared:
            raise _fail(f"{field}.{key}", f"is not a field of a {kind} term")
    values: dict[str, Any] = {}
    for name, spec in declared.items():
        where = f"{field}.{name}"
        required = spec.default is dataclasses.MISSING
        if name not in data:
            if required:
                raise _fail(where, "is required")
            continue
        read, optional = _reader(str(spec.type))
        raw = data[name]
        values[name] = None if raw is None and optional else read(raw, where)
    term: Term = cls(**values)
    return term


def parse_terms(data: object, field: str = "terms") -> tuple[Term, ...]:
    """A list of terms from JSON; each error names its index ('terms[2].percent')."""
    if not isinstance(data, list | tuple):
        raise _fail(field, "must be a list of terms")
    return tuple(parse_term(item, f"{field}[{index}]") for index, item in enumerate(data))


def _dump(value: object) -> object:
    """A JSON-ready value: Decimal and dates as strings, tuples as lists, steps as objects."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Step):
        return {"number": value.number, "rate": str(value.rate)}
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    if isinstance(value, AdvancementRule):
        return value.value
    return value


def dump_term(term: Term) -> dict[str, object]:
    """A term as a JSON-ready dict (what parse_term reads back to an equal term)."""
    out: dict[str, object] = {"kind": term.kind}
    for spec in dataclasses.fields(term):
        out[spec.name] = _dump(getattr(term, spec.name))
    return out


def dump_terms(terms: Sequence[Term]) -> list[dict[str, object]]:
    """Terms as a JSON-ready list."""
    return [dump_term(term) for term in terms]
