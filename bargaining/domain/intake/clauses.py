"""Clause splitting and numbering for the contract importer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bargaining.domain.intake.build import RawArticle
from bargaining.domain.intake.headings import (
    Marker,
    marker_value,
    match_marker,
    number_value,
    split_heading,
)
from bargaining.domain.intake.lines import Line
from bargaining.domain.intake.reflow import reflow

Indexed = list[tuple[int, Marker]]


@dataclass(frozen=True)
class RawClause:
    """A clause before conversion to the public dataclass."""

    number: str
    heading: str
    text: str
    line: int


def join_text(parts: list[str], width: int | None = None) -> str:
    """Reflow wrapped lines into paragraphs, collapsing runs of blank lines into one blank line."""
    out: list[str] = []
    for part in reflow(parts, width):
        s = part.strip()
        if s or (out and out[-1]):
            out.append(s)
    return "\n".join(out).strip()


def _page_joined(lines: list[Line]) -> list[str]:
    """Return line texts, dropping blank lines where a sentence runs on across a page break."""
    out: list[str] = []
    held: list[str] = []
    prev: Line | None = None
    for line in lines:
        if not line.s:
            held.append("")
            continue
        runs_on = prev is not None and prev.page != line.page and not _ends_sentence(prev.s)
        out.extend([] if runs_on else held)
        out.append(line.text)
        held, prev = [], line
    return out + held


def _ends_sentence(s: str) -> bool:
    """Tell whether a line ends with sentence-closing punctuation."""
    return s.rstrip("\"'\u201d\u2019)").endswith((".", ":", ";", "!", "?"))


def _first_component(number: str) -> int:
    """Return the leading integer of a decimal clause number."""
    m = re.match(r"\d+", number)
    return int(m.group()) if m else -1


def _decimals(markers: Indexed, article_number: int | None) -> Indexed:
    """Keep decimal markers that belong to this article's numbering."""
    found = [(i, m) for i, m in markers if m.level == "D"]
    if article_number is not None:
        return [(i, m) for i, m in found if _first_component(m.number) == article_number]
    counts = Counter(_first_component(m.number) for _, m in found)
    return [(i, m) for i, m in found if counts[_first_component(m.number)] >= 2 and m.number[0] != "0"]


def _continues_sentence(s: str) -> bool:
    """Tell whether a line ends mid-sentence (with a comma or a lower-case word)."""
    s = s.rstrip()
    if s.endswith((",", "-", "\u2013")):
        return True
    last = s.split()[-1] if s.split() else ""
    return last.isalpha() and last.islower()


def _is_wrap(body: list[Line], i: int, marker: Marker) -> bool:
    """Tell whether a bare marker line is really a wrapped cross-reference ('... under Section 2.')."""
    if marker.level not in "SD" or marker.rest.strip(" .:") or marker.bold_heading is not None:
        return False
    prev = next((line.s for line in reversed(body[:i]) if line.s), "")
    return bool(prev) and _continues_sentence(prev)


def _sequence(markers: Indexed) -> Indexed:
    """Keep markers that count up from the first item (I, A or 1), tolerating one gap."""
    kept: Indexed = []
    last = 0
    for i, m in markers:
        value = marker_value(m)
        if last < value <= last + 2:
            kept.append((i, m))
            last = value
    return kept


def select_markers(article: RawArticle) -> Indexed:
    """Choose the markers that start clauses in an article."""
    markers: Indexed = []
    for i, line in enumerate(article.body):
        found = match_marker(line.s) if line.s else None
        if found is not None and not _is_wrap(article.body, i, found):
            markers.append((i, found))
    number = number_value(article.top.label) if article.top.kind == "article" else None
    sections = [(i, m) for i, m in markers if m.level == "S"]
    strong = sorted(sections + _decimals(markers, number))
    if strong:
        return strong
    for level in "RLN":
        seq = _sequence([(i, m) for i, m in markers if m.level == level])
        if len(seq) >= 2:
            return [] if level != "R" and _introduced_list(article.body, seq[0][0]) else seq
    return []


def _introduced_list(body: list[Line], first: int) -> bool:
    """Tell whether items follow a line ending in a colon (a list, not clauses)."""
    prev = next((line.s for line in reversed(body[:first]) if line.s), "")
    return prev.endswith(":")


def _intro(body: list[Line], end: int, width: int | None) -> RawClause | None:
    """Build the clause for text before the first numbered clause of an article."""
    lines = body[:end]
    first = next((line for line in lines if line.s), None)
    if first is None:
        return None
    return RawClause("", "", join_text(_page_joined(lines), width), first.no)


def _clause(body: list[Line], start: int, end: int, marker: Marker, width: int | None) -> RawClause:
    """Build one clause from its marker line and the lines up to the next marker."""
    if marker.bold_heading is not None:
        heading, runin = marker.bold_heading, marker.rest
    else:
        heading, runin = split_heading(marker.rest)
    parts = [runin, *_page_joined(body[start:end])[1:]]
    return RawClause(marker.number, heading, join_text(parts, width), body[start].no)


def _unique(clauses: list[RawClause]) -> list[RawClause]:
    """Make clause numbers unique within an article by suffixing repeats."""
    used: set[str] = set()
    out = []
    for clause in clauses:
        number, n = clause.number, 2
        while number in used:
            number, n = f"{clause.number} ({n})", n + 1
        used.add(number)
        out.append(clause if number == clause.number else RawClause(number, *_rest(clause)))
    return out


def _rest(clause: RawClause) -> tuple[str, str, int]:
    """Return a clause's fields after its number."""
    return clause.heading, clause.text, clause.line


def split_clauses(article: RawArticle, width: int | None = None) -> list[RawClause]:
    """Split an article body into clauses, reflowed to paragraphs at the document's measure."""
    markers = select_markers(article)
    body = article.body
    first = markers[0][0] if markers else len(body)
    clauses: list[RawClause] = []
    intro = _intro(body, first, width)
    if intro is not None:
        clauses.append(intro)
    bounds = [i for i, _ in markers] + [len(body)]
    for (start, marker), end in zip(markers, bounds[1:], strict=True):
        clauses.append(_clause(body, start, end, marker, width))
    return _unique(clauses)
