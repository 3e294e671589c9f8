"""A contract as plain data for comparison: articles with identities, clauses with texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bargaining.domain.intake.parse import ParsedContract

_LETTER_WORDS = re.compile(
    r"^(?:LETTERS?OF(?:AGREEMENT|UNDERSTANDING|INTENT)|MEMORAND(?:UM|A)OF(?:UNDERSTANDING|AGREEMENT)"
    r"|SIDELETTERS?(?:OFAGREEMENT)?|MOU|LOA)"
)
_SUFFIX = re.compile(r"\s+\(\d+\)$")


@dataclass(frozen=True)
class OutlineClause:
    """One clause: its record id (None for an uploaded document), number, heading and text."""

    clause_id: int | None
    number: str
    heading: str
    text: str


@dataclass(frozen=True)
class OutlineArticle:
    """One article, appendix, preamble or side letter with its clauses."""

    article_id: int | None
    number: str
    title: str
    kind: str
    clauses: tuple[OutlineClause, ...]


def norm(text: str) -> str:
    """Upper-case letters and digits only: how titles and numbers are compared."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def identity(article: OutlineArticle) -> str:
    """An article's own identity: its number, or for a letter or appendix its own label or title."""
    number = _SUFFIX.sub("", article.number)
    if article.kind == "side_letter":
        own = norm(number) if not number.upper().startswith("LOA") else ""
        return "letter:" + (own or _LETTER_WORDS.sub("", norm(article.title)) or norm(article.title))
    if article.kind == "preamble":
        return "front:" + norm(number)
    if article.kind == "appendix":
        return "appendix:" + norm(number)
    return "article:" + norm(number)


def from_parsed(parsed: ParsedContract) -> list[OutlineArticle]:
    """Turn a parsed upload into an outline."""
    return [
        OutlineArticle(
            None,
            a.number,
            a.title,
            a.kind,
            tuple(OutlineClause(None, c.number, c.heading, c.text) for c in a.clauses),
        )
        for a in parsed.articles
    ]
