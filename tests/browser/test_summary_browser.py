"""The members' summary in headless Chromium: sign in through the form, read, print, no console errors.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: commands on
fd 3, replies on fd 4, NUL-separated JSON), so the test needs no extra package and no port. It
signs in as the demo's member exactly as a person would (the form, the cookie, the redirect),
checks the rendered text, the phone layout and the print layout, saves a screenshot and a PDF,
and fails on any console message of level error (CSP violations included). Nothing is skipped:
without /usr/bin/chromium the test fails with the command that installs it.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT = 60.0
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--window-size=412,900",
    "--remote-debugging-pipe",
]


class Chromium:
    """A headless Chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        commands_r, self._commands_w = os.pipe()
        self._replies_r, replies_w = os.pipe()
        high_r = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)

        def child_fds() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=child_fds,  # only dup2: safe in the child
            close_fds=False,
        )
        for fd in (commands_r, replies_w, high_r, high_w):
            os.close(fd)
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._cond = threading.Condition()
        self.console_errors: list[str] = []
        self.stderr_lines: list[str] = []
        self._threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _read(self) -> None:
        """Split the reply pipe into messages; file replies by id, queue events."""
        buffer = b""
        while True:
            chunk = os.read(self._replies_r, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                self._note(message)
                with self._cond:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.put(message)
                    self._cond.notify_all()

    def _read_stderr(self) -> None:
        """Keep Chromium's own log (shown if the test fails)."""
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace").rstrip())

    def _note(self, message: dict[str, Any]) -> None:
        """Collect console errors, uncaught exceptions and error log entries."""
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.console_errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
            self.console_errors.append(json.dumps(params.get("args", []))[:500])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.console_errors.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}")

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its reply."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        with self._cond:
            while self._next_id not in self._replies:
                left = deadline - time.monotonic()
                assert left > 0, f"no reply to {method}; chromium log:\n" + "\n".join(self.stderr_lines[-30:])
                self._cond.wait(left)
            reply = self._replies.pop(self._next_id)
        assert "error" not in reply, (method, reply["error"])
        return dict(reply.get("result", {}))

    def wait_event(self, method: str) -> dict[str, Any]:
        """Wait for the page to report an event."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no {method}"
            event = self._events.get(timeout=left)
            if event.get("method") == method and event.get("sessionId") == self.session:
                return dict(event.get("params", {}))

    def drain(self) -> None:
        """Forget queued events."""
        while not self._events.empty():
            self._events.get_nowait()

    def navigate(self, url: str) -> None:
        """Load a URL and wait for its load event."""
        self.drain()
        self.call("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """Evaluate in the page (DevTools evaluation is not subject to the page's CSP)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def submit(self, expression: str) -> None:
        """Run something that navigates (a form submission) and wait for the new page."""
        self.drain()
        self.js(expression)
        self.wait_event("Page.loadEventFired")

    def close(self) -> None:
        """Close the browser."""
        with contextlib.suppress(AssertionError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._commands_w)
        for thread in self._threads:
            thread.join(timeout=10)
        os.close(self._replies_r)
        assert self.proc.stderr is not None
        self.proc.stderr.close()


@pytest.fixture
def chromium(tmp_path):
    assert os.path.exists(CHROMIUM), "Chromium is missing: apt-get install -y chromium"
    browser = Chromium(tmp_path / "profile")
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session=True,
        width=412,
        height=900,
        deviceScaleFactor=1,
        mobile=True,
    )
    yield browser
    browser.close()


def _demo(runner, tmp_path) -> dict[str, str]:
    tokens_file = tmp_path / "tokens.json"
    result = runner.invoke(args=["load-demo", "--tokens-file", str(tokens_file)])
    assert result.exit_code == 0, result.output
    return dict(json.loads(tokens_file.read_text()))


def _table_id(client, token: str) -> int:
    tables = client.get("/api/v1/tables", headers={"Authorization": f"Bearer {token}"}).json
    return int(tables[0]["id"])


