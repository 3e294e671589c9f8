"""Redlines of a proposal: each item against the text it changes (or the proposal it answers)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid
from bargaining.domain.records import Action
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.render import summary
from bargaining.models import Article, Clause, ClauseVersion, Proposal, ProposalItem
from bargaining.services.proposals import load_proposal
from bargaining.services.redlines.cache import cached_full
from bargaining.services.redlines.views import Against, OpsView, TableInfo, table_info


@dataclass(frozen=True, slots=True)
class AgainstView:
    """What a proposal item is compared with: the current contract or the proposal it answers."""

    kind: Literal["base", "answered"]
    proposal_id: int | None
    label: str


@dataclass(frozen=True)
class ProposalItemRedline(OpsView):
    """One item of a proposal against the text it changes."""

    position: int
    action: Action
    clause_id: int | None
    article_id: int | None
    article_number: str
    article_title: str
    article_kind: str
    number: str
    heading: str
    against: AgainstView
    ops: tuple[Op, ...]
    coarse: bool = False


@dataclass(frozen=True)
class ProposalRedline:
    """A proposal, item by item."""

    table: TableInfo
    proposal: Proposal
    against: Against
    ignore_whitespace: bool
    items: list[ProposalItemRedline]

    @property
    def summary(self) -> dict[str, Any]:
        """Words inserted and deleted over all items, and whether any changed."""
        return summary(op for item in self.items for op in item.ops)


@dataclass(frozen=True, slots=True)
class _ClauseText:
    """A clause named by an item: where it sits and its current-contract text."""

    number: str
    heading: str
    article_id: int
    base_text: str


def _clause_texts(session: Session, ids: Collection[int]) -> dict[int, _ClauseText]:
    """The clauses these items name, with their base text, in one query."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            Clause.id, Clause.number, Clause.heading, Clause.article_id, Clause.in_base, ClauseVersion.text
        )
        .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
        .where(Clause.id.in_(sorted(ids)))
    )
    return {
        cid: _ClauseText(number, heading, article_id, (text or "") if in_base else "")
        for cid, number, heading, article_id, in_base, text in rows
    }


def _articles(session: Session, ids: Collection[int]) -> dict[int, tuple[str, str, str]]:
    """Article id -> (number, title, kind), in one query."""
    if not ids:
        return {}
    rows = session.execute(
        select(Article.id, Article.number, Article.title, Article.kind).where(Article.id.in_(sorted(ids)))
    )
    return {aid: (number, title, kind) for aid, number, title, kind in rows}


def _answered_items(session: Session, answered: list[Proposal]) -> dict[int, tuple[Proposal, ProposalItem]]:
    """Per clause, the latest answered proposal's item on it."""
    if not answered:
        return {}
    by_id = {p.id: p for p in answered}
    rows = session.scalars(
        select(ProposalItem).where(
            ProposalItem.proposal_id.in_(sorted(by_id)), ProposalItem.clause_id.is_not(None)
        )
    )
    out: dict[int, tuple[Proposal, ProposalItem]] = {}
    for item in rows:
        assert item.clause_id is not None
        proposal = by_id[item.proposal_id]
        current = out.get(item.clause_id)
        if current is None or _pass_order(proposal) > _pass_order(current[0]):
            out[item.clause_id] = (proposal, item)
    return out


def _pass_order(proposal: Proposal) -> tuple[float, int]:
    """Order proposals as they were passed."""
    return (proposal.passed_at.timestamp() if proposal.passed_at else 0.0, proposal.id)


def _item_text(item: ProposalItem, clause: _ClauseText | None) -> str:
    """The language an item proposes: its text, nothing for a deletion, the base for status quo."""
    if item.action in (Action.AMEND, Action.ADD):
        return item.text or ""
    if item.action is Action.STATUS_QUO and clause is not None:
        return clause.base_text
    return ""


def proposal_redline(
    session: Session, actor: Actor, proposal_id: int, against: Against, *, ignore_whitespace: bool = True
) -> ProposalRedline:
    """Redline each item of a proposal against the text it changes."""
    # auto: a counter's items against the answered proposal's item on the same clause, every other
    # item against the current contract; answered: the same, refused for a proposal answering none;
    # base: everything against the current contract. An added clause is all new text.
    proposal, table, _standing = load_proposal(session, actor, proposal_id, with_items=True)
    answered = list(proposal.responds_to)
    if against == "answered" and not answered:
        raise Invalid("This proposal answers no other proposal.", field="against", code="not_a_counter")
    theirs = _answered_items(session, answered) if against != "base" else {}
    items = list(proposal.items)
    clauses = _clause_texts(session, {i.clause_id for i in items if i.clause_id is not None})
    article_ids = {c.article_id for c in clauses.values()} | {i.article_id for i in items if i.article_id}
    articles = _articles(session, article_ids)
    out = []
    for item in items:
        clause = clauses.get(item.clause_id) if item.clause_id is not None else None
        old, view = (clause.base_text if clause else ""), AgainstView("base", None, "Current contract")
        answer = theirs.get(item.clause_id) if item.clause_id is not None else None
        if answer is not None:
            old = _item_text(answer[1], clause)
            view = AgainstView("answered", answer[0].id, answer[0].label or "answered proposal")
        article_id = clause.article_id if clause else item.article_id
        new_article = (item.new_article_number or "", item.new_article_title or "", "article")
        number, title, kind = articles.get(article_id, new_article) if article_id else new_article
        out.append(
            ProposalItemRedline(
                position=item.position,
                action=item.action,
                clause_id=item.clause_id,
                article_id=article_id,
                article_number=number,
                article_title=title,
                article_kind=kind,
                number=item.new_number or (clause.number if clause else ""),
                heading=item.new_heading
                if item.new_heading is not None
                else (clause.heading if clause else ""),
                against=view,
                ops=(
                    found := cached_full(old, _item_text(item, clause), ignore_whitespace=ignore_whitespace)
                ).ops,
                coarse=found.coarse,
            )
        )
    return ProposalRedline(table_info(table), proposal, against, ignore_whitespace, out)
