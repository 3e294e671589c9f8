"""The TA summary's plan: who sees what, and which clause texts and TA summaries to read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from bargaining.domain.access import Role, Standing
from bargaining.domain.records import Action, ClauseStatusKind, TAItemRecord, TARecord
from bargaining.domain.status import ClauseStatus
from bargaining.models import BargainingTable
from bargaining.services.articles import visible_added
from bargaining.services.records_loader import ClauseRow

Audience = Literal["self", "members"]
View = Literal["members", "full"]


@dataclass(frozen=True, slots=True)
class Viewer:
    """What this summary may show."""

    view: View
    pending: bool
    positions: bool
    added: bool

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the viewer or already tentatively agreed."""
        return clause.in_base or self.added or status.status is ClauseStatusKind.TENTATIVELY_AGREED


def summary_viewer(table: BargainingTable, standing: Standing, audience: Audience) -> Viewer:
    """The sides' people and admins see everything passed; members what the table shares."""
    if audience == "self" and (standing.is_party or standing.is_admin):
        return Viewer(view="full", pending=True, positions=True, added=True)
    member = Standing(user_id=standing.user_id, is_admin=False, side=None, role=Role.MEMBER)
    shared = bool(table.members_see_passed)
    return Viewer(view="members", pending=False, positions=shared, added=visible_added(member, table))


@dataclass(frozen=True, slots=True)
class Agreement:
    """A clause's covering TA and the language it agrees."""

    clause: ClauseRow
    ta: TARecord
    item: TAItemRecord
    version_id: int | None

    @property
    def deleted(self) -> bool:
        """The clause has no text in the tentative contract."""
        return self.version_id is None


@dataclass(slots=True)
class SummaryPlan:
    """What each visible clause contributes, and the texts to read in one query."""

    agreed: dict[int, Agreement] = field(default_factory=dict)
    versions: set[int] = field(default_factory=set)
    tas: set[int] = field(default_factory=set)


def base_version_id(clause: ClauseRow) -> int | None:
    """The clause's current-contract version, None if it is not in the base."""
    return clause.record.base_version_id if clause.in_base else None


def _agreed_version(clause: ClauseRow, item: TAItemRecord) -> int | None:
    """The version a TA item agrees to: None for a deletion (or status quo of a new clause)."""
    if item.action is Action.DELETE:
        return None
    if item.action is Action.STATUS_QUO:
        return item.version_id if item.version_id is not None else base_version_id(clause)
    return item.version_id


def _covering(status: ClauseStatus, viewer: Viewer) -> bool:
    """The clause's TA belongs in the summary for this viewer."""
    if status.ta_id is None:
        return False
    if status.status is ClauseStatusKind.TENTATIVELY_AGREED:
        return True
    return status.status is ClauseStatusKind.TA_PENDING and viewer.pending


def plan_summary(
    clauses: Iterable[ClauseRow],
    statuses: Mapping[int, ClauseStatus],
    tas: Mapping[int, TARecord],
    viewer: Viewer,
) -> SummaryPlan:
    """Decide what each clause shows and collect the version and TA ids whose texts are needed."""
    plan = SummaryPlan()
    for clause in clauses:
        status = statuses[clause.id]
        base = base_version_id(clause)
        if _covering(status, viewer):
            assert status.ta_id is not None
            ta = tas[status.ta_id]
            item = next(i for i in ta.items if i.clause_id == clause.id)
            agreement = Agreement(clause, ta, item, _agreed_version(clause, item))
            plan.agreed[clause.id] = agreement
            plan.tas.add(ta.id)
            plan.versions.update(v for v in (base, agreement.version_id) if v is not None)
        if status.status is ClauseStatusKind.OPEN and viewer.positions:
            for position in (status.union, status.employer):
                if position.version_id is not None and position.kind != "delete":
                    plan.versions.add(position.version_id)
    return plan
