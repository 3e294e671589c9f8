"""The members' plain-language summary of a TA: written by the union side, every text kept.

Members are the union's members, so the summary they read belongs to the union side: only its
negotiators write it (offering a TA with a summary included). Each edit appends a version, as
clause language does; an identical edit keeps the current one.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.errors import ensure_version
from bargaining.domain.records import Side
from bargaining.models import TASummaryVersion, TentativeAgreement
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable

SUMMARY_SIDE = Side.UNION


def require_summary_writer(standing: Standing) -> None:
    """Only the union side's negotiators write what its members read."""
    require(
        standing.side is SUMMARY_SIDE and standing.role is Role.NEGOTIATOR,
        "Members' summaries are written by the union side's negotiators (its members read them).",
    )


def append_summary(
    session: Session, actor_id: int, ta: TentativeAgreement, text: str
) -> TASummaryVersion | None:
    """Keep a new summary text as the TA's next version; None if it is the current text."""
    if text == ta.summary:
        return None
    count = session.scalar(select(func.count()).where(TASummaryVersion.ta_id == ta.id)) or 0
    version = TASummaryVersion(
        ta_id=ta.id,
        table_id=ta.table_id,
        number=count + 1,
        text=text,
        author_side=SUMMARY_SIDE.value,
        created_by_id=actor_id,
    )
    session.add(version)
    ta.summary = text
    return version


def update_summary(
    session: Session, actor: Actor, ta_id: int, expected: int, summary: str
) -> TentativeAgreement:
    """The union side's negotiators rewrite a TA's summary; the earlier text is kept."""
    from bargaining.services.agreements import load_ta

    ta, standing = load_ta(session, actor, ta_id)
    require_summary_writer(standing)
    table, _ = load_table(session, actor, ta.table_id)
    require_writable(table)
    ensure_version("tentative agreement", ta.version, expected)
    old = ta.summary
    version = append_summary(session, actor.id, ta, summary)
    session.flush()
    if version is not None:
        detail = {
            "label": ta.label,
            "summary_version": version.number,
            **audit.edit_detail({"summary": old}, {"summary": summary}),
        }
        audit.record(session, actor.id, "ta.summary_edited", ta, table_id=ta.table_id, detail=detail)
        session.flush()
    return ta


def summary_versions(session: Session, actor: Actor, ta_id: int) -> Select[TASummaryVersion]:
    """Select a TA's summary texts, newest (the current one) first; whoever may read the TA."""
    from bargaining.services.agreements import load_ta

    load_ta(session, actor, ta_id)
    stmt = select(TASummaryVersion).where(TASummaryVersion.ta_id == ta_id)
    return stmt.order_by(TASummaryVersion.number.desc())
