"""A redline's wall-clock budget: the time left for the next diff, and whether it ran out."""

from __future__ import annotations

import time

# The whole redline's time budget, in seconds (see "Time bound" in engine.py).
BUDGET_SECONDS = 1.0


class Budget:
    """The time a redline may still spend diffing, and whether it ever ran out."""

    def __init__(self, seconds: float | None) -> None:
        """Start the clock (None: no limit)."""
        self.deadline = None if seconds is None else time.perf_counter() + seconds
        self.coarse = False

    def limit(self) -> float | None:
        """The time limit for the next diff: 0 for none, None when time is up."""
        if self.deadline is None:
            return 0.0
        left = self.deadline - time.perf_counter()
        if left <= 0:
            self.coarse = True
            return None
        return left

    def check(self) -> None:
        """Note that a diff ran past the deadline (its alignment may have been cut short)."""
        if self.deadline is not None and time.perf_counter() >= self.deadline:
            self.coarse = True
