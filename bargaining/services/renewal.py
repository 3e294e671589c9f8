"""Renewal: a new table starts from the contract a ratified table's members voted for.

The ratified table's compiled contract becomes the new table's base, in a few statements:
articles (number, title, kind, in order), clauses as compiled (agreed numbers and headings,
in order, in_base), and one base version per clause holding the agreed text. The contract must
still be the one that was ratified (same contract hash, verifying); otherwise 409.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain import contract as domain
from bargaining.domain.access import TableState
from bargaining.domain.contract_verify import contract_hash, verify_contract
from bargaining.domain.errors import Conflict, Invalid
from bargaining.models import Article, BargainingTable, Clause, Ratification, User
from bargaining.services import audit
from bargaining.services.contract import compile_table
from bargaining.services.importing import insert_base_clauses


def copy_ratified(session: Session, actor: User, table: BargainingTable, source_id: int) -> None:
    """Give a new table the ratified contract of source_id as its base; record where it came from."""
    source = session.get(BargainingTable, source_id)
    if source is None:
        raise Invalid("No such table to renew.", field="renews")
    if source.state is not TableState.RATIFIED:
        raise Conflict(
            f"Table {source.id} is not ratified; only a ratified contract can be renewed.",
            field="renews",
            code="not_ratified",
        )
    contract = _ratified_contract(session, source.id)
    table.renews_id = source.id
    counts = _write(session, actor, table.id, contract)
    audit.record(
        session,
        actor.id,
        "contract.renewed",
        table,
        table_id=table.id,
        detail={"renews": source.id, **counts},
    )
    session.flush()


def _ratified_contract(session: Session, source_id: int) -> domain.Contract:
    """The source's compiled contract, checked to be exactly the one its members ratified."""
    contract = compile_table(session, source_id)
    record = session.scalar(select(Ratification).where(Ratification.table_id == source_id))
    result = verify_contract(contract)
    if record is None or record.contract_hash != contract_hash(contract) or not result.ok:
        raise Conflict(
            "The ratified contract no longer matches what the members ratified; it cannot be renewed.",
            field="renews",
            code="contract_changed",
        )
    return contract


def _write(session: Session, actor: User, table_id: int, contract: domain.Contract) -> dict[str, int]:
    """Insert articles, clauses and base versions level by level."""
    articles = [
        Article(table_id=table_id, number=a.number, title=a.title, kind=a.kind, position=i, in_base=True)
        for i, a in enumerate(contract.articles, start=1)
    ]
    session.add_all(articles)
    session.flush()
    pairs = [
        (
            Clause(
                table_id=table_id,
                article_id=row.id,
                number=c.number,
                heading=c.heading,
                position=j,
                in_base=True,
            ),
            c.text or "",
        )
        for row, compiled in zip(articles, contract.articles, strict=True)
        for j, c in enumerate(compiled.clauses, start=1)
    ]
    insert_base_clauses(session, actor, table_id, pairs)
    return {"articles": len(articles), "clauses": len(pairs)}
