"""Mail's small rules: when the digest's day starts, signed unsubscribe tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from bargaining.services.events.mail import digest_cutoff, read_unsubscribe_token, unsubscribe_token


def test_the_digest_gathers_what_came_before_the_last_digest_time():
    assert digest_cutoff(datetime(2026, 3, 2, 8, 30, tzinfo=UTC), 7) == datetime(2026, 3, 2, 7, tzinfo=UTC)
    assert digest_cutoff(datetime(2026, 3, 2, 6, 0, tzinfo=UTC), 7) == datetime(2026, 3, 1, 7, tzinfo=UTC)


def test_unsubscribe_tokens_are_signed():
    token = unsubscribe_token("k", 5, "proposal_passed")
    assert read_unsubscribe_token("k", token) == (5, "proposal_passed")
    assert read_unsubscribe_token("other", token) is None
    assert read_unsubscribe_token("k", unsubscribe_token("k", 5, "not_a_kind")) is None
