"""Contract import: parse the text of a collective bargaining agreement into articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bargaining.domain.intake.build import RawArticle, segment
from bargaining.domain.intake.clauses import split_clauses
from bargaining.domain.intake.lines import TEXT, prepare
from bargaining.domain.intake.reflow import NO_REFLOW, measure

__all__ = ["ParsedArticle", "ParsedClause", "ParsedContract", "parse_contract"]

MAX_TITLE = 300  # the stored sizes of article titles, clause headings and clause numbers
MAX_HEADING = 300
MAX_CLAUSE_NUMBER = 60
MAX_NUMBER = 40
# A letter's own number: "No. 7", "#7", "Number 7", or a code such as "MOU AFG-26-19" / "LOA 2023-04".
_OWN_NUMBER = re.compile(
    r"(?:(?:\bno\.?|\bnumber|#)\s*(?P<id>\d{1,4}[A-Z]?)\b)"
    r"|(?:\b(?:MOU|MOA|LOA|LOU)\s+(?P<id2>[A-Z]{0,4}-?\d{1,4}(?:[-/][A-Z]{0,4}\d{1,4})*)\b)",
    re.I,
)


@dataclass(frozen=True)
class ParsedClause:
    """One clause: its number and heading as written, its cleaned text, its line."""

    number: str
    heading: str
    text: str
    line: int


@dataclass(frozen=True)
class ParsedArticle:
    """One article, preamble, appendix or side letter with its clauses."""

    number: str
    title: str
    kind: str
    clauses: tuple[ParsedClause, ...]
    line: int


@dataclass(frozen=True)
class ParsedContract:
    """A parsed contract: articles, lines that could not be placed, count of dropped lines."""

    articles: tuple[ParsedArticle, ...]
    unplaced: tuple[tuple[int, str], ...]
    skipped: int


def _is_empty(article: RawArticle) -> bool:
    """Tell whether an article block has no body text at all."""
    return not any(line.s for line in article.body)


def _drop_empty_repeats(articles: list[RawArticle]) -> tuple[list[RawArticle], int]:
    """Drop empty blocks whose heading appears again later (leftover contents entries)."""
    kept: list[RawArticle] = []
    for i, article in enumerate(articles):
        later = any(a.top.key == article.top.key for a in articles[i + 1 :])
        if not (later and _is_empty(article)):
            kept.append(article)
    return kept, len(articles) - len(kept)


def _base_number(article: RawArticle, counters: dict[str, int], has_preamble: bool) -> str:
    """Return an article's number before duplicates are disambiguated."""
    top = article.top
    if top.kind == "preamble":
        if top.keyword == "agreement" and has_preamble:
            return "Agreement"
        return "Preamble" if top.keyword in ("preamble", "agreement") else top.label
    if top.label:
        return top.label
    own = _OWN_NUMBER.search(article.title or top.title)
    if own:
        return f"LOA {own.group('id') or own.group('id2')}"[:MAX_NUMBER]
    counters["loa"] = counters.get("loa", 0) + 1
    return f"LOA {counters['loa']}"


def _numbers(articles: list[RawArticle]) -> list[str]:
    """Assign unique numbers to article blocks, suffixing repeats with ' (2)', ' (3)'."""
    has_preamble = any(a.top.keyword == "preamble" for a in articles if a.top.kind == "preamble")
    counters: dict[str, int] = {}
    used: set[str] = set()
    numbers = []
    for article in articles:
        base = _base_number(article, counters, has_preamble)
        number, n = base, 2
        while number in used:
            number, n = f"{base} ({n})", n + 1
        used.add(number)
        numbers.append(number)
    return numbers


def _clip(text: str, limit: int) -> str:
    """Shorten a title or heading to the stored column size, at a word boundary."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip() + "…"


def _convert(article: RawArticle, number: str, width: int) -> ParsedArticle:
    """Convert a raw block into a ParsedArticle."""
    clauses = tuple(
        ParsedClause(c.number[:MAX_CLAUSE_NUMBER], _clip(c.heading, MAX_HEADING), c.text, c.line)
        for c in split_clauses(article, width)
    )
    title = _clip(article.title or article.top.title, MAX_TITLE)
    return ParsedArticle(number, title, article.top.kind, clauses, article.line)


def parse_contract(text: str, *, paragraphs: bool = False) -> ParsedContract:
    """Parse contract text into articles and clauses (paragraphs: one line a paragraph, never reflowed)."""
    lines = prepare(text, paragraphs=paragraphs)
    width = NO_REFLOW if paragraphs else measure([line.s for line in lines if line.kind == TEXT])
    seg = segment(lines)
    articles, dropped = _drop_empty_repeats(seg.articles)
    numbers = _numbers(articles)
    parsed = tuple(_convert(a, n, width) for a, n in zip(articles, numbers, strict=True))
    unplaced = tuple(sorted(seg.unplaced))
    return ParsedContract(parsed, unplaced, seg.skipped + dropped)
