"""A signed TA ends the difference; a side's position follows its pass numbers, not typed dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

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
from bargaining.domain.status import derive_status

U, E = Side.UNION, Side.EMPLOYER
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CLAUSES = (ClauseRecord(1, 10, "1.1", True, 100, "h100"), ClauseRecord(2, 10, "1.2", False, None, None))


def _at(minute: int) -> datetime:
    """A time minutes into the session."""
    return T0 + timedelta(minutes=minute)


def _proposal(pid: int, side: Side, number: int, minute: int) -> ProposalRecord:
    """A passed proposal with its side's number and a typed pass time."""
    prefix = "U" if side is U else "E"
    return ProposalRecord(
        pid, side, f"{prefix}-{number}", ProposalState.PASSED, False, _at(minute), None, number
    )


def test_position_follows_pass_number_not_a_back_dated_paper_pass():
    proposals = [_proposal(1, U, 1, 50), _proposal(2, U, 2, 5)]  # U-2 typed as passed before U-1
    items = [ItemRecord(1, 1, Action.AMEND, 11, "h11"), ItemRecord(2, 1, Action.AMEND, 12, "h12")]
    status = derive_status(CLAUSES, proposals, items, [])[1]
    assert status.union.proposal_label == "U-2"
    assert status.union.version_id == 12


def test_signed_ta_settles_both_positions_and_reopening_restores_them():
    proposals = [_proposal(1, U, 1, 1), _proposal(2, E, 1, 2)]
    items = [ItemRecord(1, 1, Action.AMEND, 11, "h11"), ItemRecord(2, 1, Action.AMEND, 12, "h12")]
    signed = TARecord(
        5, "TA-1", TAState.SIGNED, U, _at(3), _at(4), None, (TAItemRecord(1, Action.AMEND, 12, "h12"),)
    )
    status = derive_status(CLAUSES, proposals, items, [signed])[1]
    assert status.status is ClauseStatusKind.TENTATIVELY_AGREED
    assert status.union == status.employer
    assert status.union.version_id == 12 and status.union.proposal_label == "TA-1"
    assert status.agreed is not None and status.agreed.content_hash == status.union.content_hash
    reopened = derive_status(CLAUSES, proposals, items, [replace(signed, state=TAState.REOPENED)])[1]
    assert reopened.status is ClauseStatusKind.OPEN
    assert (reopened.union.proposal_label, reopened.employer.proposal_label) == ("U-1", "E-1")
    assert reopened == derive_status(CLAUSES, proposals, items, [])[1]


_ACTIONS = st.sampled_from([Action.AMEND, Action.DELETE, Action.STATUS_QUO])


@st.composite
def _histories(draw: st.DrawFn) -> tuple[list[ProposalRecord], list[ItemRecord], list[TARecord]]:
    """Passes by both sides (numbers in order, typed dates anywhere) and TAs in any state."""
    proposals, items, numbers = [], [], {U: 0, E: 0}
    for pid in range(1, draw(st.integers(1, 8)) + 1):
        side = draw(st.sampled_from([U, E]))
        numbers[side] += 1
        proposals.append(_proposal(pid, side, numbers[side], draw(st.integers(0, 100))))
        for clause in draw(st.sets(st.sampled_from([1, 2]), min_size=1)):
            action, version = draw(_ACTIONS), draw(st.integers(10, 14))
            digest = f"h{version}" if action is Action.AMEND else None
            items.append(ItemRecord(pid, clause, action, version if digest else None, digest))
    tas = []
    for tid in range(1, draw(st.integers(0, 3)) + 1):
        clause, version = draw(st.sampled_from([1, 2])), draw(st.integers(10, 14))
        state = draw(st.sampled_from(list(TAState)))
        item = TAItemRecord(clause, Action.AMEND, version, f"h{version}")
        tas.append(TARecord(tid, f"TA-{tid}", state, U, _at(200 + tid), _at(201 + tid), None, (item,)))
    return proposals, items, tas


@settings(max_examples=300, deadline=None)
@given(_histories())
def test_signed_clauses_have_one_language_and_others_ignore_signed_tas(history):
    proposals, items, tas = history
    statuses = derive_status(CLAUSES, proposals, items, tas)
    unsigned = derive_status(CLAUSES, proposals, items, [t for t in tas if t.state is not TAState.SIGNED])
    for clause_id, status in statuses.items():
        if status.status is ClauseStatusKind.TENTATIVELY_AGREED:
            assert status.agreed is not None
            assert status.union.content_hash == status.employer.content_hash == status.agreed.content_hash
            assert not status.ready_to_ta
        else:
            assert (status.union, status.employer) == (
                unsigned[clause_id].union,
                unsigned[clause_id].employer,
            )
