"""The tentative contract's records: what it is compiled from, and the compiled contract itself.

Compiling is in contract_compile, verifying and hashing in contract_verify; documents are rendered by
bargaining/documents (contract_render keeps the open-clause note and Markdown escaping).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bargaining.domain.records import Action, ClauseStatusKind

Source = Literal["agreed", "base", "open"]


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article of the table."""

    id: int
    number: str
    title: str
    kind: str
    position: int
    in_base: bool


@dataclass(frozen=True, slots=True)
class ClauseEntry:
    """A clause of the table, with its base version (if in the base contract)."""

    id: int
    article_id: int
    number: str
    heading: str
    position: int
    in_base: bool
    base_version_id: int | None


@dataclass(frozen=True, slots=True)
class VersionText:
    """The stored text of a version and the hash stored with it."""

    id: int
    clause_id: int
    text: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class AgreedItem:
    """One clause of a signed TA: the agreed language's hash and any renumbering or retitling."""

    clause_id: int
    action: Action
    version_id: int | None
    content_hash: str
    agreed_number: str | None = None
    agreed_heading: str | None = None
    agreed_article_number: str | None = None
    agreed_article_title: str | None = None


@dataclass(frozen=True, slots=True)
class SignedTA:
    """A signed tentative agreement with the whole-agreement hash stored when it was offered."""

    id: int
    label: str
    agreed_hash: str
    items: tuple[AgreedItem, ...]

    def item(self, clause_id: int) -> AgreedItem | None:
        """Return the TA's item on a clause, if any."""
        return next((i for i in self.items if i.clause_id == clause_id), None)


@dataclass(frozen=True, slots=True)
class CompiledClause:
    """A clause as the tentative contract reads; content_hash is the stored (expected) hash."""

    clause_id: int
    article_id: int
    number: str
    heading: str
    text: str | None
    status: ClauseStatusKind
    source: Source
    ta_id: int | None
    ta_label: str | None
    content_hash: str | None
    version_id: int | None
    version_clause_id: int | None
    in_base: bool


@dataclass(frozen=True, slots=True)
class CompiledArticle:
    """An article of the tentative contract with its clauses in order."""

    id: int
    number: str
    title: str
    kind: str
    in_base: bool
    clauses: tuple[CompiledClause, ...]


@dataclass(frozen=True, slots=True)
class UnsettledClause:
    """A clause still open or awaiting a countersignature."""

    clause_id: int
    article_id: int
    number: str
    heading: str
    status: ClauseStatusKind
    in_base: bool
    ta_label: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    """What the compiled contract holds."""

    agreed: int
    base: int
    open: int
    deleted: int


@dataclass(frozen=True, slots=True)
class Contract:
    """The tentative contract as of the records given."""

    articles: tuple[CompiledArticle, ...]
    unsettled: tuple[UnsettledClause, ...]
    deleted: tuple[int, ...]
    signed: tuple[SignedTA, ...]
    clause_ids: frozenset[int]

    @property
    def clauses(self) -> Iterable[CompiledClause]:
        """Every listed clause in document order."""
        return (c for a in self.articles for c in a.clauses)

    @property
    def complete(self) -> bool:
        """No clause is open or awaiting a countersignature."""
        return not self.unsettled

    @property
    def counts(self) -> Counts:
        """Listed clauses by source, unsettled clauses, and clauses a TA deleted."""
        listed = list(self.clauses)
        return Counts(
            agreed=sum(c.source == "agreed" for c in listed),
            base=sum(c.source == "base" for c in listed),
            open=len(self.unsettled),
            deleted=len(self.deleted),
        )
