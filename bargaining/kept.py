"""Small per-process helpers for kept (cached) values: the engine a session runs on, identity memos."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache
from sqlalchemy import Engine
from sqlalchemy.orm import Session

V = TypeVar("V")


def engine_of(session: Session) -> Engine:
    """The engine a session runs on (per-database caches key on it: tests run many, same ids)."""
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


class IdentityMemo(Generic[V]):
    """Values kept by key with the objects they were made from, given back only for those very objects."""

    def __init__(self, maxsize: int) -> None:
        """Start empty, keeping at most maxsize keys (least recently used go first)."""
        self._kept: LRUCache[Hashable, tuple[tuple[object, ...], V]] = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def get(self, key: Hashable, sources: tuple[object, ...]) -> V | None:
        """The value kept for key if it was made from these same objects."""
        with self._lock:
            kept = self._kept.get(key)
        return kept[1] if kept is not None and _same(kept[0], sources) else None

    def keep(self, key: Hashable, sources: tuple[object, ...], value: V) -> None:
        """Keep a value made from these objects under key."""
        with self._lock:
            self._kept[key] = (sources, value)

    def clear(self) -> None:
        """Forget every kept value."""
        with self._lock:
            self._kept.clear()

    def made_from(self, source: object, make: Callable[[], V]) -> V:
        """The value kept for this very object, else made and kept: keyed by its identity, which is
        not reused while the entry (holding the object) lives."""
        return self.get_or_make(id(source), (source,), make)

    def get_or_make(self, key: Hashable, sources: tuple[object, ...], make: Callable[[], V]) -> V:
        """The value kept for key if it was made from these same objects; else make and keep it."""
        found = self.get(key, sources)
        if found is None:
            found = make()
            self.keep(key, sources, found)
        return found


def _same(kept: tuple[object, ...], sources: tuple[object, ...]) -> bool:
    """True if both hold the very same objects, in order."""
    return len(kept) == len(sources) and all(a is b for a, b in zip(kept, sources, strict=True))
