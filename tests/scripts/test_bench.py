"""Smoke tests of the benchmark's generator and pure functions, at tiny sizes (no timing asserted)."""

from __future__ import annotations

import json
import random
import stat
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import func, select

from bargaining.domain.redlines.contract_diff import diff_documents, diff_long_text
from bargaining.domain.redlines.engine import apply_new, apply_old, count_word_cuts
from bargaining.models import ClauseVersion, Proposal, User
from bargaining.services.status_board import BoardFilters, status_board
from scripts import (
    bench,
    bench_engine,
    bench_http,
    bench_load,
    bench_raw,
    bench_report,
    bench_results,
    gen_table,
)

# ---------------------------------------------------------------- gen_table


def test_generated_text_is_seeded_and_sized():
    first = gen_table.plain_contract(3, 7, seed=5)
    again = gen_table.plain_contract(3, 7, seed=5)
    other = gen_table.plain_contract(3, 7, seed=6)
    assert first == again and first != other
    assert [c.number for c in first] == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2"]
    rng = random.Random(1)
    text = gen_table.clause_text(rng, 2000)
    assert 1800 <= len(text) <= 2800
    assert gen_table.edit_text(rng, text) != text
    rendered = gen_table.render_contract(first)
    assert rendered.count("ARTICLE ") == 3 and all(c.text in rendered for c in first)


@pytest.mark.parametrize(("articles", "clauses", "versions"), [(0, 5, 5), (3, 2, 5), (2, 6, 5)])
def test_impossible_sizes_are_refused(articles, clauses, versions):
    with pytest.raises(ValueError):
        gen_table.Spec(articles, clauses, versions).check()


def test_generate_writes_exactly_the_table_asked_for(app):
    session = app.extensions["sessionmaker"]()
    made = gen_table.generate(session, gen_table.Spec(2, 8, 40, seed=3))
    again = gen_table.generate(session, gen_table.Spec(2, 8, 40, seed=3))
    session.commit()
    assert made.counts["articles"] == 2 and made.counts["clauses"] == 8 and made.counts["versions"] == 40
    count = select(func.count(ClauseVersion.id)).where(ClauseVersion.table_id == made.table_id)
    assert session.scalar(count) == 40

    def hashes(table_id: int) -> list[str]:
        stmt = select(ClauseVersion.content_hash).where(ClauseVersion.table_id == table_id)
        return list(session.scalars(stmt.order_by(ClauseVersion.id)))

    assert hashes(made.table_id) == hashes(again.table_id)  # same seed, same record
    actor = session.get(User, made.user_ids["union_negotiator"])
    board = status_board(session, actor, made.table_id, BoardFilters())
    assert board.counts.total == 8
    assert board.counts.open + board.counts.tentatively_agreed + board.counts.ta_pending > 0
    drafts = session.scalar(
        select(func.count(Proposal.id)).where(Proposal.table_id == made.table_id, Proposal.state == "draft")
    )
    assert drafts == made.counts["drafts"]
    tokens = gen_table.issue_tokens(session, made.user_ids)
    session.commit()
    assert set(tokens) == set(gen_table.ROLES)
    session.close()


def test_generated_table_serves_the_benchmarked_reads(app):
    session = app.extensions["sessionmaker"]()
    made = gen_table.generate(session, gen_table.Spec(2, 10, 60, seed=1))
    tokens = gen_table.issue_tokens(session, made.user_ids)
    drafts = bench.make_drafts(session, made, 1, seed=1)
    session.commit()
    session.close()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {tokens['union_negotiator']}"}
    assert client.get(f"/api/v1/tables/{made.table_id}/status", headers=headers).status_code == 200
    assert client.get(f"/api/v1/clauses/{made.clause_ids[0]}", headers=headers).status_code == 200
    (pid, version), *_ = drafts
    passed = client.post(
        f"/api/v1/proposals/{pid}/pass",
        json={},
        headers={**headers, "If-Match": f'"proposal-{pid}-v{version}"'},
    )
    assert passed.status_code == 200, passed.json
    assert passed.json["label"].startswith("U-")


