"""The roster: importing it from CSV/XLSX (all or nothing), its rows (private) and its aggregates (shared)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Forbidden, Invalid, NotFound
from bargaining.domain.records import Side
from bargaining.domain.roster.parse import CellError, Known, ParsedRoster, parse_roster
from bargaining.domain.roster.read import detect_format, read_sheet
from bargaining.models import Classification, RosterBatch, RosterRow
from bargaining.services import audit
from bargaining.services.access import load_table
from bargaining.services.costing.guards import reads_rows, side_writer
from bargaining.services.costing.inputs import load_classifications, load_settings


class RosterInvalid(Invalid):
    """Some rows could not be read; nothing was written."""

    code = "roster_invalid"

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} value(s) could not be read; nothing was imported.", field="file")
        self.errors = errors


@dataclass(slots=True)
class ImportResult:
    """What an import read (and, unless a dry run, wrote)."""

    dry_run: bool
    file_format: str
    mapping: dict[str, str]
    rows_read: int
    errors: list[CellError]
    batch: RosterBatch | None = None
    by_classification: dict[str, int] = field(default_factory=dict)


def import_roster(
    session: Session, actor: Actor, table_id: int, upload: dict[str, Any], *, dry_run: bool
) -> ImportResult:
    """Read a roster file; a dry run reports and writes nothing; a real import writes all rows or none."""
    _table, side = side_writer(session, actor, table_id)
    content: bytes = upload["content"]
    if not content:
        raise Invalid("The file is empty.", field="file", code="roster_unreadable")
    file_format = upload.get("format") or detect_format(upload.get("filename", ""), content)
    classes = _classification_keys(session, table_id)
    known = Known(classes, *_steps_and_tiers(session, table_id, classes))
    parsed = parse_roster(read_sheet(content, file_format), known, upload.get("mapping"))
    result = _result(parsed, file_format, dry_run, classes)
    if dry_run:
        return result
    if parsed.errors:
        raise RosterInvalid(parsed.errors)
    if not parsed.rows:
        raise Invalid("The file has no rows to import.", field="file", code="roster_empty")
    result.batch = _write(session, actor.id, table_id, side, upload, file_format, parsed)
    return result


def _classification_keys(session: Session, table_id: int) -> dict[str, int]:
    """Lower-cased codes and names of the table's classifications -> id."""
    keys: dict[str, int] = {}
    for cid, code, name in session.execute(
        select(Classification.id, Classification.code, Classification.name).where(
            Classification.table_id == table_id
        )
    ):
        keys.setdefault(name.lower(), cid)
        keys[code.lower()] = cid
    return keys


def _steps_and_tiers(
    session: Session, table_id: int, classes: dict[str, int]
) -> tuple[dict[int, frozenset[int]], frozenset[str] | None]:
    """Each classification's steps on its current base schedule, and the settings' health tiers."""
    steps = {
        classes[c.code.lower()]: frozenset(c.schedule.step_numbers())
        for c in load_classifications(session, table_id)
        if c.code.lower() in classes
    }
    settings = load_settings(session, table_id)
    tiers = None if settings is None else frozenset(h.tier for h in settings.health)
    return steps, tiers


def _result(parsed: ParsedRoster, file_format: str, dry_run: bool, classes: dict[str, int]) -> ImportResult:
    """The report of what was read."""
    codes = {cid: key for key, cid in sorted(classes.items(), reverse=True)}
    counts: dict[str, int] = defaultdict(int)
    for row in parsed.rows:
        counts[codes.get(row.classification_id, "?")] += 1
    return ImportResult(
        dry_run, file_format, parsed.mapping, len(parsed.rows), parsed.errors, None, dict(counts)
    )


def _write(
    session: Session,
    actor_id: int,
    table_id: int,
    side: Side,
    upload: dict[str, Any],
    file_format: str,
    parsed: ParsedRoster,
) -> RosterBatch:
    """Write the batch and its rows in one bulk insert; audit it."""
    batch = RosterBatch(
        table_id=table_id,
        side=side,
        filename=upload.get("filename", "")[:255],
        file_format=file_format,
        source=upload.get("source", ""),
        row_count=len(parsed.rows),
        mapping=parsed.mapping,
        created_by_id=actor_id,
    )
    session.add(batch)
    session.flush()
    session.execute(
        insert(RosterRow),
        [
            {
                "table_id": table_id,
                "batch_id": batch.id,
                "side": side.value,
                "line": r.line,
                "employee_ref": r.employee_ref,
                "classification_id": r.classification_id,
                "step": r.step,
                "fte": r.fte,
                "hours_paid": r.hours_paid,
                "step_anniversary": r.step_anniversary,
                "program": r.program,
                "caseload": r.caseload,
                "health_tier": r.health_tier,
                "licence": r.licence,
            }
            for r in parsed.rows
        ],
    )
    audit.record(
        session,
        actor_id,
        "roster.imported",
        batch,
        table_id=table_id,
        visible_to=side.value,
        detail={"rows": len(parsed.rows), "filename": batch.filename, "format": file_format},
    )
    return batch


