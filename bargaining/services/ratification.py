"""Ratification: both sides send the verified tentative contract to members; the vote is recorded.

A negotiator of each side marks the contract sent; the second marking completes it (the table
moves to "ratification") only if the contract is the one the first side sent, else the round
starts over with the caller's marking. The vote needs the contract unchanged since it was sent:
"ratified" makes the table read-only, "rejected" returns it to bargaining. The one ratification
row per table keeps the latest round; a new round after a rejection appends the earlier round
to its note, and the audit trail keeps every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain import contract as domain
from bargaining.domain.access import Actor, Role, Standing, TableState
from bargaining.domain.contract_verify import contract_hash, verify_contract
from bargaining.domain.errors import Conflict, Invalid
from bargaining.domain.records import Side
from bargaining.models import BargainingTable, Ratification, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.contract import compile_table
from bargaining.services.passing import CLOCK_SKEW, lock_table

RATIFIED, REJECTED = "ratified", "rejected"


@dataclass(frozen=True, slots=True)
class RatificationView:
    """Where ratification stands at a table."""

    table_id: int
    table_state: str
    stage: str
    contract_hash: str | None
    current_contract_hash: str
    contract_unchanged: bool | None
    sent_at: datetime | None
    sent_by_union_id: int | None
    sent_by_employer_id: int | None
    vote_date: date | None
    votes_yes: int | None
    votes_no: int | None
    outcome: str | None
    recorded_by_id: int | None
    note: str


def _stage(record: Ratification | None) -> str:
    """not_sent, awaiting_other_side, sent, ratified or rejected."""
    if record is None:
        return "not_sent"
    if record.outcome is not None:
        return record.outcome
    if record.sent_by_union_id is None or record.sent_by_employer_id is None:
        return "awaiting_other_side"
    return "sent"


def _record(session: Session, table_id: int) -> Ratification | None:
    """The table's ratification row, if any."""
    return session.scalar(select(Ratification).where(Ratification.table_id == table_id))


def _view(table: BargainingTable, record: Ratification | None, current: str) -> RatificationView:
    """Present the record."""
    return RatificationView(
        table_id=table.id,
        table_state=table.state.value,
        stage=_stage(record),
        contract_hash=record.contract_hash if record else None,
        current_contract_hash=current,
        contract_unchanged=(record.contract_hash == current) if record else None,
        sent_at=record.sent_at if record else None,
        sent_by_union_id=record.sent_by_union_id if record else None,
        sent_by_employer_id=record.sent_by_employer_id if record else None,
        vote_date=record.vote_date.date() if record and record.vote_date else None,
        votes_yes=record.votes_yes if record else None,
        votes_no=record.votes_no if record else None,
        outcome=record.outcome if record else None,
        recorded_by_id=record.recorded_by_id if record else None,
        note=record.note if record else "",
    )


def ratification_view(session: Session, actor: Actor, table_id: int) -> RatificationView:
    """Where ratification stands (everyone at the table, members included)."""
    table, _standing = load_table(session, actor, table_id)
    current = contract_hash(compile_table(session, table.id))
    return _view(table, _record(session, table.id), current)


def _negotiator(standing: Standing, what: str) -> Side:
    """Only a side's negotiator sends the contract or records the vote."""
    require(standing.role is Role.NEGOTIATOR and standing.side is not None, f"Only negotiators {what}.")
    assert standing.side is not None
    return standing.side


def _verified(contract: domain.Contract) -> None:
    """409 naming the problems unless the contract verifies."""
    result = verify_contract(contract)
    if not result.ok:
        raise Conflict(
            "The tentative contract does not verify: " + " ".join(result.problems()),
            code="contract_not_verified",
        )


def _set_sender(record: Ratification, side: Side, user_id: int | None) -> None:
    """Mark (or clear) one side's sending."""
    if side is Side.UNION:
        record.sent_by_union_id = user_id
    else:
        record.sent_by_employer_id = user_id


def _sender(record: Ratification, side: Side) -> int | None:
    """Who sent for a side."""
    return record.sent_by_union_id if side is Side.UNION else record.sent_by_employer_id


