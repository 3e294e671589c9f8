"""What the contract's documents share: the open-clause note and Markdown escaping."""

from __future__ import annotations

import re

OPEN_NOTE = "OPEN: not yet agreed; the current language is shown."
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<>|~&#])")
_MD_LINE_START_RE = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_inline(text: str) -> str:
    """Escape Markdown inline markup in one line of text (headings)."""
    return _MD_INLINE_RE.sub(r"\\\1", " ".join(text.split()))


def md_escape(text: str) -> str:
    """Escape Markdown so text reads literally: inline markup everywhere, block markers at line starts."""
    lines = []
    for line in text.split("\n"):
        line = _MD_INLINE_RE.sub(r"\\\1", line.strip())
        lines.append(_MD_LINE_START_RE.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line))
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    """Escape a block marker: '-' -> '\\-', '12.' -> '12\\.'."""
    return marker[:-1] + "\\" + marker[-1]
