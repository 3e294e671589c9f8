"""Importing the current contract through the API, the CLI and the script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import import_contract as script
from tests.helpers import REALDATA

DEMO = Path(__file__).resolve().parents[2] / "bargaining" / "demo" / "contract.md"
MESSY = """COLLECTIVE BARGAINING AGREEMENT

TABLE OF CONTENTS
Article 1 – Recognition ........................ 1
Article 12 – Caseloads ......................... 4

PREAMBLE
This Agreement is made between the Union and the Employer.

Article 1 – Recognition
Section 1.1 Unit
The Employer recognizes the Union.
Page 1

ARTICLE XII: CASELOADS
12.3 Caseload limits apply.
12.3(b) Exceptions need consent.

ARTICLE 4--TERM
1.01.1(a) This Agreement runs three years.
"""


def _body(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(lines[lines.index("---") + 1 :])


def test_dry_run_shows_the_outline_and_writes_nothing(api, cast):
    response = api.post(f"/tables/{cast.table_id}/import?dry_run=true", {"text": MESSY})
    assert response.status_code == 200, response.json
    outline = response.json["outline"]
    assert [(a["number"], a["kind"]) for a in outline][-3:] == [
        ("1", "article"),
        ("XII", "article"),
        ("4", "article"),
    ]
    assert response.json["dry_run"] is True and response.json["article_ids"] == []
    assert api.get(f"/tables/{cast.table_id}/articles").json == []


def test_import_builds_articles_clauses_and_base_versions(api, cast):
    response = api.post(f"/tables/{cast.table_id}/import", {"text": DEMO.read_text()})
    assert response.status_code == 201, response.json
    articles = api.get(f"/tables/{cast.table_id}/articles?page_size=100").json
    numbers = [a["number"] for a in articles]
    assert numbers[:3] == ["Preamble", "1", "2"] and "20" in numbers
    article5 = next(a for a in articles if a["number"] == "5")
    detail = api.get(f"/articles/{article5['id']}").json
    assert detail["title"] == "Caseloads and Productivity Standards"
    assert detail["clauses"][0]["number"] == "5.1"
    assert detail["clauses"][0]["base_text"].startswith("No full-time clinician shall be assigned")


def test_importing_twice_answers_409(api, cast):
    assert api.post(f"/tables/{cast.table_id}/import", {"text": MESSY}).status_code == 201
    again = api.post(f"/tables/{cast.table_id}/import", {"text": MESSY})
    assert again.status_code == 409 and again.json["error"]["code"] == "base_exists"


def test_members_cannot_import(api, cast):
    assert api.post(f"/tables/{cast.table_id}/import", {"text": MESSY}, as_="member").status_code == 403


@pytest.mark.parametrize("name", ["oregon_osh_rn_afscme_2025_2027_full.txt", "benton_ona_2025_2029_full.txt"])
def test_real_contracts_import_through_the_api(api, cast, name):
    text = _body((REALDATA / name).read_text(encoding="utf-8"))
    response = api.post(f"/tables/{cast.table_id}/import", {"text": text})
    assert response.status_code == 201, response.json
    counts = response.json["counts"]
    assert counts["articles"] > 20 and counts["clauses"] > counts["articles"]
    listed = api.get(f"/tables/{cast.table_id}/articles?page_size=100")
    assert f'"total": {counts["articles"]}' in listed.headers["X-Pagination"]


def test_cli_imports_a_file(runner, cast, tmp_path):
    path = tmp_path / "contract.txt"
    path.write_text(MESSY)
    result = runner.invoke(
        args=[
            "import-contract",
            str(path),
            "--table",
            str(cast.table_id),
            "--as",
            "union_negotiator@test.example",
        ]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] >= 3


def test_script_imports_through_the_api(live_server, cast, tmp_path, capsys):
    path = tmp_path / "contract.md"
    path.write_text(MESSY)
    code = script.main(
        [
            str(path),
            "--table",
            str(cast.table_id),
            "--url",
            live_server,
            "--token",
            cast.tokens["union_negotiator"],
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["clauses"] >= 3


def test_script_says_clearly_what_went_wrong(live_server, cast, tmp_path, capsys):
    path = tmp_path / "contract.md"
    path.write_text(MESSY)
    assert (
        script.main([str(path), "--table", str(cast.table_id), "--url", live_server, "--token", "bad"]) == 1
    )
    assert "401 unauthorized" in capsys.readouterr().err
    assert script.main([str(path), "--table", "1", "--url", "http://127.0.0.1:9", "--token", "x"]) == 3
