"""Benchmark the delivery worker's due/overdue scan in process on SQLite: time and statements.

`.venv/bin/python scripts/bench_due.py [--requests N]` sends N information requests due today through
the API, then times one scan that notices them all (wall and CPU time, statements per request) and
a second scan that finds nothing to do.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bargaining import migrate
from bargaining.app import create_app
from bargaining.db import make_engine
from bargaining.models import utcnow
from bargaining.services.events.due import notice_due_requests


def _send_requests(api: Any, table_id: int, count: int) -> None:
    """Send count requests due today, as the union."""
    today = utcnow().date().isoformat()
    for number in range(count):
        body = {"title": f"Request {number}", "due_date": today, "items": [{"description": "Caseloads"}]}
        made = api.post(f"/tables/{table_id}/information-requests", body)
        sent = f"/information-requests/{made.json['id']}/send"
        api.post(sent, {}, headers={"If-Match": made.headers["ETag"]})


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print what it measured."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    helpers: Any = importlib.import_module("tests.helpers")
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate.upgrade(engine)
        app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url)})
        cast = helpers.build_cast(app)
        _send_requests(helpers.Api(app.test_client(), cast), cast.table_id, args.requests)
        statements = [0]
        event.listen(engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
        with app.app_context():
            opened, today = app.extensions["sessionmaker"], utcnow().date()
            wall, cpu = time.perf_counter(), time.process_time()
            noticed = notice_due_requests(opened, today, limit=args.requests)
            wall, cpu, used = time.perf_counter() - wall, time.process_time() - cpu, statements[0]
            idle = time.perf_counter()
            again = notice_due_requests(opened, today, limit=args.requests)
            idle = time.perf_counter() - idle
    load = Path("/proc/loadavg").read_text().split()[0]
    print(
        f"noticed {noticed}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {used} statements "
        f"({used / max(noticed, 1):.1f} per request); again: {again} noticed, "
        f"{statements[0] - used} statements, {idle * 1000:.1f} ms; load {load}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
