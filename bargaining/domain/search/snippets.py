"""Snippets: the engines mark hits with two control characters; this splits them into segments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

HIT_START = "\x02"
HIT_END = "\x03"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of snippet text, a hit or not."""

    text: str
    hit: bool


MARKS = re.compile(f"([{HIT_START}{HIT_END}])")


def segments(marked: str) -> list[Segment]:
    """Split an engine's marked snippet into plain and hit segments (stray marks are dropped)."""
    out: list[Segment] = []
    hit = False
    for piece in MARKS.split(marked):
        if piece in (HIT_START, HIT_END):
            hit = piece == HIT_START
        elif piece:
            out.append(Segment(piece, hit))
    return out


def as_html(parts: list[Segment]) -> str:
    """The snippet as escaped HTML with hits in <mark>."""
    return "".join(f"<mark>{escape(p.text)}</mark>" if p.hit else escape(p.text) for p in parts)


def as_text(parts: list[Segment]) -> str:
    """The snippet's plain text."""
    return "".join(p.text for p in parts)
