"""Events' plain rules: who sees what, who is told, signatures, backoff, rosters."""

from __future__ import annotations

import pytest

from bargaining.domain.errors import Invalid
from bargaining.domain.events import Reader, matches, sees
from bargaining.domain.events.notices import Audience, Kind, notice_action, reaches, rule_for
from bargaining.domain.events.roster import parse_roster
from bargaining.domain.events.signing import backoff_seconds, signature, verify

UNION = Reader(frozenset({"union"}))
MEMBER = Reader(frozenset(), member=True)


def test_a_side_sees_the_table_and_its_own_but_never_the_other_sides():
    assert sees(UNION, "proposal.passed", None) and sees(UNION, "proposal.drafted", "union")
    assert not sees(UNION, "proposal.drafted", "employer") and not sees(UNION, "user.created", "admin")


def test_members_see_only_what_is_shared_with_them():
    assert sees(MEMBER, "ta.signed", None) and not sees(MEMBER, "ta.offered", None)
    assert not sees(MEMBER, "proposal.passed", None)
    assert sees(Reader(frozenset(), member=True, members_see_passed=True), "proposal.passed", None)
    assert not sees(MEMBER, "ta.signed", "union") and not sees(Reader(frozenset()), "ta.signed", None)


def test_kinds_match_exactly_by_prefix_or_all():
    assert matches(["proposal."], "proposal.passed") and matches(["*"], "x.y")
    assert matches(["ta.signed"], "ta.signed") and not matches(["ta.signed"], "ta.signed_extra")
    assert not matches(["proposal"], "proposal.passed")


def test_notices_go_to_the_other_side():
    rule = rule_for("ta.offered")
    assert rule is not None and rule.kind is Kind.TA_AWAITS_SIGNATURE
    assert reaches(Audience.OTHER_NEGOTIATORS, "union", "employer", "negotiator")
    assert not reaches(Audience.OTHER_NEGOTIATORS, "union", "employer", "recorder")
    assert not reaches(Audience.OTHER_PARTY, "union", "union", "negotiator")
    assert not reaches(Audience.OTHER_PARTY, None, "union", "negotiator")
    assert reaches(Audience.EVERYONE, None, None, "member")
    assert rule_for("inforequest.answered").kind is Kind.INFO_REQUEST_ANSWERED
    assert rule_for("proposal.drafted") is None


def test_the_vote_opens_when_the_second_side_sends():
    assert notice_action("ratification.sent", {"complete": True}) == "ratification.opened"
    assert notice_action("ratification.sent", {"complete": False}) == "ratification.sent"
    assert rule_for("ratification.opened").kind is Kind.RATIFICATION_VOTE


def test_signatures_cover_timestamp_and_body_and_expire():
    header = signature("s3cret", 1_000, b'{"a":1}')
    assert header.startswith("t=1000,v1=") and verify("s3cret", header, b'{"a":1}', 1_100)
    assert not verify("s3cret", header, b'{"a":2}', 1_100)
    assert not verify("other", header, b'{"a":1}', 1_100)
    assert not verify("s3cret", header, b'{"a":1}', 1_000 + 301)  # too old: a replay
    assert not verify("s3cret", "garbage", b"", 0)


def test_backoff_doubles_up_to_its_cap():
    assert [backoff_seconds(n, 30, 200) for n in (1, 2, 3, 4, 5)] == [30, 60, 120, 200, 200]


def test_a_roster_needs_names_and_emails_and_keeps_the_rest_as_text():
    rows = parse_roster("Name,Email,Step\nAna,ANA@x.example,4\nAna R,ana@x.example,5\n")
    assert [(r.name, r.email, r.fields) for r in rows] == [("Ana R", "ana@x.example", {"step": "5"})]
    bad_csv = (
        "name\nA",
        "name,email\n",
        "name,email\n,a@b.example",
        "name,email\nA,nope",
        "name,email\nA\0,b",
    )
    for bad in bad_csv:
        with pytest.raises(Invalid):
            parse_roster(bad)
