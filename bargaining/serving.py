"""gunicorn's threaded worker, giving a thread only to a connection whose request has fully arrived.

gunicorn's gthread worker hands a connection to a thread as soon as its first bytes arrive; the
thread then blocks until the rest of the request comes. A client that sends half a request and
stops holds that thread for as long as it keeps the connection open, so a few such clients took
every thread (with sync workers: every worker). Here a thread first reads what has arrived without
waiting: the head, and a body of declared length up to the size the app accepts. If the request is
not complete, the connection goes back to the worker's poller, which costs no thread, until more
bytes arrive; one that sends nothing for `keepalive` seconds is closed by gunicorn.

gunicorn's own refusals (a request line or headers too large, conflicting lengths, a malformed
request) are written in the API's JSON error shape instead of gunicorn's HTML page.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from typing import Any

from gunicorn import util
from gunicorn.workers import gthread

HEAD_END = b"\r\n\r\n"
MAX_HEAD = 64 * 1024  # past this, the parser refuses the head (431/400) itself
MAX_PREREAD_BODY = int(os.environ.get("BARGAINING_MAX_BODY_BYTES", 4 * 1024 * 1024))
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,12})[ \t]*\r\n", re.IGNORECASE)


def request_complete(buffered: bytes) -> bool:
    """Tell whether a request's head, and its body of declared length, have all arrived."""
    end = buffered.find(HEAD_END)
    if end < 0:
        return len(buffered) >= MAX_HEAD
    length = CONTENT_LENGTH.search(buffered[: end + 2])
    if length is None:
        return True  # no body, or chunked: the thread reads it (bounded by gunicorn)
    wanted = min(int(length.group(1)), MAX_PREREAD_BODY)
    return len(buffered) - (end + len(HEAD_END)) >= wanted


SERVER_CODES = {
    400: "bad_request",
    403: "forbidden",
    414: "request_line_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    501: "not_implemented",
}


def write_json_error(sock: Any, status: int, reason: str, message: str) -> None:
    """Write one of gunicorn's own refusals in the API's error shape, then close."""
    code = SERVER_CODES.get(status, "internal_error" if status >= 500 else "bad_request")
    body = json.dumps({"error": {"code": code, "message": message or reason}}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class ReadyThreadWorker(gthread.ThreadWorker):  # type: ignore[misc]
    """gthread, where a thread serves a connection only once its request is complete."""

    def init_process(self) -> None:
        """In the worker's process: write gunicorn's refusals as JSON, then serve."""
        util.write_error = write_json_error
        super().init_process()

    def handle(self, conn: Any) -> Any:
        """Serve the connection's request if it has all arrived; else give it back to the poller."""
        if self.cfg.is_ssl or conn.is_http2:
            return super().handle(conn)
        try:
            if not self._arrived(conn):
                return gthread._DEFER
        except OSError:
            pass  # let gunicorn's own handling meet the broken socket
        return super().handle(conn)

    @staticmethod
    def _arrived(conn: Any) -> bool:
        """Read what the socket holds, without waiting, into the parser's buffer; is it all there?"""
        conn.init()
        unreader = conn.parser.unreader
        buffered = unreader.buf.getvalue()
        conn.sock.setblocking(False)
        try:
            while not request_complete(buffered):
                try:
                    chunk = conn.sock.recv(65536)
                except (BlockingIOError, InterruptedError):
                    return False
                if not chunk:
                    return True  # the client closed: the parser sees the end
                unreader.buf.seek(0, os.SEEK_END)
                unreader.buf.write(chunk)
                buffered += chunk
            return True
        finally:
            with contextlib.suppress(OSError):  # a socket the client already closed
                conn.sock.setblocking(True)
