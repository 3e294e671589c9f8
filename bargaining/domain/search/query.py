"""The search query language: words, "phrases", prefix*, and -exclusions, compiled per engine.

A query is parsed once into terms, then compiled to SQLite FTS5's MATCH syntax or PostgreSQL's
``to_tsquery`` syntax. Only word characters survive into a compiled query, so neither engine's
operators can be injected: the compiled string is always well formed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bargaining.domain.errors import Invalid

MAX_QUERY_LENGTH = 500
MAX_TERMS = 20
WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(r'-?"[^"]*"|-?[^\s"]+|"')


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a phrase of one or more words, maybe a prefix, maybe excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    exclude: bool = False

    @property
    def is_phrase(self) -> bool:
        """More than one word, to be matched in order."""
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the terms every match has, and those it must not have."""

    terms: tuple[Term, ...]

    @property
    def required(self) -> tuple[Term, ...]:
        """The terms a match must contain."""
        return tuple(t for t in self.terms if not t.exclude)

    @property
    def excluded(self) -> tuple[Term, ...]:
        """The terms a match must not contain."""
        return tuple(t for t in self.terms if t.exclude)


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Café" and "cafe" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def parse(raw: str) -> Query:
    """Parse a query; refuse (422, field q) one that is empty, unbalanced or too long."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise Invalid(f"A query is at most {MAX_QUERY_LENGTH} characters.", field="q", code="invalid_query")
    if raw.count('"') % 2:
        raise Invalid('A phrase is missing its closing quote (").', field="q", code="invalid_query")
    terms = [term for token in TOKEN.findall(raw) if (term := _term(token)) is not None]
    if not any(not t.exclude for t in terms):
        raise Invalid("Search for at least one word.", field="q", code="invalid_query")
    if len(terms) > MAX_TERMS:
        raise Invalid(f"A query has at most {MAX_TERMS} terms.", field="q", code="invalid_query")
    return Query(tuple(terms))


def _term(token: str) -> Term | None:
    """One token as a term, or None if it holds no word."""
    exclude = token.startswith("-")
    body = token[1:] if exclude else token
    quoted = body.startswith('"')
    prefix = not quoted and body.endswith("*")
    words = tuple(WORD.findall(fold(body)))
    if not words:
        return None
    if not quoted and len(words) > 1:  # "full-time" or "U-1": the words of one token, in order
        return Term(words, prefix=prefix, exclude=exclude)
    return Term(words, prefix=prefix, exclude=exclude)


def to_fts5(query: Query) -> str:
    """The query in FTS5 syntax; a phrase hit ranks above scattered words (the phrase is OR'ed in)."""
    required = " AND ".join(_fts5_term(t) for t in query.required)
    words = [w for t in query.required for w in t.words]
    if len(query.required) > 1 and all(not t.prefix for t in query.required):
        required = f'("{" ".join(words)}" OR ({required}))'
    for term in query.excluded:
        required += f" NOT {_fts5_term(term)}"
    return required


def _fts5_term(term: Term) -> str:
    """One term in FTS5 syntax."""
    phrase = '"' + " ".join(term.words) + '"'
    return phrase + ("*" if term.prefix else "")


def to_tsquery(query: Query, phrase_boost: bool = True) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax; a phrase hit ranks above scattered words.

    ts_rank_cd needs the words' phrase as an alternative to rank it first (phrase_boost); the RUM
    index's cover-density distance ranks adjacent words first on its own, and reads the plain
    conjunction faster.
    """
    required = " & ".join(_ts_term(t) for t in query.required)
    words = [w for t in query.required for w in t.words]
    if phrase_boost and len(query.required) > 1 and all(not t.prefix for t in query.required):
        required = f"(({' <-> '.join(words)}) | ({required}))"
    for term in query.excluded:
        required += f" & !({_ts_term(term)})"
    return required


def _ts_term(term: Term) -> str:
    """One term in tsquery syntax."""
    words = list(term.words)
    if term.prefix:
        words[-1] += ":*"
    joined = " <-> ".join(words)
    return f"({joined})" if term.is_phrase else joined
