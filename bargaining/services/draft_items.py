"""Turning a draft's item payloads into proposal items, checked against the record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.errors import Invalid
from bargaining.domain.records import Action
from bargaining.models import Article, Clause, ProposalItem
from bargaining.services.costing.terms import attach_terms

NEEDS_CLAUSE = {Action.AMEND, Action.DELETE, Action.STATUS_QUO}
NEEDS_TEXT = {Action.AMEND, Action.ADD}
DEFAULT_LIMIT = 1_000_000


def build_items(
    session: Session, table_id: int, payloads: list[dict[str, Any]], limit: int = DEFAULT_LIMIT
) -> list[ProposalItem]:
    """Validate every item payload and build the items, loading what they name in two queries."""
    clauses = _clauses(session, table_id, payloads)
    articles = _articles(session, table_id, payloads)
    seen: set[int] = set()
    items = []
    for index, payload in enumerate(payloads):
        item = _item(index, payload, clauses, articles, limit)
        if item.clause_id is not None:
            if item.clause_id in seen:
                raise Invalid("A proposal changes each clause once.", field=f"items.{index}.clause_id")
            seen.add(item.clause_id)
        item.position = index + 1
        items.append(item)
    attach_terms(session, table_id, payloads, items)
    return items


def _clauses(session: Session, table_id: int, payloads: list[dict[str, Any]]) -> dict[int, Clause]:
    """Load every clause the items name, at this table."""
    ids = {p["clause_id"] for p in payloads if p.get("clause_id")}
    if not ids:
        return {}
    rows = session.scalars(select(Clause).where(Clause.id.in_(ids), Clause.table_id == table_id))
    return {c.id: c for c in rows}


def _articles(session: Session, table_id: int, payloads: list[dict[str, Any]]) -> dict[int, Article]:
    """Load every article the items name, at this table."""
    ids = {p["article_id"] for p in payloads if p.get("article_id")}
    if not ids:
        return {}
    rows = session.scalars(select(Article).where(Article.id.in_(ids), Article.table_id == table_id))
    return {a.id: a for a in rows}


def _item(
    index: int, payload: dict[str, Any], clauses: dict[int, Clause], articles: dict[int, Article], limit: int
) -> ProposalItem:
    """Check one payload's shape and references; build its item."""
    action = Action(payload["action"])
    at = f"items.{index}"
    if action in NEEDS_TEXT and payload.get("text") is None:
        raise Invalid(f"{action.value} needs the proposed text.", field=f"{at}.text")
    if action not in NEEDS_TEXT and payload.get("text") is not None:
        raise Invalid(f"{action.value} takes no text.", field=f"{at}.text")
    if len(payload.get("text") or "") > limit:
        raise Invalid(
            f"Clause text is limited to {limit} characters.", field=f"{at}.text", code="text_too_long"
        )
    if action in NEEDS_CLAUSE:
        return _change(action, at, payload, clauses)
    return _addition(at, payload, articles)


def _change(action: Action, at: str, payload: dict[str, Any], clauses: dict[int, Clause]) -> ProposalItem:
    """An amend, delete or status-quo item on an existing clause."""
    clause_id = payload.get("clause_id")
    if clause_id is None:
        raise Invalid(f"{action.value} names the clause it changes.", field=f"{at}.clause_id")
    if clause_id not in clauses:
        raise Invalid("No such clause at this table.", field=f"{at}.clause_id")
    if payload.get("article_id") or payload.get("new_article"):
        raise Invalid("Only an added clause names an article.", field=f"{at}.article_id")
    if action is not Action.AMEND and (payload.get("number") or payload.get("heading") is not None):
        raise Invalid("Only amend and add may renumber or retitle a clause.", field=f"{at}.number")
    rename = payload.get("article") or {}
    if rename and action is not Action.AMEND:
        raise Invalid("Only an amend item may renumber or retitle its article.", field=f"{at}.article")
    if payload.get("article") is not None and not rename:
        raise Invalid("Give the article's new number or title.", field=f"{at}.article")
    return ProposalItem(
        action=action,
        clause_id=clause_id,
        text=payload.get("text"),
        new_number=payload.get("number"),
        new_heading=payload.get("heading"),
        new_article_number=rename.get("number"),
        new_article_title=rename.get("title"),
    )


def _addition(at: str, payload: dict[str, Any], articles: dict[int, Article]) -> ProposalItem:
    """An added clause, in an existing article or a new one."""
    if payload.get("clause_id") is not None:
        raise Invalid(
            "An added clause does not exist yet; use amend for an existing one.", field=f"{at}.clause_id"
        )
    if not payload.get("number"):
        raise Invalid("An added clause needs a number.", field=f"{at}.number")
    article_id, new_article = payload.get("article_id"), payload.get("new_article")
    if (article_id is None) == (new_article is None):
        raise Invalid("Name either an existing article or a new one.", field=f"{at}.article_id")
    if article_id is not None and article_id not in articles:
        raise Invalid("No such article at this table.", field=f"{at}.article_id")
    return ProposalItem(
        action=Action.ADD,
        article_id=article_id,
        text=payload["text"],
        new_number=payload["number"],
        new_heading=payload.get("heading", ""),
        new_article_number=new_article["number"] if new_article else None,
        new_article_title=new_article.get("title", "") if new_article else None,
    )
