"""The DOCX redline: Word tracked changes (w:ins / w:del) that Word and LibreOffice accept or reject.

Articles are Heading 1, clauses Heading 2 (an added or deleted clause's heading, and a changed
number, are tracked too), clause text is in the "Body Text" style. Each insertion is a <w:ins>
and each deletion a <w:del> (its text in <w:delText>) with w:author the side whose language the
new text is ("Union", "Employer", or "Current contract") and w:date when it was passed or signed.
A line break inside a change is a tracked paragraph mark (<w:ins/> or <w:del/> in the paragraph's
run properties), so accepting every change gives exactly the new text and rejecting every change
gives the old text. Whitespace-only differences the API folded into equal runs are not tracked
(ask for --exact-whitespace to see them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from lxml.etree import _Element

    from scripts.redline import Document, Progress, Section

# Style ids of python-docx's default template (set directly: looking styles up by name is slow).
BODY, TITLE, HEADING = "BodyText", "Title", "Heading{}"
# Characters XML 1.0 cannot carry (control characters other than tab, line feed, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text Word can store: line ends as \\n, characters XML cannot carry dropped."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class Tracker:
    """Builds tracked runs with unique revision ids, one author and date per change."""

    def __init__(self) -> None:
        self._ids: Iterator[int] = itertools.count(1)

    def _mark(self, kind: str, author: str, date: str | None) -> _Element:
        """An empty <w:ins> or <w:del> with id, author and date."""
        element = OxmlElement("w:ins" if kind == "insert" else "w:del")
        element.set(qn("w:id"), str(next(self._ids)))
        element.set(qn("w:author"), author)
        if date:
            element.set(qn("w:date"), date)
        return element

    def run(self, paragraph: Paragraph, kind: str, text: str, author: str, date: str | None) -> None:
        """Append text to the paragraph: plain for equal, else inside <w:ins> / <w:del>."""
        run = _run(text, deleted=kind == "delete")
        if kind == "equal":
            paragraph._p.append(run)
            return
        wrapper = self._mark(kind, author, date)
        wrapper.append(run)
        paragraph._p.append(wrapper)

    def mark_paragraph(self, paragraph: Paragraph, kind: str, author: str, date: str | None) -> None:
        """Track the paragraph's own mark (its line break) as inserted or deleted."""
        properties = paragraph._p.get_or_add_pPr()
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            properties.append(run_properties)
        run_properties.append(self._mark(kind, author, date))


def _run(text: str, *, deleted: bool) -> _Element:
    """A <w:r> holding text (<w:t> or <w:delText>), tabs as <w:tab/>."""
    run = OxmlElement("w:r")
    for k, piece in enumerate(text.split("\t")):
        if k:
            run.append(OxmlElement("w:tab"))
        if piece:
            node = OxmlElement("w:delText" if deleted else "w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = piece
            run.append(node)
    return run


def styled(doc: DocxDocument, style_id: str, text: str = "") -> Paragraph:
    """Append a paragraph in a style."""
    made = doc.add_paragraph(text)
    made._p.style = style_id
    return made


def add_ops(
    doc: DocxDocument, ops: list[dict[str, str]], tracker: Tracker, author: str, date: str | None
) -> list[Paragraph]:
    """Add a clause's redline as Body Text paragraphs; a changed line break is a tracked mark."""
    current = styled(doc, BODY)
    made = [current]
    for op in ops:
        kind = op["kind"]
        for k, piece in enumerate(clean(op["text"]).split("\n")):
            if k:
                if kind != "equal":
                    tracker.mark_paragraph(current, kind, author, date)
                current = styled(doc, BODY)
                made.append(current)
            if piece:
                tracker.run(current, kind, piece, author, date)
    return made


def add_clause_heading(doc: DocxDocument, section: Section, tracker: Tracker) -> Paragraph:
    """Heading 2: number and heading; added/deleted headings and changed numbers are tracked."""
    heading = styled(doc, HEADING.format(2))
    author, date = section.author, section.date
    old, new = section.old_number, section.new_number
    title = clean(f" {section.heading}" if section.heading else "")
    if section.change in ("added", "deleted"):
        kind = "insert" if section.change == "added" else "delete"
        tracker.run(heading, kind, clean(new or old or "") + title, author, date)
        return heading
    if old and new and old != new:
        tracker.run(heading, "delete", clean(old), author, date)
        tracker.run(heading, "insert", clean(new), author, date)
    else:
        tracker.run(heading, "equal", clean(new or old or ""), author, date)
    if title:
        tracker.run(heading, "equal", title, author, date)
    return heading


def build(doc: Document, progress: Progress) -> DocxDocument:
    """The Word document."""
    word = docx.Document()
    word.core_properties.title = clean(doc.title)
    word.core_properties.subject = clean(f"{doc.table}: {doc.old_label} → {doc.new_label}")
    word.core_properties.author = "bargaining"
    styled(word, TITLE, clean(doc.title))
    for line in (
        f"{doc.table} — {doc.parties}",
        f"From: {doc.old_label}",
        f"To: {doc.new_label}",
        f"{doc.date} · {doc.summary}",
        "Changes are tracked: accept them all for the new text, reject them all for the old.",
    ):
        word.add_paragraph(clean(line))
    tracker = Tracker()
    article = None
    for section in progress(doc.sections):
        if section.article != article:
            article = section.article
            styled(word, HEADING.format(1), clean(article))
        heading = add_clause_heading(word, section, tracker)
        body = add_ops(word, section.ops, tracker, section.author, section.date)
        if section.change in ("added", "deleted"):
            # The whole clause comes or goes: its heading's and its last paragraph's marks too.
            kind = "insert" if section.change == "added" else "delete"
            for paragraph in (heading, body[-1]):
                tracker.mark_paragraph(paragraph, kind, section.author, section.date)
    return word


def write(doc: Document, path: Path, progress: Progress, **_options: Any) -> None:
    """Write the .docx file."""
    build(doc, progress).save(str(path))
