"""gunicorn settings for `make run` (and the benchmark floor)."""

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import threading
import time

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Threads that serve requests; a connection whose request has not fully arrived holds none of them
# (bargaining/serving.py), so slow or idle clients cannot take every worker, as they did with sync
# workers. 8 threads x (a kept reader + a write's connection) fits the pool of 20 per process.
threads = int(os.environ.get("BARGAINING_THREADS", 8))
worker_class = "bargaining.serving.ReadyThreadWorker"
# An open event stream (GET /tables/{id}/events/stream) holds one of these threads for its life
# (BARGAINING_STREAM_SECONDS, 300 s, then the browser reconnects with Last-Event-ID). At most
# BARGAINING_MAX_STREAMS (default 4) are open per worker process; past that the stream answers 503
# with Retry-After, so at least threads - max_streams threads always serve ordinary requests. Keep
# BARGAINING_MAX_STREAMS below threads; open streams per server = workers x BARGAINING_MAX_STREAMS.
# A stream does not hold a database connection between polls, and gthread's arbiter heartbeat runs
# in the worker's main loop, so `timeout` below does not cut long streams.
keepalive = 5  # seconds an idle connection (or one whose request stalled) is kept open
timeout = 60  # a worker that stops answering the arbiter for this long is restarted
graceful_timeout = 30
accesslog = "-"


FULL_COLLECTION_EVERY = 100  # middle-generation collections between full ones (Python's default: 10)


def post_worker_init(worker: object) -> None:
    """Freeze the loaded app's objects out of the garbage collector's sweeps; sweep fully less often.

    A full collection walks every tracked object; after loading, that is mostly the app itself
    (SQLAlchemy mappers, schemas, modules), which lives as long as the worker. Frozen, they are
    never walked again: a 1,500-clause status board's p99 went from 169 to 96 ms, its p50 from
    91 to 85 ms (one worker, one connection). What stays is the clause-redline cache (a full
    collection over 2,000 entries takes 24 ms) and what big requests leave behind; with full
    collections ten times rarer, cold clause redlines after a status-board load kept their p99
    at 1.4-1.6x their p50 in six runs (1.6-4.1x with the default, max 18-32 ms against 5-8 ms),
    with the same memory (445 MB for four workers). Unreachable cycles are still collected, only
    later. The floor (scripts/bench_hello.py) gets the same.
    """
    del worker
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    cap_malloc_arenas()
    trace_memory(os.environ.get("BARGAINING_TRACEMALLOC_DIR", ""))


M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
MALLOC_ARENAS = int(os.environ.get("BARGAINING_MALLOC_ARENAS", 2))


def cap_malloc_arenas() -> None:
    """At most MALLOC_ARENAS glibc malloc arenas in this worker (glibc's default: 8 per core).

    Set before the worker starts its threads. MALLOC_ARENA_MAX in the environment, when set, wins
    (glibc read it at start). 0 leaves glibc's default. Why: docs/notes/perf.md, session 6.
    """
    if MALLOC_ARENAS <= 0 or "MALLOC_ARENA_MAX" in os.environ:
        return
    name = ctypes.util.find_library("c")
    if name and "libc.so" in name:
        ctypes.CDLL(name).mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def trace_memory(directory: str, every: float = 60.0) -> None:
    """Diagnostics only: with BARGAINING_TRACEMALLOC_DIR set, write a tracemalloc snapshot every minute.

    Files are <dir>/<pid>-<n>.snap; compare two with tracemalloc.Snapshot.load(...).compare_to.
    Tracing slows every allocation: never in production.
    """
    if not directory:
        return
    import tracemalloc

    tracemalloc.start(8)

    def dump() -> None:
        for n in range(1_000_000):
            time.sleep(every)
            tracemalloc.take_snapshot().dump(os.path.join(directory, f"{os.getpid()}-{n:03d}.snap"))

    threading.Thread(target=dump, daemon=True, name="tracemalloc-dump").start()
