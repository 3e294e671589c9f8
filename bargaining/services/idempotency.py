"""Stored answers for Idempotency-Key: find a caller's live key, keep a new answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from bargaining.models import IdempotentAnswer, utcnow

KEEP_FOR = timedelta(hours=24)  # how long a key's answer is kept (and a retry answered from it)


def take_turn(session: Session, user_id: int, key: str) -> None:
    """Make requests with the same caller and key take turns until this transaction ends (PostgreSQL).

    SQLite needs nothing: a write request holds the database's write lock from its first statement.
    """
    if session.get_bind().dialect.name == "postgresql":
        lock = text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))")
        session.execute(lock, {"name": f"{user_id}:{key}"})


def find(session: Session, user_id: int, key: str, now: datetime | None = None) -> IdempotentAnswer | None:
    """The caller's live answer under this key; an expired one is forgotten here."""
    found = session.scalar(
        select(IdempotentAnswer).where(IdempotentAnswer.user_id == user_id, IdempotentAnswer.key == key)
    )
    if found is not None and found.created_at <= (now or utcnow()) - KEEP_FOR:
        session.delete(found)
        session.flush()
        return None
    return found


def keep(
    session: Session, user_id: int, key: str, fingerprint: str, answer: tuple[int, dict[str, Any], bytes]
) -> IdempotentAnswer:
    """Store an answer beside the write it answers (same transaction); drop the caller's expired ones."""
    now = utcnow()
    session.execute(
        delete(IdempotentAnswer).where(
            IdempotentAnswer.user_id == user_id, IdempotentAnswer.created_at <= now - KEEP_FOR
        )
    )
    status, headers, body = answer
    row = IdempotentAnswer(user_id=user_id, key=key, fingerprint=fingerprint, status=status)
    row.headers, row.body, row.created_at = headers, body, now
    session.add(row)
    session.flush()
    return row
