"""Tokens for the redline engine: words with their punctuation, whitespace runs, paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice

# A token is a maximal run of whitespace or a maximal run of anything else, so punctuation
# stays glued to its word and a token boundary is always a whitespace/non-whitespace edge.
_TOKEN_RE = re.compile(r"\s+|\S+")
# A paragraph break is a whitespace run holding a form feed (page break) or two line feeds;
# a line break is a whitespace run holding a line feed or form feed; a sentence ends with
# . ; : ! or ? (maybe closed by a quote or bracket) before whitespace. Each pattern starts
# with a character set so the scan is fast. A unit is a body with the break after it; the
# break ends where its whitespace run ends, so units always meet at a space/word edge.
_PARA_BREAK_RE = re.compile(r"(\f\s*|\n[^\S\n\f]*[\n\f]\s*)")
_LINE_BREAK_RE = re.compile(r"([\n\f]\s*)")
_SENTENCE_END_RE = re.compile(r"([.;:!?][\"')\]\u2019\u201d]?)(\s+)")

# Characters used as codes: private use first, then the rest of the BMP, then the astral
# planes. Surrogates (U+D800-U+DFFF) and U+FFFE/U+FFFF are never used.
_CODE_RANGES = (
    range(0xE000, 0xF900),
    range(0x0100, 0xD800),
    range(0xF900, 0xFFFE),
    range(0x10000, 0x110000),
)
CODE_CAPACITY = sum(len(r) for r in _CODE_RANGES)
_FIRST_CODES = "".join(map(chr, _CODE_RANGES[0]))


def tokenize(text: str) -> list[str]:
    """Split text into alternating whitespace runs and words with their attached punctuation."""
    return _TOKEN_RE.findall(text)


def _units(pieces: list[str], size: int) -> list[str]:
    """Glue each body to the break captured after it; ``size`` is 1 + the groups captured."""
    units = ["".join(pieces[k : k + size]) for k in range(0, len(pieces), size)]
    return [unit for unit in units if unit]


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, each with the blank-line or page break that follows it."""
    return _units(_PARA_BREAK_RE.split(text), 2)


def split_lines(text: str) -> list[str]:
    """Split text into lines, each with the whitespace run holding its line break."""
    return _units(_LINE_BREAK_RE.split(text), 2)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, each with its closing punctuation and following spaces."""
    return _units(_SENTENCE_END_RE.split(text), 3)


def is_blank(text: str) -> bool:
    """Return True when text is empty or whitespace only."""
    return not text or text.isspace()


def is_word_char(char: str) -> bool:
    """Return True for a character that belongs inside a word: letter, digit, '_' or mark."""
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def count_side_cuts(pieces: Iterable[str]) -> int:
    """Count places where two consecutive non-empty pieces meet between word characters."""
    cuts = 0
    last = ""
    for piece in pieces:
        if not piece:
            continue
        if last and is_word_char(last) and is_word_char(piece[0]):
            cuts += 1
        last = piece[-1]
    return cuts


def text_key(part: str) -> str:
    """Return a whitespace-insensitive key: words joined by single spaces."""
    return " ".join(part.split())


def token_key(token: str) -> str:
    """Return a whitespace-insensitive key of a token: '' for any whitespace run."""
    return "" if token.isspace() else token


def _code_points() -> Iterator[str]:
    """Yield the characters used as codes, in a fixed order."""
    return (chr(cp) for cp in chain.from_iterable(_CODE_RANGES))


def encode_pair(
    old: Sequence[str],
    new: Sequence[str],
    key: Callable[[str], str] | None,
    *,
    unique_only: bool = False,
) -> tuple[str, str]:
    """Encode two part lists as strings of one character per part; equal keys share one."""
    # key maps a part to what is compared (None: the part itself). With unique_only, only
    # non-blank keys found exactly once on each side share a code; every other part gets a
    # code of its own, so it never matches (the anchors of a patience diff).
    old_keys, new_keys = _keys(old, new, key)
    distinct = dict.fromkeys(chain(old_keys, new_keys))
    if len(distinct) > CODE_CAPACITY:
        raise ValueError(f"more than {CODE_CAPACITY} distinct tokens to diff")
    supply = _FIRST_CODES if len(distinct) <= len(_FIRST_CODES) else _code_points()
    codes = dict(zip(distinct, supply, strict=False))
    if not unique_only:
        return "".join(map(codes.__getitem__, old_keys)), "".join(map(codes.__getitem__, new_keys))
    shared = _unique_keys(old_keys, new_keys)
    fresh = islice(_code_points(), len(distinct), None)
    return (
        "".join([codes[k] if k in shared else _next_code(fresh) for k in old_keys]),
        "".join([codes[k] if k in shared else _next_code(fresh) for k in new_keys]),
    )


def _keys(
    old: Sequence[str], new: Sequence[str], key: Callable[[str], str] | None
) -> tuple[Sequence[str], Sequence[str]]:
    """Return the keys of the parts of both sides, computing each distinct key once."""
    if key is None:
        return old, new
    keys = {part: key(part) for part in dict.fromkeys(chain(old, new))}
    return list(map(keys.__getitem__, old)), list(map(keys.__getitem__, new))


def _next_code(fresh: Iterator[str]) -> str:
    """Return the next free code character, or fail when all are used."""
    found = next(fresh, None)
    if found is None:
        raise ValueError(f"more than {CODE_CAPACITY} distinct tokens to diff")
    return found


def _unique_keys(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Return the non-blank keys found exactly once in old and exactly once in new."""
    old_counts = Counter(old)
    new_counts = Counter(new)
    return {k for k, n in old_counts.items() if n == 1 and new_counts[k] == 1 and not is_blank(k)}
