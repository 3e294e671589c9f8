"""Collecting a redline's runs in order: neighbours merged, whitespace-only changes folded."""

from __future__ import annotations

from bargaining.domain.redlines.budget import Budget
from bargaining.domain.redlines.ops import Op
from bargaining.domain.redlines.tokens import is_blank


class Builder:
    """Collect runs in order, merging neighbours and folding whitespace-only changes."""

    def __init__(self, ignore_whitespace: bool, budget: Budget | None = None) -> None:
        """Start an empty redline."""
        self.budget = budget or Budget(None)
        self.words = True  # False: texts too large for any word diff; lines only
        self.ops: list[Op] = []
        self._ignore = ignore_whitespace
        self._eq_new: list[str] = []
        self._eq_old: list[str] = []
        self._deleted: list[str] = []
        self._inserted: list[str] = []

    def equal(self, new: str, old: str) -> None:
        """Add text present on both sides (old may differ from new in whitespace only)."""
        self._flush_change()
        self._eq_new.append(new)
        self._eq_old.append(old)

    def delete(self, text: str) -> None:
        """Add text present only in the old document."""
        self._deleted.append(text)

    def insert(self, text: str) -> None:
        """Add text present only in the new document."""
        self._inserted.append(text)

    def finish(self) -> list[Op]:
        """Flush pending runs and return the ops."""
        self._flush_change()
        self._flush_equal()
        return self.ops

    def _flush_change(self) -> None:
        """Emit the pending change as delete then insert, or fold it into the equal run."""
        deleted, inserted = "".join(self._deleted), "".join(self._inserted)
        self._deleted.clear()
        self._inserted.clear()
        if not deleted and not inserted:
            return
        if self._ignore and is_blank(deleted) and is_blank(inserted):
            self._eq_new.append(inserted)
            self._eq_old.append(deleted)
            return
        self._flush_equal()
        if deleted:
            self.ops.append(Op("delete", deleted))
        if inserted:
            self.ops.append(Op("insert", inserted))

    def _flush_equal(self) -> None:
        """Emit the pending equal run, keeping the old text only if it differs."""
        new, old = "".join(self._eq_new), "".join(self._eq_old)
        self._eq_new.clear()
        self._eq_old.clear()
        if new or old:
            self.ops.append(Op("equal", new, None if old == new else old))
