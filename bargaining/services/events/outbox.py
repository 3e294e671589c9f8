"""The outbox: every audit row at a table becomes an event, with its webhook deliveries and emails.

A session listener runs before each flush. For the audit rows the flush adds (audit.record() is the
one place they come from) it takes the table's next event numbers from ``event_counters`` (the
UPDATE's row lock holds until commit, so a table's events commit in number order: a reader who
sees event n has every event before it), and writes in the same transaction the event rows, one
delivery per webhook subscription that may see the event and wants its kind, and one email per
person the notice rules pick (who may see it, unless they chose never). A constant number of
statements per flush, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bargaining.domain.events import Reader, matches, sees
from bargaining.domain.events.notices import (
    Kind,
    Mode,
    Rule,
    acting_side,
    notice_action,
    reaches,
    rule_for,
)
from bargaining.models import (
    AuditEvent,
    BargainingTable,
    EventCounter,
    Membership,
    NotificationPreference,
    OutboxEmail,
    Proposal,
    TableEvent,
    User,
    WebhookDelivery,
    WebhookSubscription,
    proposal_responses,
)

LIVE_SUBSCRIPTIONS = ("active", "paused")


@dataclass(frozen=True, slots=True)
class Seat:
    """A person at a table, as the notice rules need them."""

    user_id: int
    email: str
    side: str | None
    role: str


def _fresh_audit_rows(session: Session) -> list[AuditEvent]:
    """The audit rows at tables this flush adds, in the order they were recorded."""
    rows = [o for o in session.new if isinstance(o, AuditEvent) and o.table_id is not None]
    return sorted(rows, key=lambda o: inspect(o).insert_order or 0)


def _take_numbers(session: Session, table_id: int, count: int) -> int:
    """Reserve count event numbers for a table; return the first (the counter row stays locked)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(EventCounter).values(table_id=table_id, last_seq=0).on_conflict_do_nothing())
    stmt = (
        update(EventCounter)
        .where(EventCounter.table_id == table_id)
        .values(last_seq=EventCounter.last_seq + count)
        .returning(EventCounter.last_seq)
    )
    last = int(session.execute(stmt).scalar_one())
    return last - count + 1


@event.listens_for(Session, "before_flush")
def _write_outbox(session: Session, _context: Any, _instances: Any) -> None:
    """Turn the flush's new audit rows into events, deliveries and emails, in the same transaction."""
    rows = _fresh_audit_rows(session)
    if not rows:
        return
    by_table: dict[int, list[AuditEvent]] = defaultdict(list)
    for row in rows:
        by_table[int(row.table_id or 0)].append(row)
    events: list[TableEvent] = []
    for table_id, table_rows in by_table.items():
        first = _take_numbers(session, table_id, len(table_rows))
        for offset, row in enumerate(table_rows):
            events.append(TableEvent(table_id=table_id, seq=first + offset, audit=row))
    session.add_all(events)
    _queue_webhooks(session, events)
    _queue_emails(session, events)


def _queue_webhooks(session: Session, events: list[TableEvent]) -> None:
    """One delivery per subscription that may see the event and asked for its kind."""
    tables = {e.table_id for e in events}
    subscriptions = session.execute(
        select(
            WebhookSubscription.id,
            WebhookSubscription.table_id,
            WebhookSubscription.scope,
            WebhookSubscription.kinds,
        ).where(WebhookSubscription.table_id.in_(tables), WebhookSubscription.state.in_(LIVE_SUBSCRIPTIONS))
    ).all()
    for sub in subscriptions:
        reader = Reader(scopes=frozenset({sub.scope}))
        for item in events:
            audit = item.audit
            wanted = item.table_id == sub.table_id and matches(list(sub.kinds), audit.action)
            if wanted and sees(reader, audit.action, audit.visible_to):
                session.add(WebhookDelivery(subscription_id=sub.id, event=item))


