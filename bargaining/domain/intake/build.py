"""Segmentation for the contract importer: split cleaned lines into article blocks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from bargaining.domain.intake.headings import (
    TopHeading,
    clean_title,
    is_all_caps,
    match_marker,
    match_top,
    prose_like,
    title_like,
    titles_similar,
)
from bargaining.domain.intake.lines import COVER, TEXT, Line

MAX_TITLE_LINES = 3
TITLE_JOIN = " \u2013 "
IMPLICIT_PREAMBLE = TopHeading("preamble", "front:IMPLICIT", "Preamble", "Preamble", "preamble")


@dataclass
class RawArticle:
    """An article-level block: its heading and the lines of its body."""

    top: TopHeading
    title: str
    line: int
    body: list[Line] = field(default_factory=list)


@dataclass
class Segments:
    """The result of segmentation, with bookkeeping for dropped and unplaced lines."""

    articles: list[RawArticle] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)
    skipped: int = 0


def _next_nonblank(content: list[Line], k: int, max_blanks: int) -> int | None:
    """Return the index of the next non-blank line after at most max_blanks blank lines."""
    blanks = 0
    while k < len(content):
        if content[k].s:
            return k
        blanks += 1
        if blanks > max_blanks:
            return None
        k += 1
    return None


def _next_line_title(cand: Line, head: Line, top: TopHeading) -> TopHeading | None:
    """Tell whether cand carries the title of a heading that had none; return the heading."""
    s = cand.s
    other = match_top(s)
    if other is not None:
        if top.kind == "appendix" and other.kind == "side_letter":
            return dataclasses.replace(top, kind="side_letter")
        if top.kind == "side_letter" and other.kind == "article":
            return top  # a letter's second heading line names the article it amends
        return top if other.kind == "preamble" else None
    if match_marker(s) is not None or len(s) > 100:
        return None
    if is_all_caps(s) or (cand.indent >= 8 and head.indent >= 8 and title_like(s)):
        return top
    return None


def _continues(cand: Line, title: str) -> bool:
    """Tell whether cand continues a heading title wrapped onto the next line."""
    s = cand.s
    if match_top(s) is not None or match_marker(s) is not None or len(s) > 100:
        return False
    if is_all_caps(s):
        return True
    return s[0].islower() and not title.endswith((".", ":"))


def complete_title(content: list[Line], j: int, top: TopHeading) -> tuple[TopHeading, str, int]:
    """Collect a heading's title from its line and the lines after it."""
    title, k = top.title, j + 1
    if top.kind == "preamble":
        return top, title, k
    if not top.complete:
        c = _next_nonblank(content, k, 1)
        found = None if c is None else _next_line_title(content[c], content[j], top)
        if c is not None and found is not None:
            top, k = found, c + 1
            title = f"{title}{TITLE_JOIN}{content[c].s}" if top.keyword == "letter" else content[c].s
    added = 0
    while k < len(content) and content[k].s and added < MAX_TITLE_LINES:
        if not _continues(content[k], title):
            break
        title, k, added = f"{title} {content[k].s}", k + 1, added + 1
    return top, clean_title(title), k


def _is_running(seg: Segments, top: TopHeading, title: str, line: Line) -> bool:
    """Tell whether a heading repeats an earlier one as a running page header."""
    if top.key not in seg.seen:
        return False
    similar = not title or titles_similar(title, seg.seen[top.key])
    current = seg.articles[-1] if seg.articles else None
    if current is not None and current.top.key == top.key and similar:
        return True
    return line.edge and (similar or line.repeats >= 3)


def _paragraph_like(line: Line) -> bool:
    """Tell whether a line reads like running prose rather than a cover-page line."""
    return prose_like(line.s)


def flush_pending(seg: Segments) -> None:
    """Turn text seen before the first heading into a preamble, or list it as unplaced."""
    lines = [line for line in seg.pending if line.s]
    if lines and any(_paragraph_like(line) for line in lines):
        seg.articles.append(RawArticle(IMPLICIT_PREAMBLE, "Preamble", lines[0].no, seg.pending))
        seg.seen[IMPLICIT_PREAMBLE.key] = "Preamble"
    else:
        seg.unplaced.extend((line.no, line.s) for line in lines)
    seg.pending = []


def _usable(seg: Segments, top: TopHeading) -> bool:
    """Tell whether a heading may open a block here (front matter only before articles)."""
    if top.kind != "preamble":
        return True
    return all(a.top.kind == "preamble" for a in seg.articles)


def _open(seg: Segments, content: list[Line], j: int, top: TopHeading) -> int:
    """Open a new article block at content[j], or skip a running header; return next index."""
    top, title, nxt = complete_title(content, j, top)
    line = content[j]
    if _is_running(seg, top, title, line):
        seg.skipped += sum(1 for c in content[j:nxt] if c.s)
        return nxt
    if seg.pending or not seg.articles:
        flush_pending(seg)
    seg.articles.append(RawArticle(top, title, line.no))
    seg.seen.setdefault(top.key, title)
    return nxt


def _append(seg: Segments, line: Line) -> None:
    """Add a body line to the current block, or hold it until the first heading."""
    if seg.articles:
        seg.articles[-1].body.append(line)
    else:
        seg.pending.append(line)


def _cover_preamble(cover: list[Line]) -> int | None:
    """Find a PREAMBLE/AGREEMENT heading on the cover that is followed by real prose."""
    for i, line in enumerate(cover):
        top = match_top(line.s) if line.s else None
        if top is None or top.keyword not in ("preamble", "agreement"):
            continue
        after = [c for c in cover[i + 1 :] if c.s][:3]
        if any(_paragraph_like(c) for c in after):
            return i
    return None


def _split_cover(seg: Segments, cover: list[Line]) -> None:
    """List cover-page lines as unplaced, except a preamble found on the cover."""
    start = _cover_preamble(cover)
    head = cover if start is None else cover[:start]
    seg.unplaced.extend((line.no, line.s) for line in head if line.s)
    if start is not None:
        top = match_top(cover[start].s)
        assert top is not None
        seg.articles.append(RawArticle(top, top.title, cover[start].no, cover[start + 1 :]))
        seg.seen[top.key] = top.title


def segment(lines: list[Line]) -> Segments:
    """Split classified lines into article blocks."""
    seg = Segments()
    seg.skipped = sum(1 for line in lines if line.s and line.kind not in (TEXT, COVER))
    _split_cover(seg, [line for line in lines if line.kind == COVER])
    content = [line for line in lines if line.kind == TEXT]
    j = 0
    before = ""
    while j < len(content):
        line = content[j]
        top = match_top(line.s) if line.s else None
        if top is not None and _usable(seg, top) and (top.key in seg.seen or not _introduced(before)):
            j = _open(seg, content, j, top)
            continue
        _append(seg, line)
        before = line.s or before
        j += 1
    flush_pending(seg)
    return seg


def _introduced(before: str) -> bool:
    """Tell whether the text before a heading-like line introduces it (an example, quoted language)."""
    return before.endswith(":") and match_top(before) is None and match_marker(before) is None
