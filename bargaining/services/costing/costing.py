"""Costing a proposal, the whole table (both positions, the gap, the TAs so far) and a member's view.

Every costing reads the roster of the caller's side (its latest import; else the table's latest),
the table's settings and base schedules. Results are cached per process under the table's revision
(its event counter and the time of its last event, as every kept view: every change at a table
moves the counter in the same transaction, under its row lock, so a cached costing is exactly what
recomputing it would give; the time keeps keys unique across a database restored from a backup)
and the roster import it read.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from cachetools import LRUCache
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, object_session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.costing import results as r
from bargaining.domain.costing.terms import Term, TermSource
from bargaining.domain.errors import Forbidden
from bargaining.domain.records import Side
from bargaining.kept import engine_of
from bargaining.models import (
    BargainingTable,
    CostingSettings,
    ProposalItem,
    RosterBatch,
    SalarySchedule,
)
from bargaining.services.access import load_table
from bargaining.services.costing import port
from bargaining.services.costing.inputs import load_base
from bargaining.services.costing.positions import Positions, TermedItem, derive_positions
from bargaining.services.costing.roster import current_batch_id
from bargaining.services.proposals import load_proposal
from bargaining.services.table_cache.revision import revision_columns

T = TypeVar("T")
# One cache per engine (per database): keys are ids, and tests run many databases in one process.
_CACHES: weakref.WeakKeyDictionary[Engine, LRUCache[Hashable, Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _cache(session: Session | None) -> LRUCache[Hashable, Any]:
    """The costing cache of the session's database."""
    assert session is not None
    engine = engine_of(session)
    with _LOCK:
        return _CACHES.setdefault(engine, LRUCache(maxsize=512))


def forget(keep_bases: bool = False) -> None:
    """Drop the kept costings of every database (benchmarks and tests measuring cold reads)."""
    with _LOCK:
        for store in _CACHES.values():
            for key in [k for k in store if not (keep_bases and isinstance(k, tuple) and k[:1] == ("base",))]:
                del store[key]


@dataclass(frozen=True, slots=True)
class Context:
    """Whose costing this is: the table, the caller's standing, the roster read, the revision."""

    table: BargainingTable
    standing: Standing
    batch_id: int | None
    revision: tuple[int, datetime | None]

    @property
    def is_member(self) -> bool:
        """A member (not a party, not an admin) sees only the aggregate TA value."""
        return self.standing.role is Role.MEMBER and not self.standing.is_admin


@dataclass(frozen=True, slots=True)
class ProposalCosting:
    """A proposal's terms costed against the base, item by item and together."""

    proposal_id: int
    label: str | None
    side: Side
    state: str
    roster_batch_id: int | None
    report: r.CostingReport


@dataclass(frozen=True, slots=True)
class TableCostingView:
    """The table side by side; members get only the agreed (TA'd) costing."""

    table_id: int
    roster_batch_id: int | None
    agreed: r.CostingReport
    union: r.CostingReport | None
    employer: r.CostingReport | None
    gap: r.Gap | None
    cost_per_percent: tuple[r.YearAmount, ...] | None


@dataclass(frozen=True, slots=True)
class MemberViews:
    """A clinician's gain per year under each position and under the TAs."""

    classification: str
    step: int
    fte: Decimal
    agreed: r.MemberView
    union: r.MemberView | None
    employer: r.MemberView | None


def context(session: Session, actor: Actor, table_id: int) -> Context:
    """The caller's costing context at a table (three statements)."""
    table, standing = load_table(session, actor, table_id)
    side = standing.side if standing.is_party else Side.UNION
    last, at = revision_columns(table_id)
    newest = session.execute(select(last, at)).one()
    revision = (int(newest[0]), newest[1])
    return Context(table, standing, current_batch_id(session, table_id, side), revision)


