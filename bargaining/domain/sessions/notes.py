"""Notes: who reads them, and which kinds may be shared how widely."""

from __future__ import annotations

from enum import StrEnum

from bargaining.domain.errors import Conflict, Invalid


class NoteKind(StrEnum):
    """Caucus notes stay with a side; minutes and bargaining history may be shared."""

    CAUCUS = "caucus"
    MINUTES = "minutes"
    HISTORY = "history"


class Audience(StrEnum):
    """Who reads a note: the writing side only, both sides, or both sides and members."""

    SIDE = "side"
    TABLE = "table"
    MEMBERS = "members"


WIDTH = {Audience.SIDE: 0, Audience.TABLE: 1, Audience.MEMBERS: 2}


def check_audience(kind: NoteKind, audience: Audience) -> None:
    """Caucus notes never leave their side."""
    if kind is NoteKind.CAUCUS and audience is not Audience.SIDE:
        raise Invalid("Caucus notes stay with your side.", field="audience", code="caucus_private")


def check_widening(kind: NoteKind, current: Audience, wanted: Audience) -> None:
    """Sharing only widens: what the other side has read cannot be taken back."""
    check_audience(kind, wanted)
    if WIDTH[wanted] <= WIDTH[current]:
        raise Conflict(
            f"This note is already shared with {current.value}; sharing only widens.",
            field="audience",
            code="note_shared",
        )


def check_targets(kind: NoteKind, targets: dict[str, int | None]) -> None:
    """A note is on something; bargaining history is on a clause, said at a session."""
    if not any(targets.values()):
        raise Invalid("Attach the note to a session, article, clause, proposal or TA.", field="clause_id")
    if kind is NoteKind.HISTORY:
        for name in ("clause_id", "session_id"):
            if not targets.get(name):
                raise Invalid("A bargaining-history note names its clause and session.", field=name)
