"""What a document says, whatever its format: sections of clause blocks, each a redline or clean text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bargaining.domain.redlines.engine import Op

FORMATS = ("json", "html", "md", "text", "docx", "pdf")
MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
EXTENSIONS = {"json": "json", "html": "html", "md": "md", "text": "txt", "docx": "docx", "pdf": "pdf"}
LEGEND = "Deleted text is struck through; inserted text is underlined."
_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")


@dataclass(frozen=True, slots=True)
class Author:
    """Whom a block's changes are credited to (the party at the table, with its label) and when."""

    name: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class Block:
    """One clause: its heading, its redline (all equal ops for clean text), and what it is."""

    heading: str
    ops: tuple[Op, ...]
    author: Author | None = None
    note: str = ""
    agreed: bool = False
    open: bool = False
    anchor: str = ""

    @property
    def changed(self) -> bool:
        """Some op inserts or deletes text."""
        return any(op.kind != "equal" for op in self.ops)

    @property
    def text(self) -> str:
        """The new text."""
        return "".join(op.new_text for op in self.ops)


@dataclass(frozen=True, slots=True)
class Section:
    """An article (or the clauses of no article): a heading and its blocks."""

    heading: str
    blocks: tuple[Block, ...]
    anchor: str = ""

    @property
    def changed(self) -> bool:
        """Some block in it changed."""
        return any(b.changed for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Document:
    """A redline (old_label set) or a clean document (old_label None), ready for any format."""

    title: str
    table: str
    new_label: str
    sections: tuple[Section, ...]
    filename: str
    old_label: str | None = None
    notes: tuple[str, ...] = ()
    contents: bool = False
    generated: datetime | None = None
    summary: tuple[str, ...] = field(default=())

    @property
    def is_redline(self) -> bool:
        """It compares two texts (else it is clean text, with no tracked changes)."""
        return self.old_label is not None

    @property
    def comparison(self) -> str:
        """'Current contract → Union position' or the one text a clean document shows."""
        if self.old_label is None:
            return self.new_label
        return f"{self.old_label} compared with {self.new_label}"


def file_stem(*parts: str) -> str:
    """A safe file name stem from its parts: 'caseload-talks_redline_article-5_base-to-union'."""
    words = [_UNSAFE.sub("-", part).strip("-.").lower() for part in parts if part]
    return "_".join(w for w in words if w)[:150] or "document"
