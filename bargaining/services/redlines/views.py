"""Redline views: the shapes a clause, article or contract redline takes, and their names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bargaining.domain.records import Side
from bargaining.domain.redlines.contract_diff import ChangeKind
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.render import summary
from bargaining.domain.redlines.whitespace import ignored_differences
from bargaining.services.access import TableFacts
from bargaining.services.records_loader import ArticleRow

CLAUSE_REFS = ("base", "union", "employer", "ta", "tentative")
BASELINES = ("base", "union", "employer", "tentative")
MAX_ID = 2**31 - 1
Against = Literal["auto", "base", "answered"]
BASELINE_LABELS = {
    "base": "Current contract",
    "union": "Union position",
    "employer": "Employer position",
    "tentative": "Tentative contract",
}


@dataclass(frozen=True, slots=True)
class TableInfo:
    """The table a redline belongs to, as a document header names it."""

    id: int
    title: str
    union_name: str
    employer_name: str


@dataclass(frozen=True, slots=True)
class End:
    """One side of a clause redline: what was asked for and whose language it is."""

    ref: str
    version_id: int | None
    label: str
    side: Side | None
    at: datetime | None


def op_dicts(ops: Iterable[Op]) -> list[dict[str, str]]:
    """Ops in their JSON form (``old`` only when set)."""
    return [op.to_dict() for op in ops]


class OpsView:
    """A redline's ops as JSON and their word counts (for views with an ``ops`` field)."""

    ops: Sequence[Op]

    @property
    def whitespace_ignored(self) -> int:
        """How many spacing-only differences (whitespace runs, split words) the ops hide."""
        return ignored_differences(self.ops)

    @property
    def op_dicts(self) -> list[dict[str, str]]:
        """The ops as JSON."""
        return op_dicts(self.ops)

    @property
    def summary(self) -> dict[str, Any]:
        """Words inserted and deleted, and whether anything changed."""
        return summary(self.ops)


@dataclass(frozen=True)
class ClauseRedline(OpsView):
    """One clause between two refs."""

    table: TableInfo
    clause_id: int
    article_id: int
    article_number: str
    article_title: str
    article_kind: str
    number: str
    heading: str
    old: End
    new: End
    ignore_whitespace: bool
    ops: tuple[Op, ...]
    coarse: bool = False
    agreed_label: str | None = None
    agreed_at: datetime | None = None
    # Its renderings (the JSON dump, HTML, ...), made once: a cached redline is served again and again.
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def rendering(self, kind: str, render: Callable[[ClauseRedline], Any]) -> Any:
        """This redline rendered by ``render``, remembered under ``kind`` (it never changes)."""
        found = self.memo.get(kind)
        if found is None:
            found = self.memo[kind] = render(self)
        return found


@dataclass(frozen=True)
class DocumentClause(OpsView):
    """One clause of an article or contract redline."""

    clause_id: int
    article_id: int
    article_number: str
    article_title: str
    article_kind: str
    old_number: str | None
    new_number: str | None
    heading: str
    change: ChangeKind
    author_side: Side | None
    authored_at: datetime | None
    ops: list[Op]
    # The proposal or TA label the new document's language comes from (None: the current contract).
    source_label: str | None = None
    coarse: bool = False
    # The signed TA covering the clause, and when it was signed (None: no signed TA).
    agreed_label: str | None = None
    agreed_at: datetime | None = None
    # The article's number and title in the old document (a proposal or TA may rename it).
    old_article_number: str | None = None
    old_article_title: str | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    """A document baseline and how it is named."""

    ref: str
    label: str


@dataclass(frozen=True)
class DocumentRedline:
    """An article or the whole contract between two baselines."""

    table: TableInfo
    article: ArticleRow | None
    old: Baseline
    new: Baseline
    ignore_whitespace: bool
    clauses: list[DocumentClause]
    summary: dict[str, int]
    changes_only: bool = False


def table_info(table: TableFacts) -> TableInfo:
    """The table's names."""
    return TableInfo(table.id, table.title, table.union_name, table.employer_name)
