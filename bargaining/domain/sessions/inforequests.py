"""Information requests: item status and overdue, derived from the record, never stored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class ItemStatus(StrEnum):
    """Where one requested item stands."""

    OPEN = "open"
    PARTIALLY_ANSWERED = "partially_answered"
    ANSWERED = "answered"
    OBJECTED = "objected"
    WITHDRAWN = "withdrawn"


class RequestState(StrEnum):
    """A request is a private draft of the requesting side until sent."""

    DRAFT = "draft"
    SENT = "sent"


UNANSWERED = frozenset({ItemStatus.OPEN, ItemStatus.PARTIALLY_ANSWERED})


def item_status(*, withdrawn: bool, objected: bool, answers: int, complete: bool) -> ItemStatus:
    """Derive an item's status: withdrawn, then a complete answer, then objection, then partial."""
    if withdrawn:
        return ItemStatus.WITHDRAWN
    if complete:
        return ItemStatus.ANSWERED
    if objected:
        return ItemStatus.OBJECTED
    if answers:
        return ItemStatus.PARTIALLY_ANSWERED
    return ItemStatus.OPEN


def is_overdue(status: ItemStatus, due: date | None, today: date, sent: bool = True) -> bool:
    """An item is overdue once its due date has passed and it is still (partly) unanswered."""
    return sent and due is not None and due < today and status in UNANSWERED


def request_status(statuses: Iterable[ItemStatus]) -> ItemStatus:
    """Sum up a request's items: open, partially answered while some are unanswered, else settled."""
    live = set(statuses) - {ItemStatus.WITHDRAWN}
    if not live:
        return ItemStatus.WITHDRAWN
    if live == {ItemStatus.OPEN}:
        return ItemStatus.OPEN
    if live & UNANSWERED:
        return ItemStatus.PARTIALLY_ANSWERED
    return ItemStatus.OBJECTED if ItemStatus.OBJECTED in live else ItemStatus.ANSWERED