def test_member_signs_in_reads_prints_and_signs_out(chromium, runner, client, live_server, tmp_path):
    tokens = _demo(runner, tmp_path)
    table_id = _table_id(client, tokens["member"])
    summary_url = f"{live_server}/tables/{table_id}/summary"

    chromium.navigate(summary_url)
    assert chromium.js("location.pathname") == "/signin"
    assert chromium.js("new URLSearchParams(location.search).get('next')") == f"/tables/{table_id}/summary"
    chromium.submit(
        f"document.getElementById('token').value = {json.dumps(tokens['member'])};"
        "document.getElementById('signin').requestSubmit();"
    )
    assert chromium.js("location.pathname") == f"/tables/{table_id}/summary"

    text = chromium.js("document.body.innerText")
    dom = chromium.js("document.documentElement.outerHTML")
    for title in (
        "Article 1 — Recognition",
        "Article 6 — Documentation and Administrative Time",
        "Article 8 — Professional Development and Continuing Education",
        "Article 20 — Term of Agreement",
    ):
        assert title in text and title in dom
    for label in ("TA-1", "TA-2", "TA-3", "TA-4"):
        assert label in text
    assert "Signed in as Maria Lopez" in text
    assert "TA-5" not in dom  # pending: members see signed TAs only
    assert "stipend rises to $1,750" not in dom  # the pending TA's summary
    assert "Telehealth stipend" not in dom  # a draft
    assert "seventy-five dollars" not in dom  # the draft's text
    assert chromium.js("document.querySelectorAll('.redline del').length") > 0
    assert chromium.js("document.querySelectorAll('.redline ins').length") > 0
    assert chromium.js("getComputedStyle(document.querySelector('.redline del')).textDecorationLine") == (
        "line-through"
    )
    assert chromium.js("getComputedStyle(document.querySelector('.redline ins')).textDecorationLine") == (
        "underline"
    )
    assert chromium.js("document.scripts.length") == 0
    # A phone: 412 CSS pixels wide, nothing wider than the screen, text at least 16px.
    assert chromium.js("window.innerWidth") == 412
    assert chromium.js("document.documentElement.scrollWidth") <= 412
    assert chromium.js("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    # The session cookie is HttpOnly and SameSite=Lax: scripts cannot read it.
    cookies = chromium.call("Network.getCookies", session=True, urls=[summary_url])["cookies"]
    session_cookie = next(c for c in cookies if c["name"] == "bargaining_session")
    assert session_cookie["httpOnly"] is True and session_cookie["sameSite"] == "Lax"
    assert "bargaining_session" not in chromium.js("document.cookie")

    shot = base64.b64decode(chromium.call("Page.captureScreenshot", session=True, format="png")["data"])
    png = tmp_path / "page.png"
    png.write_bytes(shot)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000

    # Printing: the sign-out bar and the table of contents are hidden; the PDF has pages.
    chromium.call("Emulation.setEmulatedMedia", session=True, media="print")
    assert chromium.js("getComputedStyle(document.querySelector('.bar')).display") == "none"
    assert chromium.js("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    assert chromium.js("getComputedStyle(document.querySelector('.redline del')).textDecorationLine") == (
        "line-through"
    )
    printed = base64.b64decode(chromium.call("Page.printToPDF", session=True)["data"])
    (tmp_path / "page.pdf").write_bytes(printed)
    assert printed.startswith(b"%PDF") and len(printed) > 10_000
    chromium.call("Emulation.setEmulatedMedia", session=True, media="")

    chromium.submit("document.querySelector('.bar form').requestSubmit()")
    assert chromium.js("location.pathname") == "/signin"
    chromium.navigate(summary_url)
    assert chromium.js("location.pathname") == "/signin"
    assert chromium.console_errors == []


def test_a_cross_site_form_cannot_sign_the_browser_in(chromium, runner, client, live_server, tmp_path):
    tokens = _demo(runner, tmp_path)
    attacker = (
        f'<form id="f" method="post" action="{live_server}/signin">'
        f'<input name="token" value="{tokens["member"]}"><input name="next" value="/tables"></form>'
    )
    chromium.navigate("data:text/html;base64," + base64.b64encode(attacker.encode()).decode())
    chromium.submit("document.getElementById('f').submit()")
    assert chromium.js("location.pathname") == "/signin"
    assert "Request refused" in chromium.js("document.body.innerText")
    cookies = chromium.call("Network.getCookies", session=True, urls=[live_server])["cookies"]
    assert [c for c in cookies if c["name"] == "bargaining_session"] == []


def test_the_console_check_catches_a_blocked_inline_script(chromium, app, request):
    app.add_url_rule(
        "/_probe",
        "probe",
        lambda: "<!doctype html><title>probe</title><script>document.title = 'ran'</script>",
    )
    live_server = request.getfixturevalue("live_server")
    chromium.navigate(f"{live_server}/_probe")
    assert chromium.js("document.title") == "probe"
    deadline = time.monotonic() + 10
    while not chromium.console_errors and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any("Content Security Policy" in e for e in chromium.console_errors), chromium.console_errors
