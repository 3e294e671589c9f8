"""A passed proposal is superseded once later proposals of its side change every one of its clauses."""

from __future__ import annotations

from tests.api.negotiation import Negotiation


def _amend(clause_id: int, words: str) -> dict[str, object]:
    return {"action": "amend", "clause_id": clause_id, "text": f"New language: {words}."}


def _pass(n: Negotiation, who: str, title: str, items: list[dict[str, object]]) -> int:
    return int(n.propose(who, title, items)["id"])


def _states(api, ids: dict[str, int]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: api.get(f"/proposals/{pid}").json["state"] for name, pid in ids.items()}


def test_supersession_needs_every_clause_covered_by_the_same_side(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    c = n.clauses
    ids = {"u1": _pass(n, "union_negotiator", "U1", [_amend(c["5.1"], "a"), _amend(c["5.2"], "b")])}
    ids["u_other"] = _pass(n, "union_negotiator", "Other", [_amend(c["6.1"], "c")])
    ids["e1"] = _pass(n, "employer_negotiator", "E1", [_amend(c["5.1"], "d"), _amend(c["5.2"], "e")])
    assert set(_states(api, ids).values()) == {"passed"}  # the other side never supersedes

    ids["u2"] = _pass(n, "union_negotiator", "U2", [_amend(c["5.1"], "f")])
    assert _states(api, ids)["u1"] == "passed"  # 5.2 still stands on U1

    ids["u3"] = _pass(n, "union_negotiator", "U3", [_amend(c["5.2"], "g"), _amend(c["5.3"], "h")])
    assert _states(api, ids) == {
        "u1": "superseded",  # 5.1 by U2, 5.2 by U3
        "u_other": "passed",
        "e1": "passed",
        "u2": "passed",
        "u3": "passed",
    }
    ids["u4"] = _pass(n, "union_negotiator", "U4", [_amend(c["5.1"], "i"), _amend(c["6.1"], "j")])
    states = _states(api, ids)
    assert states["u2"] == "superseded" and states["u_other"] == "superseded"
    assert states["u3"] == "passed"  # 5.3 only on U3
