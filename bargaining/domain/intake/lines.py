"""Line clean-up for the contract importer: characters, gutters, page furniture."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from bargaining.domain.intake.headings import match_marker, match_top, prose_like

TEXT, NOISE, TOC, COVER, SPACING = "text", "noise", "toc", "cover", "spacing"
EDGE_LINES = 4
FRONT_MATTER_SHARE = 0.25
GUTTER_SHARE = 0.4
DOUBLE_SPACED_SHARE = 0.55
MIN_DOUBLE_SPACED_LINES = 30

_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = {0x00A0: " ", 0x2007: " ", 0x202F: " "}
_PUA_BULLET = re.compile("[\uf000-\uf0ff]")
_JUNK = re.compile("[\ue000-\uf8ff\x00-\x08\x0b-\x1f]")
_GUTTER = re.compile(r"^(\s*)(\d{1,2})(?=\s{2,}|\s*$)")
_PAGE_NUMBER = re.compile(r"^(?:(?i:page)\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$|^-\s*\d{1,3}\s*-$|^[ivxl]{1,6}$")
_FOOTER = re.compile(r"\S\s{2,}(?:\d{1,3}\s+of\s+\d{1,3}|page\s+\d{1,3})$", re.I)
_EXPLICIT = re.compile(
    r"^docusign envelope id:|^(?:this\s+page\s+)?(?:is\s+)?(?:left\s+)?intentionally\s+"
    r"(?:left\s+)?blank\.?$",
    re.I,
)
_TOC_MARKER = re.compile(r"^(?:#{1,6}\s*)?(?:table\s+of\s+contents|contents|index)\s*:?$", re.I)
_LEADER = re.compile(r"\.{4,}|(?:\.\s){3,}|…{2,}|\.{3}\s*\S*\s*\d{1,3}$")
_ENDS_WITH_PAGE = re.compile(r"[A-Za-z)\]'\u2019\u201d.:]\S*\s+(?:\d{1,3}|[ivx]{1,5})$")
_BARE_HEADING = re.compile(
    r"^(?:article|section|sec\.|appendix|addendum|exhibit|schedule|attachment)\s+\S+$", re.I
)


@dataclass
class Line:
    """One input line after character clean-up, with its classification."""

    no: int
    text: str
    page: int
    kind: str = TEXT
    edge: bool = False
    repeats: int = 0

    @cached_property
    def s(self) -> str:
        """Return the stripped text (kept; strip_gutters forgets it when it changes the text)."""
        return self.text.strip()

    @property
    def indent(self) -> int:
        """Return the number of leading spaces."""
        return len(self.text) - len(self.text.lstrip())


def _clean_chars(raw: str) -> str:
    """Drop zero-width characters, normalise spaces and private-use bullet glyphs."""
    text = _PUA_BULLET.sub("•", raw.translate(_DROP).translate(_SPACES))
    return _JUNK.sub("", text).expandtabs(8).rstrip()


def split_lines(text: str) -> list[Line]:
    """Split text into cleaned lines, numbering pages at form feeds."""
    lines: list[Line] = []
    page = 0
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        page += raw.count("\f")
        lines.append(Line(no, _clean_chars(raw.replace("\f", "")), page))
    return lines


def _gutter_hits(lines: list[Line]) -> list[tuple[Line, re.Match[str]]]:
    """Find lines whose leading number continues a 1, 2, 3 ... gutter sequence."""
    hits: list[tuple[Line, re.Match[str]]] = []
    expected, page = 1, -1
    for line in lines:
        if line.page != page:
            expected, page = 1, line.page
        m = _GUTTER.match(line.text)
        if not m:
            continue
        value = int(m.group(2))
        if value == 1 and expected > 10:
            expected = 1
        if value == expected:
            hits.append((line, m))
            expected += 1
    return hits


def strip_gutters(lines: list[Line]) -> None:
    """Remove pleading-paper line numbers when most lines carry them."""
    hits = _gutter_hits(lines)
    nonblank = sum(1 for line in lines if line.s)
    if not nonblank or len(hits) < GUTTER_SHARE * nonblank:
        return
    for line, m in hits:
        line.text = (m.group(1) + " " * len(m.group(2)) + line.text[m.end() :]).rstrip()
        line.__dict__.pop("s", None)


def _explicit_noise(s: str) -> bool:
    """Tell whether a line is a page number, page footer or e-signature stamp."""
    return bool(_PAGE_NUMBER.match(s) or _FOOTER.search(s) or _EXPLICIT.match(s))


def _pages(lines: list[Line]) -> list[list[Line]]:
    """Group the non-blank, non-noise lines by page."""
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.s and line.kind == TEXT:
            pages[line.page].append(line)
    return list(pages.values())


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    """Normalise a line for repetition counting."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    s = re.sub(r"\s+[ivxlc]{1,6}$", " #", s)
    return re.sub(r"\d+", "#", s)


def _is_heading(s: str) -> bool:
    """Tell whether a line is any kind of heading or clause marker."""
    return match_top(s) is not None or match_marker(s) is not None


def _near_explicit(by_no: dict[int, Line], line: Line) -> bool:
    """Tell whether a line sits in the same block as an explicit page-number line."""
    for step in (-1, 1):
        other = by_no.get(line.no + step)
        while other is not None and other.s:
            if other.kind == NOISE:
                return True
            other = by_no.get(other.no + step)
    return False