def test_gen_table_command_line(tmp_path, capsys):
    tokens = tmp_path / "tokens.json"
    size = ["--articles", "1", "--clauses", "3", "--versions", "9"]
    code = gen_table.main(
        [*size, "--db", f"sqlite:///{tmp_path / 'g.db'}", "--init-db", "--tokens-file", str(tokens)]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"]["versions"] == 9
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    assert set(json.loads(tokens.read_text())) == set(gen_table.ROLES)
    too_few = ["--clauses", "3", "--versions", "2", "--db", f"sqlite:///{tmp_path / 'h.db'}"]
    assert gen_table.main(too_few) == 2


# ---------------------------------------------------------------- the engine cases


def test_synthetic_edit_moves_deletes_adds_and_round_trips():
    base = gen_table.render_contract(gen_table.plain_contract(4, 40, seed=2))
    assert "".join(bench_engine.paragraphs(base)) == base
    edited = bench_engine.synthetic_edit(base, 7)
    assert edited == bench_engine.synthetic_edit(base, 7) and edited != base
    ops = diff_long_text(base, edited)
    assert apply_old(ops) == base and apply_new(ops) == edited
    assert count_word_cuts(ops) == 0


def test_edited_documents_round_trip_clause_by_clause():
    old, new = bench_engine.edited_documents(gen_table.plain_contract(20, 200, seed=1), seed=1)
    diffs = diff_documents(old, new)
    assert bench_engine.documents_round_trip(old, new, diffs)
    assert {d.change for d in diffs} >= {"added", "deleted", "changed"}


def test_growth_is_time_ratio_over_size_ratio():
    points = [bench_engine.ScalePoint(10, 0, 1.0), bench_engine.ScalePoint(100, 0, 5.0)]
    points.append(bench_engine.ScalePoint(1000, 0, 100.0))
    growth = bench_engine.growth(points)
    assert [(g["from"], g["to"]) for g in growth] == [(10, 100), (100, 1000), (10, 1000)]
    assert [round(g["growth"], 3) for g in growth] == [0.5, 2.0, 1.0]
    by_text = [bench_engine.ScalePoint(10, 1000, 1.0), bench_engine.ScalePoint(150, 20_000, 20.0)]
    assert bench_engine.growth(by_text)[0]["size"] == "characters"
    assert bench_engine.growth(by_text)[0]["growth"] == pytest.approx(1.0)


def test_engine_case_ratio():
    case = bench_engine.EngineCase("x", 1, 1, 0.01, 2.0, True, 0, real_pair=True)
    assert case.ratio == pytest.approx(0.005)
    assert bench_engine.EngineCase("x", 1, 1, 0.01, None, True, 0).ratio is None


def test_raw_diffs_run_in_their_own_process_and_land_on_their_own_cases():
    big = gen_table.render_contract(gen_table.plain_contract(6, 60, seed=3))
    edited = bench_engine.synthetic_edit(big, 5)
    raw = bench_raw.RawDiffs()
    try:
        cases = [
            bench_engine.measure(name, old, new, diff_long_text, repeat=1, raw=raw)
            for name, old, new in (("small", "a cat sat", "a dog sat"), ("big", big, edited))
        ]
        assert all(c.raw_seconds is None for c in cases) and raw.waiting == 2  # not until finish
    finally:
        raw.finish()
    assert raw.waiting == 0
    small, big_case = cases
    assert small.raw_seconds is not None and big_case.raw_seconds is not None
    assert big_case.raw_seconds > 10 * small.raw_seconds  # each figure is its own pair's
    assert big_case.ratio is not None and small.round_trip and big_case.round_trip
    raw.finish()  # again: nothing left to do


# ---------------------------------------------------------------- load generation


class _Workers:
    """A server whose workers' CPU readings come from a list."""

    base = "http://127.0.0.1:9"

    def __init__(self, readings):
        self.readings = iter(readings)

    def worker_seconds(self):
        return next(self.readings)


def _counted_runs(monkeypatch):
    made = []

    def run_load(*_args, **_kw):
        made.append(1)
        return bench_http.Load("wrk", 100 * len(made), 1.0, 0, 0, 1.0, 2.0, 1.0, 3.0, 4)

    monkeypatch.setattr(bench_http, "run_load", run_load)
    return made


def test_a_run_whose_connections_piled_on_one_worker_is_made_again(monkeypatch):
    made = _counted_runs(monkeypatch)
    piled, spread = ({1: 0.0, 2: 0.0}, {1: 2.0, 2: 0.05}), ({1: 2.0, 2: 0.05}, {1: 3.0, 2: 1.05})
    load = bench_http.spread_load(_Workers([*piled, *spread]), ["/x"], {}, connections=4, duration=1)
    assert len(made) == 2 and load.requests == 200 and load.tries == 2
    assert load.busiest_share == pytest.approx(0.5)
    assert load.as_dict()["tries"] == 2


def test_spread_load_gives_up_after_its_tries_and_leaves_one_connection_alone(monkeypatch):
    made = _counted_runs(monkeypatch)
    always_piled = [{1: 0.0, 2: 0.0}, {1: 1.0, 2: 0.0}] * bench_http.SPREAD_TRIES
    load = bench_http.spread_load(_Workers(always_piled), ["/x"], {}, connections=4, duration=1)
    assert len(made) == load.tries == bench_http.SPREAD_TRIES and load.busiest_share == 1.0
    alone = bench_http.spread_load(_Workers(always_piled), ["/x"], {}, connections=1, duration=1)
    assert alone.tries == 1 and len(made) == bench_http.SPREAD_TRIES + 1


def test_a_served_floor_reports_each_workers_cpu(tmp_path):
    with bench_http.Server("scripts.bench_hello:app", {}, "/hello", tmp_path, "floor") as floor:
        deadline = time.monotonic() + 30  # the ready path answers once the first worker is up
        while len(floor.worker_seconds()) < bench_http.gunicorn_workers() and time.monotonic() < deadline:
            time.sleep(0.1)
        before = floor.worker_seconds()
        load = bench_http.spread_load(floor, ["/hello"], {}, connections=4, duration=1, use_wrk=False)
        after = floor.worker_seconds()
    assert len(before) == bench_http.gunicorn_workers() and set(after) == set(before)
    assert load.requests > 0 and sum(after.values()) > sum(before.values())
    assert load.busiest_share is not None and 0.25 <= load.busiest_share <= 1.0


def test_busiest_share_counts_only_what_each_worker_used_between_readings():
    assert bench_http.busiest_share({1: 5.0, 2: 1.0}, {1: 6.0, 2: 4.0, 3: 0.0}) == pytest.approx(0.75)
    assert bench_http.busiest_share({}, {}) is None


def test_percentile_and_summary():
    assert bench_load.percentile([], 50) == 0.0
    values = [float(v) for v in range(1, 101)]
    assert bench_load.percentile(values, 50) == 50.0
    assert bench_load.percentile(values, 99) == 99.0
    tally = bench_load.summarize([0.002, 0.001, 0.003], 1.5, errors=1, non_2xx=0)
    assert tally.requests == 3 and tally.p50_ms == pytest.approx(2.0) and tally.max_ms == pytest.approx(3.0)


def test_raw_request_and_status():
    raw = bench_load.request_bytes("/a?b=1", {"Authorization": "Bearer t"})
    assert raw.startswith(b"GET /a?b=1 HTTP/1.1\r\n") and raw.endswith(b"\r\n\r\n")
    assert b"Connection: close" in raw and b"Authorization: Bearer t" in raw
    assert bench_load.status_of(b"HTTP/1.1 404 NOT FOUND\r\n\r\n") == 404
    assert bench_load.status_of(b"") == 0


class _Hello(BaseHTTPRequestHandler):
    seen: list[str] = []  # the Authorization headers received, in order

    def do_GET(self) -> None:
        _Hello.seen.append(self.headers.get("Authorization", ""))
        status = 200 if self.path.startswith("/ok") else 404
        body = b'{"hello": "world"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def hello_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    thread.join(timeout=5)


def test_python_load_generator_is_bounded(hello_port):
    import asyncio

    tally = asyncio.run(bench_load.run(hello_port, ["/ok", "/missing"], {}, 2, 10.0, max_requests=6))
    assert tally.requests == 6 and tally.errors == 0 and tally.non_2xx == 3


def test_load_runs_only_on_loopback(hello_port, capsys):
    with pytest.raises(SystemExit):
        bench_load.main(["--host", "10.0.0.1", "--port", "80", "--path", "/"])
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        bench_http.run_load("http://example.com:80", ["/"], {}, connections=1, duration=1)
    base = f"http://127.0.0.1:{hello_port}"
    load = bench_http.run_load(base, ["/ok"], {}, connections=1, duration=5, max_requests=3, use_wrk=False)
    assert load.tool == "bench_load.py" and load.requests == 3 and load.non_2xx == 0


def test_wrk_script_and_its_summary():
    script = bench_http.wrk_lua(["/a", '/b?x="y"'], {"Authorization": "Bearer t"})
    assert 'wrk.headers["Authorization"] = "Bearer t"' in script
    assert '"/a", "/b?x=\\"y\\""' in script
    line = bench_http.WRK_MARK + json.dumps(
        {
            "requests": 500,
            "duration_us": 5_000_000,
            "connect": 0,
            "read": 1,
            "write": 0,
            "status": 2,
            "timeout": 0,
            "p50_us": 4000,
            "p99_us": 9000,
            "mean_us": 4500.5,
            "max_us": 12000,
        }
    )
    load = bench_http.parse_wrk(f"Running 5s test\n{line}\n", connections=4)
    assert load.rps == 100 and load.errors == 1 and load.non_2xx == 2 and load.p99_ms == 9.0
    with pytest.raises(RuntimeError):
        bench_http.parse_wrk("nothing", connections=1)


def test_a_token_per_request_in_turn(hello_port):
    script = bench_http.wrk_lua(["/ok"], {"Accept-Encoding": "gzip"}, ["t1", "t2"])
    assert 'local bearers = {"Bearer t1", "Bearer t2"}' in script
    if bench_http.wrk_path() is None:
        with pytest.raises(ValueError, match="needs wrk"):
            bench_http.run_load(f"http://127.0.0.1:{hello_port}", ["/ok"], {}, connections=1, duration=1,
                                tokens=["t1"])  # fmt: skip
        return
    _Hello.seen.clear()
    bench_http.run_load(
        f"http://127.0.0.1:{hello_port}", ["/ok"], {}, connections=1, duration=1, tokens=["t1", "t2", "t3"]
    )
    assert set(_Hello.seen) == {"Bearer t1", "Bearer t2", "Bearer t3"}
    assert all(a != b for a, b in zip(_Hello.seen, _Hello.seen[1:], strict=False))  # another each time


def test_gunicorn_workers_follow_the_config():
    assert bench_http.gunicorn_workers({"WEB_CONCURRENCY": "3"}) == 3


# ---------------------------------------------------------------- bench plans and report


def _generated(two_kb: dict[int, list[int]]) -> gen_table.Generated:
    counts = {"articles": 1, "clauses": 3, "versions": 9}
    return gen_table.Generated(1, {}, {}, [1], [1, 2, 3], two_kb, [1, 2, 3], counts)


def test_redline_pairs_are_every_ordered_pair():
    pairs = bench.redline_pairs({1: [10, 11, 12], 2: [20, 21]}, seed=1)
    assert len(pairs) == 3 * 2 + 2 * 1 == len(set(pairs))
    assert pairs == bench.redline_pairs({1: [10, 11, 12], 2: [20, 21]}, seed=1)


def test_plans_name_every_read_endpoint():
    table = _generated({1: [10, 11], 2: [20, 21, 22]})
    prepared = bench.Prepared("sqlite://", [table], [{}])
    names = [p.name for p in bench.plans(prepared, has_redline=True)]
    assert len(names) == 4 and any("warm" in n for n in names) and any("cold" in n for n in names)
    skipped = bench.plans(prepared, has_redline=False)
    assert [p.paths for p in skipped[2:]] == [[], []]


def _load(rps: float, p50: float, p99: float) -> bench_http.Load:
    return bench_http.Load("wrk", int(rps * 5), 5.0, 0, 0, p50, p99, p50, p99, 4)


def _results() -> dict[str, Any]:
    plan = bench.Plan("GET /x", ["/x"], target=0.5, target_text=">= 0.5x")
    row = bench.load_row(plan, _load(300, 5, 20), _load(600, 2, 4))
    assert row["ratio"] == pytest.approx(0.5)
    case = bench_engine.EngineCase("Pair A", 300_000, 350_000, 0.2, 50.0, True, 0, real_pair=True)
    points = [bench_engine.ScalePoint(10, 0, 0.01), bench_engine.ScalePoint(150, 0, 0.1)]
    return {
        "started": "2026-01-01 00:00 UTC",
        "machine": bench_report.machine_info(None) | {"load_average_end": [1.0, 1.0, 1.0], "busy": True},
        "settings": {"load_tool": "wrk", "connections": 4, "duration": 5.0, "warmup": 1.0, "workers": 4},
        "http": {
            "sqlite": {
                "floor": {"rps": 600, "p50_ms": 2, "p99_ms": 4, "runs": 1},
                "endpoints": [row, {"name": "GET /y", "skipped": "not yet", "target_text": ">= 0.3x"}],
                "queries": {"status board": {"small": 9, "large": 9}},
            }
        },
        "engine": [case.as_dict()],
        "scale": {"board": bench.scale_entry(points, "cpu")},
        "errors": [],
    }


def test_report_tables():
    results = _results()
    text = bench_report.markdown(results)
    assert "| Floor: bare Flask hello | 600 | 1.00x |" in text
    assert "| GET /x | 300 | 0.50x | >= 0.5x pass |" in text
    assert "FAIL" in text  # p99 20 ms > 3 x 5 ms
    assert "| GET /y | - | - | >= 0.3x | - | - | - | not yet |" in text
    assert "status board 9 -> 9" in text
    assert "0.0040x | <= 0.02x pass (aim 0.01x met) | yes | 0 |" in text
    assert "| board | cpu | 10.0 ms | 100.0 ms | 0.67 | pass |" in text
    assert "busy" in text
    assert bench.failed_checks(results) == []


def test_machine_info_names_the_versions():
    info = bench_report.machine_info(None)
    assert info["cores"] and info["cpu"] and info["python"]
    assert set(bench_report.LIBRARIES) <= set(info["libraries"])
    assert info["libraries"]["flask"] and info["libraries"]["fast-diff-match-patch"]


def test_the_engine_rows_wait_for_their_raw_diffs():
    raw = bench_raw.RawDiffs()
    case = bench_engine.measure("clause", "a cat sat", "a dog sat", diff_long_text, repeat=1, raw=raw)
    results = bench_results.new_results(bench.parse_args(["--quick"]), datetime.now(UTC))
    bench.finish_engine(results, [case], raw)
    assert [row["name"] for row in results["engine"]] == ["clause"]
    assert results["engine"][0]["raw_seconds"] > 0 and results["engine"][0]["ratio"] is not None


def test_quick_arguments():
    args = bench.parse_args(["--quick", "--dbs", "sqlite"])
    assert args.no_raw and args.duration == 1.0 and args.dbs == ["sqlite"] and len(args.size) == 3


def test_slow_endpoints_run_longer_within_bounds():
    assert bench.run_seconds(5.0, 500.0) == 5.0
    assert bench.run_seconds(5.0, 2.0) == 10.0
    assert bench.run_seconds(5.0, 0.1) == 15.0
    assert bench.run_seconds(5.0, 0.0) == 5.0


def test_the_bound_reads_the_same_clause_as_the_api(app, api, cast):
    from scripts.bench_bound import create_bound_app

    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "Caps"}, as_="admin")
    clause = {"number": "5.1", "text": "Caps."}
    made = api.post(f"/articles/{article.json['id']}/clauses", clause, as_="admin")
    bound = create_bound_app(str(app.extensions["engine"].url)).test_client()
    headers = {"Authorization": f"Bearer {cast.tokens['union_negotiator']}"}
    answer = bound.get(f"/api/v1/clauses/{made.json['id']}", headers=headers)
    ours = api.get(f"/clauses/{made.json['id']}").json
    assert answer.status_code == 200
    assert answer.json["text"] == ours["base_text"] == "Caps." and answer.json["id_1"] == ours["id"]
    assert bound.get(f"/api/v1/clauses/{made.json['id'] + 9}", headers=headers).status_code == 404
    assert bound.get(f"/api/v1/clauses/{made.json['id']}", headers={}).status_code == 404  # no caller, no row
