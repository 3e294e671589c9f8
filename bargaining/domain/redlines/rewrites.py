"""Rewritten passages: struck whole and inserted whole, instead of a confetti of one-word changes.

The rule (stated in docs/readme/documents.md and tested on real contract pairs):

- An *anchor* is an unchanged run of at least ANCHOR_WORDS words, or one holding a paragraph
  break. Anchors split a redline into *stretches*: the changes between two anchors, with the short
  unchanged runs between them.
- A stretch of at least PASSAGE_WORDS words (on its longer side) with at least two changes is a
  *rewrite* when the words it keeps are fewer than KEEP_SHARE of the words of its SHORTER side,
  counting only words that are not common words ("the", "of", "and", ...; COMMON_WORDS): little
  but common words stayed. A rewrite is shown as its old text deleted whole, then its new text
  inserted whole. Every other stretch (a change that keeps most of its sentence, a sentence that
  only grew or shrank) stays word by word.

Both texts still round-trip exactly: a rewrite's deletion is the stretch's old text and its
insertion the stretch's new text, and stretch boundaries are op boundaries already.
"""

from __future__ import annotations

from collections.abc import Sequence

from bargaining.domain.redlines.engine import Op

ANCHOR_WORDS = 4
KEEP_SHARE = 0.5
PASSAGE_WORDS = 8
COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "both",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "each",
        "either",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "might",
        "more",
        "most",
        "must",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "or",
        "other",
        "our",
        "per",
        "shall",
        "she",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "under",
        "until",
        "upon",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "will",
        "with",
        "within",
        "would",
    ]
)


def _content_words(text: str) -> int:
    """Words that are not common words (punctuation stripped, case ignored)."""
    words = (w.strip(".,;:!?()[]\"'\u2018\u2019\u201c\u201d").lower() for w in text.split())
    return sum(1 for w in words if w and w not in COMMON_WORDS)


def _is_anchor(op: Op) -> bool:
    """An unchanged run long enough to keep the changes on either side apart."""
    return op.kind == "equal" and (len(op.text.split()) >= ANCHOR_WORDS or "\n\n" in op.text)


def is_rewrite(stretch: Sequence[Op]) -> bool:
    """A passage with two changes or more that keeps under KEEP_SHARE of its content words."""
    changes = sum(
        1 for k, op in enumerate(stretch) if op.kind != "equal" and (k == 0 or stretch[k - 1].kind == "equal")
    )
    old_text = "".join(op.old_text for op in stretch)
    new_text = "".join(op.new_text for op in stretch)
    if changes < 2 or max(len(old_text.split()), len(new_text.split())) < PASSAGE_WORDS:
        return False
    kept = sum(_content_words(op.text) for op in stretch if op.kind == "equal")
    old, new = _content_words(old_text), _content_words(new_text)
    return kept < KEEP_SHARE * min(old, new)


def _resolve(stretch: list[Op]) -> list[Op]:
    """A stretch as it is, or struck and inserted whole when it is a rewrite."""
    if not is_rewrite(stretch):
        return stretch
    old = "".join(op.old_text for op in stretch)
    new = "".join(op.new_text for op in stretch)
    return [op for op in (Op("delete", old), Op("insert", new)) if op.text]


def coalesce_rewrites(ops: Sequence[Op]) -> list[Op]:
    """Show each rewritten stretch as one deletion and one insertion; leave the rest word by word."""
    out: list[Op] = []
    stretch: list[Op] = []
    for op in ops:
        if _is_anchor(op):
            out += _close(stretch)
            stretch = []
            out.append(op)
        elif op.kind != "equal" or stretch:
            stretch.append(op)
        else:
            out.append(op)
    out += _close(stretch)
    return out


def _close(stretch: list[Op]) -> list[Op]:
    """Resolve a stretch, keeping its trailing unchanged runs outside it."""
    end = len(stretch)
    while end and stretch[end - 1].kind == "equal":
        end -= 1
    return _resolve(stretch[:end]) + stretch[end:]
