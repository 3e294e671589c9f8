"""Bulk inserts for the generated tables: rows in, ids out, a few INSERT ... RETURNING per level.

The record generator decides what to write; this module only knows the models. It never
commits (like a service).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from scripts.gen_text import TITLES, PlainClause, content_hash

if TYPE_CHECKING:  # the models are imported where used: importing this module loads no app
    from sqlalchemy.orm import Session

    from bargaining.models import (
        Article,
        Clause,
        ClauseVersion,
        Proposal,
        ProposalItem,
        TAItem,
        TentativeAgreement,
    )

    Model: TypeAlias = (
        type[Article]
        | type[Clause]
        | type[ClauseVersion]
        | type[Proposal]
        | type[ProposalItem]
        | type[TentativeAgreement]
        | type[TAItem]
    )

BASE_SIDE = "base"


def insert_ids(session: Session, model: Model, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT ... RETURNING id, ids in the order of the rows."""
    if not rows:
        return []
    from sqlalchemy import insert

    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def insert_nested(
    session: Session,
    model: Model,
    rows: list[dict[str, Any]],
    child: Model,
    key: str,
    groups: list[list[dict[str, Any]]],
) -> list[int]:
    """Parent rows, then each parent's group of child rows with ``key`` set to its id; the parents' ids."""
    ids = insert_ids(session, model, rows)
    insert_ids(
        session, child, [{key: pid, **row} for pid, group in zip(ids, groups, strict=True) for row in group]
    )
    return ids


def insert_contract(
    session: Session, table_id: int, plain: Sequence[PlainClause], articles: int, author_id: int, at: datetime
) -> tuple[list[int], list[int], list[int]]:
    """Articles, clauses and base versions (created ``at``), each clause pointing at its base version.

    Returns the article, clause and base version ids, in contract order.
    """
    from bargaining.models import Article, Clause, ClauseVersion

    article_ids = insert_ids(session, Article, _article_rows(table_id, articles))
    clause_ids = insert_ids(session, Clause, _clause_rows(table_id, article_ids, plain))
    base_ids = insert_ids(
        session,
        ClauseVersion,
        [
            {
                "clause_id": cid,
                "table_id": table_id,
                "text": c.text,
                "content_hash": content_hash(c.text),
                "author_side": BASE_SIDE,
                "created_by_id": author_id,
                "created_at": at,
            }
            for cid, c in zip(clause_ids, plain, strict=True)
        ],
    )
    _point_at_base(session, clause_ids, base_ids)
    return article_ids, clause_ids, base_ids


def _article_rows(table_id: int, articles: int) -> list[dict[str, Any]]:
    """Articles 1 to ``articles``, titled in turn from TITLES (numbered past the list's end)."""
    return [
        {
            "table_id": table_id,
            "number": str(a),
            "title": TITLES[(a - 1) % len(TITLES)] + ("" if a <= len(TITLES) else f" ({a})"),
            "position": a,
            "in_base": True,
        }
        for a in range(1, articles + 1)
    ]


def _clause_rows(table_id: int, article_ids: list[int], plain: Sequence[PlainClause]) -> list[dict[str, Any]]:
    """The clauses of the plain contract, in their articles."""
    return [
        {
            "table_id": table_id,
            "article_id": article_ids[c.article - 1],
            "number": c.number,
            "heading": c.heading,
            "position": int(c.number.split(".")[1]),
            "in_base": True,
        }
        for c in plain
    ]


def _point_at_base(session: Session, clause_ids: list[int], base_ids: list[int]) -> None:
    """Set each clause's base_version_id (one executemany UPDATE)."""
    from sqlalchemy import Table, bindparam, update

    from bargaining.models import Clause

    table = cast(Table, Clause.__table__)
    session.execute(
        update(table).where(table.c.id == bindparam("cid")).values(base_version_id=bindparam("vid")),
        [{"cid": cid, "vid": vid} for cid, vid in zip(clause_ids, base_ids, strict=True)],
    )


def insert_proposals(
    session: Session, rows: list[dict[str, Any]], responds_to: list[int | None]
) -> list[int]:
    """Proposals, then which earlier proposal each answers (None: none); ids in the order of the rows."""
    from bargaining.models import Proposal, proposal_responses

    ids = insert_ids(session, Proposal, rows)
    responses = [
        {"proposal_id": pid, "responds_to_id": answered}
        for pid, answered in zip(ids, responds_to, strict=True)
        if answered is not None
    ]
    if responses:
        session.execute(proposal_responses.insert(), responses)
    return ids


def insert_versions(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Clause versions; ids in the order of the rows."""
    from bargaining.models import ClauseVersion

    return insert_ids(session, ClauseVersion, rows)


def insert_items(session: Session, rows: list[dict[str, Any]]) -> None:
    """Proposal items."""
    from bargaining.models import ProposalItem

    insert_ids(session, ProposalItem, rows)


def mark_superseded(session: Session, proposal_ids: list[int]) -> None:
    """Set these proposals' state to superseded (nothing when there are none)."""
    if not proposal_ids:
        return
    from sqlalchemy import update

    from bargaining.models import Proposal

    session.execute(
        update(Proposal).where(Proposal.id.in_(proposal_ids)).values(state="superseded"),
        execution_options={"synchronize_session": False},
    )


def insert_tas(session: Session, rows: list[dict[str, Any]], items: list[list[dict[str, Any]]]) -> None:
    """Tentative agreements and each one's items."""
    from bargaining.models import TAItem, TentativeAgreement

    insert_nested(session, TentativeAgreement, rows, TAItem, "ta_id", items)


def insert_drafts(session: Session, rows: list[dict[str, Any]], items: list[list[dict[str, Any]]]) -> int:
    """Draft proposals and each one's items; how many drafts."""
    from bargaining.models import Proposal, ProposalItem

    return len(insert_nested(session, Proposal, rows, ProposalItem, "proposal_id", items))
