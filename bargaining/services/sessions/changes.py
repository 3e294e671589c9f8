"""Applying edits field by field and describing them for the audit trail (old and new values)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any


def plain(value: Any) -> Any:
    """A JSON-safe form of a value for the audit trail."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def apply(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Set the given fields that changed; return {field: {"old": ..., "new": ...}}."""
    changed: dict[str, dict[str, Any]] = {}
    for name in fields:
        if name not in data:
            continue
        old, new = getattr(obj, name), data[name]
        if old != new:
            setattr(obj, name, new)
            changed[name] = {"old": plain(old), "new": plain(new)}
    return changed
