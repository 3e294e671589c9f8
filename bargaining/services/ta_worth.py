"""'What the tentative agreements are worth' for the TA summary: the signed TAs costed, in aggregate.

The figures are the costing API's own (bargaining.services.costing): the agreed terms are those of
the signed TAs, derived from the summary's statuses (the same derivation the costing's positions
use), costed against the base of the roster a side's costings read (the caller's side's; the union
side's for members and administrators, as /costing does). Only aggregates leave here: totals per
contract year and over the term, cost per 1 %, per FTE, and the gain of a typical clinician (the
classification and step with the most people, at 1 FTE: the roster's aggregates, which everyone at
the table may read). Never a roster row, a draft, a scenario or a side's position.
Statements: one (settings, roster and base schedule ids) when the table has no costing setup, two
when it has (plus the passed items with terms); the base is loaded once per roster/settings.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cachetools import LRUCache
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bargaining.documents.costing import TAWorth, ta_worth
from bargaining.domain.costing.display import cents
from bargaining.domain.costing.prepared import Prepared
from bargaining.domain.errors import DomainError
from bargaining.domain.records import Side
from bargaining.domain.status import ClauseStatus
from bargaining.kept import engine_of
from bargaining.services.costing import costing, port
from bargaining.services.costing.inputs import load_base
from bargaining.services.costing.positions import TermedItem, positions_from, termed_items

NOT_SET_UP = "costing_not_set_up"
NO_ROSTER = "no_roster"
NOT_COSTABLE = "not_costable"
_MESSAGES = {
    NOT_SET_UP: "The table has no costing yet (its contract years are not entered), so what the "
    "tentative agreements are worth is not shown.",
    NO_ROSTER: "No roster has been entered yet, so what the tentative agreements cost is not known.",
    NOT_COSTABLE: "The agreed terms no longer fit the table's costing settings; the committee is "
    "updating the costing.",
}
# Blocks by their base and the agreed items with their terms: a TA or a pass that changes no
# agreed terms costs nothing again (the chart alone is tens of milliseconds of matplotlib).
# Kept per engine (per database): bases and blocks are keyed by ids, which tests' many databases share.
_KEPT: weakref.WeakKeyDictionary[Engine, LRUCache[tuple[object, ...], Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _kept(session: Session) -> LRUCache[tuple[object, ...], Any]:
    """The session's database's kept bases and blocks."""
    engine = engine_of(session)
    with _LOCK:
        return _KEPT.setdefault(engine, LRUCache(maxsize=256))


def _prepared(session: Session, table_id: int, batch_id: int, key: tuple[object, ...]) -> Prepared:
    """The prepared base under its key (roster, settings, base schedules), loaded once."""
    kept = _kept(session)
    with _LOCK:
        found: Prepared | None = kept.get(key)
    if found is None:
        found = port.prepare(load_base(session, table_id, batch_id))
        with _LOCK:
            kept[key] = found
    return found


@dataclass(frozen=True, slots=True)
class Typical:
    """The clinician whose gain is shown: the most common classification and step, at 1 FTE."""

    classification: str
    step: int
    fte: Decimal
    term_gain: Decimal


@dataclass(frozen=True, slots=True)
class WorthBlock:
    """The block: available with figures, or not with a reason (a stable code and a sentence)."""

    available: bool
    reason: str | None
    message: str | None
    worth: TAWorth | None = None
    cost_per_percent: tuple[Decimal, ...] = ()
    headcount: int = 0
    unit_fte: Decimal | None = None
    typical: Typical | None = None


def costing_side(side: Side | None) -> Side:
    """The side whose roster a summary's costing reads (members and administrators: the union's)."""
    return side if side is not None else Side.UNION


def _unavailable(reason: str) -> WorthBlock:
    """The block when there is nothing to cost."""
    return WorthBlock(False, reason, _MESSAGES[reason])


def _typical(prepared: Prepared) -> tuple[str, int] | None:
    """The classification and step with the most people (first in code and step order on a tie)."""
    counts = Counter((row.classification, row.step) for row in prepared.base.roster)
    if not counts:
        return None
    most = max(counts.values())
    return min(key for key, count in counts.items() if count == most)


def worth_at(session: Session, table_id: int, side: Side, statuses: Mapping[int, ClauseStatus]) -> WorthBlock:
    """What the signed TAs are worth at a table whose statuses the caller has derived."""
    batch_id, key = costing.base_state(session, table_id, side)
    if key is None:
        return _unavailable(NOT_SET_UP)
    if batch_id is None:
        return _unavailable(NO_ROSTER)
    agreed = positions_from(termed_items(session, table_id), statuses).agreed
    full = (*key, tuple((i.item_id, repr(i.terms)) for i in agreed))
    kept = _kept(session)
    with _LOCK:
        found = kept.get(full)
    if found is None:
        found = _block(_prepared(session, table_id, batch_id, key), agreed)
        with _LOCK:
            kept[full] = found
    return found


def _block(prepared: Prepared, agreed: list[TermedItem]) -> WorthBlock:
    """Cost the agreed items against the base: the report, cost per 1 %, a typical clinician's gain."""
    try:
        report = port.cost(prepared, costing.sources_of(agreed), "agreed", False)
        per_percent = tuple(cents(y.amount) for y in port.per_percent(prepared))
    except DomainError:  # terms the settings no longer fit: /costing answers 422, the summary says so
        return _unavailable(NOT_COSTABLE)
    fte = sum((row.fte for row in prepared.base.roster), Decimal(0))
    typical, member = _typical(prepared), None
    if typical is not None:
        terms = [t for i in agreed for t in port.parse(i.terms, "terms")]
        try:
            member = port.member(prepared, terms, "Tentative agreements", typical[0], typical[1], Decimal(1))
        except DomainError:
            member = None
    shown = None
    if member is not None and typical is not None:
        shown = Typical(typical[0], typical[1], Decimal(1), cents(member.term_gain))
    return WorthBlock(
        True,
        None,
        None,
        ta_worth(report, fte or None, member),
        per_percent,
        len(prepared.base.roster),
        cents(fte),
        shown,
    )


def forget() -> None:
    """Drop every kept base and block (tests that restart ids in one database)."""
    with _LOCK:
        for kept in _KEPT.values():
            kept.clear()
