"""The application object: Flask's async handling kept while its per-request check is cached."""

from __future__ import annotations

from bargaining.app import BargainingFlask


def test_async_views_still_run_and_plain_ones_are_returned_as_they_are(app, monkeypatch):
    assert isinstance(app, BargainingFlask)

    async def later() -> str:
        return "awaited"

    def plain() -> str:
        return "plain"

    monkeypatch.setattr(app, "async_to_sync", lambda func: ("wrapped", func))  # Flask's needs asgiref
    assert app.ensure_sync(later) == ("wrapped", later)
    assert app.ensure_sync(later) == ("wrapped", later)  # the cached answer too
    assert app.ensure_sync(plain) is plain


def test_the_async_check_is_made_once_per_function(app, monkeypatch):
    asked: list[object] = []

    def counting(func: object) -> bool:
        asked.append(func)
        return False

    monkeypatch.setattr("bargaining.app.iscoroutinefunction", counting)

    class Resource:
        def get(self) -> str:
            return "got"

    first, second = Resource().get, Resource().get  # a bound method is made anew per request
    assert app.ensure_sync(first) is first and app.ensure_sync(second) is second
    assert len(asked) == 1
