"""The redline benchmark script runs and prints its Markdown table (timings not asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_redline.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_redline", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_edit_is_deterministic_and_changes_words():
    bench = _bench()
    text = " ".join(f"word{k}" for k in range(500))
    assert bench.edit(text, 0.05, 1) == bench.edit(text, 0.05, 1) != text


def test_bench_prints_a_table(capsys):
    bench = _bench()
    if not (bench.DATA / bench.PAIR_A[0]).exists():
        pytest.fail("real contract text not available")
    assert bench.main(["--no-raw", "--cases", "clause,article", "--repeat", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if line.startswith("| ") and "KB" in line]
    assert len(rows) == 2
    for line in rows:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[-2:] == ["yes", "0"], line
