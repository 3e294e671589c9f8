"""Economic terms on proposal items and scenarios: checked strictly by the engine, stored normalized."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bargaining.domain.costing import model as m
from bargaining.domain.errors import Invalid
from bargaining.services.costing import port
from bargaining.services.costing.inputs import load_classifications, load_settings

MAX_TERMS = 50


def validation_base(session: Session, table_id: int) -> m.CostingBase | None:
    """What terms are checked against: the classifications and the settings (no roster); None if unset."""
    settings = load_settings(session, table_id)
    if settings is None:
        return None
    return m.CostingBase(load_classifications(session, table_id), (), settings)


def checked_terms(raw: Any, base: m.CostingBase | None, field: str) -> list[dict[str, Any]]:
    """Parse and check terms (422 naming the field: items.0.terms[1].effective); return them normalized."""
    if not isinstance(raw, list):
        raise Invalid("Terms are a list of economic terms.", field=field, code="invalid_term")
    if len(raw) > MAX_TERMS:
        raise Invalid(f"At most {MAX_TERMS} terms.", field=field, code="invalid_term")
    if base is None:
        raise Invalid(
            "This table has no costing settings: enter its contract years before economic terms.",
            field=field,
            code="terms_need_costing",
        )
    terms = port.parse(raw, field)
    port.check(terms, base, field)
    return port.dump(terms)


def attach_terms(session: Session, table_id: int, payloads: list[dict[str, Any]], items: list[Any]) -> None:
    """Check every item payload's terms (loading the base once) and store them on the built items."""
    if not any(p.get("terms") is not None for p in payloads):
        return
    base = validation_base(session, table_id)
    for index, (payload, item) in enumerate(zip(payloads, items, strict=True)):
        raw = payload.get("terms")
        if raw is None:
            continue
        field = f"items.{index}.terms"
        if item.action.value not in ("amend", "add"):
            raise Invalid("Only amended or added language carries economic terms.", field=field)
        item.terms = checked_terms(raw, base, field) or None
