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
    "POST /proposals/{id}/pass",
}


@ON_POSTGRESQL
def test_a_short_soak_loads_every_endpoint_and_keeps_its_invariants(tmp_path):
    with database("postgresql", tmp_path, PG_SERVER) as url:
        result = soak.run(url, 20, clients=2, members=3, passes=6, size=(10, 100, 600))
    assert result["error_count"] == 0, result["errors"]
    assert result["passed_numbers"] == 6 and result["numbers_gapless_unique"]
    assert set(result["endpoints"]) == ENDPOINTS
    assert all(row["requests"] > 0 and row["p99_ms"] >= row["p50_ms"] for row in result["endpoints"].values())
    assert result["workers_same"] and result["rss_kb"]["warm"]  # memory was read for every worker


def test_the_invariants_fail_on_an_error_a_gap_or_growth():
    good = {"error_count": 0, "numbers_gapless_unique": True, "workers_same": True, "rss_growth_max": 0.02}
    assert soak.ok(good)
    for bad in (
        {"error_count": 1},
        {"numbers_gapless_unique": False},
        {"workers_same": False},
        {"rss_growth_max": 0.2},
    ):
        assert not soak.ok({**good, **bad})
