"""Heading recognition for the contract importer: articles, appendices, letters, clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SEPARATORS = "-\u2013\u2014:.,;"
_SMALL_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
        "per", "the", "to", "upon", "with", "w/", "vs", "via", "under", "than", "between",
        "during", "after", "before", "without", "within", "its", "their",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][\w'\u2019/&.-]*")
_MD_HASH = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1\s*(?P<after>.*)$")

_NUM = r"\d+(?:\.\d+)*[A-Z]*(?:,[A-Z]+)*|[IVXLC]+"
_ARTICLE = re.compile(rf"^(?P<kw>article|art\.)\s+(?P<num>{_NUM})(?![\w])\s*(?P<rest>.*)$", re.I)
_APPENDIX = re.compile(
    r"^(?P<kw>appendix|addendum|exhibit|schedule|attachment)\s+"
    r"[\"\u201c\u201d'\u2018\u2019]?(?P<num>(?-i:[A-Z]{1,2})|\d{1,3})[\"\u201c\u201d'\u2018\u2019]?"
    r"(?![\w])\s*(?P<rest>.*)$",
    re.I,
)
_LETTER = re.compile(
    r"^(?P<kw>letters?\s+of\s+(?:agreement|understanding|intent)"
    r"|memorand(?:um|a)\s+of\s+(?:understanding|agreement)"
    r"|side\s+letters?(?:\s+of\s+agreement)?)(?![\w])\s*(?P<rest>.*)$",
    re.I,
)
_FRONT = re.compile(r"^(?P<kw>preamble|agreement|definitions|recitals|witnesseth|purpose)\s*:?$", re.I)
_SECTION = re.compile(
    r"^(?:section|sec\.)\s*(?P<num>\d+(?:\.\d+)*[A-Za-z]?(?:\([A-Za-z0-9]{1,4}\))*)"
    r"(?P<rest>(?:[\s.:,;\u2013\u2014-].*)?)$",
    re.I,
)
_DECIMAL = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})+[A-Za-z]?(?:\([A-Za-z0-9]{1,4}\))*)\.?(?P<rest>\s.*)?$")
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,6})\.(?P<rest>\s.*)?$")
_LETTER_ITEM = re.compile(r"^(?P<num>[A-Z])\.(?P<rest>\s.*)?$")
_NUMBER_ITEM = re.compile(r"^(?P<num>\d{1,2})\.(?P<rest>\s+\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class TopHeading:
    """An article-level heading: article, appendix, side letter or front matter."""

    kind: str
    key: str
    label: str
    title: str
    keyword: str
    complete: bool = True


@dataclass(frozen=True)
class Marker:
    """A clause marker at the start of a line."""

    level: str
    number: str
    rest: str
    bold_heading: str | None = None


def strip_markdown(s: str) -> tuple[str, bool]:
    """Remove a leading Markdown '#' marker; report whether the line was a Markdown heading."""
    m = _MD_HASH.match(s)
    if m:
        return s[m.end() :].strip().strip("*_").strip(), True
    return s, False


def split_bold(s: str) -> tuple[str, str] | None:
    """Split a line that starts with a bold run into (bold text, text after)."""
    m = _BOLD.match(s)
    if not m:
        return None
    return m.group("inner").strip(), m.group("after").strip()


def roman_value(s: str) -> int:
    """Return the integer value of an upper-case Roman numeral (0 if invalid)."""
    total = 0
    values = [_ROMAN_VALUES.get(ch, 0) for ch in s.upper()]
    if not values or 0 in values:
        return 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def number_value(number: str) -> int | None:
    """Return the leading integer of an article number (Arabic or Roman), if any."""
    m = re.match(r"\d+", number)
    if m:
        return int(m.group())
    value = roman_value(number)
    return value or None


def clean_title(t: str) -> str:
    """Collapse whitespace and strip separators from both ends of a title."""
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(SEPARATORS + " ").strip()


def _words(t: str) -> list[str]:
    """Return the words of a text, each starting with a letter."""
    return _WORD.findall(t)


def lowercase_words(t: str) -> int:
    """Count words that start lower-case and are not small joining words."""
    return sum(1 for w in _words(t)[1:] if w[0].islower() and w.lower() not in _SMALL_WORDS)


def prose_like(t: str, min_words: int = 8) -> bool:
    """Tell whether a text reads like running prose: enough words, many of them lower-case."""
    words = [w for w in t.split() if any(c.isalpha() for c in w)]
    lower = sum(1 for w in words if next(c for c in w if c.isalpha()).islower())
    return len(words) >= min_words and lower * 5 >= len(words) * 2


def title_like(t: str, max_words: int = 14, allowed_lower: int = 0) -> bool:
    """Tell whether a text reads like a heading (Title Case or ALL CAPS, short)."""
    words = _words(t)
    if not words or len(words) > max_words or len(t) > 110:
        return False
    if not (words[0][0].isupper() or t[0] in "\"\u201c'\u2018("):
        return False
    return lowercase_words(t) <= allowed_lower


def is_all_caps(t: str) -> bool:
    """Tell whether a text has letters and none of them lower-case."""
    return any(c.isalpha() for c in t) and not any(c.islower() for c in t)


def split_heading(rest: str) -> tuple[str, str]:
    """Split what follows a clause number into (heading, run-in text)."""
    r = rest.strip().lstrip(SEPARATORS + " ").strip()
    if not r:
        return "", ""
    whole = r.rstrip(" .:").strip()
    if whole and title_like(whole):
        return whole, ""
    if r.endswith((".", ":")) and ". " not in whole and title_like(whole, 5, 1):
        return whole, ""
    m = re.match(r"^(?P<t>[^.:]{2,90}?)[.:]\s+(?P<b>\S.*)$", r)
    if m and title_like(m.group("t")):
        return m.group("t").strip(), m.group("b").strip()
    return "", r


def _split_rest(rest: str) -> tuple[str, str]:
    """Split the rest of a heading line into (separator, title)."""
    m = re.match(rf"^(?P<sep>[\s{re.escape(SEPARATORS)}]*)(?P<title>.*)$", rest)
    assert m is not None
    return m.group("sep").strip(), clean_title(m.group("title"))


def _acceptable(kw: str, sep: str, title: str, md: bool) -> bool:
    """Tell whether a keyword heading line is a real heading, not wrapped body text."""
    if md:
        return not title or not title[0].islower()
    if kw.isupper():
        return not title or not (title[0].islower() or prose_like(title))
    has_dash = any(c in sep for c in "-\u2013\u2014:")
    return bool(title) and has_dash and title_like(title) and not title.endswith(".")


def _match_article(s: str, md: bool) -> TopHeading | None:
    """Match 'ARTICLE 12 - TITLE' style headings."""
    m = _ARTICLE.match(s)
    if not m:
        return None
    sep, title = _split_rest(m.group("rest"))
    if not _acceptable(m.group("kw"), sep, title, md):
        return None
    num = m.group("num").upper() if roman_value(m.group("num")) else m.group("num")
    return TopHeading("article", f"article:{num.upper()}", num, title, "article", bool(title))


def _match_appendix(s: str, md: bool) -> TopHeading | None:
    """Match 'APPENDIX A - TITLE' style headings (also addenda, exhibits, schedules)."""
    m = _APPENDIX.match(s)
    if not m:
        return None
    kw = m.group("kw")
    sep, title = _split_rest(m.group("rest"))
    if kw.lower() in ("schedule", "attachment") and not (kw.isupper() or md):
        return None
    if not _acceptable(kw, sep, title, md):
        return None
    label = f"{kw.capitalize()} {m.group('num')}"
    kind = "side_letter" if _LETTER.match(title) else "appendix"
    return TopHeading(kind, f"appendix:{label.upper()}", label, title, kw.lower(), bool(title))


def _match_letter(s: str, md: bool) -> TopHeading | None:
    """Match letters of agreement, memoranda of understanding and side letters."""
    m = _LETTER.match(s)
    if not m:
        return None
    rest = m.group("rest").strip()
    loose = rest and not (rest[0] in SEPARATORS or rest[0].isupper())
    if not (m.group("kw").isupper() or md) and (s.endswith(".") or loose):
        return None
    title = clean_title(s)
    key = f"letter:{_norm(title)}"
    return TopHeading("side_letter", key, "", title, "letter", bool(rest))


def _match_front(s: str, md: bool) -> TopHeading | None:
    """Match a front-matter heading such as PREAMBLE alone on its line."""
    m = _FRONT.match(s)
    if not m or not (md or s[0].isupper()):
        return None
    word = m.group("kw").lower()
    return TopHeading("preamble", f"front:{word.upper()}", word.capitalize(), clean_title(s), word)


@lru_cache(maxsize=8192)
def match_top(line: str) -> TopHeading | None:
    """Recognise an article-level heading line, or return None."""
    s, md = strip_markdown(line.strip())
    bold = split_bold(s)
    if bold and not bold[1]:
        s, md = bold[0], True
    s = re.sub(r"\s+", " ", s)
    if not s:
        return None
    for matcher in (_match_letter, _match_article, _match_appendix, _match_front):
        found = matcher(s, md)
        if found:
            return found
    return None


def _norm(t: str) -> str:
    """Normalise a title for comparisons: upper-case letters and digits only."""
    return re.sub(r"[^A-Z0-9]", "", t.upper())


def titles_similar(a: str, b: str) -> bool:
    """Tell whether two heading titles name the same thing (running headers, typos)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return na == nb
    if na == nb or (min(len(na), len(nb)) >= 6 and (na.startswith(nb) or nb.startswith(na))):
        return True
    shorter = min(len(na), len(nb))
    same = sum(1 for x, y in zip(na, nb, strict=False) if x == y)
    return shorter >= 6 and same / shorter >= 0.8


