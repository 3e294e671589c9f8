"""Redline-engine side of the benchmark: real contracts, a synthetic 300 KB pair, and scale.

Real cases come from scripts/bench_redline.py (a 2 KB clause, Article 20 of pair A, pairs A and
C whole). The synthetic pair is 300 KB of pair A's older text against a copy with scattered word
edits, one paragraph moved, three clauses (paragraphs) deleted and three added. Scale cases are
gen_table's generated contracts of 10, 150 and 1,500 clauses against an edited copy built the
same way, redlined clause by clause (``diff_documents``, as the whole-contract redline does)
and as one text (``diff_long_text``).
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bargaining.domain.contract_diff import DocClause, diff_documents, diff_long_text  # noqa: E402
from bargaining.domain.redline import (  # noqa: E402
    Op,
    apply_new,
    apply_old,
    count_word_cuts,
    raw_char_diff_seconds,
)
from scripts import bench_redline, gen_table  # noqa: E402

SCALE_SIZES = (10, 150, 1500)
REAL_TARGET = 0.02  # redline time / raw character diff time, on the real pairs
REAL_AIM = 0.01


@dataclass
class EngineCase:
    """One redline measured against the raw character diff of the same texts."""

    name: str
    old_chars: int
    new_chars: int
    seconds: float
    raw_seconds: float | None
    round_trip: bool
    word_cuts: int
    real_pair: bool = False

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
    """One size of a scale series."""

    clauses: int
    chars: int
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)


def growth(points: Sequence[ScalePoint]) -> list[dict[str, Any]]:
    """(time ratio) / (size ratio) between consecutive sizes and first to last; <= 1 is linear or better."""
    pairs = list(itertools.pairwise(points))
    if len(points) > 2:
        pairs.append((points[0], points[-1]))
    out = []
    for small, big in pairs:
        size_ratio = big.clauses / small.clauses
        time_ratio = big.seconds / max(small.seconds, 1e-9)
        out.append(
            {
                "from": small.clauses,
                "to": big.clauses,
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
    """A generated contract as documents, and a copy with about 1% of clauses deleted, added,
    one moved to another article, and every third clause with word edits."""
    rng = random.Random(seed)
    old = [DocClause(f"c{k}", str(c.article), c.number, c.heading, c.text) for k, c in enumerate(clauses)]
    new = list(old)
    changes = max(1, len(old) // 100)
    for k in sorted(rng.sample(range(len(new)), changes), reverse=True):
        del new[k]
    for n in range(changes):
        at = rng.randrange(len(new) + 1)
        article = new[min(at, len(new) - 1)].article if new else "1"
        text = gen_table.clause_text(rng, gen_table.clause_length(rng))
        new.insert(at, DocClause(f"new{n}", article, f"{article}.{90 + n}", "New", text))
    if len(new) > 2:
        src = rng.randrange(len(new))
        moved = new.pop(src)
        dest = rng.randrange(len(new))
        new.insert(dest, DocClause(moved.key, new[dest].article, moved.number, moved.heading, moved.text))
    for k, clause in enumerate(new):
        if k % 3 == 0:  # the same share of clauses changes at every size
            text = bench_redline.edit(clause.text, 0.03, seed + k)
            new[k] = DocClause(clause.key, clause.article, clause.number, clause.heading, text)
    return old, new


def document_text(clauses: Sequence[DocClause]) -> str:
    """Documents as one text, for the plain-text redline."""
    return "\n\n".join(f"Section {c.number}. {c.heading}.\n{c.text}" for c in clauses) + "\n"


# ---------------------------------------------------------------- measuring


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    return bench_redline.best_of(repeat, run)


def measure(
    name: str,
    old: str,
    new: str,
    engine: Callable[[str, str], list[Op]],
    *,
    repeat: int,
    raw: bool,
    real_pair: bool = False,
) -> EngineCase:
    """Time one redline (best of repeat), check it, and time the raw character diff once."""
    seconds, ops = best_of(repeat, lambda: engine(old, new))
    return EngineCase(
        name=name,
        old_chars=len(old),
        new_chars=len(new),
        seconds=seconds,
        raw_seconds=raw_char_diff_seconds(old, new) if raw else None,
        round_trip=apply_old(ops) == old and apply_new(ops) == new,
        word_cuts=count_word_cuts(ops),
        real_pair=real_pair,
    )


def real_cases(data: Path, *, repeat: int, raw: bool, progress: Callable[[str], None]) -> list[EngineCase]:
    """The 2 KB clause, the article, pairs A and C, and the synthetic 300 KB pair."""
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
        plain = gen_table.plain_contract(max(1, size // 10), size, seed)
        old, new = edited_documents(plain, seed)
        chars = sum(len(c.text) for c in old)
        seconds, diffs = best_of(repeat, partial(diff_documents, old, new))
        ok = documents_round_trip(old, new, diffs)
        changed = sum(d.change == "changed" for d in diffs)
        extra = {"clause_diffs": len(diffs), "changed": changed, "round_trip": ok}
        by_clause.append(ScalePoint(size, chars, seconds, extra))
        old_text, new_text = document_text(old), document_text(new)
        seconds, ops = best_of(repeat, partial(diff_long_text, old_text, new_text))
        round_trip = apply_old(ops) == old_text and apply_new(ops) == new_text
        as_text.append(ScalePoint(size, len(old_text), seconds, {"round_trip": round_trip}))
    return {"diff_documents": by_clause, "diff_long_text": as_text}


def documents_round_trip(old: Sequence[DocClause], new: Sequence[DocClause], diffs: Sequence[Any]) -> bool:
    """Every old clause's text comes back from the old side of the diffs, every new one's from the new."""
    olds = sorted(apply_old(d.ops) for d in diffs if d.old_number is not None)
    news = sorted(apply_new(d.ops) for d in diffs if d.new_number is not None)
    return olds == sorted(c.text for c in old) and news == sorted(c.text for c in new)