def _seats(session: Session, tables: set[int]) -> dict[int, list[Seat]]:
    """Everyone seated at these tables, with their email."""
    found = session.execute(
        select(Membership.table_id, Membership.user_id, User.email, Membership.side, Membership.role)
        .join(User, User.id == Membership.user_id)
        .where(Membership.table_id.in_(tables))
    ).all()
    seats: dict[int, list[Seat]] = defaultdict(list)
    for r in found:
        side = r.side.value if r.side is not None else None
        seats[r.table_id].append(Seat(r.user_id, r.email, side, str(r.role.value)))
    return seats


def _queue_emails(session: Session, events: list[TableEvent]) -> None:
    """One email (or digest line) per person a notice rule picks who may see the event."""
    noticed = [(e, rule) for e in events if (rule := _rule(e)) is not None]
    if not noticed:
        return
    tables = {e.table_id for e, _ in noticed}
    seats = _seats(session, tables)
    people = {s.user_id for table_seats in seats.values() for s in table_seats}
    modes = _modes(session, people)
    passed_members = dict(
        session.execute(
            select(BargainingTable.id, BargainingTable.members_see_passed).where(
                BargainingTable.id.in_(tables)
            )
        ).all()
    )
    for item, rule in noticed:
        answered = _authors_answered(session, item)
        actor_side = next((s.side for s in seats[item.table_id] if s.user_id == item.audit.actor_id), None)
        acting = acting_side(item.audit.actor_id, actor_side, item.audit.detail or {})
        for seat in seats[item.table_id]:
            kind = _kind_for(rule, seat, acting, answered)
            reader = _reader(seat, bool(passed_members.get(item.table_id)))
            if kind is None or not sees(reader, item.audit.action, item.audit.visible_to):
                continue
            mode = modes.get((seat.user_id, kind), Mode.IMMEDIATE)
            if mode is not Mode.NEVER and seat.user_id != item.audit.actor_id:
                session.add(
                    OutboxEmail(
                        user_id=seat.user_id,
                        to_address=seat.email,
                        kind=kind.value,
                        mode=mode.value,
                        event=item,
                        payload={"table_id": item.table_id},
                    )
                )


def _rule(item: TableEvent) -> Rule | None:
    """The notice rule an event falls under, if any."""
    return rule_for(notice_action(item.audit.action, item.audit.detail or {}))


def _kind_for(rule: Rule, seat: Seat, acting: str | None, answered: set[int]) -> Kind | None:
    """The kind of notice a seat gets for an event under a rule (None: not in its audience)."""
    if rule.kind is Kind.PROPOSAL_PASSED and seat.user_id in answered:
        return Kind.PROPOSAL_ANSWERS_MINE
    return rule.kind if reaches(rule.audience, acting, seat.side, seat.role) else None


def _reader(seat: Seat, members_see_passed: bool) -> Reader:
    """A seat as a reader of events."""
    if seat.side is not None and seat.role != "member":
        return Reader(scopes=frozenset({seat.side}))
    return Reader(scopes=frozenset(), member=True, members_see_passed=members_see_passed)


def _modes(session: Session, people: set[int]) -> dict[tuple[int, Kind], Mode]:
    """The modes these people chose, per kind (a kind not chosen is immediate)."""
    rows = session.execute(
        select(
            NotificationPreference.user_id, NotificationPreference.kind, NotificationPreference.mode
        ).where(NotificationPreference.user_id.in_(people))
    ).all()
    return {(r.user_id, Kind(r.kind)): Mode(r.mode) for r in rows if r.kind in Kind._value2member_map_}


def _authors_answered(session: Session, item: TableEvent) -> set[int]:
    """For a passed proposal: who drafted or passed the proposals it answers."""
    if item.audit.action != "proposal.passed" or item.audit.object_id is None:
        return set()
    rows = session.execute(
        select(Proposal.created_by_id, Proposal.passed_by_id)
        .join(proposal_responses, proposal_responses.c.responds_to_id == Proposal.id)
        .where(proposal_responses.c.proposal_id == item.audit.object_id)
    ).all()
    return {uid for r in rows for uid in (r.created_by_id, r.passed_by_id) if uid is not None}