@dataclass
class _EdgeStats:
    """Page-edge repetition counts for one side (top or bottom) of the pages."""

    pages: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    near: dict[str, bool] = field(default_factory=lambda: defaultdict(bool))

    def add(self, line: Line, near: bool) -> None:
        """Count one edge line."""
        key = _key(line.s)
        self.pages[key].add(line.page)
        self.near[key] = self.near[key] or near

    def frequent(self, line: Line, n_pages: int) -> bool:
        """Tell whether a line repeats at this page edge often enough to be furniture."""
        key = _key(line.s)
        count = len(self.pages.get(key, ()))
        if count < (2 if n_pages < 10 else 3) or prose_like(line.s, 6):
            return False
        letters = sum(c.isalpha() for c in key)
        if letters < 3:
            return count >= max(3, 0.3 * n_pages)
        return count >= 0.3 * n_pages or self.near.get(key, False)


def _edge_stats(pages: list[list[Line]], by_no: dict[int, Line]) -> tuple[_EdgeStats, _EdgeStats]:
    """Count the lines seen at the top and at the bottom of pages."""
    top, bottom = _EdgeStats(), _EdgeStats()
    for members in pages if len(pages) > 1 else []:
        for side, run in ((top, members[:EDGE_LINES]), (bottom, members[-EDGE_LINES:])):
            for line in run:
                line.edge = True
                if not _is_heading(line.s):
                    side.add(line, _near_explicit(by_no, line))
    return top, bottom


def _peel(run: list[Line], stats: _EdgeStats, n_pages: int) -> None:
    """Mark repeated furniture from the outer edge of a page inwards."""
    for line in run:
        if _is_heading(line.s):
            continue
        if not stats.frequent(line, n_pages):
            return
        line.kind = NOISE


def mark_noise(lines: list[Line]) -> None:
    """Classify page numbers, footers and repeated running headers as noise."""
    for line in lines:
        if line.s and _explicit_noise(line.s):
            line.kind = NOISE
    pages = _pages(lines)
    by_no = {line.no: line for line in lines}
    top, bottom = _edge_stats(pages, by_no)
    for members in pages:
        _peel(members[: EDGE_LINES + 2], top, len(pages))
        _peel(members[::-1][: EDGE_LINES + 2], bottom, len(pages))
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        if line.s:
            counts[_key(line.s)] += 1
    for line in lines:
        line.repeats = counts[_key(line.s)] if line.s else 0


@lru_cache(maxsize=8192)
def is_toc_entry(s: str) -> bool:
    """Tell whether a line looks like a table-of-contents entry."""
    if _LEADER.search(s):
        return True
    if len(s) > 160 or not _ENDS_WITH_PAGE.search(s):
        return False
    return not _BARE_HEADING.match(s)


def _region_end(content: list[Line], start: int) -> int:
    """Return the index of the last TOC entry of a region starting at start."""
    last, misses = start, 0
    for j in range(start + 1, len(content)):
        if is_toc_entry(content[j].s):
            last, misses = j, 0
            continue
        misses += 1
        limit = 12 if last == start else 3
        if misses > limit:
            break
    return last


def _region_start(content: list[Line], i: int) -> bool:
    """Tell whether a TOC region starts at content line i."""
    if _TOC_MARKER.match(content[i].s):
        return True
    window = content[i : i + 6]
    return is_toc_entry(content[i].s) and sum(1 for c in window if _LEADER.search(c.s)) >= 3


def toc_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """Find table-of-contents regions as (first line no, last line no) pairs."""
    content = [line for line in lines if line.s and line.kind == TEXT]
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(content):
        if _region_start(content, i):
            end = _region_end(content, i)
            if end > i:
                regions.append((content[i].no, content[end].no))
            i = end + 1
            continue
        i += 1
    return regions


def mark_toc(lines: list[Line]) -> None:
    """Mark tables of contents, and the cover pages before a table of contents near the start."""
    regions = toc_regions(lines)
    for first, last in regions:
        for line in lines[first - 1 : last]:
            if line.kind == TEXT and line.s:
                line.kind = TOC
    if not regions or regions[0][0] > FRONT_MATTER_SHARE * len(lines):
        return
    for line in lines[: regions[0][0] - 1]:
        if line.kind == TEXT:
            line.kind = COVER


def _single_blanks(lines: list[Line]) -> list[Line]:
    """Return blank lines that sit alone between two content lines."""
    content = [line for line in lines if line.kind in (TEXT, COVER)]
    return [
        line
        for before, line, after in zip(content, content[1:], content[2:], strict=False)
        if not line.s and before.s and after.s
    ]


def mark_double_spacing(lines: list[Line]) -> None:
    """In double-spaced text (OCR), drop the single blank lines so that only real breaks remain."""
    singles = _single_blanks(lines)
    nonblank = sum(1 for line in lines if line.s and line.kind in (TEXT, COVER))
    if nonblank >= MIN_DOUBLE_SPACED_LINES and len(singles) > DOUBLE_SPACED_SHARE * nonblank:
        for line in singles:
            line.kind = SPACING


def prepare(text: str, *, paragraphs: bool = False) -> list[Line]:
    """Clean and classify the lines of a contract (paragraphs: each line is a whole paragraph, as in Word)."""
    lines = split_lines(text)
    strip_gutters(lines)
    mark_noise(lines)
    mark_toc(lines)
    if not paragraphs:
        mark_double_spacing(lines)
    return lines
