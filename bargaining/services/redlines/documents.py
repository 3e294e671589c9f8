"""Article and whole-contract redlines: baseline documents aligned clause by clause."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from bargaining.domain.errors import Invalid
from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.redlines.contract_diff import ClauseDiff, DocClause, diff_documents
from bargaining.domain.redlines.engine import stats
from bargaining.domain.redlines.render import documents_summary
from bargaining.domain.status import ClauseStatus
from bargaining.services.access import TableFacts
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableLayout
from bargaining.services.redlines.cache import cached_full
from bargaining.services.redlines.refs import (
    Pick,
    Version,
    Viewer,
    base_pick,
    offered_by_ta,
    pick_language,
    read_versions,
    ta_pick,
)
from bargaining.services.redlines.views import (
    BASELINE_LABELS,
    BASELINES,
    Baseline,
    DocumentClause,
    DocumentRedline,
    table_info,
)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A clause and the language a baseline document gives it (a pick without a version: absent)."""

    clause: ClauseRow
    pick: Pick


def _doc_pick(baseline: str, clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side]) -> Pick:
    """The clause's language in a baseline document."""
    if baseline == "tentative":
        return ta_pick(clause, status, offered) or base_pick(clause)
    if baseline in ("union", "employer"):
        # A signed TA ends the difference: both sides' positions on the clause are the agreed text.
        agreed = ta_pick(clause, status, offered, f"{baseline.capitalize()} position: ")
        if agreed is not None:
            return agreed
    return pick_language(baseline, clause, status, offered, "from")


def _doc_clause(placed: _Placed, versions: dict[int, Version], article: ArticleRow) -> DocClause | None:
    """A clause as diff_documents sees it, or None when the baseline leaves it out."""
    vid = placed.pick.version_id
    if vid is None or vid not in versions:
        return None
    version, clause = versions[vid], placed.clause
    return DocClause(
        key=str(clause.id),
        article=article.number,
        number=version.new_number or clause.number,
        heading=clause.heading if version.new_heading is None else version.new_heading,
        text=version.text,
    )


def _article_names(
    placed: list[_Placed], versions: dict[int, Version], article_of: Mapping[int, ArticleRow]
) -> dict[int, tuple[str, str]]:
    """Each article's number and title in a baseline: its own unless the language there renames it.

    An amend item may renumber or retitle its clause's article (a TA then applies it to the
    tentative contract); the latest version in the baseline that does so names the article."""
    names = {a.id: (a.number, a.title) for a in article_of.values()}
    latest: dict[int, int] = {}
    for p in placed:
        version = versions.get(p.pick.version_id) if p.pick.version_id is not None else None
        if version is None or (version.new_article_number is None and version.new_article_title is None):
            continue
        article_id = article_of[p.clause.id].id
        if version.id < latest.get(article_id, 0):
            continue
        latest[article_id] = version.id
        number, title = names[article_id]
        names[article_id] = (
            version.new_article_number or number,
            title if version.new_article_title is None else version.new_article_title,
        )
    return names


def diff_cached(
    old: list[DocClause], new: list[DocClause], *, ignore_whitespace: bool, coarse: set[str] | None = None
) -> list[ClauseDiff]:
    """diff_documents with the word diffs of clauses present on both sides taken from the cache.

    The keys of clauses whose alignment the time budget coarsened are added to ``coarse``."""
    # diff_documents pairs clauses by key before it looks at any text, so blanking the text of
    # clauses present on both sides leaves the alignment unchanged; their ops then come from the
    # cache and, as in diff_documents, a change of text makes the clause "changed".
    both = {c.key for c in old} & {c.key for c in new}
    olds, news = {c.key: c for c in old}, {c.key: c for c in new}

    def blank(clause: DocClause) -> DocClause:
        return replace(clause, text="") if clause.key in both else clause

    aligned = diff_documents(
        [blank(c) for c in old], [blank(c) for c in new], ignore_whitespace=ignore_whitespace
    )
    out: list[ClauseDiff] = []
    for diff in aligned:
        if diff.key not in both:
            out.append(diff)
            continue
        found = cached_full(olds[diff.key].text, news[diff.key].text, ignore_whitespace=ignore_whitespace)
        if found.coarse and coarse is not None:
            coarse.add(diff.key)
        ops = list(found.ops)
        out.append(replace(diff, ops=ops, change="changed" if stats(ops).changed else diff.change))
    return out


