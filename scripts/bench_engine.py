"""Redline-engine side of the benchmark: real contracts, a synthetic 300 KB pair, and scale.

Real cases come from scripts/bench_redline.py (a 2 KB clause, Article 20 of pair A, pairs A and
C whole). The synthetic pair is 300 KB of pair A's older text against a copy with scattered word
edits, one paragraph moved, three clauses (paragraphs) deleted and three added. Scale cases are
gen_table's generated contracts of 10, 150 and 1,500 clauses against an edited copy built the
same way, redlined clause by clause (``diff_documents``, as the whole-contract redline does)
and as one text (``diff_long_text``).
"""

from __future__ import annotations

import gc
import itertools
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bargaining.domain.redlines.contract_diff import DocClause, diff_documents, diff_long_text  # noqa: E402
from bargaining.domain.redlines.engine import (  # noqa: E402
    Op,
    apply_new,
    apply_old,
    count_word_cuts,
)
from scripts import bench_raw, bench_redline, gen_table  # noqa: E402

SCALE_SIZES = (10, 150, 1500)
# Clause lengths in turn: five divides every size, so each contract has the same mix of lengths.
SCALE_LENGTHS = (300, 700, 1200, 2000, 3200)
REAL_TARGET = 0.02  # redline time / raw character diff time, on the real pairs
REAL_AIM = 0.01


@dataclass
class EngineCase:
    """One redline measured against the raw character diff of the same texts.

    ``seconds`` are CPU seconds of this process and ``raw_seconds`` those of the raw diffs' own
    process (scripts/bench_raw.py), so other load on the machine does not inflate them; the
    wall-clock figures are kept beside.
    """

    name: str
    old_chars: int
    new_chars: int
    seconds: float
    raw_seconds: float | None
    round_trip: bool
    word_cuts: int
    real_pair: bool = False
    wall_seconds: float | None = None
    raw_wall_seconds: float | None = None

    @property
    def ratio(self) -> float | None:
        """Redline time over raw diff time."""
        if self.raw_seconds is None:
            return None
        return self.seconds / max(self.raw_seconds, 1e-9)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        out = dict(self.__dict__)
        out["ratio"] = self.ratio
        return out


@dataclass
class ScalePoint:
    """One size of a scale series: ``seconds`` on the series' clock (CPU or wall), both in extra."""

    clauses: int
    chars: int
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Timing:
    """The best wall time and the best CPU time (this process) of some runs, and the last result."""

    wall: float
    cpu: float
    result: Any


def timed(
    repeat: int, run: Callable[[], Any], before: Callable[[], Any] | None = None, *, min_seconds: float = 0.3
) -> Timing:
    """Best wall and CPU times of ``repeat`` runs or more (``before`` untimed ahead of each).

    A fast run is repeated until the runs add up to ``min_seconds`` (at most 200 runs): the best
    of five 2 ms runs still moved by half between bench runs, which made growth at 10 clauses
    noise. Garbage is collected before each run so that none starts with a collection due; the
    heap alive before the first run is frozen first, so that collection does not rescan it each
    time (a full collection of the bench's heap before each of up to 200 runs was most of the
    three minutes the scale series took).
    """
    wall, cpu, result = float("inf"), float("inf"), None
    spent, runs = 0.0, 0
    gc.collect()
    gc.freeze()  # what is alive now is never rescanned: a run's collection costs only its own garbage
    try:
        while runs < max(1, repeat) or (spent < min_seconds and runs < 200):
            if before is not None:
                before()
            gc.collect()
            started, cpu_started = time.perf_counter(), time.process_time()
            result = run()
            elapsed = time.process_time() - cpu_started
            cpu, wall = min(cpu, elapsed), min(wall, time.perf_counter() - started)
            spent, runs = spent + elapsed, runs + 1
    finally:
        gc.unfreeze()
    return Timing(wall, cpu, result)


