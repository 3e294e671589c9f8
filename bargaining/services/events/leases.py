"""Claiming outbox rows: a lease per row, taken with SKIP LOCKED on PostgreSQL.

A worker claims due rows by setting their ``lease_until`` in a short transaction, then works
outside any transaction, then records the outcome only if the lease is still the one it took. On
PostgreSQL the claiming SELECT takes ``FOR UPDATE SKIP LOCKED``, so two workers claiming at the same
moment take different rows without waiting; on SQLite every write transaction begins IMMEDIATE, so
claims are serialized by the database's one writer and the lease alone keeps workers apart. A worker
killed mid-delivery leaves its lease to expire; the row is then claimed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session


def claim(
    session: Session,
    model: Any,
    due: Sequence[ColumnElement[bool]],
    now: datetime,
    lease_seconds: float,
    limit: int,
) -> tuple[list[int], datetime]:
    """Lease up to limit due rows of model; return their ids and the lease (commits)."""
    lease = now + timedelta(seconds=lease_seconds)
    free = or_(model.lease_until.is_(None), model.lease_until < now)
    stmt = select(model.id).where(*due, free).order_by(model.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    ids = list(session.scalars(stmt))
    if ids:
        session.execute(update(model).where(model.id.in_(ids)).values(lease_until=lease))
    session.commit()
    return ids, lease


def still_mine(session: Session, model: Any, row_id: int, lease: datetime) -> Any | None:
    """The row, locked, if this worker's lease on it still holds (else another worker took it)."""
    stmt = select(model).where(model.id == row_id, model.lease_until == lease)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.scalar(stmt)
