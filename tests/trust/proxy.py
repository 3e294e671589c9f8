"""A tiny TCP forwarder on loopback, to take a database away and bring it back in a test."""

from __future__ import annotations

import contextlib
import socket
import threading


class Forwarder:
    """Listens on a loopback port; forwards to a target while open, refuses while closed."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = self._free_port()
        self._server: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._flowing = threading.Event()
        self._flowing.set()
        self._cut = False

    @staticmethod
    def _free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])

    def freeze(self) -> None:
        """Black-hole the open connections: they stay open, but nothing passes either way.

        The database sees what it sees when a client's machine or network vanishes: a session
        that simply goes quiet, holding whatever locks it took.
        """
        self._flowing.clear()

    def start(self) -> None:
        """Accept and forward connections."""
        self._cut = False
        self._flowing.set()
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._server.settimeout(0.05)
        self._running = threading.Event()
        self._running.set()
        self._thread = threading.Thread(target=self._accept, args=(self._server,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        self._cut = True
        self._flowing.set()
        if self._server is not None:
            self._running.clear()
            self._thread.join(timeout=5)
            self._server.close()
            self._server = None
        for conn in self._open:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._open.clear()

    def _accept(self, server: socket.socket) -> None:
        while self._running.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self._flowing.wait()
                if self._cut:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
