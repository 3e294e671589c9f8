"""`flask import-contract` and scripts/import_contract.py: one spelling of their options, and exit codes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scripts import import_contract as script
from tests import intake_files as files


def _base_text(api: Any, table_id: int) -> str:
    """The first clause's base text at the table ("" when nothing was imported)."""
    articles = api.get(f"/tables/{table_id}/articles").json
    if not articles:
        return ""
    return str(api.get(f"/articles/{articles[0]['id']}").json["clauses"][0]["base_text"])


def _cli(runner: Any, cast: Any, path: Any, *extra: str) -> Any:
    """Run flask import-contract as the union negotiator."""
    args = [
        "import-contract",
        str(path),
        "--table",
        str(cast.table_id),
        "--as",
        "union_negotiator@test.example",
    ]
    return runner.invoke(args=[*args, *extra])


def test_cli_tracked_changes_option_and_exit_codes(api, runner, cast, tmp_path):
    bad = tmp_path / "contract.docx"
    bad.write_bytes(b"\x00\x01binary, not a contract" * 50)
    refused = _cli(runner, cast, bad)
    assert refused.exit_code == 1 and "Error" in refused.output  # a file the reader refuses
    wrong = _cli(runner, cast, bad, "--tracked-changes", "maybe")
    assert wrong.exit_code == 2  # a bad option value is a usage error
    assert _base_text(api, cast.table_id) == ""  # nothing written either way
    path = tmp_path / "hours.docx"
    path.write_bytes(files.tracked_docx())
    done = _cli(runner, cast, path, "--tracked-changes", "reject")
    assert done.exit_code == 0, done.output
    assert _base_text(api, cast.table_id) == "The workday is eight hours."


def _script_args(path: Any, cast: Any, server: str) -> list[str]:
    """The script's command line for a file, as the union negotiator."""
    return [
        str(path),
        "--table",
        str(cast.table_id),
        "--url",
        server,
        "--token",
        cast.tokens["union_negotiator"],
    ]


@pytest.mark.parametrize(
    ("option", "resolved"),
    [([], "accept"), (["--tracked-changes", "reject"], "reject"), (["--reject-changes"], "reject")],
)
def test_script_takes_the_same_spelling_and_keeps_the_old_one(
    live_server, cast, tmp_path, capsys, option, resolved
):
    path = tmp_path / "hours.docx"
    path.write_bytes(files.tracked_docx())
    assert script.main([*_script_args(path, cast, live_server), "--dry-run", *option]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"]["tracked_changes"]["resolved"] == resolved


def test_script_exit_codes(live_server, api, cast, tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.pdf"
    path.write_bytes(files.encrypted_pdf())
    args = _script_args(path, cast, live_server)
    assert script.main(args) == 1  # the server refused the file
    assert "encrypted_file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        script.main([*args, "--tracked-changes", "maybe"])
    assert usage.value.code == 2
    assert script.main([str(tmp_path / "missing.docx"), *args[1:]]) == 2
    monkeypatch.delenv("BARGAINING_TOKEN", raising=False)
    assert script.main(args[:-2]) == 2  # no token
    assert script.main([*args[:3], "--url", "http://127.0.0.1:9", "--token", "t"]) == 3
    assert _base_text(api, cast.table_id) == ""
