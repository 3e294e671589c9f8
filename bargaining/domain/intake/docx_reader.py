"""Word (.docx) uploads read with python-docx: paragraphs, headings, tables, numbering, changes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from bargaining.domain.intake.document import Extracted, TooLarge, Unreadable, drop_field_errors
from bargaining.domain.intake.docx_numbering import Numbering, load_numbering, num_pr

MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200
TRACKED = ("accept", "reject")
_HEADING = re.compile(r"^(?:heading|berschrift|titre)\s*(\d)$", re.I)
_SKIP_STYLES = re.compile(r"^(?:toc|table of figures|index)\b", re.I)
_INSERTED = (qn("w:ins"), qn("w:moveTo"))
_DELETED = (qn("w:del"), qn("w:moveFrom"))


@dataclass
class _Changes:
    """Tracked changes met while reading, and how they were resolved."""

    mode: str
    insertions: int = 0
    deletions: int = 0
    seen: set[int] = field(default_factory=set)

    def count(self, element: Any, inserted: bool) -> None:
        """Count one tracked insertion or deletion once."""
        if id(element) not in self.seen:
            self.seen.add(id(element))
            if inserted:
                self.insertions += 1
            else:
                self.deletions += 1

    def report(self) -> dict[str, Any] | None:
        """Return the JSON report, or None when the file had no tracked changes."""
        if not (self.insertions or self.deletions):
            return None
        return {"insertions": self.insertions, "deletions": self.deletions, "resolved": self.mode}


def check_zip(data: bytes) -> None:
    """Refuse a file that is not a Word zip, or that unpacks to far more than it weighs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Unreadable("The Word file is damaged (not a valid .docx).", field="file") from exc
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise Unreadable("The zip file is not a Word document (.docx).", field="file")
    total = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > MAX_UNPACKED or (ratio > MAX_RATIO and total > 1024 * 1024):
        raise TooLarge(
            f"The Word file unpacks to {total // (1024 * 1024)} MB; the limit is "
            f"{MAX_UNPACKED // (1024 * 1024)} MB.",
            field="file",
        )


def _run_text(p: Any, changes: _Changes) -> str:
    """Return a paragraph's text with tracked changes resolved as asked."""
    out: list[str] = []
    for el in p.iter(qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        change = _tracked(el, p)
        if change is not None:
            changes.count(change[1], change[0])
            if change[0] != (changes.mode == "accept"):
                continue
        elif el.tag == qn("w:delText"):
            continue
        out.append(el.text or "" if el.tag in (qn("w:t"), qn("w:delText")) else " ")
    return "".join(out)


def _tracked(el: Any, stop: Any) -> tuple[bool, Any] | None:
    """Return (inserted?, change element) when el sits inside a tracked change."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in _INSERTED or node.tag in _DELETED:
            return node.tag in _INSERTED, node
        node = node.getparent()
    return None


@dataclass
class _Reader:
    """Reads a document body in order, numbering paragraphs as Word shows them."""

    styles: dict[str, Any]
    numbering: Numbering
    changes: _Changes
    lines: list[str] = field(default_factory=list)

    def style_of(self, p: Any) -> tuple[str, Any]:
        """Return a paragraph's style name and style element."""
        p_pr = p.find(qn("w:pPr"))
        style_id = "" if p_pr is None else (p_pr.find(qn("w:pStyle")) is not None and _attr(p_pr, "w:pStyle"))
        style = self.styles.get(style_id or "Normal")
        return ("" if style is None else style.name or ""), style

    def numbered(self, p: Any, name: str, style: Any) -> str:
        """Return the automatic number a paragraph shows, if any."""
        p_pr = p.find(qn("w:pPr"))
        direct = None if p_pr is None else p_pr.find(qn("w:numPr"))
        found = num_pr(p_pr) if direct is not None else self.style_numbering(style, name)
        return "" if found is None else self.numbering.label(*found)

    def style_numbering(self, style: Any, name: str) -> tuple[str, int] | None:
        """Return the numbering a paragraph style (or a style it is based on) gives."""
        depth = 0
        while style is not None and depth < 10:
            found = num_pr(style.element.find(qn("w:pPr")))
            if found is not None:
                heading = _HEADING.match(name)
                has_level = style.element.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:ilvl"))
                if heading and has_level is None:
                    return found[0], int(heading.group(1)) - 1
                return found
            style, depth = style.base_style, depth + 1
        return None

    def paragraph(self, p: Any) -> None:
        """Read one paragraph: its number, its text, Markdown hashes for a heading style."""
        name, style = self.style_of(p)
        if _SKIP_STYLES.match(name):
            return
        text = drop_field_errors(_run_text(p, self.changes)).strip()
        number = self.numbered(p, name, style)
        if not text:
            return
        if number:
            text = f"{number} {text}" if number != "•" else f"• {text}"
        heading = _HEADING.match(name)
        prefix = "#" * int(heading.group(1)) + " " if heading else ("# " if name == "Title" else "")
        self.lines.extend([prefix + text, ""])

    def table(self, tbl: Any) -> None:
        """Read a table as rows of cells, one line a row."""
        for tr in tbl.findall(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                parts = [_run_text(p, self.changes).strip() for p in tc.iter(qn("w:p"))]
                cells.append(" ".join(s for s in parts if s).replace("|", "/"))
            if any(cells):
                self.lines.append("| " + " | ".join(cells) + " |")
        self.lines.append("")


def _attr(p_pr: Any, tag: str) -> str:
    """Return the w:val of a property element."""
    return str(p_pr.find(qn(tag)).get(qn("w:val"), ""))


def _numbering_root(document: Any) -> Any | None:
    """The document's numbering definitions (w:numbering), or None if it has no numbering part."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None


def read_docx(data: bytes, tracked: str = "accept") -> Extracted:
    """Read a .docx upload into contract text (tracked changes accepted, or rejected, and reported)."""
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for damaged parts
        raise Unreadable("The Word file is damaged and cannot be read.", field="file") from exc
    styles = {s.style_id: s for s in document.styles}
    reader = _Reader(styles, load_numbering(_numbering_root(document)), _Changes(tracked))
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            reader.paragraph(child)
        elif child.tag == qn("w:tbl"):
            reader.table(child)
    text = "\n".join(reader.lines).strip()
    if not text:
        raise Unreadable("The Word document has no text.", field="file")
    return Extracted(text, "docx", tracked_changes=reader.changes.report())
