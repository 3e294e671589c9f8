"""Resolving redline refs: who sees which language, what a ref picks for a clause, version texts."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Standing
from bargaining.domain.errors import Forbidden, Invalid, NotFound
from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.status import ClauseStatus, Position
from bargaining.models import ClauseVersion, Proposal, ProposalItem
from bargaining.services.access import TableFacts
from bargaining.services.articles import visible_added
from bargaining.services.records_loader import ClauseRow, TableLayout
from bargaining.services.redlines.views import (
    CLAUSE_REFS,
    MAX_ID,
)


@dataclass(frozen=True, slots=True)
class Viewer:
    """What the caller may see at the table."""

    table: TableFacts
    standing: Standing

    @property
    def reads_all(self) -> bool:
        """The sides' people and administrators read every passed version."""
        return self.standing.is_party or self.standing.is_admin

    @property
    def positions(self) -> bool:
        """Positions are shown to the sides, admins, and members if the table shares them."""
        return self.reads_all or self.table.members_see_passed

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the caller or already tentatively agreed (as the board)."""
        return (
            clause.in_base
            or visible_added(self.standing, self.table)
            or status.status is ClauseStatusKind.TENTATIVELY_AGREED
        )

    def check_ref(self, ref: str, field: str) -> None:
        """Refuse a side's position to a member of a table that does not share them."""
        if ref in ("union", "employer") and not self.positions:
            raise Forbidden(
                "This table does not share passed proposals with members: compare base, ta or tentative.",
                field=field,
                code="positions_hidden",
            )


@dataclass(frozen=True, slots=True)
class Pick:
    """The language a ref picks for a clause, before its text is read (version None: no text)."""

    version_id: int | None
    label: str
    side: Side | None
    at: datetime | None


@dataclass(frozen=True, slots=True)
class Version:
    """A version's text and where it came from."""

    id: int
    clause_id: int
    text: str
    author_side: str
    proposal_label: str | None
    passed_at: datetime | None
    new_number: str | None
    new_heading: str | None
    new_article_number: str | None
    new_article_title: str | None

    @property
    def side(self) -> Side | None:
        """The side that wrote it (None for the current contract)."""
        return Side(self.author_side) if self.author_side in ("union", "employer") else None


_VERSIONS = (
    select(
        ClauseVersion.id,
        ClauseVersion.clause_id,
        ClauseVersion.text,
        ClauseVersion.author_side,
        Proposal.label,
        Proposal.passed_at,
        ProposalItem.new_number,
        ProposalItem.new_heading,
        ProposalItem.new_article_number,
        ProposalItem.new_article_title,
    )
    .outerjoin(Proposal, Proposal.id == ClauseVersion.proposal_id)
    .outerjoin(ProposalItem, ProposalItem.version_id == ClauseVersion.id)
    .where(ClauseVersion.id.in_(bindparam("ids", expanding=True)))
)


def read_versions(session: Session, ids: Collection[int | None]) -> dict[int, Version]:
    """Read the texts of these versions, with their proposal and item, in one query."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    rows = session.connection().execute(_VERSIONS, {"ids": wanted}).all()
    return {row[0]: Version(*row[:8], new_article_number=row[8], new_article_title=row[9]) for row in rows}


def base_pick(clause: ClauseRow, label: str = "Current contract") -> Pick:
    """The current contract's language (none for a clause not in it)."""
    if clause.in_base and clause.record.base_version_id is not None:
        return Pick(clause.record.base_version_id, label, None, None)
    return Pick(None, f"{label} (no such clause)", None, None)


def _language(clause: ClauseRow, position: Position) -> int | None:
    """The version a position means: None for a deletion, the base for the status quo."""
    if position.kind == "delete":
        return None
    if position.kind == "status_quo":
        return clause.record.base_version_id if clause.in_base else None
    return position.version_id


_SUFFIX = {"version": "", "delete": " — delete", "status_quo": " — status quo"}


def _position_pick(clause: ClauseRow, side: Side, position: Position) -> Pick:
    """A side's current position on the clause."""
    name = side.value.capitalize()
    if position.proposal_label is None:
        label = f"{name} position: current contract (no proposal)"
    else:
        label = f"{name} position {position.proposal_label}{_SUFFIX[position.kind]}"
    return Pick(_language(clause, position), label, side, position.at)


def ta_pick(
    clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side], prefix: str = ""
) -> Pick | None:
    """The signed TA's language, or None when no signed TA covers the clause."""
    agreed = status.agreed
    if agreed is None or status.status is not ClauseStatusKind.TENTATIVELY_AGREED:
        return None
    offered_by = offered.get(status.ta_id) if status.ta_id is not None else None
    label = f"{prefix}{status.ta_label or 'TA'}{_SUFFIX[agreed.kind]}"
    # An agreed version is credited to the side that wrote it (filled in once it is read).
    side = None if agreed.kind == "version" else offered_by
    return Pick(_language(clause, agreed), label, side, agreed.at)


def pick_language(
    ref: str, clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side], field: str
) -> Pick:
    """Resolve a keyword ref for one clause."""
    if ref == "base":
        return base_pick(clause)
    if ref in ("union", "employer"):
        side = Side(ref)
        return _position_pick(clause, side, status.union if side is Side.UNION else status.employer)
    found = ta_pick(clause, status, offered, "Tentative contract: " if ref == "tentative" else "")
    if found is not None:
        return found
    if ref == "tentative":
        return base_pick(clause, "Tentative contract: current contract")
    raise NotFound("No signed tentative agreement covers this clause.", field=field, code="no_signed_ta")


def offered_by_ta(records: TableLayout) -> dict[int, Side]:
    """TA id -> the side that offered it."""
    return {ta.id: ta.offered_by for ta in records.tas}


def parse_ref(value: str, field: str) -> str | int:
    """A clause ref: a keyword, or a version id."""
    if value in CLAUSE_REFS:
        return value
    if value.isdecimal() and value.isascii():
        if 0 < int(value) <= MAX_ID:
            return int(value)
        raise NotFound("No such version of this clause.", field=field, code="version_not_found")
    raise Invalid(f"Give a version id or one of {', '.join(CLAUSE_REFS)}.", field=field)
