"""The soak (scripts/soak.py), tiny and 20 seconds long: it loads every endpoint and keeps its invariants."""

from __future__ import annotations

import pytest

from scripts import soak
from scripts.bench_prepare import database
from tests.conftest import BACKEND, PG_SERVER

ON_POSTGRESQL = pytest.mark.skipif(
    BACKEND != "postgresql", reason="the soak runs on PostgreSQL (gunicorn on loopback)"
)

ENDPOINTS = {
    "GET /clauses/{id}",
    "GET /tables/{id}/status",
    "GET /tables/{id}/ta-summary",
    "GET /tables/{id}/summary (page)",
    "GET /tables/{id}/events/stream (open)",
    "POST /proposals/{id}/pass",
    "POST /tables/{id}/tentative-agreements",
    "POST /tentative-agreements/{id}/sign",
}


@ON_POSTGRESQL
def test_a_short_soak_loads_every_endpoint_and_keeps_its_invariants(tmp_path):
    tiny = "--seconds 20 --members 3 --rush-members 5 --passes 6 --size 10 100 600"
    tiny += " --sample-seconds 5 --warm-seconds 5"
    args = soak.parse_args(tiny.split())
    with database("postgresql", tmp_path, PG_SERVER) as url:
        result = soak.run(url, args)
    assert result["error_count"] == 0, result["errors"]
    # Passes start until the clock runs out (a busy machine gets through fewer than 6).
    assert 2 <= result["passed_numbers"] <= 6 and result["numbers_gapless_unique"]
    assert result["tas_signed"] == result["passed_numbers"] and result["ta_numbers_gapless_unique"]
    assert set(result["endpoints"]) == ENDPOINTS
    assert all(row["requests"] > 0 and row["p99_ms"] >= row["p50_ms"] for row in result["endpoints"].values())
    streams = result["streams"]
    assert set(streams) == set(soak.STREAM_ROLES) and all(s["ok"] for s in streams.values()), streams
    # Each pass and each TA's offer and signature reached the union's and the employer's streams.
    union = streams["union_negotiator"]
    assert union["received"] >= 3 * result["passed_numbers"] and union["consecutive"]
    memory = result["memory"]
    assert memory["workers_same"] and len(memory["series_kb"]) >= 4  # every worker, every 5 s


def _stream(ids: list[int]) -> soak.clients.Tally:
    tally = soak.clients.Tally()
    tally.streams = [ids, ids[:], [1, 3]]
    return tally


def test_a_stream_missing_or_repeating_an_id_fails_its_check():
    fed = {"union_negotiator": [1, 2, 3], "employer_negotiator": [1, 2, 3], "member": [1, 3]}
    assert all(s["ok"] for s in soak.streams_check(_stream([1, 2, 3]), fed).values())
    lost = soak.streams_check(_stream([1, 3]), {**fed, "union_negotiator": [1, 3]})["union_negotiator"]
    assert not lost["ok"] and not lost["consecutive"]  # the union sees every event here
    doubled = soak.streams_check(_stream([1, 2, 2, 3]), fed)["employer_negotiator"]
    assert not doubled["ok"] and doubled["duplicates"] == 1
    missing = soak.streams_check(_stream([1, 2]), fed)["employer_negotiator"]
    assert not missing["ok"] and missing["lost"] == 1


def test_memory_growth_is_measured_from_the_first_sample_after_warm_up():
    samples = [(0.0, {1: 100, 2: 100}), (30.0, {1: 200, 2: 200}), (60.0, {1: 210, 2: 230})]
    memory = soak.memory(samples, warm_seconds=30)
    assert memory["warm_kb"] == {1: 200, 2: 200} and memory["growth_max"] == pytest.approx(0.15)


def test_the_invariants_fail_on_an_error_a_gap_a_stream_or_growth():
    good = {
        "error_count": 0,
        "numbers_gapless_unique": True,
        "ta_numbers_gapless_unique": True,
        "passed_numbers": 3,
        "tas_signed": 3,
        "streams": {"member": {"ok": True}},
        "memory": {"workers_same": True, "growth_max": 0.02},
    }
    assert soak.ok(good)
    for bad in (
        {"error_count": 1},
        {"numbers_gapless_unique": False},
        {"ta_numbers_gapless_unique": False},
        {"tas_signed": 2},
        {"passed_numbers": 0, "tas_signed": 0},
        {"streams": {"member": {"ok": False}}},
        {"memory": {"workers_same": False, "growth_max": 0.02}},
        {"memory": {"workers_same": True, "growth_max": 0.2}},
    ):
        assert not soak.ok({**good, **bad})
