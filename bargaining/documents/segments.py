"""A changed clause split into its text and its tables of figures, each compared its own way."""

from __future__ import annotations

from collections.abc import Sequence

from bargaining.documents.model import Block
from bargaining.domain.redlines.blackline import blackline
from bargaining.domain.redlines.engine import Op, apply_old
from bargaining.domain.redlines.tables import TableDiff, TextPair, compare

Part = tuple[Op, ...] | TableDiff


def block_parts(block: Block, redline: bool) -> Sequence[Part]:
    """The block's ops as one part, or, when both texts hold tables, its text and tables in order."""
    if not redline or not block.changed:
        return (block.ops,)
    segments = compare(apply_old(block.ops), block.text)
    if segments is None:
        return (block.ops,)
    return [blackline(s.old, s.new).ops if isinstance(s, TextPair) else s for s in segments]
