"""'What the tentative agreements are worth': aggregate figures and a chart for the members' summary.

Aggregates only (totals, percents, an average per FTE, a sample member's gain): never a roster row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bargaining.documents.costing.chart import Series, bar_chart
from bargaining.domain.costing.display import cents, money_text, percent, percent_text
from bargaining.domain.costing.results import CostingReport, MemberView


@dataclass(frozen=True, slots=True)
class WorthYear:
    """One contract year of what the TAs are worth (money to the cent, percent to 0.01)."""

    year: int
    start: date
    end: date
    increase: Decimal
    percent: Decimal | None
    per_fte: Decimal | None
    member_gain: Decimal | None


@dataclass(frozen=True, slots=True)
class TAWorth:
    """The block for the members' summary: per year, over the term, a sentence, and an SVG chart."""

    years: tuple[WorthYear, ...]
    term_increase: Decimal
    term_percent: Decimal | None
    sentence: str
    svg: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready plain data (money and percents as strings, dates ISO), without the SVG."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "years": [
                {
                    "year": y.year,
                    "start": y.start.isoformat(),
                    "end": y.end.isoformat(),
                    "increase": text(y.increase),
                    "percent": text(y.percent),
                    "per_fte": text(y.per_fte),
                    "member_gain": text(y.member_gain),
                }
                for y in self.years
            ],
            "term_increase": text(self.term_increase),
            "term_percent": text(self.term_percent),
            "sentence": self.sentence,
        }


def _sentence(report: CostingReport, years: int) -> str:
    """One plain sentence a member can read."""
    term = report.headline.term
    if term.increase == 0:
        return "No tentative agreement signed so far changes what the contract costs."
    return (
        f"The tentative agreements signed so far are worth {money_text(term.increase)} over the "
        f"{years}-year term, {percent_text(term.percent)} more than today's pay and benefits would cost."
    )


def ta_worth(
    agreed: CostingReport, unit_fte: Decimal | None = None, member: MemberView | None = None
) -> TAWorth:
    """What the TAs are worth: per year and over the term; per FTE if `unit_fte`; a member's gain."""
    costing = agreed.headline
    gains = {y.year: y.gain for y in member.years} if member is not None else {}
    years = tuple(
        WorthYear(
            y.year,
            y.start,
            y.end,
            cents(y.total.increase),
            percent(y.total.percent),
            cents(y.total.increase / unit_fte) if unit_fte else None,
            cents(gains[y.year]) if y.year in gains else None,
        )
        for y in costing.years
    )
    labels = [f"Year {y.year}" for y in costing.years]
    svg = bar_chart(
        "What the tentative agreements are worth",
        labels,
        [Series("Agreed (TA'd)", tuple(y.total.increase for y in costing.years))],
        "svg",
    ).decode()
    return TAWorth(
        years,
        cents(costing.term.increase),
        percent(costing.term.percent),
        _sentence(agreed, len(costing.years)),
        svg,
    )
