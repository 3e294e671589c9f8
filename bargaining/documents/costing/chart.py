"""Bar charts of cost per contract year (SVG and PNG) with matplotlib's Agg backend, no display needed.

matplotlib renders both formats from one figure without system libraries; the SVG is made
reproducible (fixed hash salt, no date metadata) so the same costing gives the same bytes. The
figure is drawn on its own canvas (no pyplot, no global state), so it is safe in web workers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from bargaining.domain.costing.display import dollars, money_text
from bargaining.domain.costing.results import TableCosting

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Format = Literal["svg", "png"]
COLOURS = ("#b5332e", "#2f5d8a", "#3f8f4f", "#8a6d2f")


@dataclass(frozen=True, slots=True)
class Series:
    """One bar per year for one party (e.g. the union's increase per year)."""

    label: str
    values: tuple[Decimal, ...]


def _axis_money(value: float, _position: object) -> str:
    """'$1.2M', '$350K' or '$900' for an axis tick."""
    size = abs(value)
    if size >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if size >= 1_000:
        return f"${value / 1_000:.0f}K"
    return f"${value:.0f}"


def _figure(title: str, years: Sequence[str], series: Sequence[Series]) -> Figure:
    """Grouped bars, one group per year, labelled with whole-dollar amounts."""
    from matplotlib.figure import Figure  # imported on first chart: sheets need no plotting library
    from matplotlib.ticker import FuncFormatter

    figure = Figure(figsize=(7.5, 4.2), dpi=100)
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    for index, one in enumerate(series):
        xs = [n + (index - (len(series) - 1) / 2) * width for n in range(len(years))]
        heights = [float(dollars(value)) for value in one.values]  # floats for drawing only
        bars = axes.bar(xs, heights, width, label=one.label, color=COLOURS[index % len(COLOURS)])
        axes.bar_label(bars, labels=[money_text(v) for v in one.values], fontsize=7, padding=2)
    axes.set_xticks(range(len(years)), list(years))
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_money))
    axes.axhline(0, color="#444444", linewidth=0.8)
    axes.set_title(title)
    axes.set_ylabel("Increase over the base")
    axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=max(len(series), 1))
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def render(figure: Figure, fmt: Format) -> bytes:
    """The figure as SVG (reproducible) or PNG bytes."""
    import matplotlib

    out = io.BytesIO()
    if fmt == "svg":
        with matplotlib.rc_context({"svg.hashsalt": "bargaining-costing", "svg.fonttype": "none"}):
            figure.savefig(out, format="svg", metadata={"Date": None})
    else:
        figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def bar_chart(title: str, years: Sequence[str], series: Sequence[Series], fmt: Format = "svg") -> bytes:
    """A grouped bar chart of money per year."""
    return render(_figure(title, years, series), fmt)


def table_chart(table: TableCosting, fmt: Format = "svg") -> bytes:
    """Cost per year over the base: the union's position, the employer's, and what is TA'd so far."""
    reports = (("Union", table.union), ("Employer", table.employer), ("Agreed (TA'd)", table.agreed))
    series = [Series(label, tuple(y.total.increase for y in r.headline.years)) for label, r in reports]
    years = [f"Year {year.year}" for year in table.union.headline.years]
    return bar_chart("Cost per contract year", years, series, fmt)
