"""The compiled tentative contract and its verification, loaded in a constant number of queries.

Ten SELECTs whatever the size of the table: the table and the caller's seat; the six of
records_loader (articles, clauses, proposals, items, TAs, TA items); the signed TAs' items with
their agreed numbering; and every text the contract needs (base versions and signed TAs'
versions) in one query. The contract holds only base text and signed TA text, so it never shows
a draft or a position; proposed new clauses nobody has agreed are left out of the document, and
out of the open list for callers who may not see them (members, unless the table shares passed
proposals).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bargaining.domain import contract as domain
from bargaining.domain.access import Actor, Standing, TableState
from bargaining.domain.contract_compile import compile_contract
from bargaining.domain.contract_verify import (
    AlteredTA,
    Duplicate,
    Mismatch,
    Orphan,
    Verification,
    contract_hash,
    verify_contract,
)
from bargaining.domain.records import TAState
from bargaining.domain.status import derive_status
from bargaining.models import BargainingTable, Clause, ClauseVersion, TAItem, TentativeAgreement
from bargaining.services.access import load_table
from bargaining.services.articles import visible_added
from bargaining.services.records_loader import load_records


def compile_table(session: Session, table_id: int) -> domain.Contract:
    """Compile a table's tentative contract from the record as it stands."""
    records = load_records(session, table_id)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    articles = [
        domain.ArticleEntry(a.id, a.number, a.title, a.kind, a.position, a.in_base) for a in records.articles
    ]
    clauses = [
        domain.ClauseEntry(
            c.id, c.article_id, c.number, c.heading, c.position, c.in_base, c.record.base_version_id
        )
        for c in records.clauses
    ]
    return compile_contract(
        articles, clauses, statuses, _texts(session, table_id), _signed_tas(session, table_id)
    )


def _signed_tas(session: Session, table_id: int) -> list[domain.SignedTA]:
    """The table's signed TAs with every item, agreed hash and renumbering (one query)."""
    stmt = (
        select(
            TentativeAgreement.id,
            TentativeAgreement.label,
            TentativeAgreement.agreed_hash,
            TAItem.clause_id,
            TAItem.action,
            TAItem.version_id,
            TAItem.content_hash,
            TAItem.agreed_number,
            TAItem.agreed_heading,
            TAItem.agreed_article_number,
            TAItem.agreed_article_title,
        )
        .join(TAItem, TAItem.ta_id == TentativeAgreement.id)
        .where(TentativeAgreement.table_id == table_id, TentativeAgreement.state == TAState.SIGNED)
        .order_by(TentativeAgreement.id, TAItem.id)
    )
    heads: dict[int, tuple[str, str]] = {}
    items: dict[int, list[domain.AgreedItem]] = {}
    for ta_id, label, agreed, *item in session.execute(stmt):
        heads[ta_id] = (label, agreed)
        items.setdefault(ta_id, []).append(domain.AgreedItem(*item))
    return [domain.SignedTA(tid, label, agreed, tuple(items[tid])) for tid, (label, agreed) in heads.items()]


def _texts(session: Session, table_id: int) -> dict[int, domain.VersionText]:
    """Every text the contract can show: base versions and signed TAs' versions (one query)."""
    bases = select(Clause.base_version_id).where(
        Clause.table_id == table_id, Clause.base_version_id.is_not(None)
    )
    agreed = (
        select(TAItem.version_id)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(
            TentativeAgreement.table_id == table_id,
            TentativeAgreement.state == TAState.SIGNED,
            TAItem.version_id.is_not(None),
        )
    )
    stmt = select(
        ClauseVersion.id, ClauseVersion.clause_id, ClauseVersion.text, ClauseVersion.content_hash
    ).where(
        ClauseVersion.table_id == table_id, or_(ClauseVersion.id.in_(bases), ClauseVersion.id.in_(agreed))
    )
    return {row[0]: domain.VersionText(*row) for row in session.execute(stmt)}


@dataclass(frozen=True, slots=True)
class _Viewer:
    """Whether the caller may see clauses a passed proposal added before they are agreed."""

    added: bool

    def shown(self, unsettled: tuple[domain.UnsettledClause, ...]) -> list[domain.UnsettledClause]:
        """The open clauses the caller may know about."""
        return [u for u in unsettled if u.in_base or self.added]


def _viewer(table: BargainingTable, standing: Standing) -> _Viewer:
    """The caller's view of proposed new clauses."""
    return _Viewer(added=visible_added(standing, table))


def document_title(table: BargainingTable) -> str:
    """The heading of the rendered contract."""
    kind = "Ratified contract" if table.state is TableState.RATIFIED else "Tentative contract"
    return f"{table.title}: {kind} between {table.union_name} and {table.employer_name}"


@dataclass(frozen=True, slots=True)
class CountsView:
    """Listed clauses by source; open counts only the clauses the caller may see."""

    agreed: int
    base: int
    open: int
    deleted: int


@dataclass(frozen=True, slots=True)
class ContractView:
    """The compiled contract as one caller may see it."""

    table_id: int
    title: str
    table_state: str
    complete: bool
    contract_hash: str
    counts: CountsView
    open_not_shown: int
    articles: tuple[domain.CompiledArticle, ...]


def contract_view(session: Session, actor: Actor, table_id: int) -> ContractView:
    """Compile the tentative contract for the caller (members included)."""
    table, standing = load_table(session, actor, table_id)
    contract = compile_table(session, table.id)
    shown = _viewer(table, standing).shown(contract.unsettled)
    counts = contract.counts
    return ContractView(
        table_id=table.id,
        title=document_title(table),
        table_state=table.state.value,
        complete=contract.complete,
        contract_hash=contract_hash(contract),
        counts=CountsView(counts.agreed, counts.base, len(shown), counts.deleted),
        open_not_shown=len(contract.unsettled) - len(shown),
        articles=contract.articles,
    )


@dataclass(frozen=True, slots=True)
class VerifyView:
    """A verification as one caller may see it."""

    table_id: int
    ok: bool
    complete: bool
    checked: int
    contract_hash: str
    mismatches: tuple[Mismatch, ...]
    open: list[domain.UnsettledClause]
    open_not_shown: int
    orphaned_tas: tuple[Orphan, ...]
    altered_tas: tuple[AlteredTA, ...]
    duplicate_numbers: tuple[Duplicate, ...]
    problems: list[str]


def verify_view(session: Session, actor: Actor, table_id: int) -> VerifyView:
    """Verify the compiled contract's text against the hashes that were agreed."""
    table, standing = load_table(session, actor, table_id)
    contract = compile_table(session, table.id)
    result = verify_contract(contract)
    shown = _viewer(table, standing).shown(result.unsettled)
    hidden = len(result.unsettled) - len(shown)
    problems = Verification(
        result.checked, result.mismatches, tuple(shown), result.orphans, result.altered_tas, result.duplicates
    ).problems()
    if hidden:
        problems.append(f"{hidden} proposed new clause(s) not shown to you are still open.")
    return VerifyView(
        table_id=table.id,
        ok=result.ok,
        complete=result.complete,
        checked=result.checked,
        contract_hash=contract_hash(contract),
        mismatches=result.mismatches,
        open=shown,
        open_not_shown=hidden,
        orphaned_tas=result.orphans,
        altered_tas=result.altered_tas,
        duplicate_numbers=result.duplicates,
        problems=problems,
    )
