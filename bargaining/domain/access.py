"""Who may do what at a table: pure rules over a caller's standing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bargaining.domain.records import Side


class Role(StrEnum):
    """A membership's role at a table."""

    NEGOTIATOR = "negotiator"
    RECORDER = "recorder"
    OBSERVER = "observer"
    MEMBER = "member"


class TableState(StrEnum):
    """Where a negotiation stands."""

    SETUP = "setup"
    BARGAINING = "bargaining"
    RATIFICATION = "ratification"
    RATIFIED = "ratified"


class Actor(Protocol):
    """Who acts: all the rules need of a user (the request's caller, or a User row)."""

    @property
    def id(self) -> int:
        """The user's id."""

    @property
    def is_admin(self) -> bool:
        """The user administers the system."""


@dataclass(frozen=True, slots=True)
class Standing:
    """A caller's standing at one table: admin flag, side and role (if a member of it)."""

    user_id: int
    is_admin: bool
    side: Side | None
    role: Role | None

    @property
    def at_table(self) -> bool:
        """The caller belongs to the table or administers the system."""
        return self.is_admin or self.role is not None

    @property
    def is_party(self) -> bool:
        """The caller sits with one side (negotiator, recorder or observer)."""
        return self.side is not None and self.role in {Role.NEGOTIATOR, Role.RECORDER, Role.OBSERVER}

    def writes_for(self, side: Side) -> bool:
        """The caller may write on behalf of that side (negotiator or recorder)."""
        return self.side is side and self.role in {Role.NEGOTIATOR, Role.RECORDER}

    @property
    def writer_side(self) -> Side | None:
        """The side the caller writes for, if any."""
        if self.side is not None and self.role in {Role.NEGOTIATOR, Role.RECORDER}:
            return self.side
        return None

    @property
    def signs(self) -> bool:
        """Only negotiators sign in person; recorders record paper signatures."""
        return self.role is Role.NEGOTIATOR

    def reads_side(self, side: Side) -> bool:
        """The caller may read that side's private drafts."""
        return self.is_party and self.side is side

    @property
    def edits_base(self) -> bool:
        """The caller may enter the current contract (admin, or any side's writer)."""
        return self.is_admin or self.writer_side is not None
