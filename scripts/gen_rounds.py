"""The bargaining rounds of a generated table: who proposes what on which clauses, written round by round.

Each round the union, then the employer, passes one proposal per block of ARTICLES_PER_PROPOSAL
articles it moves on: amendments as word edits of the side's last language (now and then the
other side's language, ready to TA), status-quo items, a few deletions and packages, each
answering the other side's last proposal on the block; a few are withdrawn. At the end, earlier
proposals whose every clause a later one of the side changes are marked superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from scripts import gen_bulk
from scripts.gen_text import content_hash, edit_text, sentence
from scripts.gen_writer import Writer

ARTICLES_PER_PROPOSAL = 3
DELETED_HASH = "deleted"  # bargaining.domain.hashing.DELETED_HASH


@dataclass
class Move:
    """A proposal being planned: side, clauses and what it does to each."""

    side: str
    items: list[dict[str, Any]]
    responds_to: int | None = None
    is_package: bool = False
    state: str = "passed"


def bargain(w: Writer, budget: int) -> None:
    """Rounds of proposals, union then employer, ARTICLES_PER_PROPOSAL articles each,
    until exactly ``budget`` new versions exist."""
    blocks = [
        [c for art in w.by_article[b : b + ARTICLES_PER_PROPOSAL] for c in art]
        for b in range(0, len(w.by_article), ARTICLES_PER_PROPOSAL)
    ]
    last_of: dict[tuple[int, str], int] = {}  # (block, side) -> proposal id
    round_no = 0
    while budget > 0:
        for side in ("union", "employer"):
            budget = _play(w, blocks, side, round_no, budget, last_of)
            if budget <= 0:
                break
        round_no += 1
        if round_no > 1000:  # every clause deleted: no language left to amend
            raise ValueError("cannot place that many versions on these clauses")
    supersede(w)


def _play(
    w: Writer,
    blocks: list[list[int]],
    side: str,
    round_no: int,
    budget: int,
    last_of: dict[tuple[int, str], int],
) -> int:
    """One side's turn in a round: a proposal per block it moves on, written; the budget left."""
    moves: list[tuple[int, Move]] = []
    for b, block in enumerate(blocks):
        if budget <= 0:
            break
        move = plan(w, block, side, round_no, budget)
        if move is None:
            continue
        move.responds_to = last_of.get((b, "employer" if side == "union" else "union"))
        budget -= sum(1 for i in move.items if i["action"] == "amend")
        moves.append((b, move))
    for b, pid in write_moves(w, moves):
        last_of[(b, side)] = pid
    return budget


def plan(w: Writer, block: list[int], side: str, round_no: int, budget: int) -> Move | None:
    """Pick the clauses of one proposal and what it does to each."""
    share = 0.7 if round_no == 0 else 0.5
    chosen = [c for c in block if c not in w.deleted and c not in w.quiet and w.rng.random() < share]
    if not chosen:
        return None
    items: list[dict[str, Any]] = []
    amends = 0
    for cid in chosen:
        roll = w.rng.random()
        if roll < 0.01 and side == "union" and round_no > 0:
            items.append({"clause_id": cid, "action": "delete"})
        elif roll < 0.10 and side == "employer":
            items.append({"clause_id": cid, "action": "status_quo"})
        elif amends < budget:
            other = w.latest.get((cid, "union" if side == "employer" else "employer"))
            if other is not None and w.rng.random() < 0.08:
                text = other[1]  # accepts the other side's language: ready to TA
            else:
                text = edit_text(w.rng, w.parent(cid, side)[1])
            items.append({"clause_id": cid, "action": "amend", "text": text})
            amends += 1
    if not items:
        return None
    return Move(side, items, is_package=w.rng.random() < 0.04)


def write_moves(w: Writer, planned: list[tuple[int, Move]]) -> list[tuple[int, int]]:
    """Insert one round-side's proposals, their versions and items; return (block, id)."""
    if not planned:
        return []
    moves = [m for _, m in planned]
    rows = [_proposal_row(w, move) for move in moves]
    ids = gen_bulk.insert_proposals(w.session, rows, [m.responds_to for m in moves])
    _new_versions(w, ids, moves, rows)
    gen_bulk.insert_items(w.session, _item_rows(w, ids, moves))
    return [(b, pid) for (b, _), pid in zip(planned, ids, strict=True)]


