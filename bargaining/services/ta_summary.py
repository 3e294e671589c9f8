"""The TA summary: what has been agreed, article by article, against the current contract.

For every article: its tentatively agreed clauses (agreed text or deletion, TA label, date signed,
the negotiators' plain-language summary, and a word redline against the base text), counts by
status, and what is still open (numbers and headings; each side's passed position only when the
caller may see positions). Loaded in a constant number of queries: the table and the caller's
seat, the six of ``load_records``, and one for every text needed (clause versions and TA
summaries together).

Who sees what follows the status board: the sides' people and administrators see pending TAs
(with their summaries, before members do) and positions; members see signed TAs only, and
positions and added clauses only when the table shares passed proposals with them. Anyone at
the table may ask for the members' view (``audience="members"``), which is what the printable
page and the documents for members show. Drafts never enter the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.records import Side
from bargaining.models import ClauseVersion, TentativeAgreement, utcnow
from bargaining.services.ta_summary_layout import (
    ArticleSummary,
    SummaryCounts,
    article_summaries,
    summary_counts,
)
from bargaining.services.ta_summary_plan import (
    Audience,
    SummaryPlan,
    View,
    Viewer,
    summary_viewer,
)
from bargaining.services.ta_worth import WorthBlock, costing_side, worth_at
from bargaining.services.table_cache.derived import derived_at
from bargaining.services.table_cache.revision import TableAtRevision, load_table_revision


@dataclass(frozen=True, slots=True)
class TASummary:
    """The whole table's TA summary."""

    table_id: int
    title: str
    union_name: str
    employer_name: str
    table_state: str
    view: View
    positions_visible: bool
    pending_visible: bool
    generated_at: datetime  # when it was derived: a cached summary keeps its time (its revision's)
    counts: SummaryCounts
    articles: list[ArticleSummary]
    ta_worth: WorthBlock


def _texts(session: Session, table_id: int, plan: SummaryPlan) -> tuple[dict[int, str], dict[int, str]]:
    """Read the needed clause texts and TA summaries in one query."""
    if not plan.versions and not plan.tas:
        return {}, {}
    versions = select(literal("v").label("kind"), ClauseVersion.id, ClauseVersion.text).where(
        ClauseVersion.table_id == table_id, ClauseVersion.id.in_(sorted(plan.versions))
    )
    summaries = select(literal("t").label("kind"), TentativeAgreement.id, TentativeAgreement.summary).where(
        TentativeAgreement.table_id == table_id, TentativeAgreement.id.in_(sorted(plan.tas))
    )
    texts: dict[int, str] = {}
    notes: dict[int, str] = {}
    for kind, row_id, text in session.execute(union_all(versions, summaries)):
        (texts if kind == "v" else notes)[row_id] = text
    return texts, notes


def ta_summary(session: Session, actor: Actor, table_id: int, audience: Audience = "self") -> TASummary:
    """Build the TA summary of a table as the caller (or, on request, a member) may see it."""
    return summary_at(session, load_table_revision(session, actor, table_id), audience)


def summary_key(at: TableAtRevision, audience: Audience) -> tuple[object, ...]:
    """What a summary depends on: the table, its revision and row version, the view class and the
    side whose roster its costing reads."""
    viewer = summary_viewer(at.table, at.standing, audience)
    return ("summary", at.table.id, at.stamp, viewer, _roster_side(at, viewer))


def _roster_side(at: TableAtRevision, viewer: Viewer) -> Side:
    """Members' view: the union's roster (as /costing for members); the full view: the caller's side's."""
    party = viewer.view == "full" and at.standing.is_party
    return costing_side(at.standing.side if party else None)


def summary_at(session: Session, at: TableAtRevision, audience: Audience) -> TASummary:
    """The summary of a table already loaded with the caller's standing and its revision."""
    table = at.table
    viewer = summary_viewer(table, at.standing, audience)
    state = derived_at(session, at)
    statuses = state.statuses
    tas = {ta.id: ta for ta in state.tas}
    read = partial(_texts, session, table.id)
    articles = article_summaries(table.id, state, statuses, tas, viewer, read)
    return TASummary(
        table_id=table.id,
        title=table.title,
        union_name=table.union_name,
        employer_name=table.employer_name,
        table_state=str(table.state),
        view=viewer.view,
        positions_visible=viewer.positions,
        pending_visible=viewer.pending,
        generated_at=utcnow(),
        counts=summary_counts(statuses[c.id] for c in state.clauses if viewer.sees(c, statuses[c.id])),
        articles=articles,
        ta_worth=worth_at(session, table.id, _roster_side(at, viewer), statuses),
    )
