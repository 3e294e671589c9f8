"""The structured redline of an incoming document against the record (its JSON is documented)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bargaining.domain.intake.outline import OutlineArticle, OutlineClause, norm
from bargaining.domain.redlines.engine import Op, stats

ARTICLE_CHANGES = ("unchanged", "changed", "added", "deleted")
CLAUSE_CHANGES = ("unchanged", "changed", "added", "deleted", "moved", "renumbered")
_POSITIONAL = re.compile(r"^LOA \d+(?: \(\d+\))?$")  # a letter numbered by its place, known by its title


def ref(article: OutlineArticle) -> dict[str, Any]:
    """Name an article: record id (None for an upload), number, title, kind."""
    return {
        "article_id": article.article_id,
        "number": article.number,
        "title": article.title,
        "kind": article.kind,
    }


def _clause_ref(clause: OutlineClause | None) -> dict[str, Any] | None:
    """Name a clause: record id (None for an upload), number and heading."""
    if clause is None:
        return None
    return {"clause_id": clause.clause_id, "number": clause.number, "heading": clause.heading}


@dataclass
class ClauseChange:
    """How one clause differs: unchanged, changed, added, deleted, moved or renumbered."""

    change: str
    old: OutlineClause | None
    new: OutlineClause | None
    ops: list[Op]
    moved_from: dict[str, Any] | None = None

    @property
    def retitled(self) -> bool:
        """Tell whether the clause's heading changed."""
        return (
            self.old is not None and self.new is not None and norm(self.old.heading) != norm(self.new.heading)
        )

    @property
    def differs(self) -> bool:
        """Tell whether anything about the clause changed (text, number, heading or place)."""
        return self.change != "unchanged" or self.retitled

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        counts = stats(self.ops)
        return {
            "change": self.change,
            "retitled": self.retitled,
            "old": _clause_ref(self.old),
            "new": _clause_ref(self.new),
            "moved_from": self.moved_from,
            "words": {"inserted": counts.words_inserted, "deleted": counts.words_deleted},
            "ops": [op.to_dict() for op in self.ops],
        }


@dataclass
class ArticleDiff:
    """How one article differs, with its clauses in the new document's order."""

    old: OutlineArticle | None
    new: OutlineArticle | None
    clauses: list[ClauseChange] = field(default_factory=list)

    @property
    def change(self) -> str:
        """Name the article's change: added, deleted, changed or unchanged."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "deleted"
        if self.renumbered or self.retitled or any(c.differs for c in self.clauses):
            return "changed"
        return "unchanged"

    @property
    def renumbered(self) -> bool:
        """Tell whether the article kept its title under another number."""
        if self.old is None or self.new is None:
            return False
        positional = all(_POSITIONAL.match(a.number) for a in (self.old, self.new))
        return not positional and norm(self.old.number) != norm(self.new.number)

    @property
    def retitled(self) -> bool:
        """Tell whether the article's title changed."""
        return self.old is not None and self.new is not None and norm(self.old.title) != norm(self.new.title)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "change": self.change,
            "renumbered": self.renumbered,
            "retitled": self.retitled,
            "old": None if self.old is None else ref(self.old),
            "new": None if self.new is None else ref(self.new),
            "clauses": [c.to_dict() for c in self.clauses],
        }


@dataclass
class Comparison:
    """A whole comparison: the articles in the new document's order, deleted ones where they stood."""

    articles: list[ArticleDiff]

    def summary(self) -> dict[str, dict[str, int]]:
        """Count articles and clauses by change."""
        articles = Counter(dict.fromkeys(ARTICLE_CHANGES, 0))
        articles.update(a.change for a in self.articles)
        articles["renumbered"] = sum(1 for a in self.articles if a.renumbered)
        articles["retitled"] = sum(1 for a in self.articles if a.retitled)
        clauses = Counter(dict.fromkeys(CLAUSE_CHANGES, 0))
        clauses.update(c.change for a in self.articles for c in a.clauses)
        clauses["retitled"] = sum(1 for a in self.articles for c in a.clauses if c.retitled)
        return {"articles": dict(articles), "clauses": dict(clauses)}

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: summary and articles."""
        return {"summary": self.summary(), "articles": [a.to_dict() for a in self.articles]}