def _archive_round(record: Ratification) -> None:
    """Keep a finished (rejected) round in the note and clear the row for a new round."""
    line = (
        f"Round sent {record.sent_at:%Y-%m-%d} (contract {record.contract_hash[:12]}): "
        f"{record.outcome} on {record.vote_date:%Y-%m-%d}, {record.votes_yes} yes, {record.votes_no} no."
        if record.vote_date
        else f"Round sent {record.sent_at:%Y-%m-%d}: not voted."
    )
    record.note = f"{record.note}\n{line}".strip()
    record.vote_date = record.votes_yes = record.votes_no = None
    record.outcome = None
    record.recorded_by_id = None


def send(session: Session, actor: Actor, table_id: int) -> RatificationView:
    """Mark the verified tentative contract sent to members for the caller's side."""
    _table, standing = load_table(session, actor, table_id)
    side = _negotiator(standing, "send the contract to members")
    table = lock_table(session, table_id)
    require_writable(table)
    if table.state is TableState.SETUP:
        raise Conflict("Bargaining has not started at this table.", code="not_bargaining")
    contract = compile_table(session, table.id)
    _verified(contract)
    digest = contract_hash(contract)
    record = _record(session, table.id)
    if record is None:
        record = Ratification(table_id=table.id, contract_hash=digest, sent_at=utcnow())
        session.add(record)
    elif record.outcome is not None or record.contract_hash != digest:
        _new_round(record, digest)
        table.state = TableState.BARGAINING
    elif _sender(record, side) is not None:
        raise Conflict(f"The {side.value} side has already sent this contract.", code="already_sent")
    _set_sender(record, side, actor.id)
    complete = record.sent_by_union_id is not None and record.sent_by_employer_id is not None
    if complete:
        table.state, record.sent_at = TableState.RATIFICATION, utcnow()
    session.flush()
    audit.record(
        session,
        actor.id,
        "ratification.sent",
        record,
        table_id=table.id,
        detail={"side": side.value, "complete": complete, "contract_hash": digest},
    )
    session.flush()
    return _view(table, record, digest)


def _new_round(record: Ratification, digest: str) -> None:
    """After a rejection, or when the contract changed since a side sent it, start over."""
    if record.outcome is not None:
        _archive_round(record)
    record.sent_by_union_id = record.sent_by_employer_id = None
    record.contract_hash, record.sent_at = digest, utcnow()


def _vote_day(value: date, record: Ratification) -> datetime:
    """The vote's date, checked: not in the future, not before the contract was sent."""
    at = datetime.combine(value, time(), tzinfo=UTC)
    if at > utcnow() + CLOCK_SKEW:
        raise Invalid("A vote cannot be dated in the future.", field="vote_date")
    if value < record.sent_at.date():
        raise Invalid("The vote cannot be dated before the contract was sent.", field="vote_date")
    return at


def vote(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> RatificationView:
    """Record the members' vote: ratified (more yes than no) or rejected."""
    _table, standing = load_table(session, actor, table_id)
    _negotiator(standing, "record the ratification vote")
    table = lock_table(session, table_id)
    require_writable(table)
    record = _record(session, table.id)
    if table.state is not TableState.RATIFICATION or record is None or _stage(record) != "sent":
        raise Conflict("Both sides must send the contract to members before the vote.", code="not_sent")
    if data["yes"] + data["no"] < 1:
        raise Invalid("Record at least one vote.", field="yes")
    at = _vote_day(data["vote_date"], record)
    contract = compile_table(session, table.id)
    digest = contract_hash(contract)
    if digest != record.contract_hash:
        raise Conflict(
            "The contract changed since it was sent to members; both sides must send it again.",
            code="contract_changed",
        )
    _verified(contract)
    record.vote_date, record.votes_yes, record.votes_no = at, data["yes"], data["no"]
    record.outcome = RATIFIED if data["yes"] > data["no"] else REJECTED
    record.recorded_by_id = actor.id
    table.state = TableState.RATIFIED if record.outcome == RATIFIED else TableState.BARGAINING
    audit.record(
        session,
        actor.id,
        "ratification.voted",
        record,
        table_id=table.id,
        detail={"outcome": record.outcome, "yes": data["yes"], "no": data["no"], "vote_date": str(at.date())},
    )
    session.flush()
    return _view(table, record, digest)