def _section_marker(s: str) -> Marker | None:
    """Match 'Section 12.3 Heading' at the start of a line."""
    m = _SECTION.match(s)
    if not m:
        return None
    rest = m.group("rest")
    after = rest.strip().lstrip(SEPARATORS + " ")
    opener = '"“(' if rest.strip()[:1] in SEPARATORS else '"“'
    if after and not (after[0].isupper() or after[0] in opener):
        return None
    return Marker("S", m.group("num"), rest)


def _simple_marker(s: str) -> Marker | None:
    """Match decimal, Roman, letter and number clause markers."""
    m = _DECIMAL.match(s)
    if m:
        rest = (m.group("rest") or "").strip()
        if rest and not (rest[0].isupper() or rest[0] in '"“('):
            return None
        return Marker("D", m.group("num"), rest)
    for level, pattern in (("R", _ROMAN), ("L", _LETTER_ITEM), ("N", _NUMBER_ITEM)):
        m = pattern.match(s)
        if m:
            return Marker(level, m.group("num"), (m.group("rest") or "").strip())
    return None


@lru_cache(maxsize=8192)
def match_marker(line: str) -> Marker | None:
    """Recognise a clause marker at the start of a line, or return None."""
    s, _md = strip_markdown(line.strip())
    bold = split_bold(s)
    if bold:
        inner = _section_marker(bold[0]) or _simple_marker(bold[0])
        if inner is None:
            return None
        heading = clean_title(inner.rest)
        return Marker(inner.level, inner.number, bold[1], heading)
    return _section_marker(s) or _simple_marker(s)


def marker_value(marker: Marker) -> int:
    """Return the ordinal of a Roman, letter or number marker."""
    if marker.level == "R":
        return roman_value(marker.number)
    if marker.level == "L":
        return ord(marker.number) - ord("A") + 1
    return int(marker.number) if marker.number.isdigit() else 0
