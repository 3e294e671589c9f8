"""An in-process, bounded LRU of word redlines keyed by the content hashes of the two texts."""

# A redline is a pure function of (old text, new text, ignore_whitespace), and clause texts are
# immutable versions named by their SHA-256 content hash (bargaining.domain.hashing), so a redline
# is cached under (hash of old, hash of new, ignore_whitespace) and never needs invalidating.
# The hashes are computed here from the texts themselves (microseconds per clause), so a key can
# never disagree with the text it stands for.
#
# Bounds: at most MAX_ENTRIES pairs and MAX_CHARS characters of op text in all; the least recently
# used pairs go first, and a single redline larger than MAX_CHARS is returned but not kept. The
# cache lives in each process (each gunicorn worker has its own) and is shared by its threads
# under a lock; the diff itself runs outside the lock, so two threads missing on the same pair at
# once may both compute it (the result is the same).

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from bargaining.domain.hashing import content_hash
from bargaining.domain.redlines.blackline import blackline
from bargaining.domain.redlines.engine import Op, Redline

MAX_ENTRIES = 4096
MAX_CHARS = 32_000_000

Key = tuple[str, str, bool]


@dataclass(frozen=True, slots=True)
class CacheStats:
    """Hits, misses, pairs held and characters held."""

    hits: int
    misses: int
    entries: int
    chars: int


def _weight(found: Redline) -> int:
    """The characters a cached redline holds."""
    return sum(len(op.text) + len(op.old or "") for op in found.ops) + 1


class RedlineCache:
    """A thread-safe LRU of redlines bounded by entries and by characters held."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_chars: int = MAX_CHARS) -> None:
        """Start empty."""
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._items: OrderedDict[Key, Redline] = OrderedDict()
        self._chars = 0
        self._hits = 0
        self._misses = 0
        self._lock = threading.Lock()

    def redline(self, old: str, new: str, *, ignore_whitespace: bool = True) -> tuple[Op, ...]:
        """Return the redline of old against new, computing it only on a miss."""
        return self.full(old, new, ignore_whitespace=ignore_whitespace).ops

    def full(self, old: str, new: str, *, ignore_whitespace: bool = True) -> Redline:
        """Return the redline and whether its alignment was coarsened, computing it only on a miss."""
        key = (content_hash(old), content_hash(new), ignore_whitespace)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self._hits += 1
                return found
            self._misses += 1
        found = blackline(old, new, ignore_whitespace=ignore_whitespace)
        self._keep(key, found)
        return found

    def _keep(self, key: Key, found: Redline) -> None:
        """Store a computed redline, evicting the least recently used past the bounds."""
        weight = _weight(found)
        if weight > self.max_chars:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = found
            self._chars += weight
            while len(self._items) > self.max_entries or self._chars > self.max_chars:
                _, dropped = self._items.popitem(last=False)
                self._chars -= _weight(dropped)

    def stats(self) -> CacheStats:
        """Return the counters."""
        with self._lock:
            return CacheStats(self._hits, self._misses, len(self._items), self._chars)

    def clear(self) -> None:
        """Forget every redline and reset the counters."""
        with self._lock:
            self._items.clear()
            self._chars = self._hits = self._misses = 0


CACHE = RedlineCache()


def cached_redline(old: str, new: str, *, ignore_whitespace: bool = True) -> tuple[Op, ...]:
    """Return the redline of old against new from the process-wide cache."""
    return CACHE.redline(old, new, ignore_whitespace=ignore_whitespace)


def cached_full(old: str, new: str, *, ignore_whitespace: bool = True) -> Redline:
    """Return the redline (ops and whether it is coarse) from the process-wide cache."""
    return CACHE.full(old, new, ignore_whitespace=ignore_whitespace)
