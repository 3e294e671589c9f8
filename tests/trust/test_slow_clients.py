"""Slow and idle clients cannot take every worker: gunicorn as `make run` serves it, under a slowloris."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bargaining import migrate
from bargaining.db import make_engine
from bargaining.serving import request_complete
from scripts.bench_http import LOOPBACK, Server

HALF_HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
HALF_BODY = (
    b"POST /api/v1/tables HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100\r\n\r\n{\"title\": "
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """gunicorn with the project's gunicorn.conf.py on a free port, two workers, on a fresh SQLite file."""
    folder = tmp_path_factory.mktemp("served")
    url = f"sqlite:///{folder / 'db.sqlite'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    env = {"BARGAINING_DATABASE_URL": url, "WEB_CONCURRENCY": "2"}  # 2 x 8 threads: fewer than 20
    with Server("wsgi:app", env, "/api/v1/health", Path(folder), "slow-clients") as served:
        yield served


@contextlib.contextmanager
def stalled(port: int, count: int, start: bytes) -> Iterator[list[socket.socket]]:
    """Open `count` connections that each send the start of a request and then stop."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.create_connection((LOOPBACK, port))
            sock.sendall(start)
            sockets.append(sock)
        time.sleep(0.5)  # give every worker time to take them up
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def _get(port: int, path: str) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    try:
        conn.request("GET", path)
        status = conn.getresponse().status
    finally:
        conn.close()
    return status, time.monotonic() - started


@pytest.mark.parametrize("start", [HALF_HEAD, HALF_BODY, b""], ids=["half-head", "half-body", "nothing"])
def test_twenty_stalled_connections_leave_the_api_answering(server, start):
    with stalled(server.port, 20, start):
        for _ in range(5):
            status, took = _get(server.port, "/api/v1/health")
            assert status == 200 and took < 1.0, took  # a generous bound: it answers, not how fast
        status, _took = _get(server.port, "/api/v1/me")
        assert status == 401


def test_a_request_that_arrives_in_pieces_is_still_served(server):
    with socket.create_connection((LOOPBACK, server.port), timeout=10) as sock:
        for piece in (b"GET /api/v1/hea", b"lth HTTP/1.1\r\nHost: x\r\n", b"Connection: close\r\n\r\n"):
            sock.sendall(piece)
            time.sleep(0.3)
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 200")


def _raw(port: int, request: bytes) -> tuple[int, dict[str, object]]:
    with socket.create_connection((LOOPBACK, port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"content-type: application/json" in head.lower()
    return int(head.split(b" ")[1]), json.loads(body)


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request_line_too_long"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431, "headers_too_large"),
        (
            b"POST /api/v1/tables HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
            "bad_request",
        ),
        (
            b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            400,
            "bad_request",
        ),
    ],
    ids=["request-line", "header", "length-and-chunked", "two-lengths"],
)
def test_gunicorns_own_refusals_answer_in_the_json_error_shape(server, request_bytes, status, code):
    got_status, body = _raw(server.port, request_bytes)
    assert (got_status, body["error"]["code"]) == (status, code), body  # type: ignore[index]


def test_request_complete_waits_for_head_and_declared_body():
    assert not request_complete(HALF_HEAD)
    assert not request_complete(HALF_BODY)
    assert request_complete(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert request_complete(HALF_BODY.replace(b"100", b"10"))
    assert request_complete(b"x" * (64 * 1024))  # an endless head goes to the parser, which refuses it