def growth(points: Sequence[ScalePoint]) -> list[dict[str, Any]]:
    """(time ratio) / (size ratio) between consecutive sizes and first to last; <= 1 is linear or better.

    The size is the text's length when the points know it (a text engine's work follows the
    characters; the 10-clause contract has a shorter mix of clauses), else the clause count.
    """
    pairs = list(itertools.pairwise(points))
    if len(points) > 2:
        pairs.append((points[0], points[-1]))
    by_chars = all(p.chars > 0 for p in points)
    out = []
    for small, big in pairs:
        size_ratio = big.chars / small.chars if by_chars else big.clauses / small.clauses
        time_ratio = big.seconds / max(small.seconds, 1e-9)
        out.append(
            {
                "from": small.clauses,
                "to": big.clauses,
                "size": "characters" if by_chars else "clauses",
                "size_ratio": size_ratio,
                "time_ratio": time_ratio,
                "growth": time_ratio / size_ratio,
            }
        )
    return out


# ---------------------------------------------------------------- synthetic edits (pure, seeded)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, each keeping the blank-line run that follows it."""
    parts = re.split(r"(\n[ \t\f]*\n\s*)", text)
    out = []
    for k in range(0, len(parts), 2):
        sep = parts[k + 1] if k + 1 < len(parts) else ""
        if parts[k] or sep:
            out.append(parts[k] + sep)
    return out


