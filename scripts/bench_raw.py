"""The raw character diffs, the engine ratios' denominators, timed in a process of their own.

They are most of a minute of C++ on one core (pair A alone about 35 s), and their figure is CPU
time, so `make bench` runs them beside the engine's cases, its scale series and the databases'
preparation, which use the other core of two; ``finish`` waits for them before any load runs.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol


class HasRaw(Protocol):
    """What a raw diff's figures are written into (bench_engine.EngineCase)."""

    raw_seconds: float | None
    raw_wall_seconds: float | None


def raw_timing(old: str, new: str) -> tuple[float, float]:
    """Best CPU and wall seconds of the raw character diff of old and new (in the pool's process)."""
    from bargaining.domain.redlines.engine import raw_char_diff_seconds
    from scripts.bench_engine import timed  # bench_engine imports this module

    timing = timed(1, lambda: raw_char_diff_seconds(old, new))
    return timing.cpu, timing.wall


class RawDiffs:
    """A one-process pool timing raw diffs one after another; ``finish`` writes their figures back."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._pending: list[tuple[HasRaw, Future[tuple[float, float]]]] = []

    def submit(self, case: HasRaw, old: str, new: str) -> None:
        """Time this pair's raw diff after those submitted before it."""
        self._pending.append((case, self._pool.submit(raw_timing, old, new)))

    @property
    def waiting(self) -> int:
        """How many raw diffs ``finish`` has yet to collect."""
        return len(self._pending)

    def finish(self) -> None:
        """Wait for every raw diff, fill in the cases, stop the process; again, nothing to do."""
        try:
            for case, future in self._pending:
                case.raw_seconds, case.raw_wall_seconds = future.result()
        finally:
            self._pending.clear()
            self._pool.shutdown(cancel_futures=True)
