"""The view store makes a missing view once however many threads ask for it at the same moment."""

from __future__ import annotations

import threading
import time

from bargaining.services.table_cache import store as store_module
from bargaining.services.table_cache.store import Encoded, ViewStore

KEY = ("board", 1, (7, "2026-01-01"), "union")


def _together(count: int, work) -> list:
    """Run work in count threads released at once; their results."""
    start, out = threading.Barrier(count), [None] * count

    def one(i: int) -> None:
        start.wait()
        out[i] = work()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out


def test_readers_missing_on_one_key_together_share_one_making():
    store, made = ViewStore(), []

    def make() -> Encoded:
        made.append(1)
        time.sleep(0.2)  # a cold derivation: the others arrive while it runs
        return Encoded(b"x" * 5000, "application/json", '"e"')

    views = _together(8, lambda: store.get_or_make(KEY, make))
    assert len(made) == 1
    assert all(view is views[0] for view in views)
    assert store.get(KEY) is views[0] and not store._making  # nothing left behind


def test_a_new_revision_is_made_again_and_replaces_the_old():
    store = ViewStore()
    old = store.get_or_make(KEY, lambda: Encoded(b"old", "application/json", '"a"'))
    newer = ("board", 1, (8, "2026-01-02"), "union")
    new = store.get_or_make(newer, lambda: Encoded(b"new", "application/json", '"b"'))
    assert new is not old and store.get(KEY) is None and store.get(newer) is new


def test_a_compressed_form_is_made_once_for_readers_wanting_it_together(monkeypatch):
    calls = []

    def slow_gzip(body: bytes) -> bytes:
        calls.append(1)
        time.sleep(0.2)
        return b"gz"

    monkeypatch.setitem(store_module.CODERS, "gzip", slow_gzip)
    view = Encoded(b"y" * 5000, "application/json", '"e"')
    forms = _together(6, lambda: view.form("gzip"))
    assert len(calls) == 1
    assert sorted(made for _, made in forms) == [False] * 5 + [True]
    assert {body for body, _ in forms} == {b"gz"}
