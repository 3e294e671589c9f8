"""Word's automatic numbering (numbering.xml): the list and heading numbers a reader sees."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One level of a list definition: where it starts, how it counts, what it shows."""

    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The document's list definitions and the running counters while reading it."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of a numbered paragraph and return the number it shows."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counts[lvl] = start - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        return _render(levels, counts, ilvl)


def _format(value: int, fmt: str) -> str:
    """Format one counter in a Word number format."""
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", value
        for size, numeral in _ROMAN:
            while rest >= size:
                out, rest = out + numeral, rest - size
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _render(levels: dict[int, Level], counts: dict[int, int], ilvl: int) -> str:
    """Fill a level's text ('%1.%2.') with the current counters."""
    level = levels[ilvl]
    if level.fmt == "none":
        return ""
    if level.fmt == "bullet":
        return "•"

    def fill(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        lvl = levels.get(k)
        value = counts.get(k, lvl.start if lvl else 1)
        return _format(value, lvl.fmt if lvl else "decimal")

    return _PLACEHOLDER.sub(fill, level.text).strip()


def _val(element: Any, tag: str, default: str = "") -> str:
    """Return the w:val of a child element, or a default."""
    child = element.find(qn(tag))
    return default if child is None else str(child.get(qn("w:val"), default))


def _int(text: str, default: int) -> int:
    """Read an integer attribute, falling back to a default."""
    return int(text) if text.lstrip("-").isdigit() else default


def load_numbering(root: Any) -> Numbering:
    """Read the list definitions of a numbering part (its root element), or none."""
    numbering = Numbering()
    if root is None:
        return numbering
    for abstract in root.findall(qn("w:abstractNum")):
        levels: dict[int, Level] = {}
        for lvl in abstract.findall(qn("w:lvl")):
            ilvl = _int(str(lvl.get(qn("w:ilvl"), "0")), 0)
            levels[ilvl] = Level(
                _int(_val(lvl, "w:start", "1"), 1), _val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText")
            )
        numbering.levels[str(abstract.get(qn("w:abstractNumId")))] = levels
    for num in root.findall(qn("w:num")):
        num_id = str(num.get(qn("w:numId")))
        numbering.abstract_of[num_id] = _val(num, "w:abstractNumId")
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if start is not None:
                ilvl = _int(str(override.get(qn("w:ilvl"), "0")), 0)
                value = _int(str(start.get(qn("w:val"), "1")), 1)
                numbering.overrides.setdefault(num_id, {})[ilvl] = value
    return numbering


def num_pr(p_pr: Any) -> tuple[str, int] | None:
    """Return (numId, ilvl) of a paragraph or style's properties, if it is numbered."""
    if p_pr is None:
        return None
    pr = p_pr.find(qn("w:numPr"))
    if pr is None:
        return None
    num_id = _val(pr, "w:numId")
    if not num_id or num_id == "0":
        return None
    return num_id, _int(_val(pr, "w:ilvl", "0"), 0)
