"""Bar charts as inline SVG, drawn at build time from a data table (no JavaScript)."""

from __future__ import annotations

import math
import textwrap
from html import escape

from citesite.source.tables import DataTable

BAR_HEIGHT = 20
BAR_GAP = 4
LABEL_HEIGHT = 20  # each bar's label sits on its own line above it, so phones keep the text large
GROUP_GAP = 10
CHAR_WIDTH = 8.4  # average width of a label character at the chart's font size
PLOT_WIDTH = 340
VALUE_WIDTH = 60
WIDTH = PLOT_WIDTH + VALUE_WIDTH
TOP = 8
SERIES_CLASSES = ("chart-bar-1", "chart-bar-2", "chart-bar-3")


MAX_TICKS = 5  # intervals on the axis at most


def nice_step(value: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) that reaches value in at most MAX_TICKS steps."""
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value / MAX_TICKS))
    for factor in (1, 2, 2.5, 5, 10):
        if math.ceil(value / (factor * magnitude) - 1e-9) <= MAX_TICKS:
            return factor * magnitude
    return 10.0 * magnitude


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _label(text: str, y: float) -> str:
    """A bar's label above it, shortened with an ellipsis when it would not fit the chart's width."""
    chars = int(WIDTH / CHAR_WIDTH)
    shown = text if len(text) <= chars else textwrap.shorten(text, chars, placeholder="…")
    return f'<text y="{y:g}">{escape(shown)}</text>'


def render_chart(table: DataTable, chart_id: str, table_shown: bool = False, pointer: str = "") -> str:
    """An accessible horizontal bar chart (role=img, title, desc) of the table's chart columns.

    table_shown: the page shows the table too, so <desc> points to it instead of repeating every number.
    Shapes that share a style share a <g>, which keeps a chart of twenty bars to a few kilobytes.
    """
    chart = table.chart
    assert chart is not None
    rows = [r for r in table.rows if r.in_chart]
    labels = {c.key: c.label for c in table.columns}
    series = list(chart.values)
    names = [str(r.get(chart.label)) for r in rows]
    top_value = max((float(r.get(k)) for r in rows for k in series), default=0.0)
    step = nice_step(top_value)
    axis_max = step * max(1, math.ceil(top_value / step - 1e-9))
    legend_height = 28 if len(series) > 1 else 0
    group_height = LABEL_HEIGHT + (BAR_HEIGHT + BAR_GAP) * len(series) + GROUP_GAP
    unit_height = 20 if chart.unit else 0  # the axis names its unit under the tick labels
    height = TOP + legend_height + group_height * len(rows) + 24 + unit_height
    unit = f" ({chart.unit})" if chart.unit else ""
    if table_shown:
        desc = pointer or f"The numbers are in the table \u201c{table.title}\u201d."
    else:
        desc = "; ".join(
            f"{name}: " + ", ".join(f"{labels[k]} {_fmt(r.get(k))}" for k in series)
            for name, r in zip(names, rows, strict=True)
        )
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape((chart.title or table.title) + unit)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    y = TOP
    if legend_height:
        out.extend(_legend([labels[key] for key in series], y))
        y += legend_height
    out.append(_axis(axis_max, step, y, height - 22 - unit_height))
    if chart.unit:
        out.append(
            f'<text class="chart-tick chart-unit" x="{PLOT_WIDTH}" y="{height - 4}" text-anchor="end">'
            f"{escape(chart.unit)}</text>"
        )
    names_out, values_out = ['<g class="chart-label">'], ['<g class="chart-value">']
    bars_out = [[f'<g class="{SERIES_CLASSES[n % len(SERIES_CLASSES)]}">'] for n in range(len(series))]
    for name, row in zip(names, rows, strict=True):
        names_out.append(_label(name, y + LABEL_HEIGHT - 6))
        for number, key in enumerate(series):
            value = float(row.get(key))
            bar = PLOT_WIDTH * value / axis_max
            by = y + LABEL_HEIGHT + number * (BAR_HEIGHT + BAR_GAP)
            # No <title> per bar: the value is printed beside it, and <desc> and the table hold every number.
            bars_out[number].append(f'<rect y="{by}" width="{bar:.1f}" height="{BAR_HEIGHT}"/>')
            values_out.append(f'<text x="{bar + 6:.1f}" y="{by + BAR_HEIGHT - 5}">{_fmt(value)}</text>')
        y += group_height
    for part in (names_out, *bars_out, values_out):
        out.extend([*part, "</g>"])
    out.append("</svg>")
    return "".join(out)


def _legend(names: list[str], y: int) -> list[str]:
    """One swatch and name per series, in a row."""
    out, x = [], 0
    for number, name in enumerate(names):
        css = SERIES_CLASSES[number % len(SERIES_CLASSES)]
        out.append(f'<rect class="{css}" x="{x}" y="{y}" width="14" height="14"/>')
        out.append(f'<text class="chart-legend" x="{x + 20}" y="{y + 12}">{escape(name)}</text>')
        x += 34 + int(CHAR_WIDTH * len(name))
    return out


def _axis(axis_max: float, step: float, top: int, bottom: int) -> str:
    """Vertical grid lines with tick labels at every round step from 0 to the maximum."""
    count = round(axis_max / step)
    xs = [PLOT_WIDTH * number / count for number in range(count + 1)]
    grid = "".join(f"M{x:g} {top}V{bottom}" for x in xs)
    start = ' text-anchor="start"'  # the 0 tick sits at the left edge: it may not be centred on it
    ticks = "".join(
        f'<text x="{x:g}" y="{bottom + 16}"{start if number == 0 else ""}>{_fmt(step * number)}</text>'
        for number, x in enumerate(xs)
    )
    return f'<path class="chart-grid" d="{grid}"/><g class="chart-tick" text-anchor="middle">{ticks}</g>'
