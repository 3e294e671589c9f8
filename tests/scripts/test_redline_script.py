"""scripts/redline.py, a thin client of the redline endpoints, against a live server; its exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from scripts import redline as script
from tests.api.negotiation import BASE, Negotiation
from tests.docx_reading import W, changes, clause_paragraphs, part, resolve, styled

OLD_62 = "First paragraph stays.\n\nSecond paragraph goes away.\n\nThird – with ½ and “quotes”."
UNION_62 = "First paragraph stays, amended.\n\nThird – with ¾ and “quotes”.\n\nA new closing paragraph."
EMPLOYER_62 = "First paragraph stays.\n\nThird – with ¾ and “quotes”."
HOSTILE = "Review <script>alert('x')</script> & co."
TEXT_50 = "A full-time clinician's active caseload shall not exceed 50 clients."


@dataclass
class World:
    """A table with U-1, the employer's counter E-1, and TA-1 on 5.1; ids and the server."""

    url: str
    tokens: dict[str, str]
    n: Negotiation
    u1: dict[str, Any]
    e1: dict[str, Any]

    def run(self, *args: str, role: str = "union_negotiator") -> int:
        """Run the script in-process as a role."""
        return script.main([*args, "--url", self.url, "--token", self.tokens[role]])


@pytest.fixture
def world(api, cast, live_server) -> World:
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    made = api.post(
        f"/articles/{n.articles['6']}/clauses",
        {"number": "6.2", "heading": "Leave", "text": OLD_62},
        as_="admin",
    )
    assert made.status_code == 201, made.json
    c = {**n.clauses, "6.2": made.json["id"]}
    n.clauses = c
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Caseloads and leave",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": TEXT_50},
                {"action": "delete", "clause_id": c["5.3"]},
                {"action": "amend", "clause_id": c["6.2"], "text": UNION_62},
                {"action": "add", "article_id": n.articles["5"], "number": "5.4", "text": HOSTILE},
            ],
        ),
    )
    e1 = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "Counter",
            [{"action": "amend", "clause_id": c["6.2"], "text": EMPLOYER_62}],
            responds_to=[u1["id"]],
        ),
    )
    u_51 = next(i for i in u1["items"] if i["clause_id"] == c["5.1"])
    ta = n.offer(
        "union_negotiator", [{"clause_id": c["5.1"], "action": "amend", "version_id": u_51["version_id"]}]
    )
    n.sign("employer_negotiator", ta)
    return World(live_server, cast.tokens, n, u1, e1)


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    """An empty directory for the documents (the test database lives in tmp_path)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def _w_date(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_docx_has_word_tracked_changes_that_round_trip(world, outdir):
    out = outdir / "clause.docx"
    clause = world.n.clauses["6.2"]
    assert world.run("--clause", str(clause), "--from", "base", "--to", "union", "-o", str(out)) == 0
    assert docx.Document(str(out)).paragraphs
    root = part(out.read_bytes())
    found = changes(root)
    assert {c.tag for c in found} == {f"{W}ins", f"{W}del"}
    assert {c.get(f"{W}author") for c in found} == {"Clinicians United (Union position U-1)"}
    assert {c.get(f"{W}date") for c in found} == {_w_date(world.u1["passed_at"])}
    assert len({c.get(f"{W}id") for c in found}) == len(found)
    for deletion in root.iter(f"{W}del"):
        assert deletion.find(f".//{W}t") is None
    assert any(d.find(f".//{W}delText") is not None for d in root.iter(f"{W}del"))
    for insertion in root.iter(f"{W}ins"):
        assert insertion.find(f".//{W}delText") is None
    body = clause_paragraphs(root)
    assert resolve(body, accept=True) == UNION_62
    assert resolve(body, accept=False) == OLD_62
    styles = {p.style.name for p in docx.Document(str(out)).paragraphs}
    assert {"heading 1", "heading 2"} <= {s.lower() for s in styles}


def test_docx_credits_the_side_whose_language_is_new(world, outdir):
    out = outdir / "apart.docx"
    clause = world.n.clauses["6.2"]
    assert world.run("--clause", str(clause), "--from", "union", "--to", "employer", "-o", str(out)) == 0
    root = part(out.read_bytes())
    assert {c.get(f"{W}author") for c in changes(root)} == {"Group Practice (Employer position E-1)"}
    assert resolve(clause_paragraphs(root), accept=True) == EMPLOYER_62
    assert resolve(clause_paragraphs(root), accept=False) == UNION_62

    proposal = outdir / "counter.docx"
    assert world.run("--proposal", str(world.e1["id"]), "-o", str(proposal)) == 0
    root = part(proposal.read_bytes())
    assert {c.get(f"{W}date") for c in changes(root)} == {_w_date(world.e1["passed_at"])}
    assert {c.get(f"{W}author") for c in changes(root)} == {"Group Practice (E-1)"}
    assert resolve(clause_paragraphs(root), accept=False) == UNION_62


def test_whole_contract_docx_tracks_added_and_deleted_clauses(world, outdir):
    out = outdir / "contract.docx"
    assert (
        world.run("--table", str(world.n.table_id), "--to", "union", "--format", "docx", "-o", str(out)) == 0
    )
    root = part(out.read_bytes())
    assert styled(root, "Heading1") == ["Contents", "Article 5 – Caseloads", "Article 6 – Documentation Time"]
    accepted, rejected = (resolve(clause_paragraphs(root), accept=a) for a in (True, False))
    assert accepted.count(HOSTILE) == 1 and HOSTILE not in rejected
    assert BASE["5"][1]["5.3"][1] not in accepted and BASE["5"][1]["5.3"][1] in rejected


def test_pdf_has_the_header_and_the_clause_text(world, outdir):
    out = outdir / "contract.pdf"
    assert world.run("--table", str(world.n.table_id), "--to", "union", "-o", str(out)) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    for expected in (
        "Test table",
        "Clinicians United and Group Practice",
        "Current contract",
        "Union position (Clinicians United)",
        "Page 1 of",
        "Article 6 – Documentation Time",
        "Third – with",
        "½",
        "¾",
        "alert('x')",
    ):
        assert expected in text, expected


def test_html_is_self_contained_and_escaped(world, outdir):
    out = outdir / "contract.html"
    assert world.run("--table", str(world.n.table_id), "--from", "base", "--to", "union", "-o", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co." in page
    assert "<style>" in page and "<link" not in page and "src=" not in page and "http" not in page
    assert "<ins>" in page and "<del>" in page and "<h2>Article 5 – Caseloads</h2>" in page


def test_default_name_is_the_one_the_api_gives(world, outdir, monkeypatch):
    monkeypatch.chdir(outdir)
    assert world.run("--article", str(world.n.articles["6"]), "--changes-only", "--format", "md") == 0
    assert [p.name for p in outdir.iterdir()] == [
        "test-table_redline_article-6_base-to-tentative_changes-only.md"
    ]


@pytest.mark.parametrize(
    ("args", "token", "status", "message"),
    [
        (["--clause", "{clause}"], "bgn_wrong", 1, "error: 401 unauthorized:"),
        (["--clause", "999999"], None, 1, "error: 404 clause_not_found:"),
        (["--table", "{table}", "--to", "ta"], None, 1, "error: 422 validation_error:"),
        (["--proposal", "999999"], None, 1, "error: 404 proposal_not_found:"),
    ],
)
def test_failures_exit_non_zero_with_one_line_and_no_file(
    world, outdir, capsys, args, token, status, message
):
    out = outdir / "out.docx"
    filled = [a.format(clause=world.n.clauses["5.1"], table=world.n.table_id) for a in args]
    argv = [*filled, "-o", str(out), "--url", world.url, "--token", token or world.tokens["union_negotiator"]]
    assert script.main(argv) == status
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err
    assert list(outdir.iterdir()) == []


def test_unreachable_server_and_missing_token(outdir, capsys, monkeypatch):
    out = outdir / "out.pdf"
    assert script.main(["--table", "1", "-o", str(out), "--url", "http://127.0.0.1:9", "--token", "t"]) == 3
    assert capsys.readouterr().err.startswith("error: cannot reach http://127.0.0.1:9")
    monkeypatch.delenv("BARGAINING_TOKEN", raising=False)
    assert script.main(["--table", "1", "-o", str(out), "--url", "http://127.0.0.1:9"]) == 2
    with pytest.raises(SystemExit) as usage:
        script.main(["--table", "1", "--format", "xml", "--token", "t"])
    assert usage.value.code == 2
    assert list(outdir.iterdir()) == []


def test_a_failed_write_exits_4_and_leaves_the_old_file(world, outdir, monkeypatch, capsys):
    out = outdir / "contract.pdf"
    out.write_bytes(b"previous")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", broken)
    assert world.run("--table", str(world.n.table_id), "-o", str(out)) == 4
    assert "No space left on device" in capsys.readouterr().err
    assert [p.name for p in outdir.iterdir()] == ["contract.pdf"] and out.read_bytes() == b"previous"
    monkeypatch.undo()
    assert world.run("--table", str(world.n.table_id), "-o", str(outdir / "missing" / "x.pdf")) == 4


def test_environment_supplies_url_and_token(world, outdir, monkeypatch):
    monkeypatch.setenv("BARGAINING_URL", world.url)
    monkeypatch.setenv("BARGAINING_TOKEN", world.tokens["employer_negotiator"])
    out = outdir / "p.html"
    assert script.main(["--proposal", str(world.u1["id"]), "-o", str(out)]) == 0
    assert "U-1: Caseloads and leave" in out.read_text(encoding="utf-8")
