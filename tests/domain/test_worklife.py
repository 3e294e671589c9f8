"""The working life's pure rules: item status and overdue, ledgers, session moves, note audiences, uploads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bargaining.domain.errors import Conflict, Invalid
from bargaining.domain.sessions.inforequests import ItemStatus, is_overdue, item_status, request_status
from bargaining.domain.sessions.ledger import LedgerEvent, LedgerKind, Window, ledger
from bargaining.domain.sessions.media import check_upload, clean_filename
from bargaining.domain.sessions.notes import Audience, NoteKind, check_audience, check_targets, check_widening
from bargaining.domain.sessions.states import SessionState, check_move, check_window

T0 = datetime(2026, 3, 2, 14, tzinfo=UTC)
TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("withdrawn", "objected", "answers", "complete", "status"),
    [
        (False, False, 0, False, ItemStatus.OPEN),
        (False, False, 1, False, ItemStatus.PARTIALLY_ANSWERED),
        (False, False, 2, True, ItemStatus.ANSWERED),
        (False, True, 0, False, ItemStatus.OBJECTED),
        (False, True, 1, True, ItemStatus.ANSWERED),
        (True, True, 1, True, ItemStatus.WITHDRAWN),
    ],
)
def test_an_items_status_is_derived_from_its_record(withdrawn, objected, answers, complete, status):
    assert item_status(withdrawn=withdrawn, objected=objected, answers=answers, complete=complete) is status


def test_an_item_is_overdue_only_once_its_due_date_has_passed_unanswered():
    assert is_overdue(ItemStatus.OPEN, TODAY - timedelta(days=1), TODAY)
    assert is_overdue(ItemStatus.PARTIALLY_ANSWERED, TODAY - timedelta(days=1), TODAY)
    assert not is_overdue(ItemStatus.OPEN, TODAY, TODAY)
    assert not is_overdue(ItemStatus.ANSWERED, TODAY - timedelta(days=9), TODAY)
    assert not is_overdue(ItemStatus.OBJECTED, TODAY - timedelta(days=9), TODAY)
    assert not is_overdue(ItemStatus.OPEN, None, TODAY)
    assert not is_overdue(ItemStatus.OPEN, TODAY - timedelta(days=9), TODAY, sent=False)


def test_a_request_sums_up_its_items():
    assert request_status([ItemStatus.OPEN, ItemStatus.OPEN]) is ItemStatus.OPEN
    assert request_status([ItemStatus.OPEN, ItemStatus.ANSWERED]) is ItemStatus.PARTIALLY_ANSWERED
    assert request_status([ItemStatus.ANSWERED, ItemStatus.WITHDRAWN]) is ItemStatus.ANSWERED
    assert request_status([ItemStatus.ANSWERED, ItemStatus.OBJECTED]) is ItemStatus.OBJECTED
    assert request_status([ItemStatus.WITHDRAWN]) is ItemStatus.WITHDRAWN


def test_the_ledger_takes_explicit_ties_over_the_window():
    window = Window(1, T0, T0 + timedelta(hours=3))
    inside = LedgerEvent(LedgerKind.PASSED, 10, "union", T0 + timedelta(hours=1), "U-1")
    outside = LedgerEvent(LedgerKind.PASSED, 11, "union", T0 + timedelta(days=3), "U-2")
    moved = LedgerEvent(LedgerKind.TA_SIGNED, 12, "employer", T0 + timedelta(hours=2), "TA-1")
    ties = {(LedgerKind.PASSED, 11): 1, (LedgerKind.TA_SIGNED, 12): 2}
    assert [e.label for e in ledger([outside, moved, inside], window, ties)] == ["U-1", "U-2"]


def test_sessions_move_forward_and_last_less_than_a_week():
    check_move(SessionState.SCHEDULED, SessionState.HELD)
    check_move(SessionState.CANCELLED, SessionState.SCHEDULED)
    with pytest.raises(Conflict):
        check_move(SessionState.HELD, SessionState.SCHEDULED)
    with pytest.raises(Invalid):
        check_window(T0, T0)
    with pytest.raises(Invalid):
        check_window(T0, T0 + timedelta(days=7))


def test_caucus_notes_never_widen_and_history_names_clause_and_session():
    check_audience(NoteKind.MINUTES, Audience.MEMBERS)
    with pytest.raises(Invalid):
        check_audience(NoteKind.CAUCUS, Audience.TABLE)
    with pytest.raises(Conflict):
        check_widening(NoteKind.MINUTES, Audience.MEMBERS, Audience.TABLE)
    with pytest.raises(Invalid):
        check_targets(NoteKind.HISTORY, {"clause_id": 1, "session_id": None})
    with pytest.raises(Invalid):
        check_targets(NoteKind.MINUTES, {"clause_id": None})


def test_uploads_are_checked_against_their_content():
    ok = check_upload(b"a,b\n", "text/csv", "text/plain", "dir/roster.csv", 100)
    assert (ok.media_type, ok.filename, ok.size) == ("text/csv", "roster.csv", 4)
    assert len(ok.sha256) == 64
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert check_upload(b"PK..", xlsx, "application/zip", "r.xlsx", 100).media_type == xlsx
    assert (
        check_upload(b"%PDF", "application/octet-stream", "application/pdf", "x", 100).media_type
        == "application/pdf"
    )
    for content, declared, detected, code in [
        (b"", "text/plain", "text/plain", "file_empty"),
        (b"x" * 101, "text/plain", "text/plain", "file_too_large"),
        (b"MZ", "application/pdf", "application/x-dosexec", "media_mismatch"),
        (b"<html>", "text/html", "text/html", "media_type"),
    ]:
        with pytest.raises(Invalid) as caught:
            check_upload(content, declared, detected, "f", 100)
        assert caught.value.code == code
    assert clean_filename('..\\evil"\x00name.pdf') == "evil__name.pdf"
