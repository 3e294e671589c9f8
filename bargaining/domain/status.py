"""Clause status derived from the record: proposals, withdrawals, packages and TAs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from bargaining.domain.hashing import DELETED_HASH
from bargaining.domain.records import (
    Action,
    ClauseRecord,
    ClauseStatusKind,
    ItemRecord,
    ProposalRecord,
    ProposalState,
    Side,
    TAItemRecord,
    TARecord,
    TAState,
)

PositionKind = Literal["version", "delete", "status_quo"]
_Key = tuple[datetime, int]
_Order = tuple[int, datetime, int]
_LIVE_STATES = frozenset({ProposalState.PASSED, ProposalState.AGREED, ProposalState.SUPERSEDED})


@dataclass(frozen=True, slots=True)
class Position:
    """A side's (or the TA's) language for a clause: a version, a deletion or status quo."""

    kind: PositionKind
    version_id: int | None
    content_hash: str | None
    proposal_id: int | None
    proposal_label: str | None
    at: datetime | None
    is_package: bool
    # The article number and title the language comes with (an amend may rename its article).
    article: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True, slots=True)
class ClauseStatus:
    """The derived status of one clause."""

    clause_id: int
    status: ClauseStatusKind
    union: Position
    employer: Position
    last_mover: Side | None
    last_moved_at: datetime | None
    ready_to_ta: bool
    ta_id: int | None
    ta_label: str | None
    agreed: Position | None
    pending_signature_from: Side | None
    live_proposal_ids: tuple[int, ...]


@dataclass(slots=True)
class Counts:
    """Clause counts by status (ready_to_ta counts open clauses already in agreement)."""

    status_quo: int = 0
    open: int = 0
    ta_pending: int = 0
    tentatively_agreed: int = 0
    ready_to_ta: int = 0
    total: int = 0

    def add(self, status: ClauseStatus) -> None:
        """Count one clause status."""
        name = str(status.status)
        setattr(self, name, getattr(self, name) + 1)
        self.ready_to_ta += int(status.ready_to_ta)
        self.total += 1


@dataclass(frozen=True, slots=True)
class _Move:
    """A live proposal item with its time key (across sides) and its pass order (within its side)."""

    key: _Key
    order: _Order
    item: ItemRecord
    proposal: ProposalRecord


@dataclass(frozen=True, slots=True)
class _Covered:
    """A TA item with its TA and ordering key."""

    key: _Key
    ta: TARecord
    item: TAItemRecord


@dataclass(slots=True)
class _Index:
    """Everything derive_status needs, indexed by clause in one pass."""

    latest: dict[tuple[int, Side], _Move] = field(default_factory=dict)
    touching: dict[int, dict[int, _Key]] = field(default_factory=dict)
    signed: dict[int, _Covered] = field(default_factory=dict)
    pending: dict[int, _Covered] = field(default_factory=dict)
    labels: dict[int, str | None] = field(default_factory=dict)


def _live_keys(proposals: Iterable[ProposalRecord]) -> dict[int, tuple[ProposalRecord, _Key]]:
    """Map each live (passed, not withdrawn) proposal id to itself and its time key."""
    live: dict[int, tuple[ProposalRecord, _Key]] = {}
    for p in proposals:
        if p.state in _LIVE_STATES and p.passed_at is not None and p.withdrawn_at is None:
            live[p.id] = (p, (p.passed_at, p.id))
    return live


def pass_order(proposal: ProposalRecord, key: _Key) -> _Order:
    """A side's pass order: its number (U-1 before U-2), whatever dates were typed for the passes."""
    return (proposal.number or 0, *key)


def _index_items(index: _Index, proposals: Sequence[ProposalRecord], items: Iterable[ItemRecord]) -> None:
    """Index each side's latest live item per clause and the live proposals touching it."""
    live = _live_keys(proposals)
    index.labels.update((p.id, p.label) for p in proposals)
    for item in items:
        found = live.get(item.proposal_id)
        if found is None:
            continue
        proposal, key = found
        slot = (item.clause_id, proposal.side)
        current = index.latest.get(slot)
        order = pass_order(proposal, key)
        if current is None or order > current.order:
            index.latest[slot] = _Move(key, order, item, proposal)
        index.touching.setdefault(item.clause_id, {})[proposal.id] = key


def _index_tas(index: _Index, tas: Iterable[TARecord]) -> None:
    """Index the latest signed and latest pending TA covering each clause."""
    for ta in tas:
        if ta.state is TAState.SIGNED:
            target = index.signed
        elif ta.state is TAState.PENDING:
            target = index.pending
        else:
            continue
        key = (ta.offered_at, ta.id)
        for item in ta.items:
            current = target.get(item.clause_id)
            if current is None or key > current.key:
                target[item.clause_id] = _Covered(key, ta, item)


def _base_version(clause: ClauseRecord) -> int | None:
    """Return the clause's base version id, None if it is not in the base contract."""
    return clause.base_version_id if clause.in_base else None


def _base_hash(clause: ClauseRecord) -> str:
    """Return the hash of the clause's base language, DELETED_HASH if it has none."""
    if clause.in_base and clause.base_hash is not None:
        return clause.base_hash
    return DELETED_HASH


def status_quo_position(clause: ClauseRecord) -> Position:
    """Return the position of a side that has not moved on the clause."""
    return Position("status_quo", _base_version(clause), _base_hash(clause), None, None, None, False)


def _language(
    clause: ClauseRecord, action: Action, version_id: int | None, content_hash: str | None
) -> tuple[PositionKind, int | None, str | None]:
    """Return (kind, version id, hash) for an action on a clause."""
    if action is Action.DELETE:
        return "delete", None, DELETED_HASH
    if action is Action.STATUS_QUO:
        base = version_id if version_id is not None else _base_version(clause)
        return "status_quo", base, _base_hash(clause)
    return "version", version_id, content_hash