def cached(ctx: Context, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """A result cached under the table's revision and the roster read, or computed and kept."""
    full = (ctx.table.id, ctx.revision, ctx.batch_id, *key)
    store = _cache(object_session(ctx.table))
    with _LOCK:
        found = store.get(full)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        store[full] = value
    return value


def _base_key(session: Session, ctx: Context) -> tuple[Hashable, ...]:
    """What the base depends on: the roster read, the settings' version, the newest base schedule."""
    table_id = ctx.table.id
    settings = select(CostingSettings.version).where(CostingSettings.table_id == table_id).scalar_subquery()
    newest = (
        select(func.max(SalarySchedule.id))
        .where(SalarySchedule.table_id == table_id, SalarySchedule.side.is_(None))
        .scalar_subquery()
    )
    row = session.execute(select(settings, newest)).one()
    return ("base", table_id, ctx.batch_id, row[0], row[1])


def prepared(session: Session, ctx: Context) -> Any:
    """The engine's prepared base, kept while the roster, settings and base schedules stay the same.

    Passing proposals and signing TAs move the table's revision but not the base, so the roster
    is loaded and folded once per base, not once per change at the table.
    """
    return prepared_by_key(session, ctx.table.id, ctx.batch_id, _base_key(session, ctx))


def base_state(session: Session, table_id: int, side: Side) -> tuple[int | None, tuple[Hashable, ...] | None]:
    """The roster a side's costings read and the base's key, in one statement; key None without settings."""
    latest = select(func.max(RosterBatch.id)).where(RosterBatch.table_id == table_id)
    settings = select(CostingSettings.version).where(CostingSettings.table_id == table_id)
    newest = select(func.max(SalarySchedule.id)).where(
        SalarySchedule.table_id == table_id, SalarySchedule.side.is_(None)
    )
    row = session.execute(
        select(
            latest.where(RosterBatch.side == side).scalar_subquery(),
            latest.scalar_subquery(),
            settings.scalar_subquery(),
            newest.scalar_subquery(),
        )
    ).one()
    batch_id = row[0] if row[0] is not None else row[1]
    return batch_id, (None if row[2] is None else ("base", table_id, batch_id, row[2], row[3]))


def prepared_by_key(session: Session, table_id: int, batch_id: int | None, key: tuple[Hashable, ...]) -> Any:
    """The prepared base under a key from base_state (shared with prepared(): the same key)."""
    store = _cache(session)
    with _LOCK:
        found = store.get(key)
    if found is None:
        found = port.prepare(load_base(session, table_id, batch_id))
        with _LOCK:
            store[key] = found
    return found


def sources_of(items: Sequence[TermedItem]) -> list[TermSource]:
    """Termed items as the engine's labelled sources."""
    return [
        TermSource(
            label=f"{i.label} {i.clause_number}".strip(),
            terms=port.parse(i.terms, "terms"),
            proposal_id=i.proposal_id,
            item_id=i.item_id,
        )
        for i in items
    ]


def cost_proposal(session: Session, actor: Actor, proposal_id: int, itemize: bool = True) -> ProposalCosting:
    """A proposal's cost: a draft only to its side (404 otherwise), never to members."""
    proposal, table, standing = load_proposal(session, actor, proposal_id)
    _not_member(standing)
    ctx = context(session, actor, table.id)

    def compute() -> ProposalCosting:
        rows = session.execute(
            select(ProposalItem.id, ProposalItem.clause_id, ProposalItem.position, ProposalItem.terms)
            .where(ProposalItem.proposal_id == proposal.id)
            .order_by(ProposalItem.position)
        ).all()
        label = proposal.label or f"Draft {proposal.id}"
        sources = [
            TermSource(f"{label} item {pos}", port.parse(terms, f"items.{pos}.terms"), proposal.id, iid)
            for iid, _cid, pos, terms in rows
            if terms
        ]
        report = port.cost(prepared(session, ctx), sources, label, itemize)
        return ProposalCosting(
            proposal.id, proposal.label, proposal.side, proposal.state.value, ctx.batch_id, report
        )

    return cached(ctx, ("proposal", proposal.id, proposal.version, itemize), compute)


def _not_member(standing: Standing) -> None:
    """Members see only the aggregate value of the TAs."""
    if standing.role is Role.MEMBER and not standing.is_admin:
        raise Forbidden("Members see the costing of the tentative agreements only.")


def cost_table(session: Session, actor: Actor, table_id: int) -> TableCostingView:
    """Both sides' current positions, the gap and the TAs so far; members get the TAs only."""
    ctx = context(session, actor, table_id)

    def compute() -> TableCostingView:
        positions = derive_positions(session, table_id)
        base = prepared(session, ctx)
        both = port.table(
            base, sources_of(positions.union), sources_of(positions.employer), sources_of(positions.agreed)
        )
        return TableCostingView(
            table_id, ctx.batch_id, both.agreed, both.union, both.employer, both.gap, both.cost_per_percent
        )

    view = cached(ctx, ("table",), compute)
    if ctx.is_member:
        return TableCostingView(table_id, None, view.agreed, None, None, None, None)
    return view


def member_view(
    session: Session, actor: Actor, table_id: int, classification: str, step: int, fte: Decimal
) -> MemberViews:
    """A clinician's gain per year under each position and the TAs (members: the TAs only)."""
    ctx = context(session, actor, table_id)
    base = prepared(session, ctx)

    def compute() -> MemberViews:
        positions = derive_positions(session, table_id)

        def view(items: list[TermedItem], label: str) -> r.MemberView:
            return port.member(base, _terms(items), label, classification, step, fte)

        return MemberViews(
            classification,
            step,
            fte,
            view(positions.agreed, "Tentative agreements"),
            view(positions.union, "Union position"),
            view(positions.employer, "Employer position"),
        )

    views = cached(ctx, ("member", classification, step, fte), compute)
    if ctx.is_member:
        return MemberViews(classification, step, fte, views.agreed, None, None)
    return views


def _terms(items: Sequence[TermedItem]) -> list[Term]:
    """All the terms of some items, in order."""
    return [t for i in items for t in port.parse(i.terms, "terms")]


def positions_for(session: Session, table_id: int) -> Positions:
    """The derived positions (for scenarios built from a side's position)."""
    return derive_positions(session, table_id)
