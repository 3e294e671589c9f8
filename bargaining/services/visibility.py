"""What members may see: base text, signed TAs, and passed proposals if the table shares them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, true

from bargaining.domain.records import TAState
from bargaining.models import ClauseVersion, TAItem, TentativeAgreement
from bargaining.services.access import TableFacts


def member_version_filter(table: TableFacts) -> ColumnElement[bool]:
    """Versions a member may read: base, agreed in a signed TA, or passed if shared."""
    if table.members_see_passed:
        return true()
    agreed = (
        select(TAItem.version_id)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(TentativeAgreement.table_id == table.id, TentativeAgreement.state == TAState.SIGNED)
    )
    return or_(ClauseVersion.author_side == "base", ClauseVersion.id.in_(agreed))
