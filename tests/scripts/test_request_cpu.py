"""scripts/request_cpu.py times every hot endpoint on a generated table (all answering 200)."""

from __future__ import annotations

from typing import Any

from scripts import gen_table, request_cpu


def test_request_cpu_times_each_endpoint(tmp_path, capsys, monkeypatch):
    db, tokens = f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "tokens.json"
    size = ["--articles", "2", "--clauses", "10", "--versions", "40"]
    assert gen_table.main([*size, "--db", db, "--init-db", "--tokens-file", str(tokens)]) == 0
    capsys.readouterr()
    statuses: list[str] = []

    def checked(app: Any, environ: dict[str, Any]) -> None:
        def start_response(status: str, *_args: Any) -> None:
            statuses.append(status)

        body = app(dict(environ), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()

    monkeypatch.setattr(request_cpu, "call", checked)
    assert request_cpu.main(["--db", db, "--tokens", str(tokens), "--count", "20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["bare", "clause", "redline", "status", "me"]
    assert all(float(line.split()[-5]) > 0 for line in lines)
    assert statuses and set(statuses) == {"200 OK"}
