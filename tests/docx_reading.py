"""Reading a DOCX the way Word does: tracked changes accepted or rejected, authors, styles."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str = "word/document.xml") -> Any:
    """One XML part of the package, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def clause_paragraphs(root: Any) -> list[Any]:
    """The paragraphs holding clause text (style Body Text)."""
    return [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='BodyText']") is not None]


def resolve(paragraphs: list[Any], *, accept: bool) -> str:
    """The text after accepting (or rejecting) every tracked change, one paragraph a line."""
    dropped = f"{W}del" if accept else f"{W}ins"
    lines = []
    for paragraph in paragraphs:
        out = []
        for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
            if any(a.tag == dropped for a in node.iterancestors()):
                continue
            out.append({f"{W}tab": "\t", f"{W}br": "\n"}.get(node.tag, node.text or ""))
        lines.append("".join(out))
    return "\n".join(lines)


def changes(root: Any) -> list[Any]:
    """Every tracked insertion and deletion."""
    return list(root.iter(f"{W}ins", f"{W}del"))


def styled(root: Any, style: str) -> list[str]:
    """The text of the paragraphs in a style."""
    return [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='{style}']") is not None
    ]
