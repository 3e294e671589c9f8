"""A table's economic picture: classifications, salary schedule versions and costing settings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid, NotFound, ensure_version
from bargaining.domain.records import Side
from bargaining.models import Classification, CostingSettings, SalarySchedule, SalaryStep, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table
from bargaining.services.costing.guards import PreconditionRequired, side_writer, writer


def list_classifications(session: Session, actor: Actor, table_id: int) -> Select[Classification]:
    """The table's classifications in order (everyone at the table)."""
    load_table(session, actor, table_id)
    return (
        select(Classification)
        .where(Classification.table_id == table_id)
        .order_by(Classification.position, Classification.id)
    )


def create_classification(
    session: Session, actor: Actor, table_id: int, data: dict[str, Any]
) -> Classification:
    """Add a classification (a side's writers or an administrator)."""
    writer(session, actor, table_id)
    if session.scalar(
        select(Classification.id).where(
            Classification.table_id == table_id, Classification.code == data["code"]
        )
    ):
        raise Invalid("This table already has a classification with that code.", field="code")
    row = Classification(table_id=table_id, created_by_id=actor.id, **data)
    session.add(row)
    session.flush()
    audit.record(session, actor.id, "classification.created", row, table_id=table_id, detail=dict(data))
    return row


def load_classification(session: Session, actor: Actor, classification_id: int) -> Classification:
    """One classification the caller may see; 404 otherwise."""
    row = session.get(Classification, classification_id)
    if row is None:
        raise NotFound("No such classification.", code="classification_not_found")
    load_table(session, actor, row.table_id)
    return row


def update_classification(
    session: Session, actor: Actor, classification_id: int, expected: int, data: dict[str, Any]
) -> Classification:
    """Rename or reorder a classification (its code stays: roster rows and terms name it)."""
    row = load_classification(session, actor, classification_id)
    writer(session, actor, row.table_id)
    ensure_version("classification", row.version, expected)
    changes = {k: {"old": getattr(row, k), "new": v} for k, v in data.items() if getattr(row, k) != v}
    for key, value in data.items():
        setattr(row, key, value)
    audit.record(session, actor.id, "classification.edited", row, table_id=row.table_id, detail=changes)
    session.flush()
    return row


def schedule_visibility(side: Side | None) -> Any:
    """Base schedules for everyone; a side's proposed schedules for that side only."""
    if side is None:
        return SalarySchedule.side.is_(None)
    return or_(SalarySchedule.side.is_(None), SalarySchedule.side == side)


def list_schedules(
    session: Session, actor: Actor, table_id: int, classification_id: int | None
) -> Select[SalarySchedule]:
    """Schedule versions the caller may see, oldest first, with their steps."""
    _table, standing = load_table(session, actor, table_id)
    stmt = (
        select(SalarySchedule)
        .where(SalarySchedule.table_id == table_id, schedule_visibility(_reader_side(standing)))
        .options(selectinload(SalarySchedule.steps))
        .order_by(SalarySchedule.id)
    )
    if classification_id is not None:
        stmt = stmt.where(SalarySchedule.classification_id == classification_id)
    return stmt


def _reader_side(standing: Any) -> Side | None:
    """The side whose proposed schedules the caller reads."""
    return standing.side if standing.is_party else None


def load_schedule(session: Session, actor: Actor, schedule_id: int) -> SalarySchedule:
    """One schedule version the caller may see; 404 for another side's proposal."""
    row = session.scalar(
        select(SalarySchedule)
        .where(SalarySchedule.id == schedule_id)
        .options(selectinload(SalarySchedule.steps))
    )
    if row is None:
        raise NotFound("No such schedule.", code="schedule_not_found")
    _table, standing = load_table(session, actor, row.table_id)
    if row.side is not None and _reader_side(standing) is not row.side:
        raise NotFound("No such schedule.", code="schedule_not_found")
    return row