def current_batch_id(session: Session, table_id: int, side: Side | None) -> int | None:
    """The roster the costing reads: the side's latest import, else the table's latest."""
    stmt = select(func.max(RosterBatch.id)).where(RosterBatch.table_id == table_id)
    if side is not None:
        own = session.scalar(stmt.where(RosterBatch.side == side))
        if own is not None:
            return own
    return session.scalar(stmt)


def list_batches(session: Session, actor: Actor, table_id: int) -> Select[RosterBatch]:
    """My side's imports (who, when, from where, how many rows; no row data), newest first."""
    _table, standing = load_table(session, actor, table_id)
    _no_members(standing)
    stmt = select(RosterBatch).where(RosterBatch.table_id == table_id).order_by(RosterBatch.id.desc())
    side = standing.side if standing.is_party else None
    return stmt.where(RosterBatch.side == side) if side is not None else stmt.where(RosterBatch.id.is_(None))


def _no_members(standing: Standing) -> None:
    """Members see the costing's aggregates, not the roster's bookkeeping."""
    if not (standing.is_party or standing.is_admin):
        raise Forbidden("Members see the roster only in aggregate.")


def list_rows(session: Session, actor: Actor, batch_id: int) -> Select[RosterRow]:
    """A batch's individual rows: only to the negotiators and recorders of the side that entered them."""
    batch = get_batch(session, actor, batch_id)
    _table, standing = load_table(session, actor, batch.table_id)
    if not reads_rows(standing, batch.side):
        raise Forbidden("Roster rows are personal pay data: only the side that entered them reads them.")
    return select(RosterRow).where(RosterRow.batch_id == batch_id).order_by(RosterRow.line)


def _batch(session: Session, actor: Actor, batch_id: int) -> RosterBatch:
    """A batch at a table the caller sits at; 404 otherwise."""
    batch = session.get(RosterBatch, batch_id)
    if batch is None:
        raise NotFound("No such roster.", code="roster_not_found")
    load_table(session, actor, batch.table_id)
    return batch


def get_batch(session: Session, actor: Actor, batch_id: int) -> RosterBatch:
    """One import's bookkeeping (not its rows): the entering side's people only; 404 to anyone else."""
    batch = _batch(session, actor, batch_id)
    standing = load_table(session, actor, batch.table_id)[1]
    if not (standing.is_party and standing.side is batch.side):
        raise NotFound("No such roster.", code="roster_not_found")
    return batch


def delete_batch(session: Session, actor: Actor, batch_id: int) -> None:
    """Delete an import and its rows for good (retention: the side that entered them decides)."""
    batch = get_batch(session, actor, batch_id)
    _table, side = side_writer(session, actor, batch.table_id)
    if batch.side is not side:
        raise Forbidden("Only the side that entered a roster deletes it.")
    audit.record(
        session,
        actor.id,
        "roster.deleted",
        batch,
        table_id=batch.table_id,
        visible_to=side.value,
        detail={"rows": batch.row_count, "filename": batch.filename},
    )
    session.execute(delete(RosterRow).where(RosterRow.batch_id == batch.id))
    session.delete(batch)
    session.flush()


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Headcount and FTE of one classification and step (no individual's data)."""

    classification: str
    step: int
    headcount: int
    fte: Decimal


def aggregates(session: Session, actor: Actor, table_id: int) -> tuple[int | None, list[Aggregate]]:
    """The roster the caller's costings read, summed by classification and step (everyone at the table)."""
    _table, standing = load_table(session, actor, table_id)
    batch_id = current_batch_id(session, table_id, standing.side if standing.is_party else Side.UNION)
    if batch_id is None:
        return None, []
    rows = session.execute(
        select(Classification.code, RosterRow.step, func.count(), func.sum(RosterRow.fte))
        .join(Classification, Classification.id == RosterRow.classification_id)
        .where(RosterRow.batch_id == batch_id)
        .group_by(Classification.code, RosterRow.step)
        .order_by(Classification.code, RosterRow.step)
    ).all()
    return batch_id, [Aggregate(code, step, count, Decimal(fte or 0)) for code, step, count, fte in rows]
