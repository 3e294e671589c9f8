"""Costing: classifications, salary schedules, the roster, settings and side-private scenarios."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.records import Side
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column

MONEY = Numeric(14, 4)
AMOUNT = Numeric(12, 4)


class Classification(Base):
    """A job classification of the bargaining unit (e.g. Licensed Clinician)."""

    __tablename__ = "costing_classifications"
    __table_args__ = (UniqueConstraint("table_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class SalarySchedule(Base):
    """One immutable version of a classification's schedule: the base, or a side's proposal.

    Versioned like clause language: a change is a new row pointing at the one it was edited from
    (parent_id); rows are never updated. side is None for the base (current) schedule, which either
    side's writers may enter; a side's proposed schedules are private to that side.
    """

    __tablename__ = "salary_schedules"
    __table_args__ = (Index("ix_salary_schedules_table_class", "table_id", "classification_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    classification_id: Mapped[int] = mapped_column(ForeignKey("costing_classifications.id"))
    side: Mapped[Side | None] = mapped_column(enum_column(Side, "side"), default=None)
    label: Mapped[str] = mapped_column(String(200), default="")
    rate_basis: Mapped[str] = mapped_column(String(10))
    advancement: Mapped[str] = mapped_column(String(20))
    advancement_date: Mapped[date | None] = mapped_column(Date, default=None)
    effective_date: Mapped[date] = mapped_column(Date)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("salary_schedules.id"), default=None)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    steps: Mapped[list[SalaryStep]] = relationship(
        back_populates="schedule", lazy="raise", order_by="SalaryStep.step", cascade="all"
    )


class SalaryStep(Base):
    """One step of a schedule version and its rate (hourly or annual, per the schedule)."""

    __tablename__ = "salary_steps"
    __table_args__ = (UniqueConstraint("schedule_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("salary_schedules.id"), index=True)
    step: Mapped[int] = mapped_column()
    rate: Mapped[Decimal] = mapped_column(MONEY)

    schedule: Mapped[SalarySchedule] = relationship(back_populates="steps", lazy="raise")


class RosterBatch(Base):
    """One import of a roster by a side; its rows replace that side's earlier roster."""

    __tablename__ = "roster_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    side: Mapped[Side | None] = mapped_column(enum_column(Side, "side"), default=None)
    filename: Mapped[str] = mapped_column(String(255), default="")
    file_format: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text, default="")
    row_count: Mapped[int] = mapped_column(default=0)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RosterRow(Base):
    """One employee (or anonymous row) of a roster: personal pay data, private to its side."""

    __tablename__ = "roster_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("roster_batches.id"), index=True)
    side: Mapped[Side | None] = mapped_column(enum_column(Side, "side"), default=None)
    line: Mapped[int] = mapped_column()
    employee_ref: Mapped[str] = mapped_column(String(100), default="")
    classification_id: Mapped[int] = mapped_column(ForeignKey("costing_classifications.id"))
    step: Mapped[int] = mapped_column()
    fte: Mapped[Decimal] = mapped_column(AMOUNT)
    hours_paid: Mapped[Decimal | None] = mapped_column(AMOUNT, default=None)
    step_anniversary: Mapped[date | None] = mapped_column(Date, default=None)
    program: Mapped[str] = mapped_column(String(100), default="")
    caseload: Mapped[int] = mapped_column(default=0)
    health_tier: Mapped[str] = mapped_column(String(40), default="")
    licence: Mapped[str] = mapped_column(String(60), default="")


class CostingSettings(Base):
    """A table's costing settings: contract years, roll-up components, health premiums, steps."""

    __tablename__ = "costing_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), unique=True)
    year_starts: Mapped[list[str]] = mapped_column(JSON, default=list)
    term_end: Mapped[date] = mapped_column(Date)
    components: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    health_premiums: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    include_step_advancement: Mapped[bool] = mapped_column(default=True)
    hours_per_fte: Mapped[Decimal] = mapped_column(AMOUNT, default=Decimal("2080"))
    health_trend: Mapped[Decimal] = mapped_column(AMOUNT, default=Decimal(0))
    new_hire_health_tier: Mapped[str | None] = mapped_column(String(40), default=None)
    current_differentials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    current_funds: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    rate_rounding: Mapped[Decimal | None] = mapped_column(AMOUNT, default=None)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Scenario(Base):
    """A side-private what-if: a set of economic terms, built from the side's drafts or by hand."""

    __tablename__ = "costing_scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    source_proposal_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
