"""Reflow: lines wrapped by the page become one paragraph; breaks, list items and table rows stay."""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(
    r"^(?:[•\u2022\u25aa\u25cf\u2013\u2014*·o-]\s"
    r"|\(?[A-Za-z]\)\s|\(?\d{1,3}\)\s|\([ivxlIVXL]{1,5}\)\s"
    r"|\d{1,3}(?:\.\d{1,3})*\.?\s|[A-Za-z]\.\s|[IVXL]{1,5}\.\s)"
)
_TABLE_ROW = re.compile(r"^\||\S\s{3,}\S.*\S\s{3,}\S|\S\s{3,}[$\d(]")
_KEEP_HYPHEN = frozenset(
    {"self", "non", "co", "ex", "well", "full", "part", "half", "long", "short", "high", "low",
     "on", "off", "out", "cross", "follow", "pre", "post", "anti", "multi", "step", "one", "two",
     "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "year", "day"}
)  # fmt: skip
_HYPHENATED = re.compile(r"(?:^|(?<=[\s(\"\u201c]))([A-Za-z]+)-$")
SHORT_LINE_SHARE = 0.6
HYPHEN_TAIL = 48
NO_REFLOW = -1  # a width that keeps every line as it is (Word paragraphs are whole already)
SENTENCE_END = (".", ":", ";", "!", "?")


def _is_item(s: str) -> bool:
    """Tell whether a line starts a list item."""
    return bool(_LIST_ITEM.match(s))


def _is_row(s: str) -> bool:
    """Tell whether a line is a row of a table (cells apart, or a Markdown table)."""
    return bool(_TABLE_ROW.search(s))


def _ends_paragraph(prev: str, s: str, width: int) -> bool:
    """Tell whether a line ends its paragraph: it stops well short of the measure."""
    if len(prev) >= SHORT_LINE_SHARE * width:
        return False
    closed = prev.rstrip("\"'\u201d\u2019)").endswith(SENTENCE_END)
    return closed or not s[:1].islower()


def _joins(prev: str, s: str, width: int) -> bool:
    """Tell whether line s continues the paragraph whose last line is prev."""
    if not prev or not s or _is_item(s) or _is_row(s) or _is_row(prev):
        return False
    if s.startswith("#") or prev.startswith("#"):
        return False
    return not _ends_paragraph(prev, s, width)


def _glue(prev: str, s: str) -> str:
    """Join two wrapped lines, rejoining a word hyphenated at the line end."""
    m = _HYPHENATED.search(prev[-HYPHEN_TAIL:])  # the paragraph so far can be long: look at its end
    if m and s[:1].islower():
        word = m.group(1).lower()
        return prev + s if word in _KEEP_HYPHEN else prev[:-1] + s
    return f"{prev} {s}"


def measure(lines: list[str]) -> int:
    """Return the typical full line length of a text (its 90th percentile)."""
    lengths = sorted(len(s) for s in lines if s)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def reflow(lines: list[str], width: int | None = None) -> list[str]:
    """Join wrapped lines into paragraphs; keep blank lines, list items, headings and table rows."""
    stripped = [line.strip() for line in lines]
    if width == NO_REFLOW:
        return stripped
    width = width or measure(stripped)
    out: list[str] = []
    last = ""
    for s in stripped:
        if out and _joins(last, s, width):
            out[-1] = _glue(out[-1], s)
        else:
            out.append(s)
        last = s
    return out
