"""HTML to PDF in headless Chromium: one browser per process, spoken to over the DevTools pipe.

Chromium lays out pair A's 112-page whole-contract redline in about 1 s of CPU where WeasyPrint
took 5 (docs/notes/documents.md, session 6). The browser is started on the first PDF a process
makes and kept (starting it costs about half a second of CPU). PDFs are printed in one tab,
kept too (a new tab per PDF cost 0.2 s of CPU more), with scripts disabled: its page is replaced
by the HTML string (no URL, so nothing is fetched) and ``Page.printToPDF`` prints it with the
stylesheet's own @page size and margin boxes. Commands go on fd 3
and replies come on fd 4 as NUL-separated JSON (``--remote-debugging-pipe``), so no port is
opened and no extra package is needed. One PDF at a time per process (a lock); a browser that
died or stopped answering is replaced once before the error is raised.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
import time
from typing import Any

TIMEOUT_SECONDS = 60.0
FLAGS = (
    "--headless",
    "--no-sandbox",  # the app may run as root in a container, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
PRINT = {
    "preferCSSPageSize": True,
    "printBackground": True,
    "displayHeaderFooter": False,
    "generateDocumentOutline": True,  # PDF bookmarks from the headings
}


class ChromiumError(RuntimeError):
    """Chromium is missing, died, or did not answer in time."""


def executable() -> str:
    """The Chromium to run: $BARGAINING_CHROMIUM, else chromium on the PATH."""
    found = os.environ.get("BARGAINING_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    if not found:
        raise ChromiumError("Chromium is missing (PDFs need it): apt-get install -y chromium")
    return found


class Browser:
    """A headless Chromium process and its DevTools pipe."""

    def __init__(self) -> None:
        """Start the browser with its own throwaway profile."""
        self.profile = tempfile.TemporaryDirectory(prefix="bargaining-chromium-")
        commands_r, self._commands_w = os.pipe()
        self._replies_r, replies_w = os.pipe()
        high_r = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)

        def child_fds() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        try:
            self.proc = subprocess.Popen(
                [executable(), *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=child_fds,  # only dup2: safe in the child
                close_fds=False,
            )
        except OSError as exc:
            for fd in (self._commands_w, self._replies_r):
                os.close(fd)
            self.profile.cleanup()
            raise ChromiumError(f"cannot start Chromium: {exc}") from exc
        finally:
            for fd in (commands_r, replies_w, high_r, high_w):
                os.close(fd)
        self.pid = os.getpid()
        self._next_id = 0
        self._buffer = b""
        self._page: tuple[str, str] | None = None

    def alive(self) -> bool:
        """Whether this process started the browser and it is still running."""
        return self.pid == os.getpid() and self.proc.poll() is None

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and read messages until its reply (events are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        data = memoryview(json.dumps(message).encode() + b"\0")
        while data:  # a page of HTML is larger than the pipe: write until all of it is sent
            data = data[os.write(self._commands_w, data) :]
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))

    def _message(self, deadline: float) -> dict[str, Any]:
        """The next message on the reply pipe."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies_r], [], [], left)[0]:
                raise ChromiumError("Chromium did not answer in time")
            chunk = os.read(self._replies_r, 1 << 20)
            if not chunk:
                raise ChromiumError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def _tab(self) -> tuple[str, str]:
        """The one tab PDFs are printed in (opened on first use, scripts off): session and frame."""
        if self._page is None:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.call("Emulation.setScriptExecutionDisabled", session, value=True)
            frame = self.call("Page.getFrameTree", session)["frameTree"]["frame"]["id"]
            self._page = (session, frame)
        return self._page

    def print_pdf(self, html: str) -> bytes:
        """Replace the tab's page with this HTML and print it as PDF."""
        session, frame = self._tab()
        self.call("Page.setDocumentContent", session, frameId=frame, html=html)
        return base64.b64decode(self.call("Page.printToPDF", session, **PRINT)["data"])

    def close(self) -> None:
        """Stop the browser (only from the process that started it) and close the pipes."""
        if self.pid == os.getpid() and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.profile.cleanup()
        for fd in (self._commands_w, self._replies_r):
            with contextlib.suppress(OSError):
                os.close(fd)


_BROWSER: Browser | None = None
_LOCK = threading.Lock()


def html_to_pdf(html: str) -> bytes:
    """The HTML page as PDF, laid out by this process's Chromium (started or replaced as needed)."""
    global _BROWSER
    with _LOCK:
        for attempt in (1, 2):
            if _BROWSER is None or not _BROWSER.alive():
                _BROWSER = Browser()
            try:
                return _BROWSER.print_pdf(html)
            except (ChromiumError, OSError) as exc:
                _BROWSER.close()
                _BROWSER = None
                if attempt == 2:
                    raise ChromiumError(str(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def shutdown() -> None:
    """Stop this process's browser, if it started one."""
    global _BROWSER
    with _LOCK:
        if _BROWSER is not None:
            _BROWSER.close()
            _BROWSER = None


atexit.register(shutdown)