def _move_position(clause: ClauseRecord, move: _Move | None) -> Position:
    """Return the position a side's latest live item stands for."""
    if move is None:
        return status_quo_position(clause)
    item, proposal = move.item, move.proposal
    kind, version_id, digest = _language(clause, item.action, item.version_id, item.content_hash)
    article = (item.article_number, item.article_title) if item.action is Action.AMEND else (None, None)
    return Position(
        kind, version_id, digest, proposal.id, proposal.label, move.key[0], proposal.is_package, article
    )


def _agreed_position(clause: ClauseRecord, covered: _Covered, index: _Index) -> Position:
    """Return the language a signed TA agreed for the clause."""
    ta, item = covered.ta, covered.item
    kind, version_id, _ = _language(clause, item.action, item.version_id, item.content_hash)
    package = ta.package_proposal_id
    label = index.labels.get(package) if package is not None else None
    at = ta.signed_at or ta.offered_at
    return Position(kind, version_id, item.content_hash, package, label, at, package is not None)


def _last_move(union: _Move | None, employer: _Move | None) -> _Move | None:
    """Return the more recent of the two sides' latest moves."""
    if union is None or employer is None:
        return union or employer
    return union if union.key > employer.key else employer


def _kind(clause_id: int, index: _Index) -> ClauseStatusKind:
    """Apply the precedence: signed TA, pending TA, live proposals, status quo."""
    if clause_id in index.signed:
        return ClauseStatusKind.TENTATIVELY_AGREED
    if clause_id in index.pending:
        return ClauseStatusKind.TA_PENDING
    if clause_id in index.touching:
        return ClauseStatusKind.OPEN
    return ClauseStatusKind.STATUS_QUO


def _same_language(union: Position, employer: Position) -> bool:
    """Tell whether two positions mean the same language (and the same article number and title)."""
    return (
        union.content_hash is not None
        and union.content_hash == employer.content_hash
        and union.article == employer.article
    )


def _live_ids(clause_id: int, index: _Index) -> tuple[int, ...]:
    """Return the live proposals touching the clause in pass order."""
    touching = index.touching.get(clause_id, {})
    return tuple(pid for pid, _ in sorted(touching.items(), key=lambda kv: kv[1]))


def _settled(agreed: Position, ta: TARecord) -> Position:
    """Both sides' position on a clause a signed TA covers: the agreed language, named by the TA."""
    return replace(agreed, proposal_label=agreed.proposal_label or ta.label)


def _clause_status(clause: ClauseRecord, index: _Index) -> ClauseStatus:
    """Derive one clause's status from the index (a signed TA ends the difference between sides)."""
    kind = _kind(clause.id, index)
    u_move = index.latest.get((clause.id, Side.UNION))
    e_move = index.latest.get((clause.id, Side.EMPLOYER))
    union, employer = _move_position(clause, u_move), _move_position(clause, e_move)
    last = _last_move(u_move, e_move)
    signed, pending = index.signed.get(clause.id), index.pending.get(clause.id)
    in_force = signed or pending
    agreed = _agreed_position(clause, signed, index) if signed else None
    if signed and agreed is not None:
        union = employer = _settled(agreed, signed.ta)
    return ClauseStatus(
        clause_id=clause.id,
        status=kind,
        union=union,
        employer=employer,
        last_mover=last.proposal.side if last else None,
        last_moved_at=last.key[0] if last else None,
        ready_to_ta=kind is ClauseStatusKind.OPEN and _same_language(union, employer),
        ta_id=in_force.ta.id if in_force else None,
        ta_label=in_force.ta.label if in_force else None,
        agreed=agreed,
        pending_signature_from=(
            pending.ta.offered_by.other if pending and kind is ClauseStatusKind.TA_PENDING else None
        ),
        live_proposal_ids=_live_ids(clause.id, index),
    )


def derive_status(
    clauses: Sequence[ClauseRecord],
    proposals: Sequence[ProposalRecord],
    items: Sequence[ItemRecord],
    tas: Sequence[TARecord],
) -> dict[int, ClauseStatus]:
    """Derive every clause's status, keyed by clause id in the order clauses are given."""
    index = _Index()
    _index_items(index, proposals, items)
    _index_tas(index, tas)
    return {clause.id: _clause_status(clause, index) for clause in clauses}


def superseded_items(
    proposals: Sequence[ProposalRecord], items: Sequence[ItemRecord]
) -> set[tuple[int, int]]:
    """Return (proposal_id, clause_id) of live items a later live same-side item replaced."""
    index = _Index()
    _index_items(index, proposals, items)
    current = {(m.proposal.id, clause_id) for (clause_id, _), m in index.latest.items()}
    return {
        (pid, clause_id)
        for clause_id, touching in index.touching.items()
        for pid in touching
        if (pid, clause_id) not in current
    }


def summarize(
    statuses: Iterable[ClauseStatus], article_of: Mapping[int, int]
) -> tuple[dict[int, Counts], Counts]:
    """Count statuses per article (clauses missing from article_of count in the total only)."""
    per_article: dict[int, Counts] = {}
    total = Counts()
    for status in statuses:
        total.add(status)
        article_id = article_of.get(status.clause_id)
        if article_id is not None:
            per_article.setdefault(article_id, Counts()).add(status)
    return per_article, total


def waiting_on(status: ClauseStatus, side: Side) -> bool:
    """Tell whether the clause is open and the other side moved last (it is side's move)."""
    return status.status is ClauseStatusKind.OPEN and status.last_mover is side.other
