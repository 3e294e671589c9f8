"""The Markdown and plain-text renderings of a document."""

from __future__ import annotations

import re

from bargaining.documents.html import byline
from bargaining.documents.model import LEGEND, Block, Document
from bargaining.documents.segments import block_parts
from bargaining.domain.contract_render import md_escape, md_inline
from bargaining.domain.redlines.render import to_markdown as ops_markdown
from bargaining.domain.redlines.render import to_text as ops_text
from bargaining.domain.redlines.tables import CellDiff, TableDiff

MD_LEGEND = "~~Deleted text~~ is struck through; **inserted text** is bold."
TEXT_LEGEND = "[-Deleted text-] and {+inserted text+}."


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines."""
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _md_block(block: Block, redline: bool) -> list[str]:
    """One clause in Markdown."""
    out = [f"### {md_inline(block.heading)}", ""] if block.heading else []
    if block.note:
        out += [f"**{md_inline(block.note)}**", ""]
    if redline and block.changed and block.author is not None:
        out += [f"*{md_inline(byline(block))}*", ""]
    if redline and block.changed:
        for part in block_parts(block, redline):
            out += [_md_table(part) if isinstance(part, TableDiff) else ops_markdown(part).strip("\n"), ""]
    else:
        out += [line for para in _paragraphs(block.text) for line in (md_escape(para), "")]
    return out


def _md_cell(cell: CellDiff) -> str:
    """A cell in Markdown: ~~old~~ **new** where it changed."""
    if not cell.changed:
        return md_inline(cell.new)
    old = f"~~{md_inline(cell.old)}~~" if cell.old else ""
    new = f"**{md_inline(cell.new)}**" if cell.new else ""
    return f"{old} {new}".strip()


def _md_table(table: TableDiff) -> str:
    """A compared table as a Markdown pipe table (its first row as the header)."""
    width = max(len(row.cells) for row in table.rows)
    lines = []
    for k, row in enumerate(table.rows):
        cells = [_md_cell(c) for c in row.cells] + [""] * (width - len(row.cells))
        lines.append("| " + " | ".join(cells) + " |")
        if k == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _text_table(table: TableDiff) -> str:
    """A compared table in plain text: cells between bars, [-old-]{+new+} where they changed."""

    def cell(c: CellDiff) -> str:
        if not c.changed:
            return c.new
        return (f"[-{c.old}-]" if c.old else "") + (f"{{+{c.new}+}}" if c.new else "")

    return "\n".join(" | ".join(cell(c) for c in row.cells) for row in table.rows)


def to_markdown(doc: Document) -> str:
    """Markdown: '# title', '## Article', '### clause', ~~deleted~~ and **inserted**, text escaped."""
    out = [f"# {md_inline(doc.title)}", "", md_inline(f"{doc.table} — {doc.comparison}"), ""]
    if doc.is_redline:
        out += [f"> {MD_LEGEND}", ""]
    out += [f"*{md_inline(line)}*\n" for line in (*doc.summary, *doc.notes)]
    if doc.contents:
        out += ["## Contents", ""] + [f"- {md_inline(s.heading)}" for s in doc.sections if s.heading] + [""]
    for section in doc.sections:
        if section.heading:
            out += [f"## {md_inline(section.heading)}", ""]
        for block in section.blocks:
            out += _md_block(block, doc.is_redline)
    return "\n".join(out).rstrip("\n") + "\n"


def _underline(text: str, char: str) -> list[str]:
    """A heading line and its underline."""
    return [text, char * min(len(text), 80)]


def _text_block(block: Block, redline: bool) -> list[str]:
    """One clause in plain text: heading, text, then its note."""
    out = [block.heading] if block.heading else []
    if redline and block.changed and block.author is not None:
        out.append(f"({byline(block)})")
    if redline and block.changed:
        for part in block_parts(block, redline):
            out.append(_text_table(part) if isinstance(part, TableDiff) else ops_text(part).strip("\n"))
    else:
        out.append("\n\n".join(_paragraphs(block.text)))
    if block.note:
        out.append(f"[{block.note}]")
    return [*out, ""]


def to_text(doc: Document) -> str:
    """Plain text: headings underlined, [-deleted-] and {+inserted+}, notes in brackets."""
    out = [*_underline(doc.title, "="), doc.table, doc.comparison, ""]
    if doc.is_redline:
        out += [f"{LEGEND} Here: {TEXT_LEGEND}", ""]
    out += [*doc.summary, *doc.notes]
    if doc.summary or doc.notes:
        out.append("")
    if doc.contents:
        out += [*_underline("Contents", "-"), *(s.heading for s in doc.sections if s.heading), ""]
    for section in doc.sections:
        if section.heading:
            out += [*_underline(section.heading, "-"), ""]
        for block in section.blocks:
            out += _text_block(block, doc.is_redline)
    return "\n".join(out).rstrip("\n") + "\n"
