"""Plain record types the domain core derives status from (built from DB rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Side(StrEnum):
    """A side of the bargaining table."""

    UNION = "union"
    EMPLOYER = "employer"

    @property
    def other(self) -> Side:
        """Return the side across the table."""
        return Side.EMPLOYER if self is Side.UNION else Side.UNION


class Action(StrEnum):
    """What a proposal (or TA) item does to a clause."""

    AMEND = "amend"
    ADD = "add"
    DELETE = "delete"
    STATUS_QUO = "status_quo"


class ProposalState(StrEnum):
    """Lifecycle state of a proposal."""

    DRAFT = "draft"
    PASSED = "passed"
    WITHDRAWN = "withdrawn"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


class TAState(StrEnum):
    """Lifecycle state of a tentative agreement."""

    PENDING = "pending"
    SIGNED = "signed"
    REJECTED = "rejected"
    REOPENED = "reopened"


class ClauseStatusKind(StrEnum):
    """Derived status of a clause."""

    STATUS_QUO = "status_quo"
    OPEN = "open"
    TA_PENDING = "ta_pending"
    TENTATIVELY_AGREED = "tentatively_agreed"


@dataclass(frozen=True, slots=True)
class ClauseRecord:
    """A clause and its base (current contract) language, if any."""

    id: int
    article_id: int
    number: str
    in_base: bool
    base_version_id: int | None
    base_hash: str | None


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    """A proposal's identity, side and lifecycle facts."""

    id: int
    side: Side
    label: str | None
    state: ProposalState
    is_package: bool
    passed_at: datetime | None
    withdrawn_at: datetime | None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One clause change inside a proposal (hash is None for delete/status_quo)."""

    proposal_id: int
    clause_id: int
    action: Action
    version_id: int | None
    content_hash: str | None
    # An amend's renumbering or retitling of the clause's article (agreed with the language).
    article_number: str | None = None
    article_title: str | None = None


@dataclass(frozen=True, slots=True)
class TAItemRecord:
    """One clause in a TA: DELETED_HASH for delete, the base hash for status_quo."""

    clause_id: int
    action: Action
    version_id: int | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class TARecord:
    """A tentative agreement over one or more clauses."""

    id: int
    label: str | None
    state: TAState
    offered_by: Side
    offered_at: datetime
    signed_at: datetime | None
    package_proposal_id: int | None
    items: tuple[TAItemRecord, ...]
