"""Benchmark the redline engine on real contracts; print a Markdown table of timings."""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bargaining.domain.redlines.contract_diff import diff_long_text
from bargaining.domain.redlines.engine import (
    Op,
    apply_new,
    apply_old,
    count_word_cuts,
    diff_words,
    dmp_backend,
    raw_char_diff_seconds,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"  # ../shared beside the project
PAIR_A = ("oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt")
PAIR_C = (
    "oregon_oha_physicians_afscme_2023_2025_full.txt",
    "oregon_oha_physicians_afscme_2025_2027_full.txt",
)
CASES = ("clause", "article", "pair_a", "pair_c", "synthetic")
_HEADING_RE = r"^[ \t\f]*ARTICLE {number} - [^\n.]*$"
Engine = Callable[[str, str], list[Op]]
Case = tuple[str, str, str, Engine]


def load(path: Path) -> str:
    """Return the text of a realdata file after its header (up to the line '---')."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[lines.index("---") + 1 :])


def article(text: str, number: int) -> str:
    """Return the body of ARTICLE number (not its table-of-contents line)."""
    start = re.search(_HEADING_RE.format(number=number), text, re.MULTILINE)
    if start is None:
        raise ValueError(f"no ARTICLE {number}")
    end = re.search(r"^[ \t\f]*ARTICLE \d+ - [^\n.]*$", text[start.end() :], re.MULTILINE)
    return text[start.start() : start.end() + (end.start() if end else len(text))]


def edit(text: str, rate: float, seed: int) -> str:
    """Return text with about ``rate`` of its words replaced, dropped or doubled."""
    rng = random.Random(seed)
    parts = re.split(r"(\s+)", text)
    for k in range(0, len(parts), 2):
        roll = rng.random()
        if roll < rate / 3:
            parts[k] = "amended"
        elif roll < 2 * rate / 3:
            parts[k] = ""
        elif roll < rate:
            parts[k] = parts[k] + " " + parts[k]
    return "".join(parts)


def build_cases(data: Path, wanted: set[str]) -> list[Case]:
    """Return (name, old, new, engine) for each wanted case."""
    a_old, a_new = load(data / PAIR_A[0]), load(data / PAIR_A[1])
    cases: list[Case] = []
    if "clause" in wanted:
        clause = article(a_old, 20)[:2000]
        cases.append(("2 KB clause (5% words edited)", clause, edit(clause, 0.05, 1), diff_words))
    if "article" in wanted:
        cases.append(("Article 20, pair A", article(a_old, 20), article(a_new, 20), diff_words))
    if "pair_a" in wanted:
        cases.append(("Pair A, whole contract", a_old, a_new, diff_long_text))
    if "pair_c" in wanted:
        c_old, c_new = load(data / PAIR_C[0]), load(data / PAIR_C[1])
        cases.append(("Pair C, whole contract", c_old, c_new, diff_long_text))
    if "synthetic" in wanted:
        base = a_old[:300_000]
        synthetic = edit(base, 0.01, 2)
        cases.append(("Synthetic 300 KB, 1% words edited", base, synthetic, diff_long_text))
    return cases


def best_of(repeat: int, run: Callable[[], list[Op]]) -> tuple[float, list[Op]]:
    """Return the best wall time of ``repeat`` runs and the last result."""
    best, ops = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        ops = run()
        best = min(best, time.perf_counter() - start)
    return best, ops


def _duration(seconds: float) -> str:
    """Format a duration in ms below one second, else in s."""
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(name: str, old: str, new: str, engine: Engine, args: argparse.Namespace) -> str:
    """Time one case and return its Markdown table row."""
    seconds, ops = best_of(args.repeat, lambda: engine(old, new))
    ok = apply_old(ops) == old and apply_new(ops) == new
    raw, ratio = "-", "-"
    if not args.no_raw:
        raw_seconds = raw_char_diff_seconds(old, new)
        raw, ratio = _duration(raw_seconds), f"{seconds / max(raw_seconds, 1e-9):.4f}"
    size = f"{len(old) / 1000:.0f} / {len(new) / 1000:.0f} KB"
    return (
        f"| {name} | {size} | {_duration(seconds)} | {raw} | {ratio} | "
        f"{'yes' if ok else 'NO'} | {count_word_cuts(ops)} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return 1 if a round-trip failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cases", default=",".join(CASES), help="any of: " + ",".join(CASES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-raw", action="store_true", help="skip the raw character diffs")
    args = parser.parse_args(argv)
    print(f"dmp backend: {dmp_backend()}; redline time is the best of {args.repeat} runs\n")
    print("| Case | Old / new | Redline | Raw char diff | Ratio | Round-trip | Word cuts |")
    print("|---|---|---:|---:|---:|---|---:|")
    failed = False
    for name, old, new, engine in build_cases(args.data, set(args.cases.split(","))):
        line = row(name, old, new, engine, args)
        failed = failed or "| NO |" in line
        print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
