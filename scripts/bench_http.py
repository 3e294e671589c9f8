"""HTTP side of the benchmark: gunicorn servers on loopback and the load runs against them.

A server is gunicorn started exactly as `make run` starts it (gunicorn.conf.py, so the same
worker count and settings) on a free 127.0.0.1 port, stopped on exit even after an error. Loads
run with wrk when it is installed (one thread, N connections, T seconds, a Lua script that
cycles over the paths and prints a JSON summary), else with scripts/bench_load.py in a second
process (bounded request count).
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
WRK_MARK = "BENCHJSON "
# gunicorn's threaded workers each accept connections as they come, so a run's four connections
# sometimes all land on one worker: it then measures one core under one GIL, a third of the
# server (1,413-1,872 requests a second against 4,000-4,600 for the floor, 2 of 8 runs). Such a
# run, told by one worker doing most of the server's CPU, is made again (see spread_load).
SPREAD_SHARE = 0.75  # balanced runs: the busiest worker 0.45-0.6 of the CPU; piled up: 0.89-0.99
SPREAD_TRIES = 3


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def gunicorn_workers(env: dict[str, str] | None = None) -> int:
    """The worker count gunicorn.conf.py gives under this environment."""
    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return int(settings["workers"])


def _gunicorn_command() -> list[str]:
    """gunicorn from the running interpreter's environment (the venv under `make bench`)."""
    script = Path(sys.executable).with_name("gunicorn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]


class Server:
    """gunicorn serving ``app`` on a free loopback port, as `make run` does; a context manager."""

    def __init__(self, app: str, env: dict[str, str], ready_path: str, log_dir: Path, name: str) -> None:
        self.app, self.ready_path, self.name = app, ready_path, name
        self.port = free_port()
        self.env = {**os.environ, **env, "HOST": LOOPBACK, "PORT": str(self.port)}
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        """http://127.0.0.1:port"""
        return f"http://{LOOPBACK}:{self.port}"

    def __enter__(self) -> Server:
        """Start gunicorn and wait until it answers."""
        command = [
            *_gunicorn_command(),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"{LOOPBACK}:{self.port}",
            self.app,
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop gunicorn whatever happened."""
        self.stop()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        """Poll the ready path until it answers (any status below 500)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited; see {self.log_path}")
            try:
                url = self.base + self.ready_path  # http://127.0.0.1:port/...
                with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310
                    if answer.status < 500:
                        return
            except urllib.error.HTTPError as err:
                if err.code < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name}: no answer on {self.base}{self.ready_path} after {timeout} s")

    def worker_seconds(self) -> dict[int, float]:
        """CPU seconds (user + system) each worker has used so far; empty where /proc cannot tell."""
        if self.process is None:
            return {}
        tick, pid, out = os.sysconf("SC_CLK_TCK"), self.process.pid, {}
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return {}
        for child in children:
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # a worker that just exited
                continue
            out[int(child)] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        return out

    def stop(self) -> None:
        """TERM the gunicorn master (it stops its workers); KILL its process group if it lingers."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the group is this gunicorn's own session
            process.wait(timeout=10)


@dataclass
class Load:
    """What one load run measured."""

    tool: str
    requests: int
    seconds: float
    errors: int
    non_2xx: int
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    connections: int
    tries: int = 1  # runs made to get this one (spread_load)
    busiest_share: float | None = None  # the busiest worker's share of the server's CPU

    @property
    def rps(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON form, with requests per second."""
        out = dict(self.__dict__)
        out["rps"] = round(self.rps, 2)
        return out


def busiest_share(before: dict[int, float], after: dict[int, float]) -> float | None:
    """The share of the server's CPU between two readings that its busiest worker used."""
    used = [after[w] - before.get(w, 0.0) for w in after]
    total = sum(used)
    return max(used) / total if total > 0 else None


def spread_load(
    server: Server,
    paths: Sequence[str],
    headers: dict[str, str],
    *,
    connections: int,
    duration: float,
    use_wrk: bool = True,
    tokens: Sequence[str] = (),
) -> Load:
    """A load run that reached the server's workers, not one: made again while one did the work.

    After SPREAD_TRIES runs the last is kept as it is; ``tries`` and ``busiest_share`` say so.
    """
    tries = 0
    while True:
        before, tries = server.worker_seconds(), tries + 1
        load = run_load(
            server.base,
            paths,
            headers,
            connections=connections,
            duration=duration,
            use_wrk=use_wrk,
            tokens=tokens,
        )
        load.tries, load.busiest_share = tries, busiest_share(before, server.worker_seconds())
        piled = connections > 1 and (load.busiest_share or 0.0) >= SPREAD_SHARE
        if not piled or tries >= SPREAD_TRIES:
            return load


def wrk_lua(paths: Sequence[str], headers: dict[str, str], tokens: Sequence[str] = ()) -> str:
    """The wrk script: cycle over paths with these headers (and Bearer tokens, one per request in
    turn, when given); print a JSON summary when done."""
    quoted = ", ".join(json.dumps(p) for p in paths)
    header_lines = "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
    bearers = ", ".join(json.dumps(f"Bearer {t}") for t in tokens)
    return f"""{header_lines}
local paths = {{{quoted}}}
local bearers = {{{bearers}}}
local i, j = 0, 0
request = function()
  i = i % #paths + 1
  if #bearers > 0 then
    j = j % #bearers + 1
    wrk.headers["Authorization"] = bearers[j]
  end
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{WRK_MARK}{{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50_us":%d,"p99_us":%d,"mean_us":%f,"max_us":%d}}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
"""


def parse_wrk(output: str, connections: int) -> Load:
    """Read the JSON line the wrk script printed."""
    line = next((x for x in output.splitlines() if x.startswith(WRK_MARK)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    data = json.loads(line[len(WRK_MARK) :])
    return Load(
        tool="wrk",
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
        non_2xx=data["status"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        mean_ms=data["mean_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        connections=connections,
    )


def wrk_path() -> str | None:
    """wrk if installed."""
    return shutil.which("wrk")


def run_load(
    base: str,
    paths: Sequence[str],
    headers: dict[str, str],
    *,
    connections: int,
    duration: float,
    max_requests: int = 1_000_000,
    use_wrk: bool = True,
    tokens: Sequence[str] = (),
) -> Load:
    """One load run against a loopback server: wrk if installed (and wanted), else bench_load.py.

    ``tokens``: a Bearer token per request in turn (many readers); wrk only."""
    if not base.startswith(f"http://{LOOPBACK}:"):
        raise ValueError("load runs only against 127.0.0.1")
    wrk = wrk_path() if use_wrk else None
    if tokens and wrk is None:
        raise ValueError("a token per request needs wrk")
    if wrk is not None:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(wrk_lua(paths, headers, tokens))
        try:
            seconds = max(1, round(duration))  # wrk takes whole seconds
            command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
            command += ["-s", script.name, base + paths[0]]
            done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True)
        finally:
            os.unlink(script.name)
        return parse_wrk(done.stdout, connections)
    port = base.rsplit(":", 1)[1]
    command = [sys.executable, str(ROOT / "scripts" / "bench_load.py"), "--port", port]
    command += [f"--connections={connections}", f"--duration={duration}", f"--max-requests={max_requests}"]
    for path in paths:
        command += ["--path", path]
    for key, value in headers.items():
        command += ["--header", f"{key}: {value}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120, check=True)
    return Load(tool="bench_load.py", connections=connections, **json.loads(done.stdout))
