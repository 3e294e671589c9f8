"""Renderers of redlines: HTML, Markdown, plain text and summaries."""

# Equal runs render the NEW text (an equal run that differs in whitespace only shows the new
# whitespace). A deletion or insertion spanning line breaks is marked line by line, so every
# marker opens and closes on the same line.

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bargaining.domain.redlines.contract_diff import ClauseDiff
from bargaining.domain.redlines.engine import Op, stats

_CSS_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Markdown characters escaped with a backslash wherever they appear.
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~=])")
_MD_BLANK = " \t\f\v\r"


def _css_name(value: str, what: str) -> str:
    """Return value if it is a safe CSS class name, else fail."""
    if not _CSS_NAME_RE.fullmatch(value):
        raise ValueError(f"{what} must be a CSS class name, got {value!r}")
    return value


def _lines(text: str) -> Iterator[tuple[bool, str]]:
    """Yield (starts_new_line, piece) for each line piece of text."""
    for k, piece in enumerate(text.split("\n")):
        yield k > 0, piece


def to_html(ops: Iterable[Op], *, css_prefix: str = "rl", side: str | None = None) -> str:
    """Render ops as HTML: <del>/<ins> with classes, all text escaped, line breaks as <br>."""
    prefix = _css_name(css_prefix, "css_prefix")
    extra = f" {prefix}-{_css_name(side, 'side')}" if side is not None else ""
    tags = {"delete": ("del", f"{prefix}-del{extra}"), "insert": ("ins", f"{prefix}-ins{extra}")}
    out: list[str] = []
    for op in ops:
        for new_line, piece in _lines(op.text):
            if new_line:
                out.append("<br>\n")
            if not piece:
                continue
            text = html.escape(piece, quote=True)
            if op.kind == "equal":
                out.append(text)
            else:
                tag, cls = tags[op.kind]
                out.append(f'<{tag} class="{cls}">{text}</{tag}>')
    return "".join(out)


def _md_escape(text: str) -> str:
    """Escape Markdown syntax characters with backslashes and & as an entity."""
    return _MD_SPECIAL_RE.sub(r"\\\1", text.replace("&", "&amp;"))


def _md_mark(piece: str, marker: str) -> str:
    """Wrap the non-blank middle of piece in marker, leaving its outer spaces outside."""
    core = piece.strip()
    if not core:
        return piece
    start = piece.index(core)
    return f"{piece[:start]}{marker}{_md_escape(core)}{marker}{piece[start + len(core) :]}"


def to_markdown(ops: Iterable[Op]) -> str:
    """Render ops as Markdown: ~~deleted~~ and **inserted**, special characters escaped."""
    markers = {"delete": "~~", "insert": "**"}
    out: list[str] = []
    for op in ops:
        for new_line, piece in _lines(op.text):
            if new_line:
                out.append("\n")
            if op.kind == "equal":
                out.append(_md_escape(piece))
            else:
                out.append(_md_mark(piece, markers[op.kind]))
    # Layout indentation would turn lines into code blocks, and trailing blanks into hard
    # breaks: strip both; blank lines still separate paragraphs.
    return "\n".join(line.strip(_MD_BLANK) for line in "".join(out).split("\n"))


def to_text(ops: Iterable[Op]) -> str:
    """Render ops as plain text: [-deleted-] and {+inserted+}."""
    parts: list[str] = []
    for op in ops:
        if op.kind == "delete":
            parts.append(f"[-{op.text}-]")
        elif op.kind == "insert":
            parts.append(f"{{+{op.text}+}}")
        else:
            parts.append(op.text)
    return "".join(parts)


def summary(ops: Iterable[Op]) -> dict[str, Any]:
    """Return words_inserted, words_deleted and changed for a redline."""
    result = stats(ops)
    return {
        "words_inserted": result.words_inserted,
        "words_deleted": result.words_deleted,
        "changed": result.changed,
    }


def documents_summary(diffs: Sequence[ClauseDiff]) -> dict[str, int]:
    """Return clause counts by kind of change and the words inserted and deleted in all."""
    kinds = Counter(d.change for d in diffs)
    totals = [stats(d.ops) for d in diffs]
    out = {
        f"clauses_{kind}": kinds.get(kind, 0)
        for kind in ("unchanged", "changed", "added", "deleted", "moved", "renumbered")
    }
    out["clauses"] = len(diffs)
    out["words_inserted"] = sum(t.words_inserted for t in totals)
    out["words_deleted"] = sum(t.words_deleted for t in totals)
    return out