def create_schedule(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> SalarySchedule:
    """Add an immutable schedule version: the base, or a proposal private to the caller's side."""
    side: Side | None = None
    if data["kind"] == "proposed":
        _table, side = side_writer(session, actor, table_id)
    else:
        writer(session, actor, table_id)
    classification = session.get(Classification, data["classification_id"])
    if classification is None or classification.table_id != table_id:
        raise Invalid("No such classification at this table.", field="classification_id")
    parent_id = data.get("parent_id")
    if parent_id is not None:
        parent = session.get(SalarySchedule, parent_id)
        if (
            parent is None
            or parent.classification_id != classification.id
            or (parent.side is not None and parent.side is not side)
        ):
            raise Invalid(
                "The version this edits must be a visible schedule of the same classification.",
                field="parent_id",
            )
    row = SalarySchedule(
        table_id=table_id,
        classification_id=classification.id,
        side=side,
        label=data.get("label", ""),
        rate_basis=data["rate_basis"],
        advancement=data["advancement"],
        advancement_date=data.get("advancement_date"),
        effective_date=data["effective_date"],
        parent_id=parent_id,
        created_by_id=actor.id,
        steps=_steps(data["steps"]),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor.id,
        "schedule.created",
        row,
        table_id=table_id,
        visible_to=side.value if side else None,
        detail={"classification": classification.code, "steps": len(row.steps), "parent_id": parent_id},
    )
    return row


def _steps(payloads: list[dict[str, Any]]) -> list[SalaryStep]:
    """Steps numbered 1..n without gaps, each with a positive rate."""
    numbers = sorted(p["step"] for p in payloads)
    if numbers != list(range(1, len(numbers) + 1)):
        raise Invalid("Steps are numbered 1, 2, 3 ... without gaps or repeats.", field="steps")
    return [SalaryStep(step=p["step"], rate=p["rate"]) for p in sorted(payloads, key=lambda p: p["step"])]


def get_settings(session: Session, actor: Actor, table_id: int) -> CostingSettings:
    """The table's costing settings (everyone at the table); 404 before they are entered."""
    load_table(session, actor, table_id)
    row = session.scalar(select(CostingSettings).where(CostingSettings.table_id == table_id))
    if row is None:
        raise NotFound("This table has no costing settings yet.", code="settings_not_found")
    return row


def put_settings(
    session: Session, actor: Actor, table_id: int, data: dict[str, Any], expected: int | None
) -> tuple[CostingSettings, bool]:
    """Enter or replace the settings (If-Match needed to replace); returns (row, created)."""
    writer(session, actor, table_id)
    check_settings(data)
    row = session.scalar(select(CostingSettings).where(CostingSettings.table_id == table_id))
    stored = _stored(data)
    if row is None:
        row = CostingSettings(table_id=table_id, updated_by_id=actor.id, **stored)
        session.add(row)
        session.flush()
        audit.record(
            session, actor.id, "costing_settings.created", row, table_id=table_id, detail=_json(stored)
        )
        return row, True
    if expected is None:
        raise PreconditionRequired("Send the settings' ETag in If-Match to replace them.")
    ensure_version("costing settings", row.version, expected)
    changes = {
        k: {"old": _json_value(getattr(row, k)), "new": _json_value(v)}
        for k, v in stored.items()
        if getattr(row, k) != v
    }
    for key, value in stored.items():
        setattr(row, key, value)
    row.updated_by_id, row.updated_at = actor.id, utcnow()
    audit.record(session, actor.id, "costing_settings.edited", row, table_id=table_id, detail=changes)
    session.flush()
    return row, False


def check_settings(data: dict[str, Any]) -> None:
    """Contract years ascending, the term ending after the last one starts, tiers named once."""
    starts: list[date] = data["year_starts"]
    if any(b <= a for a, b in pairwise(starts)):
        raise Invalid("Contract years start in order, each after the last.", field="year_starts")
    if data["term_end"] <= starts[-1]:
        raise Invalid("The term ends after the last contract year starts.", field="term_end")
    tiers = [h["tier"] for h in data.get("health_premiums", [])]
    if len(set(tiers)) != len(tiers):
        raise Invalid("Name each health tier once.", field="health_premiums")
    tier = data.get("new_hire_health_tier")
    if tier is not None and tier not in tiers:
        raise Invalid("The new-hire tier must be one of the health tiers.", field="new_hire_health_tier")
    last_year_end = starts[-1] + timedelta(days=366)
    if data["term_end"] >= last_year_end:
        raise Invalid("A contract year lasts at most a year: add the missing year starts.", field="term_end")
    if any(b - a > timedelta(days=366) for a, b in pairwise(starts)):
        raise Invalid(
            "A contract year lasts at most a year: add the missing year starts.", field="year_starts"
        )


def _stored(data: dict[str, Any]) -> dict[str, Any]:
    """Settings as stored: dates as ISO text and amounts as decimal text inside the JSON columns."""
    return {
        "year_starts": [d.isoformat() for d in data["year_starts"]],
        "term_end": data["term_end"],
        "components": _json(data.get("components", [])),
        "health_premiums": _json(data.get("health_premiums", [])),
        "current_differentials": _json(data.get("current_differentials", [])),
        "current_funds": _json(data.get("current_funds", [])),
        "include_step_advancement": data.get("include_step_advancement", True),
        "hours_per_fte": data.get("hours_per_fte") or Decimal(2080),
        "health_trend": data.get("health_trend") or Decimal(0),
        "new_hire_health_tier": data.get("new_hire_health_tier"),
        "rate_rounding": data.get("rate_rounding"),
    }


def _json_value(value: Any) -> Any:
    """A value as JSON can hold it (Decimal and dates as text)."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _json(value: Any) -> Any:
    """JSON-safe copy."""
    return _json_value(value)
