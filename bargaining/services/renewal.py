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
from bargaining.domain.access import Actor, TableState
from bargaining.domain.contract_verify import contract_hash, verify_contract
from bargaining.domain.errors import Conflict, Invalid
from bargaining.models import BargainingTable, Ratification
from bargaining.services import audit
from bargaining.services.contract import compile_table
from bargaining.services.intake.importing import BaseArticle, insert_base_contract


def copy_ratified(session: Session, actor: Actor, table: BargainingTable, source_id: int) -> None:
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


def _write(session: Session, actor: Actor, table_id: int, contract: domain.Contract) -> dict[str, int]:
    """Insert the compiled articles, clauses (agreed numbers and headings) and base versions."""
    outline = [
        BaseArticle(a.number, a.title, a.kind, [(c.number, c.heading, c.text or "") for c in a.clauses])
        for a in contract.articles
    ]
    insert_base_contract(session, actor, table_id, outline)
    return {"articles": len(outline), "clauses": sum(len(a.clauses) for a in outline)}