def _proposal_row(w: Writer, move: Move) -> dict[str, Any]:
    """A passed proposal's row: the side's next number, the clock's next tick; now and then withdrawn."""
    number = w.next_number[move.side]
    w.next_number[move.side] += 1
    at = w.tick()
    withdrawn = w.rng.random() < 0.02
    move.state = "withdrawn" if withdrawn else "passed"
    prefix = "U" if move.side == "union" else "E"
    return {
        "table_id": w.table_id,
        "side": move.side,
        "state": move.state,
        "number": number,
        "label": f"{prefix}-{number}",
        "title": f"{'Union' if move.side == 'union' else 'Employer'} proposal {prefix}-{number}",
        "rationale": sentence(w.rng),
        "is_package": move.is_package,
        "created_by_id": w.author[move.side],
        "created_at": at - timedelta(days=1),
        "updated_at": at - timedelta(days=1),
        "passed_at": at,
        "passed_by_id": w.author[move.side],
        "withdrawn_at": at + timedelta(days=3) if withdrawn else None,
        "withdrawn_by_id": w.author[move.side] if withdrawn else None,
    }


def _new_versions(w: Writer, ids: list[int], moves: list[Move], rows: list[dict[str, Any]]) -> None:
    """Insert a version per amendment; note it on its item, and as the side's latest if passed."""
    versions, pending = [], []
    for pid, move, row in zip(ids, moves, rows, strict=True):
        for item in move.items:
            if item["action"] != "amend":
                continue
            cid = item["clause_id"]
            versions.append(
                {
                    "clause_id": cid,
                    "table_id": w.table_id,
                    "text": item["text"],
                    "content_hash": content_hash(item["text"]),
                    "author_side": move.side,
                    "proposal_id": pid,
                    "parent_id": w.parent(cid, move.side)[0],
                    "created_by_id": w.author[move.side],
                    "created_at": row["passed_at"],
                }
            )
            pending.append((move, item))
    version_ids = gen_bulk.insert_versions(w.session, versions)
    for (move, item), new_id, version in zip(pending, version_ids, versions, strict=True):
        item["version_id"], item["content_hash"] = new_id, version["content_hash"]
        if move.state == "passed":
            w.latest[(item["clause_id"], move.side)] = (new_id, item["text"])
        w.versions[item["clause_id"]].append(new_id)
        w.n["amend"] += 1


def _item_rows(w: Writer, ids: list[int], moves: list[Move]) -> list[dict[str, Any]]:
    """The proposals' item rows; counts them, and notes the passed proposals in order."""
    rows = []
    for pid, move in zip(ids, moves, strict=True):
        for position, item in enumerate(move.items, start=1):
            rows.append(_item_row(w, pid, position, item, move.state == "passed"))
        if move.state == "passed":
            w.passed.append((pid, move.side, {i["clause_id"] for i in move.items}))
        w.n["proposals"] += 1
        w.n["withdrawn"] += move.state == "withdrawn"
    return rows


def _item_row(w: Writer, pid: int, position: int, item: dict[str, Any], passed: bool) -> dict[str, Any]:
    """One item's row (its hash: the new version's, the base text's, or deleted); a passed deletion counts."""
    cid = item["clause_id"]
    vid: int | None = None
    if item["action"] == "delete":
        digest, vid = DELETED_HASH, None
        if passed:
            w.deleted.add(cid)
    elif item["action"] == "status_quo":
        digest, vid = content_hash(w.base[cid][1]), None
    else:
        digest, vid = item["content_hash"], item["version_id"]
    w.n[item["action"]] += 0 if item["action"] == "amend" else 1
    return {
        "proposal_id": pid,
        "position": position,
        "action": item["action"],
        "clause_id": cid,
        "text": item.get("text"),
        "version_id": vid,
        "content_hash": digest,
    }


def supersede(w: Writer) -> None:
    """Mark earlier passed proposals whose every clause a later one of the side changes."""
    covered: dict[str, set[int]] = {"union": set(), "employer": set()}
    superseded = []
    for pid, side, clauses in reversed(w.passed):
        if clauses <= covered[side]:
            superseded.append(pid)
        covered[side] |= clauses
    gen_bulk.mark_superseded(w.session, superseded)
    w.n["superseded"] = len(superseded)
