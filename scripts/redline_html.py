"""The HTML redline: one printable, self-contained page (inline CSS, no scripts, all text escaped)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scripts.redline import Document, Progress, Section

STYLE = """
body { font: 11pt/1.55 "DejaVu Serif", Georgia, serif; color: #1d232b; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 2px solid #1d232b; margin-bottom: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #c9cfd6; }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.meta { color: #545e69; margin: .15rem 0; }
.legend { font-size: .9rem; }
.change { font: 600 .75rem/1 "DejaVu Sans", sans-serif; text-transform: uppercase;
          letter-spacing: .04em; color: #545e69; margin-left: .5rem; }
.by { color: #545e69; font-size: .85rem; margin: 0 0 .35rem; }
.text { margin: 0 0 .5rem; white-space: normal; }
del { color: #9b1c1c; text-decoration: line-through; }
ins { color: #14532d; text-decoration: underline; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _text(text: str) -> str:
    """Escape text for HTML, line breaks as <br>."""
    return "<br>\n".join(escape(line, quote=True) for line in text.split("\n"))


def render_ops(ops: list[dict[str, str]]) -> str:
    """Deleted text in <del>, inserted text in <ins>, everything escaped."""
    out = []
    for op in ops:
        text = _text(op["text"])
        if op["kind"] == "delete":
            out.append(f"<del>{text}</del>")
        elif op["kind"] == "insert":
            out.append(f"<ins>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def _section(section: Section) -> str:
    """One clause: heading, change, who wrote the new text and when, the redline."""
    change = by = ""
    if section.change != "unchanged":
        change = f'<span class="change">{escape(section.change)}</span>'
        by = f'<p class="by">{escape(section.byline)}</p>\n'
    return (
        f'<section class="clause">\n<h3>{escape(section.title)}{change}</h3>\n{by}'
        f'<p class="text">{render_ops(section.ops)}</p>\n</section>\n'
    )


def render(doc: Document, progress: Progress) -> str:
    """The whole page."""
    parts = [
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{escape(doc.title)} — {escape(doc.table)}</title>\n",
        f"<style>{STYLE}</style>\n</head>\n<body>\n<header>\n",
        f"<h1>{escape(doc.title)}</h1>\n",
        f'<p class="meta">{escape(doc.table)} — {escape(doc.parties)}</p>\n',
        f'<p class="meta">From <strong>{escape(doc.old_label)}</strong> '
        f"to <strong>{escape(doc.new_label)}</strong></p>\n",
        f'<p class="meta">{escape(doc.date)} · {escape(doc.summary)}</p>\n',
        '<p class="meta legend"><del>Deleted text</del> is struck through; '
        "<ins>inserted text</ins> is underlined.</p>\n</header>\n<main>\n",
    ]
    article = None
    for section in progress(doc.sections):
        if section.article != article:
            article = section.article
            parts.append(f"<h2>{escape(article)}</h2>\n")
        parts.append(_section(section))
    if not doc.sections:
        parts.append("<p>No clauses.</p>\n")
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def write(doc: Document, path: Path, progress: Progress, **_options: Any) -> None:
    """Write the page as UTF-8."""
    path.write_text(render(doc, progress), encoding="utf-8")