def _document(
    viewer: Viewer,
    session: Session,
    records: TableLayout,
    articles: Sequence[ArticleRow],
    refs: tuple[str, str],
    ignore_whitespace: bool,
    statuses: Mapping[int, ClauseStatus],
) -> list[DocumentClause]:
    """Diff the chosen articles between two baselines, in article order."""
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in records.clauses:
        if viewer.sees(clause, statuses[clause.id]):
            by_article.setdefault(clause.article_id, []).append(clause)
    placed: tuple[list[_Placed], list[_Placed]] = ([], [])
    offered = offered_by_ta(records)
    article_of: dict[int, ArticleRow] = {}
    for article in articles:
        for clause in by_article.get(article.id, []):
            article_of[clause.id] = article
            for bucket, ref in zip(placed, refs, strict=True):
                bucket.append(_Placed(clause, _doc_pick(ref, clause, statuses[clause.id], offered)))
    versions = read_versions(session, [p.pick.version_id for bucket in placed for p in bucket])
    docs = [
        [d for p in side if (d := _doc_clause(p, versions, article_of[p.clause.id])) is not None]
        for side in placed
    ]
    new_picks = {p.clause.id: p.pick for p in placed[1]}
    old_names, new_names = (_article_names(side, versions, article_of) for side in placed)
    out = []
    # diff_documents puts a deleted clause after the last kept clause before it (maybe in another
    # article); clauses never change place here (a move is a clause deleted and its text added
    # elsewhere, reported under the new clause), so contract order is article, then clause position.
    order = {article.id: k for k, article in enumerate(articles)}
    rows = {p.clause.id: p.clause for p in placed[0]}
    coarse: set[str] = set()
    diffs = diff_cached(docs[0], docs[1], ignore_whitespace=ignore_whitespace, coarse=coarse)
    diffs.sort(key=lambda d: (order[article_of[int(d.key)].id], rows[int(d.key)].position, int(d.key)))
    for diff in diffs:
        clause_id = int(diff.key)
        article, pick = article_of[clause_id], new_picks[clause_id]
        version = versions.get(pick.version_id) if pick.version_id is not None else None
        side = pick.side or (version.side if version is not None and refs[1] != "base" else None)
        status = statuses[clause_id]
        signed = status.status is ClauseStatusKind.TENTATIVELY_AGREED and status.agreed is not None
        out.append(
            DocumentClause(
                clause_id=clause_id,
                article_id=article.id,
                article_number=new_names[article.id][0],
                article_title=new_names[article.id][1],
                article_kind=article.kind,
                old_number=diff.old_number,
                new_number=diff.new_number,
                heading=diff.heading,
                change=diff.change,
                author_side=side,
                authored_at=pick.at,
                ops=diff.ops,
                source_label=_source_label(refs[1], status, signed),
                coarse=diff.key in coarse,
                agreed_label=status.ta_label if signed else None,
                agreed_at=status.agreed.at if signed and status.agreed is not None else None,
                old_article_number=old_names[article.id][0],
                old_article_title=old_names[article.id][1],
            )
        )
    return out


def _source_label(ref: str, status: ClauseStatus, signed: bool) -> str | None:
    """The proposal or TA label the new document's language for a clause comes from."""
    if signed and ref != "base":
        return status.ta_label
    if ref in ("union", "employer"):
        return (status.union if ref == "union" else status.employer).proposal_label
    if ref == "tentative" and signed:
        return status.ta_label
    return None


def _baseline(ref: str, table: TableFacts) -> Baseline:
    """Name a baseline for the header."""
    names = {"union": f" ({table.union_name})", "employer": f" ({table.employer_name})"}
    return Baseline(ref, BASELINE_LABELS[ref] + names.get(ref, ""))


def document_redline(
    session: Session,
    viewer: Viewer,
    records: TableLayout,
    article: ArticleRow | None,
    old_ref: str,
    new_ref: str,
    ignore_whitespace: bool,
    changes_only: bool = False,
    *,
    statuses: Mapping[int, ClauseStatus],
) -> DocumentRedline:
    """Check the baselines, diff the document and summarize it (changes_only: changed clauses only);
    `statuses`: the records' derived statuses."""
    for field, ref in (("from", old_ref), ("to", new_ref)):
        if ref not in BASELINES:
            raise Invalid(f"Give one of {', '.join(BASELINES)}.", field=field)
        viewer.check_ref(ref, field)
    articles = [article] if article is not None else records.articles
    clauses = _document(viewer, session, records, articles, (old_ref, new_ref), ignore_whitespace, statuses)
    counts = documents_summary(
        [ClauseDiff(str(c.clause_id), c.article_number, None, None, "", c.change, c.ops) for c in clauses]
    )
    return DocumentRedline(
        table=table_info(viewer.table),
        article=article,
        old=_baseline(old_ref, viewer.table),
        new=_baseline(new_ref, viewer.table),
        ignore_whitespace=ignore_whitespace,
        clauses=[c for c in clauses if c.change != "unchanged"] if changes_only else clauses,
        summary=counts,
        changes_only=changes_only,
    )
