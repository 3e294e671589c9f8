"""Session states and the moves between them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bargaining.domain.errors import Conflict, Invalid


class SessionState(StrEnum):
    """Where a bargaining session stands."""

    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


MOVES: dict[SessionState, frozenset[SessionState]] = {
    SessionState.SCHEDULED: frozenset({SessionState.HELD, SessionState.CANCELLED}),
    SessionState.CANCELLED: frozenset({SessionState.SCHEDULED}),
    SessionState.HELD: frozenset(),
}


def check_move(current: SessionState, wanted: SessionState) -> None:
    """Refuse a move the lifecycle does not allow (staying put is always allowed)."""
    if wanted is not current and wanted not in MOVES[current]:
        raise Conflict(
            f"A {current.value} session cannot become {wanted.value}.", field="state", code="session_state"
        )


def check_window(starts_at: datetime, ends_at: datetime) -> None:
    """A session ends after it starts, and lasts less than a week."""
    if ends_at <= starts_at:
        raise Invalid("A session ends after it starts.", field="ends_at")
    if (ends_at - starts_at).days >= 7:
        raise Invalid("A session lasts less than a week.", field="ends_at")


def check_taking_actions(state: SessionState) -> None:
    """Nothing is tied to a cancelled session."""
    if state is SessionState.CANCELLED:
        raise Conflict("That session was cancelled.", field="session_id", code="session_cancelled")
