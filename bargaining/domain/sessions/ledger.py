"""A session's ledger: which passes, withdrawals and signatures happened there.

An action belongs to the session it was explicitly tied to (a recorder entering paper names the
session), else to the (not cancelled) session whose time window holds its time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class LedgerKind(StrEnum):
    """What happened at the table."""

    PASSED = "passed"
    WITHDRAWN = "withdrawn"
    TA_OFFERED = "ta_offered"
    TA_SIGNED = "ta_signed"
    TA_REOPENED = "ta_reopened"


PROPOSAL_KINDS = frozenset({LedgerKind.PASSED, LedgerKind.WITHDRAWN})
TA_KINDS = frozenset({LedgerKind.TA_OFFERED, LedgerKind.TA_SIGNED, LedgerKind.TA_REOPENED})


@dataclass(frozen=True, slots=True)
class Window:
    """A session's time window."""

    session_id: int
    starts_at: datetime
    ends_at: datetime

    def holds(self, at: datetime) -> bool:
        """Whether a moment falls inside the window (both ends included)."""
        return self.starts_at <= at <= self.ends_at


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    """One action: its kind, the object (proposal or TA id), who (side) and when."""

    kind: LedgerKind
    object_id: int
    side: str
    at: datetime
    label: str


def belongs(event: LedgerEvent, window: Window, ties: Mapping[tuple[LedgerKind, int], int]) -> bool:
    """Whether the event is on this session's ledger: tied to it, or untied and inside its window."""
    tied = ties.get((event.kind, event.object_id))
    if tied is not None:
        return tied == window.session_id
    return window.holds(event.at)


def ledger(
    events: Iterable[LedgerEvent], window: Window, ties: Mapping[tuple[LedgerKind, int], int]
) -> list[LedgerEvent]:
    """The session's ledger in time order."""
    chosen = [e for e in events if belongs(e, window, ties)]
    return sorted(chosen, key=lambda e: (e.at, e.kind.value, e.object_id))
