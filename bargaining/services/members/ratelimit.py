"""A small rate limiter kept in the database: every web worker and process counts the same attempts.

flask-limiter would fit a single process; with several gunicorn workers (and hosts) it needs a shared
store such as Redis, which this deployment does not otherwise have. Sign-in requests are rare, so a
row per attempt in the database the app already uses is enough, and it is counted and written in
the request's own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bargaining.models import SignInAttempt


def allow(session: Session, limits: Sequence[tuple[str, int]], window: timedelta, now: datetime) -> bool:
    """Record an attempt under each key; False if any key already had its limit within the window."""
    since = now - window
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < since))
    keys = [key for key, _ in limits]
    counts = dict(
        session.execute(
            select(SignInAttempt.key, func.count())
            .where(SignInAttempt.key.in_(keys), SignInAttempt.at >= since)
            .group_by(SignInAttempt.key)
        ).all()
    )
    refused = any(counts.get(key, 0) >= limit for key, limit in limits)
    if not refused:
        session.add_all(SignInAttempt(key=key, at=now) for key, _ in limits)
    session.flush()
    return not refused
