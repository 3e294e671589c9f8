"""A webhook receiver of the tests' own on loopback: checks signatures, can fail, hang, then recover."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bargaining.domain.events.signing import verify


@dataclass
class Receiver:
    """What arrived, and how to answer: fail the first `failures` requests, hang while `hold` is set."""

    secret: str = ""
    failures: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    hold: threading.Event = field(default_factory=threading.Event)
    holding: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def answer(self, headers: Any, body: bytes) -> int:
        """Record a request; 401 if its signature is wrong, 500 while failing, else 200."""
        signed = verify(self.secret, headers.get("X-Bargaining-Signature", ""), body, int(time.time()))
        payload = json.loads(body)
        self.received.append(
            {
                "signed": signed,
                "delivery": headers.get("X-Bargaining-Delivery"),
                "event": headers.get("X-Bargaining-Event"),
                "payload": payload,
            }
        )
        if self.hold.is_set():
            self.holding.set()
            while self.hold.is_set():
                time.sleep(0.01)
        if not signed:
            return 401
        if self.failures > 0:
            self.failures -= 1
            return 500
        return 200


def start(receiver: Receiver) -> ThreadingHTTPServer:
    """Serve the receiver on a free loopback port (receiver.url is set)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.answer(self.headers, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    return server
