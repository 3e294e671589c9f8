"""What an event at a table touches on the board: the proposals, TAs, clauses and articles it names.

Each audit action is sorted by what it changes of the records a board is derived from (articles,
clauses, non-draft proposals and their items, TAs and their items). Actions that change none of
them (notes, sessions, costing, webhooks, memberships, table settings, ratification) touch
nothing: settings and the table's state change what a caller sees, which the board applies to the
derived statuses at every read, not the statuses. An action not listed here means a full
derivation (``touched_by`` answers None), so a new kind of change is never missed, only slower.
Creating, moving or renaming an article (setup, consent) is one too: it may shift every
article's position.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

BY_PROPOSAL = frozenset(
    {
        "proposal.drafted",
        "proposal.edited",
        "proposal.draft_deleted",
        "proposal.passed",
        "proposal.superseded",
        "proposal.withdrawn",
    }
)
BY_TA = frozenset(
    {"ta.offered", "ta.signed", "ta.rejected", "ta.reopen_requested", "ta.reopened", "ta.summary_edited"}
)
BY_CLAUSE = frozenset({"clause.created", "clause.base_revised"})
BY_ARTICLE: frozenset[str] = frozenset()  # article.created/updated may move every article: full
NOTHING_PREFIXES = (
    "change.",
    "classification.",
    "costing_settings.",
    "document.",
    "file.",
    "inforequest.",
    "membership.",
    "note.",
    "ratification.",
    "roster.",
    "scenario.",
    "schedule.",
    "session.",
    "webhook.",
)
NOTHING = frozenset({"table.created", "table.updated", "table.archived"})


@dataclass(slots=True)
class Touched:
    """The objects a run of events names, by kind."""

    proposals: set[int] = field(default_factory=set)
    tas: set[int] = field(default_factory=set)
    clauses: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        """No event named anything the board is derived from."""
        return not (self.proposals or self.tas or self.clauses or self.articles)

    def params(self) -> dict[str, list[int]]:
        """The ids as the touched-clauses statement's parameters."""
        return {
            "proposal_ids": sorted(self.proposals),
            "ta_ids": sorted(self.tas),
            "clause_ids": sorted(self.clauses),
            "article_ids": sorted(self.articles),
        }


def _slot(touched: Touched, action: str) -> set[int] | None:
    """The set an action's object goes in (None: it names nothing the board reads)."""
    for actions, slot in (
        (BY_PROPOSAL, touched.proposals),
        (BY_TA, touched.tas),
        (BY_CLAUSE, touched.clauses),
        (BY_ARTICLE, touched.articles),
    ):
        if action in actions:
            return slot
    return None


def touched_by(events: Iterable[tuple[str, int | None]]) -> Touched | None:
    """The objects (action, object id) events touch; None if one needs a full derivation."""
    touched = Touched()
    for action, object_id in events:
        slot = _slot(touched, action)
        if slot is None and (action in NOTHING or action.startswith(NOTHING_PREFIXES)):
            continue
        if slot is None or object_id is None:
            return None
        slot.add(object_id)
    return touched
