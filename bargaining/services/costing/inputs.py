"""Assembling the engine's CostingBase from the database in a constant number of statements.

Four SELECTs whatever the size of the table: the settings; the classifications with every base
schedule version; those versions' steps; the roster rows of one import (columns only, no ORM
objects, so a 5,000-row roster loads in milliseconds).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.costing import model as m
from bargaining.domain.errors import Conflict
from bargaining.models import Classification, CostingSettings, RosterRow, SalarySchedule, SalaryStep

_SCHEDULES = (
    select(Classification.code, Classification.name, SalarySchedule)
    .join(SalarySchedule, SalarySchedule.classification_id == Classification.id)
    .where(Classification.table_id == bindparam("table_id"), SalarySchedule.side.is_(None))
    .order_by(Classification.position, Classification.id, SalarySchedule.id)
)
_STEPS = (
    select(SalaryStep.schedule_id, SalaryStep.step, SalaryStep.rate)
    .where(SalaryStep.schedule_id.in_(bindparam("schedule_ids", expanding=True)))
    .order_by(SalaryStep.schedule_id, SalaryStep.step)
)
_ROSTER = (
    select(
        RosterRow.id,
        Classification.code,
        RosterRow.step,
        RosterRow.fte,
        RosterRow.hours_paid,
        RosterRow.step_anniversary,
        RosterRow.program,
        RosterRow.caseload,
        RosterRow.health_tier,
        RosterRow.licence,
    )
    .join(Classification, Classification.id == RosterRow.classification_id)
    .where(RosterRow.batch_id == bindparam("batch_id"))
    .order_by(RosterRow.id)
)


def load_settings(session: Session, table_id: int) -> m.CostingSettings | None:
    """The table's settings as the engine reads them (None before they are entered)."""
    row = session.scalar(select(CostingSettings).where(CostingSettings.table_id == table_id))
    return None if row is None else settings_of(row)


def settings_of(row: CostingSettings) -> m.CostingSettings:
    """Engine settings from the stored row."""
    return m.CostingSettings(
        year_starts=tuple(date.fromisoformat(d) for d in row.year_starts),
        term_end=row.term_end,
        rollup=tuple(
            m.RollupComponent(c["name"], Decimal(c["rate"]), m.RollupBase(c.get("applies_to", "all_pay")))
            for c in row.components
        ),
        health=tuple(
            m.HealthPremium(h["tier"], Decimal(h["annual_premium"]), Decimal(h["employer_share"]))
            for h in row.health_premiums
        ),
        standard_hours_per_fte=Decimal(row.hours_per_fte),
        include_step_advancement=row.include_step_advancement,
        health_trend=Decimal(row.health_trend),
        new_hire_health_tier=row.new_hire_health_tier,
        current_differentials=tuple(_differential(d) for d in row.current_differentials),
        **_optional(row),
    )


def _optional(row: CostingSettings) -> dict[str, Any]:
    """Settings the engine may or may not know yet (rate rounding, current funds)."""
    fields = getattr(m.CostingSettings, "__dataclass_fields__", {})
    out: dict[str, Any] = {}
    if "rate_rounding" in fields:
        out["rate_rounding"] = None if row.rate_rounding is None else Decimal(row.rate_rounding)
    fund = getattr(m, "CurrentFund", None)
    if "current_funds" in fields and fund is not None:
        out["current_funds"] = tuple(
            fund(
                f["name"],
                Decimal(f["per_fte"]),
                tuple(f.get("classifications", ())),
                bool(f.get("licensed_only", False)),
            )
            for f in row.current_funds
        )
    return out


def _differential(data: dict[str, Any]) -> m.CurrentDifferential:
    """A current differential from its stored JSON."""

    def dec(key: str) -> Decimal | None:
        return None if data.get(key) is None else Decimal(data[key])

    return m.CurrentDifferential(
        name=data["name"],
        percent=dec("percent"),
        per_hour=dec("per_hour"),
        classifications=tuple(data.get("classifications", ())),
        programs=tuple(data.get("programs", ())),
        licensed_only=bool(data.get("licensed_only", False)),
        licence_types=tuple(data.get("licence_types", ())),
        hours_per_fte=dec("hours_per_fte"),
    )


def load_classifications(session: Session, table_id: int) -> tuple[m.Classification, ...]:
    """Each classification with its current base schedule (its newest base version); two statements."""
    latest: dict[str, tuple[str, SalarySchedule]] = {}
    for code, name, schedule in session.execute(_SCHEDULES, {"table_id": table_id}):
        latest[code] = (name, schedule)
    ids = [s.id for _, s in latest.values()]
    steps: dict[int, list[m.Step]] = {}
    if ids:
        for schedule_id, number, rate in session.execute(_STEPS, {"schedule_ids": ids}):
            steps.setdefault(schedule_id, []).append(m.Step(number, Decimal(rate)))
    return tuple(
        m.Classification(code, name, _schedule(schedule, steps.get(schedule.id, [])))
        for code, (name, schedule) in latest.items()
    )


def _schedule(row: SalarySchedule, steps: list[m.Step]) -> m.SalarySchedule:
    """An engine schedule from a stored version and its steps."""
    return m.SalarySchedule(
        basis=m.RateBasis(row.rate_basis),
        steps=tuple(steps),
        advancement=m.AdvancementRule(row.advancement),
        advancement_date=row.advancement_date,
        effective=row.effective_date,
    )


def load_roster(session: Session, batch_id: int | None) -> tuple[m.RosterRow, ...]:
    """One import's rows as the engine reads them (empty when there is none)."""
    if batch_id is None:
        return ()
    return tuple(
        m.RosterRow(
            key=str(rid),
            classification=code,
            step=step,
            fte=Decimal(fte),
            annual_hours=None if hours is None else Decimal(hours),
            step_anniversary=anniversary,
            program=program,
            caseload=caseload,
            health_tier=tier or None,
            licensed=bool(licence),
            licence_type=licence or None,
        )
        for rid, code, step, fte, hours, anniversary, program, caseload, tier, licence in session.execute(
            _ROSTER, {"batch_id": batch_id}
        )
    )


def load_base(session: Session, table_id: int, batch_id: int | None) -> m.CostingBase:
    """The whole base: classifications, the roster of one import, the settings; 409 without settings."""
    settings = load_settings(session, table_id)
    if settings is None:
        raise Conflict(
            "Enter the table's costing settings (contract years) first.", code="costing_not_set_up"
        )
    return m.CostingBase(load_classifications(session, table_id), load_roster(session, batch_id), settings)
