"""A redline's runs (ops), what they rebuild and what they count."""

# An equal op whose texts differ only in whitespace carries the NEW text in ``text`` and the OLD
# text in ``old`` (None when they are the same), so both texts round-trip exactly.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bargaining.domain.redlines.tokens import count_side_cuts

OpKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Op:
    """One run of a redline; an equal run keeps the old text in ``old`` if it differs."""

    kind: OpKind
    text: str
    old: str | None = None

    @property
    def old_text(self) -> str:
        """Return the text of this run in the old document ('' for an insert)."""
        if self.kind == "insert":
            return ""
        return self.text if self.old is None else self.old

    @property
    def new_text(self) -> str:
        """Return the text of this run in the new document ('' for a delete)."""
        return "" if self.kind == "delete" else self.text

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form: kind, text and, only when set, old."""
        out = {"kind": self.kind, "text": self.text}
        if self.old is not None:
            out["old"] = self.old
        return out


@dataclass(frozen=True, slots=True)
class RedlineStats:
    """Counts of a redline: words inserted and deleted, and whether anything changed."""

    words_inserted: int
    words_deleted: int
    changed: bool


def apply_new(ops: Iterable[Op]) -> str:
    """Rebuild the new text from equal and insert runs."""
    return "".join(op.new_text for op in ops)


def apply_old(ops: Iterable[Op]) -> str:
    """Rebuild the old text from equal and delete runs."""
    return "".join(op.old_text for op in ops)


def stats(ops: Iterable[Op]) -> RedlineStats:
    """Return words inserted, words deleted and whether anything changed."""
    inserted = deleted = 0
    changed = False
    for op in ops:
        if op.kind == "insert":
            inserted += len(op.text.split())
        elif op.kind == "delete":
            deleted += len(op.text.split())
        changed = changed or op.kind != "equal"
    return RedlineStats(words_inserted=inserted, words_deleted=deleted, changed=changed)


def count_word_cuts(ops: Sequence[Op]) -> int:
    """Count op boundaries that fall inside a word, in the old text plus in the new text."""
    # Each side is read on its own (old: equal and delete runs; new: equal and insert runs);
    # a cut is a boundary between two runs where the last character before it and the first
    # after it are both word characters (see is_word_char: letter, digit, '_' or mark).
    return count_side_cuts(op.old_text for op in ops) + count_side_cuts(op.new_text for op in ops)
