"""Compare two contract outlines: articles aligned by identity then title, clauses by number then text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bargaining.domain.intake.compare_types import ArticleDiff, ClauseChange, Comparison, ref
from bargaining.domain.intake.outline import OutlineArticle, OutlineClause, identity, norm
from bargaining.domain.redlines.alignment import in_order, pair_by_key_then_text
from bargaining.domain.redlines.engine import Op, diff_words, stats


@dataclass(frozen=True)
class _Placed:
    """A clause with the article it sits in (index into its outline) and its alignment key."""

    article: int
    clause: OutlineClause
    key: str


def _keys(articles: Sequence[OutlineArticle]) -> list[str]:
    """Give each article its identity, made unique by order of appearance."""
    seen: dict[str, int] = defaultdict(int)
    keys = []
    for article in articles:
        key = identity(article)
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def match_articles(old: Sequence[OutlineArticle], new: Sequence[OutlineArticle]) -> dict[int, int]:
    """Return new index -> old index: same identity first, then the same title."""
    old_keys, new_keys = _keys(old), _keys(new)
    by_key = {k: i for i, k in enumerate(old_keys)}
    pairs = {j: by_key[k] for j, k in enumerate(new_keys) if k in by_key}
    taken = set(pairs.values())
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(old):
        if i not in taken and norm(article.title):
            by_title[norm(article.title)].append(i)
    for j, article in enumerate(new):
        candidates = by_title.get(norm(article.title)) if j not in pairs else None
        if candidates:
            pairs[j] = candidates.pop(0)
    return pairs


def _place(articles: Sequence[OutlineArticle], keys: list[str]) -> list[_Placed]:
    """List every clause with the key it aligns by: its article's key and its own number."""
    return [
        _Placed(i, clause, f"{keys[i]}|{norm(clause.number)}")
        for i, article in enumerate(articles)
        for clause in article.clauses
    ]


def pair_clauses(old: list[_Placed], new: list[_Placed]) -> dict[int, int]:
    """Return new index -> old index: the same key first, then the same text in order."""
    return pair_by_key_then_text([(p.key, p.clause.text) for p in old], [(p.key, p.clause.text) for p in new])


def _stayed(new: _Placed, old: _Placed, article_pairs: dict[int, int]) -> bool:
    """Tell whether a matched clause is in the article matched with its old article."""
    return article_pairs.get(new.article) == old.article


def _ops(old: str, new: str) -> list[Op]:
    """Redline two clause texts word by word (equal texts skip the diff)."""
    if old == new:
        return [Op("equal", new)] if new else []
    return diff_words(old, new, ignore_whitespace=True)


def _matched(
    old: _Placed, new: _Placed, olds: Sequence[OutlineArticle], kept: bool, same: bool
) -> ClauseChange:
    """Describe a clause found in both documents."""
    ops = _ops(old.clause.text, new.clause.text)
    moved = not kept or not same
    if stats(ops).changed:
        change = "changed"
    elif moved:
        change = "moved"
    elif norm(old.clause.number) != norm(new.clause.number):
        change = "renumbered"
    else:
        change = "unchanged"
    return ClauseChange(
        change,
        old.clause,
        new.clause,
        ops,
        moved_from=ref(olds[old.article]) if not same else None,
    )


def compare_outlines(old: Sequence[OutlineArticle], new: Sequence[OutlineArticle]) -> Comparison:
    """Compare an old outline (the record) with a new one (the incoming document)."""
    article_pairs = match_articles(old, new)
    old_keys = _keys(old)
    new_keys = [
        old_keys[article_pairs[j]] if j in article_pairs else f"new:{k}" for j, k in enumerate(_keys(new))
    ]
    olds, news = _place(old, old_keys), _place(new, new_keys)
    pairs = pair_clauses(olds, news)
    stayed = [j for j in range(len(news)) if j in pairs and _stayed(news[j], olds[pairs[j]], article_pairs)]
    kept = in_order([pairs[j] for j in stayed])  # order is judged among clauses that kept their article
    diffs: dict[int, ArticleDiff] = {
        j: ArticleDiff(old[article_pairs[j]] if j in article_pairs else None, article)
        for j, article in enumerate(new)
    }
    for j, placed in enumerate(news):
        target = diffs[placed.article]
        if j in pairs:
            before = olds[pairs[j]]
            same = _stayed(placed, before, article_pairs)
            target.clauses.append(_matched(before, placed, old, pairs[j] in kept, same))
        else:
            target.clauses.append(ClauseChange("added", None, placed.clause, _ops("", placed.clause.text)))
    return _with_deletions(old, new, article_pairs, olds, set(pairs.values()), diffs)


def _with_deletions(
    old: Sequence[OutlineArticle],
    new: Sequence[OutlineArticle],
    article_pairs: dict[int, int],
    olds: list[_Placed],
    matched: set[int],
    diffs: dict[int, ArticleDiff],
) -> Comparison:
    """Add deleted clauses to their articles and deleted articles after the article before them."""
    new_of_old = {i: j for j, i in article_pairs.items()}
    gone = {i: ArticleDiff(article, None) for i, article in enumerate(old) if i not in new_of_old}
    for i, placed in enumerate(olds):
        if i in matched:
            continue
        holder = diffs[new_of_old[placed.article]] if placed.article in new_of_old else gone[placed.article]
        holder.clauses.append(ClauseChange("deleted", placed.clause, None, _ops(placed.clause.text, "")))
    ordered: list[ArticleDiff] = [gone[i] for i in sorted(gone) if i < min(new_of_old, default=len(old))]
    for j in range(len(new)):
        ordered.append(diffs[j])
        if j in article_pairs:
            i = article_pairs[j]
            ordered.extend(gone[k] for k in sorted(gone) if k > i and _last_before(k, new_of_old) == i)
    placed_gone = {id(a) for a in ordered}
    ordered.extend(a for a in gone.values() if id(a) not in placed_gone)
    return Comparison(ordered)


def _last_before(k: int, new_of_old: dict[int, int]) -> int:
    """Return the last matched old article index before old index k (-1 if none)."""
    return max((i for i in new_of_old if i < k), default=-1)
