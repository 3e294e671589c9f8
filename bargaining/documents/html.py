"""The HTML rendering of a document: one self-contained page, its stylesheet shared with the PDF."""

from __future__ import annotations

from html import escape

from bargaining.documents.model import LEGEND, Block, Document, Section
from bargaining.documents.segments import block_parts
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.tables import CellDiff, TableDiff

# Deletions are struck through and insertions underlined, so a redline reads in black and white;
# colour only helps on screen. @page boxes give the PDF (and browsers that print them) a running
# header naming the table and comparison (its text set per document, see _running) and
# "Page n of m" in the footer. Ligatures are off so a PDF's text extracts and searches as typed
# ("officers", not "oﬀicers").
STYLESHEET = """
@page { size: Letter; margin: 2.2cm 2cm 2.2cm 2cm;
  @top-left { font-size: 7.5pt; color: #333; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
html { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 10.5pt; color: #111;
  font-variant-ligatures: none; }
body { max-width: 48em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 1em; margin: 1.1em 0 .3em; break-after: avoid; }
.running { font-size: .85em; color: #333; margin: 0; }
.comparison { font-size: 1.05em; margin: .2em 0; }
.legend { border: 1px solid #999; padding: .3em .6em; font-size: .9em; }
.meta, .byline { font-size: .85em; color: #444; margin: .2em 0; }
.byline, .note { break-after: avoid; }
.note { font-weight: bold; margin: .2em 0; }
.text { white-space: pre-wrap; margin: .2em 0 .6em; }
del { text-decoration: line-through; color: #9b1c1c; background: #fdecec; }
ins { text-decoration: underline; color: #14532d; background: #e8f5ec; }
del + ins { margin-left: .2em; }
table.figures { border-collapse: collapse; margin: .4em 0; font-size: .9em; }
table.figures td { border: 1px solid #999; padding: .1em .4em; text-align: right; }
table.figures td.changed { border: 2px solid #111; font-weight: bold; }
table.figures tr.deleted td { text-decoration: line-through; }
table.figures tr.added td { text-decoration: underline; }
.toc ol { padding-left: 1.2em; }
.toc a { color: inherit; text-decoration: none; }
.agreed .note { color: #1e3a8a; }
.open { border-left: 3px solid #b45309; padding-left: .6em; }
.open .note { color: #b45309; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  del, ins { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def ops_html(ops: tuple[Op, ...] | list[Op]) -> str:
    """The ops as escaped text, <del> and <ins> (line breaks kept by the stylesheet's pre-wrap)."""
    out = []
    for op in ops:
        text = escape(op.text)
        if op.kind == "equal":
            out.append(text)
        elif text:
            tag = "del" if op.kind == "delete" else "ins"
            out.append(f"<{tag}>{text}</{tag}>")
    return "".join(out)


def _block(block: Block, redline: bool) -> str:
    """One clause: heading, note, byline, text."""
    classes = "clause" + (" agreed" if block.agreed else "") + (" open" if block.open else "")
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    out = [f'<section class="{classes}"{anchor}>']
    if block.heading:
        out.append(f"<h3>{escape(block.heading)}</h3>")
    if block.note:
        out.append(f'<p class="note">{escape(block.note)}</p>')
    if redline and block.changed and block.author is not None:
        out.append(f'<p class="byline">{escape(byline(block))}</p>')
    for part in block_parts(block, redline):
        if isinstance(part, TableDiff):
            out.append(table_html(part))
        else:
            out.append(f'<div class="text">{ops_html(part)}</div>')
    out.append("</section>")
    return "".join(out)


def _cell(cell: CellDiff) -> str:
    """One cell: unchanged text, or the old figure struck and the new one underlined."""
    if not cell.changed:
        return f"<td>{escape(cell.new)}</td>"
    old = f"<del>{escape(cell.old)}</del>" if cell.old else ""
    new = f"<ins>{escape(cell.new)}</ins>" if cell.new else ""
    return f'<td class="changed">{old} {new}</td>'


def table_html(table: TableDiff) -> str:
    """A compared table: changed cells marked, added and deleted rows as such."""
    rows = [f'<tr class="{row.kind}">{"".join(_cell(c) for c in row.cells)}</tr>' for row in table.rows]
    return f'<table class="figures">{"".join(rows)}</table>'


def byline(block: Block) -> str:
    """'Changes by Clinicians United (U-1), 2026-03-02'."""
    assert block.author is not None
    when = f", {block.author.at:%Y-%m-%d}" if block.author.at else ""
    return f"Changes by {block.author.name}{when}"


def _section(section: Section, redline: bool) -> str:
    """An article and its clauses."""
    anchor = f' id="{escape(section.anchor)}"' if section.anchor else ""
    head = f"<h2>{escape(section.heading)}</h2>" if section.heading else ""
    body = "\n".join(_block(b, redline) for b in section.blocks)
    return f'<section class="article"{anchor}>{head}\n{body}</section>'


def _contents(doc: Document) -> str:
    """A table of contents linking every article."""
    rows = [
        f'<li><a href="#{escape(s.anchor)}">{escape(s.heading)}</a></li>'
        for s in doc.sections
        if s.anchor and s.heading
    ]
    return f'<nav class="toc"><h2>Contents</h2><ol>{"".join(rows)}</ol></nav>' if rows else ""


def _header(doc: Document) -> list[str]:
    """Title, table, what is compared with what, legend, notes."""
    out = [
        f"<h1>{escape(doc.title)}</h1>",
        f'<p class="running">{escape(doc.table)} — {escape(doc.comparison)}</p>',
    ]
    if doc.is_redline:
        out.append(
            f'<p class="comparison">From <strong>{escape(doc.old_label or "")}</strong> '
            f"to <strong>{escape(doc.new_label)}</strong></p>"
        )
        out.append(
            f'<p class="legend"><del>Deleted text</del> <ins>Inserted text</ins> — {escape(LEGEND)}</p>'
        )
    if doc.generated is not None:
        out.append(f'<p class="meta">Generated {doc.generated:%Y-%m-%d %H:%M} UTC</p>')
    out += [f'<p class="meta">{escape(line)}</p>' for line in (*doc.summary, *doc.notes)]
    return out


def css_string(text: str) -> str:
    """Text as a quoted CSS string, safe inside <style> (quotes, backslashes, <, > and controls escaped)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '\\"<>' or ord(c) < 32 else c for c in text) + '"'


def _running(doc: Document) -> str:
    """The running header of every printed page: the table and the comparison."""
    return f"@page {{ @top-left {{ content: {css_string(f'{doc.table} — {doc.comparison}')}; }} }}\n"


def to_html(doc: Document) -> str:
    """The document as one self-contained HTML page, every piece of text escaped, no scripts."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{STYLESHEET}{_running(doc)}</style>",
        "</head><body>",
        *_header(doc),
    ]
    if doc.contents:
        parts.append(_contents(doc))
    parts += [_section(s, doc.is_redline) for s in doc.sections]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
