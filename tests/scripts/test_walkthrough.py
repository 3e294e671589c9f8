"""The README's walk-through (scripts/walkthrough.py) runs whole against a fresh live server, twice."""

from __future__ import annotations

from scripts import walkthrough


def test_the_walkthrough_bargains_a_clause_to_a_signed_ta_on_its_own_table(live_server, cast, api, capsys):
    before = {t["id"] for t in api.get("/tables", as_="admin").json}

    assert walkthrough.main(["--base-url", live_server, "--token", cast.tokens["admin"]]) == 0
    assert walkthrough.main(["--base-url", live_server, "--token", cast.tokens["admin"]]) == 0

    out = capsys.readouterr().out
    assert out.count("passed as U-1") == 2 and out.count("countered with E-1") == 2
    assert out.count("12.1 tentatively_agreed") == 2
    assert out.count("~~65~~**50**") == 2
    after = {t["id"] for t in api.get("/tables", as_="admin").json}
    assert len(after - before) == 2
    assert api.get(f"/tables/{cast.table_id}/articles", as_="admin").json == []


def test_the_walkthrough_says_what_failed(live_server, capsys):
    assert walkthrough.main(["--base-url", live_server, "--token", "bgn_wrong"]) == 1
    assert "401 unauthorized" in capsys.readouterr().err