def synthetic_edit(text: str, seed: int, *, word_rate: float = 0.01, changes: int = 3) -> str:
    """An edited copy: one paragraph moved, ``changes`` deleted and added, words edited here and there."""
    rng = random.Random(seed)
    paras = paragraphs(text)
    if len(paras) < 4 * changes + 2:
        return bench_redline.edit(text, word_rate, seed)
    body = [p for p in range(len(paras)) if len(paras[p].strip()) > 80]
    for k in sorted(rng.sample(body, min(changes, len(body))), reverse=True):
        del paras[k]
    for _ in range(changes):
        new = gen_table.clause_text(rng, rng.choice((300, 700, 1200))).replace("\n\n", " ")
        paras.insert(rng.randrange(1, len(paras)), new + "\n\n")
    src = rng.randrange(len(paras) // 4, len(paras) // 2)
    moved = paras.pop(src)
    paras.insert(min(len(paras), src + len(paras) // 3), moved)
    if not paras[-1].endswith("\n"):
        paras[-1] += "\n\n"
    return bench_redline.edit("".join(paras), word_rate, seed + 1)


def edited_documents(
    clauses: Sequence[gen_table.PlainClause], seed: int
) -> tuple[list[DocClause], list[DocClause]]:
    """A generated contract as documents, and a copy with 1% of clauses deleted and as many added,
    one moved to another article (from 100 clauses on), and 1% of the words of every clause edited."""
    rng = random.Random(seed)
    old = [DocClause(f"c{k}", str(c.article), c.number, c.heading, c.text) for k, c in enumerate(clauses)]
    new = list(old)
    changes = len(old) // 100  # none at 10 clauses: every size keeps the same mix of work
    for k in sorted(rng.sample(range(len(new)), changes), reverse=True):
        del new[k]
    for n in range(changes):
        at = rng.randrange(len(new) + 1)
        article = new[min(at, len(new) - 1)].article if new else "1"
        text = gen_table.clause_text(rng, gen_table.clause_length(rng))
        new.insert(at, DocClause(f"new{n}", article, f"{article}.{90 + n}", "New", text))
    if len(new) >= 100:
        src = rng.randrange(len(new))
        moved = new.pop(src)
        dest = rng.randrange(len(new))
        new.insert(dest, DocClause(moved.key, new[dest].article, moved.number, moved.heading, moved.text))
    for k, clause in enumerate(new):  # every clause, so each size has the same mix of work
        text = bench_redline.edit(clause.text, 0.01, seed + k)
        new[k] = DocClause(clause.key, clause.article, clause.number, clause.heading, text)
    return old, new


def document_text(clauses: Sequence[DocClause]) -> str:
    """Documents as one text, for the plain-text redline."""
    return "\n\n".join(f"Section {c.number}. {c.heading}.\n{c.text}" for c in clauses) + "\n"


# ---------------------------------------------------------------- measuring


def measure(
    name: str,
    old: str,
    new: str,
    engine: Callable[[str, str], list[Op]],
    *,
    repeat: int,
    raw: bench_raw.RawDiffs | None,
    real_pair: bool = False,
) -> EngineCase:
    """Time one redline (best of repeat) and check it; hand the raw character diff to ``raw``."""
    redline = timed(repeat, lambda: engine(old, new))
    ops = redline.result
    case = EngineCase(
        name=name,
        old_chars=len(old),
        new_chars=len(new),
        seconds=redline.cpu,
        raw_seconds=None,
        round_trip=apply_old(ops) == old and apply_new(ops) == new,
        word_cuts=count_word_cuts(ops),
        real_pair=real_pair,
        wall_seconds=redline.wall,
    )
    if raw is not None:
        raw.submit(case, old, new)
    return case


def real_cases(
    data: Path, *, repeat: int, raw: bench_raw.RawDiffs | None, progress: Callable[[str], None]
) -> list[EngineCase]:
    """The 2 KB clause, the article, pairs A and C, and the synthetic 300 KB pair (raw diffs to ``raw``)."""
    cases = []
    for name, old, new, engine in bench_redline.build_cases(data, {"clause", "article", "pair_a", "pair_c"}):
        progress(f"engine: {name}")
        cases.append(
            measure(name, old, new, engine, repeat=repeat, raw=raw, real_pair=name.startswith("Pair"))
        )
    base = bench_redline.load(data / bench_redline.PAIR_A[0])
    cut = base.rfind("\n\n", 0, 300_000)
    base = base[: cut + 2] if cut > 0 else base[:300_000]
    progress("engine: synthetic 300 KB")
    name = "Synthetic 300 KB (1% words, 1 moved paragraph, 3 deleted + 3 added clauses)"
    cases.append(measure(name, base, synthetic_edit(base, 7), diff_long_text, repeat=repeat, raw=raw))
    return cases


def scale_series(sizes: Sequence[int], *, repeat: int, seed: int = 1) -> dict[str, list[ScalePoint]]:
    """Whole-contract redlines of generated contracts: clause by clause, and as one text."""
    by_clause: list[ScalePoint] = []
    as_text: list[ScalePoint] = []
    for size in sizes:
        plain = gen_table.plain_contract(max(1, size // 10), size, seed, cycle=SCALE_LENGTHS)
        old, new = edited_documents(plain, seed)
        chars = sum(len(c.text) for c in old)
        timing = timed(repeat, partial(diff_documents, old, new))
        diffs = timing.result
        ok = documents_round_trip(old, new, diffs)
        changed = sum(d.change == "changed" for d in diffs)
        extra = {"clause_diffs": len(diffs), "changed": changed, "round_trip": ok}
        by_clause.append(
            ScalePoint(size, chars, timing.cpu, extra | {"cpu": timing.cpu, "wall": timing.wall})
        )
        old_text, new_text = document_text(old), document_text(new)
        timing = timed(repeat, partial(diff_long_text, old_text, new_text))
        round_trip = apply_old(timing.result) == old_text and apply_new(timing.result) == new_text
        extra = {"round_trip": round_trip, "cpu": timing.cpu, "wall": timing.wall}
        as_text.append(ScalePoint(size, len(old_text), timing.cpu, extra))
    return {"diff_documents": by_clause, "diff_long_text": as_text}


def documents_round_trip(old: Sequence[DocClause], new: Sequence[DocClause], diffs: Sequence[Any]) -> bool:
    """Every old clause's text comes back from the old side of the diffs, every new one's from the new."""
    olds = sorted(apply_old(d.ops) for d in diffs if d.old_number is not None)
    news = sorted(apply_new(d.ops) for d in diffs if d.new_number is not None)
    return olds == sorted(c.text for c in old) and news == sorted(c.text for c in new)
