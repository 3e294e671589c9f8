"""Write a table's TA summary for members as HTML and PDF: scripts/ta_summary.py --table ID.

Both documents show exactly what members see (the API's members' view, whoever runs the
script): signed TAs with their plain-language summaries and redlines against the current
contract, counts, and what is still open. The HTML is the members' page itself (self-contained:
inline styles, no scripts, no links out); the PDF is built with fpdf2 in a Unicode TrueType font
(DejaVu Sans from fonts-dejavu-core, or --font). Files are written whole or not at all.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from scripts.api_client import Failure, get  # noqa: E402

TIMEOUT = 60
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
INK, MUTED = (29, 35, 43), (84, 94, 105)
DEL, INS = (155, 28, 28), (20, 83, 45)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=int, required=True, help="table id")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    parser.add_argument("--html", type=Path, help="HTML file to write (default ta-summary-ID.html)")
    parser.add_argument("--pdf", type=Path, help="PDF file to write (default ta-summary-ID.pdf)")
    parser.add_argument("--font", type=Path, help="a Unicode .ttf font (default DejaVu Sans)")
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


class SummaryPDF(FPDF):
    """A letter-size document with the table's name and page numbers at the foot."""

    def __init__(self, title: str) -> None:
        super().__init__(format="letter")
        self.doc_title = title
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        """Title and page number on every page."""
        self.set_y(-13)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.doc_title} · page {self.page_no()} of {{nb}}", align="C")


def _fonts(pdf: FPDF, font: Path | None) -> None:
    """Register the Unicode font (regular, bold, italic) as 'body'."""
    for style, name in FONT_FILES.items():
        path = font if font is not None else FONT_DIR / name
        if not path.is_file():
            hint = "pass --font" if font is not None else "install fonts-dejavu-core or pass --font"
            raise Failure(f"no Unicode font at {path}: {hint}", 2)
        pdf.add_font("body", style, str(path))


def _para(
    pdf: FPDF, text: str, *, size: float = 10.5, style: str = "", color: tuple[int, int, int] = INK
) -> None:
    """A paragraph across the page."""
    pdf.set_font("body", style, size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _redline(pdf: FPDF, ops: list[dict[str, str]], *, size: float = 10.5) -> None:
    """Agreed text against the current contract: deletions struck, insertions underlined.

    Words are placed one by one so that a line only ever breaks between words.
    """
    styles = {"delete": ("S", DEL), "insert": ("U", INS), "equal": ("", INK)}
    height = size * 0.5
    for op in ops:
        style, color = styles[op["kind"]]
        pdf.set_font("body", style, size)
        pdf.set_text_color(*color)
        for piece in re.split(r"(\n|[^\S\n]+)", op["text"]):
            at_margin = pdf.get_x() <= pdf.l_margin + 0.01
            if piece == "\n":
                pdf.ln(height)
            elif piece and not piece.strip():
                if not at_margin:
                    pdf.write(height, " ")
            elif piece:
                room = pdf.w - pdf.r_margin - pdf.get_x() - 2 * pdf.c_margin
                if not at_margin and pdf.get_string_width(piece) > room:
                    pdf.ln(height)
                pdf.write(height, piece)
    pdf.set_font("body", "", size)
    pdf.ln(height + 2)


def _agreed(pdf: FPDF, clause: dict[str, Any]) -> None:
    """One agreed clause: heading, TA and date, summary, redline."""
    _para(pdf, f"{clause['number']} {clause['heading']}".strip(), size=11, style="B")
    signed = f" · signed {_date(clause['signed_at'])}" if clause["signed_at"] else ""
    _para(pdf, f"{clause['ta_label']}{signed}", size=9, color=MUTED)
    if clause["summary"]:
        _para(pdf, clause["summary"], style="I")
    if clause["deleted"]:
        _para(pdf, "This section is deleted from the contract.", style="B", color=DEL)
    if clause["redline"]["ops"]:
        _redline(pdf, clause["redline"]["ops"])
    if not clause["redline"]["changed"] and not clause["deleted"]:
        _para(pdf, "No change to the current language.", size=9, color=MUTED)
    pdf.ln(2)


def _position(pdf: FPDF, side: str, position: dict[str, Any]) -> None:
    """A side's passed position on an open clause (only when the table shares them)."""
    label = f"{side}'s position" + (f" ({position['proposal_label']})" if position["proposal_label"] else "")
    _para(pdf, label, size=9, style="B", color=MUTED)
    if position["kind"] == "delete":
        _para(pdf, "Delete this section.", size=10)
    elif position["kind"] == "status_quo":
        _para(pdf, "Keep the current language.", size=10)
    else:
        _para(pdf, position["text"] or "", size=10)


def _article(pdf: FPDF, article: dict[str, Any]) -> None:
    """One article: heading, counts, agreed clauses, what is still open."""
    counts = article["counts"]
    if not article["agreed"] and not article["open"]:
        _para(pdf, f"{_heading(article)}: no changes on the table.", size=9.5, color=MUTED)
        return
    pdf.ln(3)
    _para(pdf, _heading(article), size=13, style="B")
    _para(
        pdf,
        f"{counts['tentatively_agreed']} agreed · {counts['ta_pending']} awaiting signature · "
        f"{counts['open']} open · {counts['status_quo']} unchanged",
        size=9,
        color=MUTED,
    )
    for clause in article["agreed"]:
        _agreed(pdf, clause)
    if article["open"]:
        _para(pdf, "Still open", size=10.5, style="B")
        for item in article["open"]:
            state = "agreement awaiting signature" if item["status"] == "ta_pending" else "under negotiation"
            _para(pdf, f"• {item['number']} {item['heading']} — {state}".replace("  ", " "), size=10)
            for side, key in (("Union", "union"), ("Employer", "employer")):
                if item[key]:
                    _position(pdf, side, item[key])


def render_pdf(data: dict[str, Any], font: Path | None) -> bytes:
    """Lay the members' summary out as a PDF."""
    title = f"{data['title']}: tentative agreements"
    pdf = SummaryPDF(title)
    _fonts(pdf, font)
    pdf.set_title(title)
    pdf.set_creator("bargaining")
    pdf.add_page()
    _para(pdf, f"{data['union_name']} · {data['employer_name']}", size=9, color=MUTED)
    _para(pdf, title, size=17, style="B")
    _para(
        pdf,
        f"Summary for members as of {_date(data['generated_at'])}. Tentative agreements are final only "
        "when members ratify the whole contract.",
        size=9.5,
        color=MUTED,
    )
    c = data["counts"]
    _para(
        pdf,
        f"{c['tentatively_agreed']} of {c['total']} sections tentatively agreed · {c['ta_pending']} awaiting "
        f"signature · {c['open']} still open · {c['status_quo']} unchanged",
        size=10.5,
        style="B",
    )
    legend = [
        {"kind": "equal", "text": "How to read the changes: "},
        {"kind": "delete", "text": "struck-through text"},
        {"kind": "equal", "text": " is removed from the current contract; "},
        {"kind": "insert", "text": "underlined text"},
        {"kind": "equal", "text": " is new."},
    ]
    _redline(pdf, legend, size=9.5)
    for article in data["articles"]:
        _article(pdf, article)
    return bytes(pdf.output())


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
        pdf = render_pdf(data, args.font)
        _write(html_path, page.encode("utf-8"))
        _write(pdf_path, pdf)
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    print(f"wrote {html_path} and {pdf_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
