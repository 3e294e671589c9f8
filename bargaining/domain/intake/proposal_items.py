"""Turning a comparison into draft proposal items: one for every clause that differs."""

from __future__ import annotations

from typing import Any

from bargaining.domain.intake.compare_types import ArticleDiff, ClauseChange, Comparison

INTRO_NUMBER = "intro"  # an added article's unnumbered opening text needs a number to be proposed


def _amend(change: ClauseChange) -> dict[str, Any]:
    """An amend item: the new text, and the new number or heading when they changed."""
    assert change.old is not None
    assert change.new is not None
    item: dict[str, Any] = {"action": "amend", "clause_id": change.old.clause_id, "text": change.new.text}
    if change.old.number != change.new.number and change.new.number:
        item["number"] = change.new.number
    if change.retitled:
        item["heading"] = change.new.heading
    return item


def _unique(number: str, taken: set[str]) -> str:
    """Make a new article's number unique at the table."""
    candidate, n = number, 2
    while candidate in taken:
        candidate, n = f"{number} ({n})", n + 1
    taken.add(candidate)
    return candidate


def _add(article: ArticleDiff, change: ClauseChange, new_article: dict[str, str] | None) -> dict[str, Any]:
    """An add item, in the matched record article or in a new one."""
    assert change.new is not None
    item: dict[str, Any] = {
        "action": "add",
        "number": change.new.number or INTRO_NUMBER,
        "heading": change.new.heading,
        "text": change.new.text,
    }
    if article.old is not None and article.old.article_id is not None:
        item["article_id"] = article.old.article_id
    else:
        item["new_article"] = new_article
    return item


def _notes(article: ArticleDiff) -> list[str]:
    """Changes an item cannot carry, said in the rationale: retitled articles, moved clauses."""
    notes = []
    if article.old is not None and article.new is not None and article.retitled:
        notes.append(
            f"Article {article.old.number}: retitled from {article.old.title!r} to {article.new.title!r}."
        )
    for change in article.clauses:
        if change.moved_from is not None and change.new is not None:
            notes.append(
                f"Clause {change.new.number} of {article.new.number if article.new else ''} comes from "
                f"Article {change.moved_from['number']}; proposed in its old place."
            )
    return notes


def items_from(
    comparison: Comparison, taken: set[str] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return proposal item payloads for every differing clause, and notes for the rationale."""
    taken = set(taken or ())
    items: list[dict[str, Any]] = []
    notes: list[str] = []
    for article in comparison.articles:
        notes.extend(_notes(article))
        new_article = None
        if article.old is None and article.new is not None:
            new_article = {"number": _unique(article.new.number, taken), "title": article.new.title}
        for change in article.clauses:
            if change.change == "added":
                items.append(_add(article, change, new_article))
            elif change.change == "deleted" and change.old is not None:
                items.append({"action": "delete", "clause_id": change.old.clause_id})
            elif change.differs and change.old is not None and change.old.clause_id is not None:
                items.append(_amend(change))
    return items, notes
