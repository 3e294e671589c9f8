"""The soak's clients: committee readers, the passer and TA signer, members in a rush, event streams.

Each runs in a thread of the soak process and records into one Tally: latency per endpoint,
error answers, the numbers handed out (proposal labels, TA numbers) and the event ids each
stream received. Only loopback is called (the soak's own gunicorn).
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from typing import Any

JSON = {"Content-Type": "application/json"}


class Tally:
    """Latencies per endpoint, error answers and the numbers seen, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.passed: list[str] = []  # proposal labels (U-n)
        self.tas: list[int] = []  # TA numbers of the TAs offered and countersigned
        self.streams: list[list[int]] = []  # event ids per stream client, in arrival order

    def record(self, name: str, seconds: float, status: int, body: bytes) -> None:
        """Keep one request's latency; any status >= 400 (or no answer) is an error."""
        with self.lock:
            self.latencies[name].append(seconds)
            if status >= 400 or status == 0:
                self.errors.append(f"{name} {status} {body[:200]!r}")

    def call(self, name: str, url: str, token: str, **kw: Any) -> tuple[int, dict[str, str], bytes]:
        """One request, timed."""
        headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
        request = urllib.request.Request(url, headers=headers, **kw)  # noqa: S310 - loopback
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                status, got, body = answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as err:
            status, got, body = err.code, dict(err.headers), err.read()
        except OSError as err:
            status, got, body = 0, {}, str(err).encode()
        self.record(name, time.perf_counter() - started, status, body)
        return status, got, body


def committee(tally: Tally, base: str, token: str, table: int, clauses: list[int], stop: float) -> None:
    """Read the board and clauses, as a committee at the table does."""
    rng = random.Random(threading.get_ident())
    while time.monotonic() < stop:
        tally.call("GET /tables/{id}/status", f"{base}/api/v1/tables/{table}/status", token)
        for _ in range(3):
            cid = rng.choice(clauses)
            tally.call("GET /clauses/{id}", f"{base}/api/v1/clauses/{cid}", token)


def _post(tally: Tally, name: str, url: str, token: str, body: dict[str, Any], etag: str = "") -> Any:
    """POST JSON (with If-Match when given); the decoded answer, or None on an error."""
    headers = {**JSON, **({"If-Match": etag} if etag else {})}
    status, got, raw = tally.call(
        name, url, token, data=json.dumps(body).encode(), method="POST", headers=headers
    )
    return (json.loads(raw), got.get("ETag", "")) if status in (200, 201) else None


def pass_and_agree(
    tally: Tally, base: str, tokens: dict[str, str], pid: int, version: int, table: int
) -> None:
    """Pass one union draft; the employer offers a TA on two of its clauses; the union countersigns."""
    api = f"{base}/api/v1"
    passed = _post(
        tally,
        "POST /proposals/{id}/pass",
        f"{api}/proposals/{pid}/pass",
        tokens["union_negotiator"],
        {},
        f'"proposal-{pid}-v{version}"',
    )
    if passed is None:
        return
    proposal = passed[0]
    with tally.lock:
        tally.passed.append(proposal["label"])
    items = [
        {"clause_id": i["clause_id"], "action": "amend", "version_id": i["version_id"]}
        for i in proposal["items"][:2]
    ]
    offered = _post(
        tally,
        "POST /tables/{id}/tentative-agreements",
        f"{api}/tables/{table}/tentative-agreements",
        tokens["employer_negotiator"],
        {"items": items},
    )
    if offered is None:
        return
    ta, etag = offered
    signed = _post(
        tally,
        "POST /tentative-agreements/{id}/sign",
        f"{api}/tentative-agreements/{ta['id']}/sign",
        tokens["union_negotiator"],
        {},
        etag,
    )
    if signed is not None and signed[0]["state"] == "signed":
        with tally.lock:
            tally.tas.append(int(ta["number"]))
    elif signed is not None:
        tally.record("TA state", 0.0, 0, f"TA {ta['id']} is {signed[0]['state']} after signing".encode())


def passer(
    tally: Tally,
    base: str,
    tokens: dict[str, str],
    table: int,
    drafts: list[tuple[int, int]],
    stop: float,
    gap: float,
) -> None:
    """Pass the prepared drafts one by one, spread over the run, each followed by a signed TA."""
    for pid, version in drafts:
        if time.monotonic() >= stop:
            return
        pass_and_agree(tally, base, tokens, pid, version, table)
        time.sleep(gap)


def member(
    tally: Tally, base: str, tokens: list[str], table: int, windows: list[tuple[float, float]], encoding: str
) -> None:
    """Members in the rush, one after another: each reads the summary (compressed, revalidating the
    ETag the last one got: the members' summary is the same for all) and the members' page."""
    summary, page = f"{base}/api/v1/tables/{table}/ta-summary", f"{base}/tables/{table}/summary"
    turn = random.Random(threading.get_ident()).randrange(len(tokens))
    for start, stop in windows:
        time.sleep(max(0.0, start - time.monotonic()))
        etag = ""
        while time.monotonic() < stop:
            token, turn = tokens[turn % len(tokens)], turn + 1
            headers = {"Accept-Encoding": encoding, **({"If-None-Match": etag} if etag else {})}
            status, got, _ = tally.call("GET /tables/{id}/ta-summary", summary, token, headers=headers)
            etag = got.get("ETag", etag) if status in (200, 304) else ""
            tally.call("GET /tables/{id}/summary (page)", page, token, headers={"Accept-Encoding": encoding})


def _read_stream(answer: Any, ids: list[int], done: threading.Event) -> None:
    """Read SSE frames until the server ends the stream or the soak is done."""
    for raw in answer:
        line = raw.decode().rstrip("\r\n")
        if line.startswith("id:"):
            ids.append(int(line[3:].strip()))
        if done.is_set():
            return


def stream(tally: Tally, base: str, token: str, table: int, after: int, done: threading.Event) -> None:
    """Hold the table's event stream open for the run, reconnecting with Last-Event-ID as a browser does."""
    ids: list[int] = []
    with tally.lock:
        tally.streams.append(ids)
    url = f"{base}/api/v1/tables/{table}/events/stream?after={after}"
    while not done.is_set():
        last = ids[-1] if ids else after
        headers = {"Authorization": f"Bearer {token}", "Last-Event-ID": str(last)}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
        name, started = "GET /tables/{id}/events/stream (open)", time.perf_counter()
        try:
            # The timeout bounds one read: heartbeats come every 15 s while the table is quiet.
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                tally.record(name, time.perf_counter() - started, 200, b"")
                _read_stream(answer, ids, done)
        except urllib.error.HTTPError as err:
            tally.record(name, time.perf_counter() - started, err.code, err.read())
            time.sleep(float(err.headers.get("Retry-After", "5")))
        except OSError as err:
            tally.record(name, time.perf_counter() - started, 0, str(err).encode())
            time.sleep(1)


def feed_ids(base: str, token: str, table: int, after: int) -> list[int]:
    """Every event id the feed gives this caller after the cursor (the stream's reference)."""
    out: list[int] = []
    while True:
        url = f"{base}/api/v1/tables/{table}/events?after={after}&limit=500"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            page = [int(e["id"]) for e in json.loads(answer.read())]
        if not page:
            return out
        out += page
        after = page[-1]


def last_event_id(base: str, token: str, table: int) -> int:
    """The newest event id the caller sees now (streams start after it)."""
    ids = feed_ids(base, token, table, 0)
    return ids[-1] if ids else 0
