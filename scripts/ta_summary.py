"""Write a table's TA summary for members as HTML and PDF: scripts/ta_summary.py --table ID.

Both documents show exactly what members see (the API's members' view, whoever runs the
script): signed TAs with their plain-language summaries and redlines against the current
contract, counts, and what is still open. The HTML is the members' page itself (self-contained:
inline styles, no scripts, no links out); the PDF is the same JSON as a document of the documents
package (bargaining/documents/), laid out from its HTML and stylesheet by the package's PDF engine,
as the API's redline PDFs are. Files are written whole or not at all.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from bargaining.documents.chromium import ChromiumError  # noqa: E402
from bargaining.documents.model import Block, Document, Section, file_stem  # noqa: E402
from bargaining.documents.pdf import to_pdf  # noqa: E402
from bargaining.domain.redlines.engine import Op  # noqa: E402
from scripts.api_client import Failure, get  # noqa: E402

TIMEOUT = 60


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=int, required=True, help="table id")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    parser.add_argument("--html", type=Path, help="HTML file to write (default ta-summary-ID.html)")
    parser.add_argument("--pdf", type=Path, help="PDF file to write (default ta-summary-ID.pdf)")
    return parser.parse_args(argv)


def fetch(base: str, token: str, table_id: int) -> tuple[dict[str, Any], str]:
    """Fetch the members' view as JSON and the members' page as HTML."""
    root = base.rstrip("/")
    summary_url = f"{root}/api/v1/tables/{table_id}/ta-summary?audience=members"
    summary = get(summary_url, token, base=base, shown=summary_url, timeout=TIMEOUT)
    try:
        data = summary.json()
    except ValueError as exc:
        raise Failure(f"{base} did not answer with JSON", 1) from exc
    page_url = f"{root}/tables/{table_id}/summary"
    page = get(page_url, token, base=base, shown=page_url, timeout=TIMEOUT)
    return data, page.text


def _date(value: str | None) -> str:
    """An ISO timestamp as 'March 3, 2026'."""
    if not value:
        return ""
    when = datetime.fromisoformat(value)
    return f"{when:%B} {when.day}, {when.year}"


def _heading(article: dict[str, Any]) -> str:
    """How the page names an article."""
    if article["kind"] == "article":
        return f"Article {article['number']} — {article['title']}"
    return str(article["title"])


def _ops(ops: list[dict[str, str]]) -> tuple[Op, ...]:
    """The API's redline ops as the documents package's."""
    return tuple(Op(op["kind"], op["text"], op.get("old")) for op in ops)  # type: ignore[arg-type]


def _agreed(clause: dict[str, Any]) -> Block:
    """One agreed clause: heading, TA and date, summary, redline against the current contract."""
    signed = f", signed {_date(clause['signed_at'])}" if clause["signed_at"] else ""
    notes = [f"Tentatively agreed ({clause['ta_label']}{signed})"]
    if clause["summary"]:
        notes.append(clause["summary"])
    if clause["deleted"]:
        notes.append("This section is deleted from the contract.")
    elif not clause["redline"]["changed"]:
        notes.append("No change to the current language.")
    heading = f"{clause['number']} {clause['heading']}".strip()
    return Block(heading, _ops(clause["redline"]["ops"]), note=" — ".join(notes), agreed=True)


def _position(side: str, position: dict[str, Any] | None) -> str:
    """A side's passed position on an open clause (only when the table shares them)."""
    if position is None:
        return ""
    label = f"{side}'s position" + (f" ({position['proposal_label']})" if position["proposal_label"] else "")
    if position["kind"] == "delete":
        return f"{label}: delete this section."
    if position["kind"] == "status_quo":
        return f"{label}: keep the current language."
    return f"{label}:\n{position['text'] or ''}"


def _open(item: dict[str, Any]) -> Block:
    """One clause still open, with the positions the table shares with members."""
    state = "agreement awaiting signature" if item["status"] == "ta_pending" else "under negotiation"
    positions = (_position("Union", item["union"]), _position("Employer", item["employer"]))
    text = "\n\n".join(p for p in positions if p)
    heading = f"{item['number']} {item['heading']}".strip()
    return Block(heading, (Op("equal", text),), note=f"Still open: {state}", open=True)


def _article(article: dict[str, Any]) -> Section:
    """One article: heading with its counts, agreed clauses, then what is still open."""
    counts = article["counts"]
    if not article["agreed"] and not article["open"]:
        return Section(f"{_heading(article)}: no changes on the table", ())
    heading = (
        f"{_heading(article)} ({counts['tentatively_agreed']} agreed · {counts['ta_pending']} awaiting "
        f"signature · {counts['open']} open · {counts['status_quo']} unchanged)"
    )
    blocks = [_agreed(c) for c in article["agreed"]] + [_open(i) for i in article["open"]]
    return Section(heading, tuple(blocks))


def to_document(data: dict[str, Any]) -> Document:
    """The members' summary as a document: agreed text against the current contract, what is open."""
    c = data["counts"]
    return Document(
        title=f"{data['title']}: tentative agreements",
        table=f"{data['title']} — {data['union_name']} and {data['employer_name']}",
        old_label="Current contract",
        new_label="Tentative agreements",
        sections=tuple(_article(a) for a in data["articles"]),
        filename=file_stem(data["title"], "ta-summary"),
        summary=(
            f"Summary for members as of {_date(data['generated_at'])}. Tentative agreements are final "
            "only when members ratify the whole contract.",
            f"{c['tentatively_agreed']} of {c['total']} sections tentatively agreed · {c['ta_pending']} "
            f"awaiting signature · {c['open']} still open · {c['status_quo']} unchanged",
        ),
    )


def render_pdf(data: dict[str, Any]) -> bytes:
    """Lay the members' summary out as a PDF (the documents package's HTML, stylesheet and engine)."""
    try:
        return to_pdf(to_document(data))
    except ChromiumError as exc:
        raise Failure(f"cannot make the PDF: {exc}", 2) from exc


def write_atomically(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write(path: Path, content: bytes) -> None:
    """Write one document, turning I/O errors into one line."""
    try:
        write_atomically(path, content)
    except OSError as exc:
        raise Failure(f"cannot write {path}: {exc.strerror}", 2) from exc


def main(argv: list[str] | None = None) -> int:
    """Fetch the members' summary and write it as HTML and PDF."""
    args = parse_args(argv)
    if not args.token:
        print("error: give --token or set BARGAINING_TOKEN", file=sys.stderr)
        return 2
    html_path = args.html or Path(f"ta-summary-{args.table}.html")
    pdf_path = args.pdf or Path(f"ta-summary-{args.table}.pdf")
    try:
        data, page = fetch(args.url, args.token, args.table)
        pdf = render_pdf(data)
        _write(html_path, page.encode("utf-8"))
        _write(pdf_path, pdf)
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    print(f"wrote {html_path} and {pdf_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
