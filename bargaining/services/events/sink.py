"""A local SMTP server (aiosmtpd) that keeps what it receives: `make run` and the tests send to it."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


class Inbox:
    """An aiosmtpd handler keeping every message in memory (the tests read it)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        """Keep the message."""
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append(parsed)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to an address."""
        return [m for m in self.messages if address in str(m["To"])]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """Wait until at least count messages have arrived (the server runs in its own thread)."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)
        return list(self.messages)


def start(handler: Any, host: str = "127.0.0.1", port: int = 0) -> Controller:
    """Start an SMTP server in a thread on host:port (0: any free port; read controller.port)."""
    if port == 0:
        with socket.socket() as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
    controller = Controller(handler, hostname=host, port=port)
    controller.start()
    return controller


def serve_forever(host: str, port: int, maildir: Path) -> None:
    """Run an SMTP server keeping messages in a Maildir until interrupted."""
    for sub in ("tmp", "new", "cur"):  # Maildir(create=True) makes them only for a new path
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    controller = start(Mailbox(maildir), host, port)
    print(f"mail sink on {host}:{port}, keeping messages in {maildir}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()
