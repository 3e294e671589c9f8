"""The redline every document and API answer shows: the word diff, spacing splits folded, rewrites whole."""

from __future__ import annotations

from bargaining.domain.redlines.engine import BUDGET_SECONDS, Redline, redline
from bargaining.domain.redlines.rewrites import coalesce_rewrites
from bargaining.domain.redlines.whitespace import fold_split_words


def blackline(
    old: str, new: str, *, ignore_whitespace: bool = True, budget: float | None = BUDGET_SECONDS
) -> Redline:
    """Diff word by word within the budget; with whitespace ignored fold split words; show rewrites whole."""
    found = redline(old, new, ignore_whitespace=ignore_whitespace, budget=budget)
    ops = fold_split_words(found.ops) if ignore_whitespace else list(found.ops)
    return Redline(tuple(coalesce_rewrites(ops)), found.coarse)
