"""The live stream: a bounded number of open streams per worker, each polling the feed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import DomainError
from bargaining.services.events.feed import as_event, caller_reader, events_after

_LOCK = threading.Lock()
_SLOTS: dict[int, threading.BoundedSemaphore] = {}


@dataclass(frozen=True, slots=True)
class StreamSettings:
    """How a stream behaves: its polling, heartbeat, lifetime and the client's reconnect delay."""

    poll_seconds: float = 1.0
    heartbeat_seconds: float = 15.0
    lifetime_seconds: float = 300.0
    retry_ms: int = 2000
    batch: int = 100
    once: bool = False


def slots(limit: int) -> threading.BoundedSemaphore:
    """This process's stream slots (one semaphore per configured limit)."""
    with _LOCK:
        if limit not in _SLOTS:
            _SLOTS[limit] = threading.BoundedSemaphore(limit)
        return _SLOTS[limit]


def frame(event: dict[str, Any]) -> str:
    """One Server-Sent Event: its number as the id, its action as the event name, JSON data."""
    data = orjson.dumps(event).decode()
    return f"id: {event['id']}\nevent: {event['action']}\ndata: {data}\n\n"


def stream(
    open_session: Callable[[], AbstractContextManager[Session]],
    actor: Actor,
    table_id: int,
    after: int,
    settings: StreamSettings,
    release: Callable[[], None],
) -> Iterator[str]:
    """Yield the table's events after the cursor as the caller may see them, with heartbeats, until
    the stream's lifetime ends (the client reconnects with Last-Event-ID) or their seat goes."""
    try:
        yield f"retry: {settings.retry_ms}\n\n"
        started = beat = time.monotonic()
        while time.monotonic() - started < settings.lifetime_seconds:
            with open_session() as session:
                reader = caller_reader(session, actor, table_id)
                rows = session.execute(events_after(table_id, reader, after, settings.batch)).all()
                session.rollback()
            for row in rows:
                after = row.seq
                yield frame(as_event(row, reader))
            if rows and len(rows) == settings.batch:
                continue
            if settings.once:
                return
            if time.monotonic() - beat >= settings.heartbeat_seconds:
                beat = time.monotonic()
                yield ": heartbeat\n\n"
            time.sleep(settings.poll_seconds)
    except DomainError:
        return
    finally:
        release()
