"""Turning a comparison into draft proposal items: one for every clause that differs."""

from __future__ import annotations

from collections import defaultdict
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


def _rename(article: ArticleDiff) -> dict[str, str]:
    """The article's new number and title, as an amend item carries them (empty: neither changed)."""
    rename: dict[str, str] = {}
    if article.new is not None and article.renumbered:
        rename["number"] = article.new.number
    if article.new is not None and article.retitled:
        rename["title"] = article.new.title
    return rename


def _own(change: ClauseChange) -> bool:
    """Tell whether a clause is a record clause of this same article (not moved in, not added)."""
    return change.old is not None and change.old.clause_id is not None and change.moved_from is None


def _carried_move(article: ArticleDiff, change: ClauseChange) -> bool:
    """Tell whether a clause moved in from another record article: a delete there and an add here.

    Its number cannot clash with a record clause of this article: the comparison pairs clauses by
    article and number first, so such a clause would have been paired with that one, not moved."""
    return (
        change.moved_from is not None
        and change.old is not None
        and change.old.clause_id is not None
        and change.new is not None
        and article.new is not None
    )


def _moved_out(comparison: Comparison) -> dict[int | None, list[dict[str, Any]]]:
    """The delete items of clauses moved to another article, by the record article they leave."""
    deletes: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for article in comparison.articles:
        for change in article.clauses:
            if _carried_move(article, change):
                assert change.moved_from is not None
                assert change.old is not None
                deletes[change.moved_from["article_id"]].append(
                    {"action": "delete", "clause_id": change.old.clause_id}
                )
    return deletes


def _renamed(article: ArticleDiff, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Carry an article's renumbering or retitling on its clauses' amend items (as a TA applies it).

    With no changed clause to carry it, the article's first surviving clause is amended to its own
    text: the item then proposes the new title and keeps the language."""
    rename = _rename(article)
    if not rename:
        return items
    own = {c.old.clause_id for c in article.clauses if _own(c) and c.old is not None}
    carriers = [i for i in items if i["action"] == "amend" and i["clause_id"] in own]
    for item in carriers:
        item["article"] = dict(rename)
    if carriers:
        return items
    keep = next((c for c in article.clauses if _own(c) and c.change != "deleted"), None)
    if keep is None or keep.old is None:
        return items
    return [
        *items,
        {"action": "amend", "clause_id": keep.old.clause_id, "text": keep.old.text, "article": rename},
    ]


def _notes(article: ArticleDiff, carried: bool) -> list[str]:
    """Changes no item carries, said in the rationale: an uncarried article rename, moved clauses."""
    notes = []
    if article.old is not None and article.new is not None and _rename(article) and not carried:
        notes.append(
            f"Article {article.old.number}: renumbered or retitled to {article.new.number} "
            f"{article.new.title!r}, but no clause of it is left to carry the change."
        )
    for change in article.clauses:
        if _carried_move(article, change) and change.moved_from and change.old and change.new:
            notes.append(
                f"Clause {change.new.number} of Article {article.new.number if article.new else ''} moved "
                f"from Article {change.moved_from['number']} (Clause {change.old.number}): deleted there "
                "and added here."
            )
    return notes


def _article_items(article: ArticleDiff, taken: set[str]) -> list[dict[str, Any]]:
    """The items for one article's clauses: add (also a clause moved in), delete, amend."""
    new_article = None
    if article.old is None and article.new is not None:
        new_article = {"number": _unique(article.new.number, taken), "title": article.new.title}
    items: list[dict[str, Any]] = []
    for change in article.clauses:
        if change.change == "added" or _carried_move(article, change):
            items.append(_add(article, change, new_article))
        elif change.change == "deleted" and change.old is not None:
            items.append({"action": "delete", "clause_id": change.old.clause_id})
        elif change.differs and change.old is not None and change.old.clause_id is not None:
            items.append(_amend(change))
    return items


def items_from(
    comparison: Comparison, taken: set[str] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return proposal item payloads for every differing clause and article, and rationale notes.

    A new article is its clauses' add items (``new_article``); a renumbered or retitled article is
    an ``article`` rename on its clauses' amend items. A clause moved to another article is a delete
    among its old article's items and an add in the article it moved to; the rationale says so."""
    taken = set(taken or ())
    deletes = _moved_out(comparison)
    items: list[dict[str, Any]] = []
    notes: list[str] = []
    for article in comparison.articles:
        mine = _renamed(article, _article_items(article, taken))
        notes.extend(_notes(article, any("article" in i for i in mine)))
        items.extend(mine)
        if article.old is not None and article.old.article_id is not None:
            items.extend(deletes.pop(article.old.article_id, []))
    items.extend(item for left in deletes.values() for item in left)
    return items, notes
