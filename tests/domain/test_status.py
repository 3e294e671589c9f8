"""Clause status derivation: a table of bargaining histories and the status each yields."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

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
from bargaining.domain.status import (
    ClauseStatus,
    Counts,
    derive_status,
    summarize,
    superseded_items,
    waiting_on,
)

U, E = Side.UNION, Side.EMPLOYER
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
BASE = ClauseRecord(1, 10, "12.3", True, 100, "h-base")
NEW = ClauseRecord(2, 10, "12.9", False, None, None)
OTHER = ClauseRecord(3, 11, "13.1", True, 300, "h-other")
CLAUSES = (BASE, NEW, OTHER)


def t(minute: int) -> datetime:
    """Return a time `minute` minutes into the session."""
    return T0 + timedelta(minutes=minute)


def prop(
    pid: int,
    side: Side,
    minute: int | None = None,
    state: ProposalState = ProposalState.PASSED,
    *,
    package: bool = False,
) -> ProposalRecord:
    """Build a proposal passed at `minute` (default: its id); drafts have no passed_at."""
    passed = None if state is ProposalState.DRAFT else t(pid if minute is None else minute)
    withdrawn = t(999) if state is ProposalState.WITHDRAWN else None
    label = f"{'U' if side is U else 'E'}-{pid}"
    return ProposalRecord(pid, side, label, state, package, passed, withdrawn)


def item(pid: int, action: Action, version: int | None = None, clause: int = 1) -> ItemRecord:
    """Build an item; versions hash to h<version>, delete/status_quo carry no hash."""
    digest = f"h{version}" if version is not None else None
    return ItemRecord(pid, clause, action, version, digest)


def amend(pid: int, version: int, clause: int = 1) -> ItemRecord:
    """Build an amend item."""
    return item(pid, Action.AMEND, version, clause)


def ta(
    tid: int,
    state: TAState,
    by: Side,
    *items: TAItemRecord,
    minute: int = 50,
    package: int | None = None,
) -> TARecord:
    """Build a TA offered at `minute`; signed TAs are signed a minute later."""
    signed = t(minute + 1) if state in (TAState.SIGNED, TAState.REOPENED) else None
    return TARecord(tid, f"TA-{tid}", state, by, t(minute), signed, package, items)


def ta_version(version: int, clause: int = 1) -> TAItemRecord:
    """Build a TA item agreeing a version."""
    return TAItemRecord(clause, Action.AMEND, version, f"h{version}")


@dataclass
class Case:
    """One bargaining history and the expected status of `clause`."""

    id: str
    proposals: list[ProposalRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    tas: list[TARecord] = field(default_factory=list)
    expect: dict[str, Any] = field(default_factory=dict)
    clause: int = 1


OPEN, SQ = ClauseStatusKind.OPEN, ClauseStatusKind.STATUS_QUO
TAP, AGREED = ClauseStatusKind.TA_PENDING, ClauseStatusKind.TENTATIVELY_AGREED
BOTH_AT_10: dict[str, Any] = {
    "proposals": [prop(1, U), prop(2, E)],
    "items": [amend(1, 10), amend(2, 10)],
}
AGREED_BOTH_AT_10: dict[str, Any] = {
    "proposals": [prop(1, U, state=ProposalState.AGREED), prop(2, E, state=ProposalState.AGREED)],
    "items": [amend(1, 10), amend(2, 10)],
}

# fmt: off
CASES = [
    Case(
        "untouched_clause",
        expect={
            "status": SQ, "union.kind": "status_quo", "union.version_id": 100,
            "union.content_hash": "h-base", "employer.content_hash": "h-base",
            "last_mover": None, "last_moved_at": None, "ready_to_ta": False,
            "live_proposal_ids": (), "ta_id": None, "agreed": None,
        },
    ),
    Case(
        "union_proposes_only",
        [prop(1, U)], [amend(1, 10)],
        expect={
            "status": OPEN, "union.kind": "version", "union.version_id": 10,
            "union.content_hash": "h10", "union.proposal_id": 1, "union.proposal_label": "U-1",
            "union.at": t(1), "employer.kind": "status_quo", "employer.proposal_id": None,
            "last_mover": U, "last_moved_at": t(1), "ready_to_ta": False,
            "live_proposal_ids": (1,),
        },
    ),
    Case(
        "both_propose_different_language",
        [prop(1, U), prop(2, E)], [amend(1, 10), amend(2, 20)],
        expect={
            "status": OPEN, "union.version_id": 10, "employer.version_id": 20,
            "last_mover": E, "ready_to_ta": False, "live_proposal_ids": (1, 2),
        },
    ),
    Case(
        "both_same_language_ready_to_ta",
        [prop(1, U), prop(2, E)],
        [amend(1, 10), ItemRecord(2, 1, Action.AMEND, 11, "h10")],
        expect={"status": OPEN, "ready_to_ta": True, "employer.version_id": 11},
    ),
    Case(
        "withdrawal_falls_back_to_earlier_proposal",
        [prop(1, U), prop(2, E), prop(3, U, state=ProposalState.WITHDRAWN)],
        [amend(1, 10), amend(2, 20), amend(3, 30)],
        expect={
            "status": OPEN, "union.version_id": 10, "union.proposal_id": 1,
            "last_mover": E, "live_proposal_ids": (1, 2),
        },
    ),
    Case(
        "withdrawal_of_only_proposal_returns_to_status_quo",
        [prop(1, U, state=ProposalState.WITHDRAWN)], [amend(1, 10)],
        expect={
            "status": SQ, "union.kind": "status_quo", "last_mover": None,
            "live_proposal_ids": (),
        },
    ),
    Case(
        "withdrawn_at_set_counts_as_withdrawn",
        [ProposalRecord(1, U, "U-1", ProposalState.PASSED, False, t(1), t(2))], [amend(1, 10)],
        expect={"status": SQ},
    ),
    Case(
        "later_proposal_same_side_supersedes",
        [prop(1, U, state=ProposalState.SUPERSEDED), prop(2, E), prop(3, U)],
        [amend(1, 10), amend(2, 20), amend(3, 30)],
        expect={
            "status": OPEN, "union.version_id": 30, "union.proposal_id": 3,
            "last_mover": U, "live_proposal_ids": (1, 2, 3),
        },
    ),
    Case(
        "supersession_follows_pass_time_not_id",
        [prop(5, U, minute=1), prop(4, U, minute=2)], [amend(5, 50), amend(4, 40)],
        expect={"union.version_id": 40, "live_proposal_ids": (5, 4)},
    ),
    Case(
        "package_position_flagged",
        [prop(1, U, package=True), prop(2, E)], [amend(1, 10), amend(2, 20)],
        expect={"union.is_package": True, "employer.is_package": False},
    ),
    Case(
        "draft_ignored_alone",
        [prop(1, U, state=ProposalState.DRAFT)], [amend(1, 10)],
        expect={"status": SQ, "union.kind": "status_quo", "live_proposal_ids": ()},
    ),
    Case(
        "draft_ignored_after_passed",
        [prop(1, U), prop(2, U, state=ProposalState.DRAFT)], [amend(1, 10), amend(2, 20)],
        expect={"union.version_id": 10, "live_proposal_ids": (1,)},
    ),
    Case(
        "draft_with_passed_at_still_ignored",
        [ProposalRecord(1, U, None, ProposalState.DRAFT, False, t(1), None)], [amend(1, 10)],
        expect={"status": SQ},
    ),
    Case(
        "pending_ta_awaits_other_side",
        **BOTH_AT_10, tas=[ta(7, TAState.PENDING, U, ta_version(10))],
        expect={
            "status": TAP, "pending_signature_from": E, "ta_id": 7, "ta_label": "TA-7",
            "agreed": None, "ready_to_ta": False, "union.version_id": 10,
        },
    ),
    Case(
        "pending_ta_offered_by_employer",
        **BOTH_AT_10, tas=[ta(7, TAState.PENDING, E, ta_version(10))],
        expect={"pending_signature_from": U},
    ),
    Case(
        "signed_ta_tentatively_agreed",
        **AGREED_BOTH_AT_10, tas=[ta(7, TAState.SIGNED, E, ta_version(10))],
        expect={
            "status": AGREED, "ta_id": 7, "agreed.kind": "version", "agreed.version_id": 10,
            "agreed.content_hash": "h10", "agreed.at": t(51), "agreed.is_package": False,
            "pending_signature_from": None, "ready_to_ta": False, "live_proposal_ids": (1, 2),
        },
    ),
    Case(
        "signed_ta_wins_over_later_pending_and_proposals",
        [*AGREED_BOTH_AT_10["proposals"], prop(60, U)],
        [*AGREED_BOTH_AT_10["items"], amend(60, 60)],
        tas=[ta(7, TAState.SIGNED, E, ta_version(10)),
             ta(8, TAState.PENDING, U, ta_version(60), minute=61)],
        expect={"status": AGREED, "ta_id": 7, "agreed.version_id": 10, "union.version_id": 60},
    ),
    Case(
        "latest_signed_ta_wins",
        **AGREED_BOTH_AT_10,
        tas=[ta(9, TAState.SIGNED, U, ta_version(20), minute=70),
             ta(8, TAState.SIGNED, U, ta_version(10), minute=60)],
        expect={"ta_id": 9, "agreed.version_id": 20},
    ),
    Case(
        "package_ta_carries_package",
        [prop(1, U, package=True), prop(2, E)], [amend(1, 10), amend(2, 10)],
        tas=[ta(7, TAState.SIGNED, E, ta_version(10), package=1)],
        expect={"agreed.is_package": True, "agreed.proposal_id": 1, "agreed.proposal_label": "U-1"},
    ),
    Case(
        "rejected_ta_ignored",
        **BOTH_AT_10, tas=[ta(7, TAState.REJECTED, U, ta_version(10))],
        expect={"status": OPEN, "ready_to_ta": True, "ta_id": None, "pending_signature_from": None},
    ),
    Case(
        "reopened_ta_returns_to_open_with_positions",
        [prop(1, U, state=ProposalState.AGREED), prop(2, E, state=ProposalState.AGREED)],
        [amend(1, 10), amend(2, 11)],
        tas=[ta(7, TAState.REOPENED, U, ta_version(11))],
        expect={
            "status": OPEN, "union.version_id": 10, "employer.version_id": 11,
            "last_mover": E, "ta_id": None, "agreed": None,
        },
    ),
    Case(
        "reopened_ta_without_live_proposal_is_status_quo",
        tas=[ta(7, TAState.REOPENED, U, TAItemRecord(1, Action.STATUS_QUO, 100, "h-base"))],
        expect={"status": SQ, "ta_id": None},
    ),
    Case(
        "pending_ta_on_untouched_clause",
        tas=[ta(7, TAState.PENDING, E, TAItemRecord(1, Action.STATUS_QUO, 100, "h-base"))],
        expect={"status": TAP, "pending_signature_from": U, "live_proposal_ids": ()},
    ),
    Case(
        "status_quo_ta_agrees_base_language",
        [prop(1, U, state=ProposalState.AGREED)], [item(1, Action.STATUS_QUO)],
        tas=[ta(7, TAState.SIGNED, E, TAItemRecord(1, Action.STATUS_QUO, None, "h-base"))],
        expect={
            "status": AGREED, "agreed.kind": "status_quo", "agreed.version_id": 100,
            "agreed.content_hash": "h-base",
        },
    ),
    Case(
        "clause_added_by_proposal",
        [prop(1, U)], [item(1, Action.ADD, 10, clause=2)], clause=2,
        expect={
            "status": OPEN, "union.kind": "version", "union.version_id": 10,
            "employer.kind": "status_quo", "employer.version_id": None,
            "employer.content_hash": DELETED_HASH, "ready_to_ta": False,
        },
    ),
    Case(
        "new_clause_deleted_by_other_side_matches_not_existing",
        [prop(1, U), prop(2, E), prop(3, U)],
        [item(1, Action.ADD, 10, clause=2), item(2, Action.DELETE, clause=2),
         item(3, Action.STATUS_QUO, clause=2)],
        clause=2,
        expect={
            "union.kind": "status_quo", "union.content_hash": DELETED_HASH,
            "employer.kind": "delete", "ready_to_ta": True,
        },
    ),
    Case(
        "untouched_new_clause_status_quo_means_absent",
        clause=2,
        expect={"status": SQ, "union.content_hash": DELETED_HASH, "union.version_id": None},
    ),
    Case(
        "clause_deleted_by_signed_ta",
        [prop(1, E, state=ProposalState.AGREED), prop(2, U, state=ProposalState.AGREED)],
        [item(1, Action.DELETE), item(2, Action.DELETE)],
        tas=[ta(7, TAState.SIGNED, U, TAItemRecord(1, Action.DELETE, None, DELETED_HASH))],
        expect={
            "status": AGREED, "agreed.kind": "delete", "agreed.version_id": None,
            "agreed.content_hash": DELETED_HASH, "union.kind": "delete",
        },
    ),
    Case(
        "explicit_status_quo_answer_is_open",
        [prop(1, U), prop(2, E)], [amend(1, 10), item(2, Action.STATUS_QUO)],
        expect={
            "status": OPEN, "employer.kind": "status_quo", "employer.proposal_id": 2,
            "employer.version_id": 100, "employer.content_hash": "h-base",
            "ready_to_ta": False, "last_mover": E,
        },
    ),
    Case(
        "both_status_quo_ready",
        [prop(1, U), prop(2, E)], [item(1, Action.STATUS_QUO), item(2, Action.STATUS_QUO)],
        expect={"status": OPEN, "ready_to_ta": True},
    ),
    Case(
        "status_quo_against_silent_side_ready",
        [prop(1, E)], [item(1, Action.STATUS_QUO)],
        expect={"status": OPEN, "ready_to_ta": True, "union.proposal_id": None},
    ),
    Case(
        "delete_against_base_language",
        [prop(1, E)], [item(1, Action.DELETE)],
        expect={"employer.kind": "delete", "employer.content_hash": DELETED_HASH,
                "employer.version_id": None, "ready_to_ta": False},
    ),
    Case(
        "last_mover_is_most_recent_live_item",
        [prop(1, E), prop(2, U), prop(3, E), prop(4, U, state=ProposalState.WITHDRAWN)],
        [amend(1, 10), amend(2, 20), amend(3, 30), amend(4, 40)],
        expect={"last_mover": E, "last_moved_at": t(3)},
    ),
    Case(
        "last_mover_tie_broken_by_proposal_id",
        [prop(2, U, minute=5), prop(1, E, minute=5)], [amend(2, 20), amend(1, 10)],
        expect={"last_mover": U, "live_proposal_ids": (1, 2)},
    ),
    Case(
        "other_clause_unaffected",
        [prop(1, U)], [amend(1, 10)], clause=3,
        expect={"status": SQ, "union.version_id": 300, "live_proposal_ids": ()},
    ),
]
# fmt: on


def _get(status: ClauseStatus, path: str) -> Any:
    """Read a dotted attribute path from a status."""
    value: Any = status
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_derive_status(case: Case) -> None:
    statuses = derive_status(CLAUSES, case.proposals, case.items, case.tas)
    assert list(statuses) == [c.id for c in CLAUSES]
    status = statuses[case.clause]
    assert status.clause_id == case.clause
    actual = {path: _get(status, path) for path in case.expect}
    assert actual == case.expect


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_derive_status_ignores_input_order_and_drafts(case: Case) -> None:
    draft = prop(900, U, state=ProposalState.DRAFT)
    noise = [amend(900, 9000, clause=c.id) for c in CLAUSES]
    expected = derive_status(CLAUSES, case.proposals, case.items, case.tas)
    shuffled = derive_status(
        CLAUSES,
        [draft, *reversed(case.proposals)],
        [*noise, *reversed(case.items)],
        list(reversed(case.tas)),
    )
    assert shuffled == expected


def test_superseded_items() -> None:
    proposals = [
        prop(1, U, state=ProposalState.SUPERSEDED),
        prop(2, U),
        prop(3, E),
        prop(4, U, state=ProposalState.WITHDRAWN),
        prop(5, E, state=ProposalState.DRAFT),
    ]
    items = [
        amend(1, 10, clause=1),
        amend(1, 11, clause=3),
        amend(2, 20, clause=1),
        amend(3, 30, clause=1),
        amend(4, 40, clause=3),
        amend(5, 50, clause=1),
    ]
    # U-2 replaces U-1 on 12.3; the withdrawn U-4 does not replace U-1 on 13.1;
    # E-3 is the other side; the draft E-5 changes nothing.
    assert superseded_items(proposals, items) == {(1, 1)}


def test_superseded_items_empty() -> None:
    assert superseded_items([], []) == set()


def _status(clause_id: int, kind: ClauseStatusKind, **kw: Any) -> ClauseStatus:
    """Build a status with status-quo positions for counting tests."""
    sq = derive_status([BASE], [], [], [])[1].union
    fields: dict[str, Any] = {
        "clause_id": clause_id,
        "status": kind,
        "union": sq,
        "employer": sq,
        "last_mover": None,
        "last_moved_at": None,
        "ready_to_ta": False,
        "ta_id": None,
        "ta_label": None,
        "agreed": None,
        "pending_signature_from": None,
        "live_proposal_ids": (),
    }
    fields.update(kw)
    return ClauseStatus(**fields)


def test_summarize_counts_per_article_and_total() -> None:
    statuses = [
        _status(1, SQ),
        _status(2, OPEN, ready_to_ta=True),
        _status(3, OPEN),
        _status(4, TAP),
        _status(5, AGREED),
        _status(6, AGREED),
        _status(7, OPEN),  # not in article_of: total only
    ]
    per_article, total = summarize(statuses, {1: 10, 2: 10, 3: 10, 4: 11, 5: 11, 6: 12})
    assert list(per_article) == [10, 11, 12]
    assert per_article[10] == Counts(status_quo=1, open=2, ready_to_ta=1, total=3)
    assert per_article[11] == Counts(ta_pending=1, tentatively_agreed=1, total=2)
    assert per_article[12] == Counts(tentatively_agreed=1, total=1)
    assert total == Counts(
        status_quo=1, open=3, ta_pending=1, tentatively_agreed=2, ready_to_ta=1, total=7
    )


def test_summarize_empty() -> None:
    assert summarize([], {}) == ({}, Counts())


@pytest.mark.parametrize(
    ("kind", "last_mover", "side", "expected"),
    [
        pytest.param(OPEN, E, U, True, id="employer_moved_waiting_on_union"),
        pytest.param(OPEN, E, E, False, id="employer_moved_not_waiting_on_employer"),
        pytest.param(OPEN, U, E, True, id="union_moved_waiting_on_employer"),
        pytest.param(SQ, None, U, False, id="status_quo_waits_on_nobody"),
        pytest.param(TAP, E, U, False, id="ta_pending_is_not_a_move"),
        pytest.param(AGREED, E, U, False, id="agreed_waits_on_nobody"),
    ],
)
def test_waiting_on(
    kind: ClauseStatusKind, last_mover: Side | None, side: Side, expected: bool
) -> None:
    assert waiting_on(_status(1, kind, last_mover=last_mover), side) is expected


def test_side_other() -> None:
    assert U.other is E
    assert E.other is U


def _large_history() -> tuple[list[ClauseRecord], list[ProposalRecord], list[ItemRecord]]:
    """Build 1,500 clauses and 2,000 proposals of 5 items each (10,000 items)."""
    clauses = [
        ClauseRecord(c, c // 30, f"{c // 30}.{c % 30}", True, c, f"base{c}") for c in range(1500)
    ]
    proposals: list[ProposalRecord] = []
    items: list[ItemRecord] = []
    for p in range(2000):
        state = ProposalState.WITHDRAWN if p % 7 == 3 else ProposalState.PASSED
        proposals.append(prop(p + 1, U if p % 2 == 0 else E, minute=p, state=state))
        items.extend(amend(p + 1, p * 10 + k, clause=(p * 7 + k) % 1500) for k in range(5))
    return clauses, proposals, items


def _naive_latest(
    clause_id: int, side: Side, proposals: list[ProposalRecord], items: list[ItemRecord]
) -> int | None:
    """Return the version a side last proposed on a clause (else base = id), by brute force."""
    by_id = {p.id: p for p in proposals}
    live = [
        (by_id[i.proposal_id].passed_at, i.proposal_id, i.version_id)
        for i in items
        if i.clause_id == clause_id
        and by_id[i.proposal_id].side is side
        and by_id[i.proposal_id].state is ProposalState.PASSED
    ]
    return max(live)[2] if live else clause_id


def test_large_table() -> None:
    clauses, proposals, items = _large_history()
    assert len(items) == 10_000
    tas = [ta(c, TAState.SIGNED, U, ta_version(c * 7, clause=c)) for c in range(0, 1500, 100)]
    statuses = derive_status(clauses, proposals, items, tas)
    assert len(statuses) == 1500
    for clause_id in (1, 7, 333, 1234, 1499):
        status = statuses[clause_id]
        assert status.status is OPEN
        assert status.union.version_id == _naive_latest(clause_id, U, proposals, items)
        assert status.employer.version_id == _naive_latest(clause_id, E, proposals, items)
    assert statuses[200].status is AGREED
    assert statuses[200].agreed is not None
    assert statuses[200].agreed.version_id == 1400
    random.Random(7).shuffle(items)
    assert derive_status(clauses, proposals, items, tas) == statuses
