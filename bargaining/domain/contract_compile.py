"""Compiling the tentative contract from base and signed TA text, by each clause's derived status."""

# A clause's place in the contract follows its derived status (bargaining.domain.status):
# tentatively agreed -> the signed TA's language (a deletion, or an agreed "status quo" of a
# clause that is not in the base, removes it); status quo -> its base text; open or awaiting a
# countersignature -> its base text flagged "open". A proposed new clause that nobody has agreed
# has no current language: it is not in the document, only in the verification's open list.
# Articles keep their order, clauses their position; a TA's agreed number and heading apply, and
# so does an article number or title a signed TA's item agreed (the latest TA wins).

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bargaining.domain.contract import (
    ArticleEntry,
    ClauseEntry,
    CompiledArticle,
    CompiledClause,
    Contract,
    SignedTA,
    Source,
    UnsettledClause,
    VersionText,
)
from bargaining.domain.records import ClauseStatusKind
from bargaining.domain.status import ClauseStatus


@dataclass
class _Build:
    """Clauses placed so far, by article, and what was left out."""

    by_article: dict[int, list[CompiledClause]] = field(default_factory=dict)
    had_clauses: set[int] = field(default_factory=set)
    unsettled: list[UnsettledClause] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)


def compile_contract(
    articles: Sequence[ArticleEntry],
    clauses: Sequence[ClauseEntry],
    statuses: Mapping[int, ClauseStatus],
    versions: Mapping[int, VersionText],
    signed: Sequence[SignedTA],
) -> Contract:
    """Compile the tentative contract from the table's records and each clause's derived status."""
    tas = {ta.id: ta for ta in signed}
    order = {a.id: (a.position, a.id) for a in articles}
    build = _Build()
    for clause in sorted(clauses, key=lambda c: (order.get(c.article_id, (0, 0)), c.position, c.id)):
        build.had_clauses.add(clause.article_id)
        _place(build, clause, statuses[clause.id], versions, tas)
    out: list[CompiledArticle] = []
    for article in sorted(articles, key=lambda a: (a.position, a.id)):
        listed = tuple(build.by_article.get(article.id, ()))
        if _article_shown(article, listed, article.id in build.had_clauses):
            out.append(_article(article, listed, tas))
    return Contract(
        articles=tuple(out),
        unsettled=tuple(build.unsettled),
        deleted=tuple(build.deleted),
        signed=tuple(signed),
        clause_ids=frozenset(c.id for c in clauses),
    )


def _article(
    article: ArticleEntry, listed: tuple[CompiledClause, ...], tas: Mapping[int, SignedTA]
) -> CompiledArticle:
    """An article of the compiled contract, renumbered or retitled as its clauses' latest TA agreed."""
    number, title = article.number, article.title
    for clause in sorted(listed, key=lambda c: c.ta_id or 0):
        ta = tas.get(clause.ta_id or 0) if clause.source == "agreed" else None
        item = ta.item(clause.clause_id) if ta else None
        if item is not None:
            number = item.agreed_article_number or number
            title = item.agreed_article_title if item.agreed_article_title is not None else title
    return CompiledArticle(article.id, number, title, article.kind, article.in_base, listed)


def _article_shown(article: ArticleEntry, listed: tuple[CompiledClause, ...], had_clauses: bool) -> bool:
    """Base articles while they hold a clause (or never had one); added ones once a clause is agreed."""
    if article.in_base:
        return bool(listed) or not had_clauses
    return any(c.source == "agreed" for c in listed)


def _place(
    build: _Build,
    clause: ClauseEntry,
    status: ClauseStatus,
    versions: Mapping[int, VersionText],
    tas: Mapping[int, SignedTA],
) -> None:
    """Put one clause where its status says: agreed or base text, open, or gone."""
    kind = status.status
    if kind is ClauseStatusKind.TENTATIVELY_AGREED:
        placed = _agreed(clause, status, versions, tas)
        if placed is None:
            build.deleted.append(clause.id)
            return
    elif kind is ClauseStatusKind.STATUS_QUO:
        if not clause.in_base:
            return
        placed = _current(clause, status, versions, "base")
    else:
        build.unsettled.append(
            UnsettledClause(
                clause.id,
                clause.article_id,
                clause.number,
                clause.heading,
                kind,
                clause.in_base,
                status.ta_label,
            )
        )
        if not clause.in_base:
            return
        placed = _current(clause, status, versions, "open")
    build.by_article.setdefault(clause.article_id, []).append(placed)


def _current(
    clause: ClauseEntry, status: ClauseStatus, versions: Mapping[int, VersionText], source: Source
) -> CompiledClause:
    """A clause at its base text (status quo, or open with the base shown as current language)."""
    version = versions.get(clause.base_version_id or 0)
    return CompiledClause(
        clause_id=clause.id,
        article_id=clause.article_id,
        number=clause.number,
        heading=clause.heading,
        text=version.text if version else None,
        status=status.status,
        source=source,
        ta_id=status.ta_id if source == "open" else None,
        ta_label=status.ta_label if source == "open" else None,
        content_hash=version.content_hash if version else None,
        version_id=clause.base_version_id,
        version_clause_id=version.clause_id if version else None,
        in_base=clause.in_base,
    )


def _agreed(
    clause: ClauseEntry,
    status: ClauseStatus,
    versions: Mapping[int, VersionText],
    tas: Mapping[int, SignedTA],
) -> CompiledClause | None:
    """A clause at its signed TA's language; None when the TA deletes it (or agrees not to add it)."""
    agreed = status.agreed
    ta = tas.get(status.ta_id or 0)
    item = ta.item(clause.id) if ta else None
    if agreed is None or agreed.kind == "delete":
        return None
    if agreed.kind == "status_quo" and not clause.in_base:
        return None
    version_id = agreed.version_id
    if agreed.kind == "status_quo" and version_id is None:
        version_id = clause.base_version_id
    version = versions.get(version_id or 0)
    number = item.agreed_number if item and item.agreed_number else clause.number
    heading = item.agreed_heading if item and item.agreed_heading is not None else clause.heading
    return CompiledClause(
        clause_id=clause.id,
        article_id=clause.article_id,
        number=number,
        heading=heading,
        text=version.text if version else None,
        status=status.status,
        source="agreed",
        ta_id=status.ta_id,
        ta_label=status.ta_label,
        content_hash=item.content_hash if item else agreed.content_hash,
        version_id=version_id,
        version_clause_id=version.clause_id if version else None,
        in_base=clause.in_base,
    )
