"""Checking what a TA agrees to: versions both sides could sign, packages whole, clauses free."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.errors import Conflict, Invalid
from bargaining.domain.hashing import DELETED_HASH
from bargaining.domain.records import Action, ProposalState, TAState
from bargaining.models import Clause, ClauseVersion, Proposal, ProposalItem, TAItem, TentativeAgreement

LIVE = (ProposalState.PASSED, ProposalState.SUPERSEDED, ProposalState.AGREED)


def agreed_hash(items: list[TAItem]) -> str:
    """Hash the whole agreement: every clause with the hash of its agreed language."""
    lines = sorted(f"{i.clause_id}:{i.action.value}:{i.content_hash}" for i in items)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def package_items(session: Session, table_id: int, package_id: int) -> list[dict[str, Any]]:
    """The items of a live package proposal, as TA item payloads."""
    package = session.scalar(
        select(Proposal)
        .where(Proposal.id == package_id, Proposal.table_id == table_id)
        .options(selectinload(Proposal.items))
    )
    if package is None or not package.is_package or package.state not in LIVE:
        raise Invalid("Not a passed package proposal at this table.", field="package_proposal_id")
    return [
        {"clause_id": i.clause_id, "action": i.action.value, "version_id": i.version_id}
        for i in package.items
        if i.clause_id is not None
    ]


def build_ta_items(
    session: Session, table_id: int, payloads: list[dict[str, Any]], package_id: int | None
) -> list[TAItem]:
    """Validate payloads against the record and build the TA's items (a few queries in all)."""
    if not payloads:
        raise Invalid("A TA covers at least one clause.", field="items")
    ids = [p["clause_id"] for p in payloads]
    if len(set(ids)) != len(ids):
        raise Invalid("A TA names each clause once.", field="items")
    clauses = {
        c.id: c
        for c in session.scalars(select(Clause).where(Clause.id.in_(ids), Clause.table_id == table_id))
    }
    versions = _versions(session, [int(p["version_id"]) for p in payloads if p.get("version_id")])
    bases = _bases(session, [c.base_version_id for c in clauses.values() if c.base_version_id])
    items = [_item(i, p, clauses, versions, bases) for i, p in enumerate(payloads)]
    _check_packages(versions, items, package_id)
    return items


def _versions(
    session: Session, ids: list[int]
) -> dict[int, tuple[ClauseVersion, Proposal | None, ProposalItem | None]]:
    """Load versions with the proposal and item that introduced them."""
    if not ids:
        return {}
    rows = session.execute(
        select(ClauseVersion, Proposal, ProposalItem)
        .outerjoin(Proposal, Proposal.id == ClauseVersion.proposal_id)
        .outerjoin(ProposalItem, ProposalItem.version_id == ClauseVersion.id)
        .where(ClauseVersion.id.in_(ids))
    ).all()
    return {v.id: (v, p, i) for v, p, i in rows}


def _bases(session: Session, ids: list[int]) -> dict[int, str]:
    """Base version id -> content hash."""
    if not ids:
        return {}
    return dict(
        session.execute(
            select(ClauseVersion.id, ClauseVersion.content_hash).where(ClauseVersion.id.in_(ids))
        ).all()
    )


def _item(
    index: int,
    payload: dict[str, Any],
    clauses: dict[int, Clause],
    versions: dict[int, Any],
    bases: dict[int, str],
) -> TAItem:
    """Build one TA item."""
    at = f"items.{index}"
    clause = clauses.get(payload["clause_id"])
    if clause is None:
        raise Invalid("No such clause at this table.", field=f"{at}.clause_id")
    action = Action(payload["action"])
    if action is Action.DELETE:
        return TAItem(clause_id=clause.id, action=action, version_id=None, content_hash=DELETED_HASH)
    if action is Action.STATUS_QUO:
        digest = bases.get(clause.base_version_id or 0, DELETED_HASH) if clause.in_base else DELETED_HASH
        return TAItem(
            clause_id=clause.id, action=action, version_id=clause.base_version_id, content_hash=digest
        )
    found = versions.get(payload.get("version_id") or 0)
    if found is None or found[0].clause_id != clause.id:
        raise Invalid("Name a version of this clause that one side passed.", field=f"{at}.version_id")
    version, proposal, item = found
    if proposal is None or proposal.state not in LIVE:
        raise Invalid("That version is not in a live passed proposal.", field=f"{at}.version_id")
    return TAItem(
        clause_id=clause.id,
        action=action,
        version_id=version.id,
        content_hash=version.content_hash,
        agreed_number=item.new_number if item else None,
        agreed_heading=item.new_heading if item else None,
        agreed_article_number=item.new_article_number if item and action is Action.AMEND else None,
        agreed_article_title=item.new_article_title if item and action is Action.AMEND else None,
    )


def _check_packages(versions: dict[int, Any], items: list[TAItem], package_id: int | None) -> None:
    """A package's language is agreed whole, in a TA on that package, never clause by clause."""
    for item in items:
        found = versions.get(item.version_id or 0)
        if found and found[1] is not None and found[1].is_package and found[1].id != package_id:
            raise Invalid(
                f"{found[1].label} is a package: agree it whole with package_proposal_id.",
                field="items",
                code="package_whole",
            )


def ensure_clauses_free(
    session: Session, table_id: int, clause_ids: list[int], skip_ta: int | None = None
) -> None:
    """No clause may already be signed, or awaiting a signature, in another TA."""
    stmt = (
        select(TAItem.clause_id, TentativeAgreement.state, TentativeAgreement.label)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(
            TentativeAgreement.table_id == table_id,
            TAItem.clause_id.in_(clause_ids),
            TentativeAgreement.state.in_([TAState.PENDING, TAState.SIGNED]),
        )
    )
    if skip_ta is not None:
        stmt = stmt.where(TentativeAgreement.id != skip_ta)
    for _clause_id, state, label in session.execute(stmt).all():
        if state is TAState.SIGNED:
            raise Conflict(f"A clause here is already tentatively agreed in {label}.", code="clause_agreed")
        raise Conflict(f"A clause here awaits a signature in {label}.", code="ta_pending")


def ensure_still_live(session: Session, ta: TentativeAgreement) -> None:
    """Every agreed version must still come from a live proposal (not withdrawn since the offer)."""
    ids = [
        i.version_id for i in ta.items if i.version_id is not None and i.action in (Action.AMEND, Action.ADD)
    ]
    if not ids:
        return
    stmt = (
        select(Proposal.label)
        .join(ClauseVersion, ClauseVersion.proposal_id == Proposal.id)
        .where(ClauseVersion.id.in_(ids), Proposal.state.not_in(LIVE))
    )
    dead = list(session.scalars(stmt))
    if dead:
        raise Conflict(
            f"{', '.join(sorted(set(filter(None, dead))))} was withdrawn; this offer no longer stands.",
            code="ta_stale",
        )
