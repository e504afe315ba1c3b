"""Bar charts as inline SVG, drawn at build time from a data table (no JavaScript)."""

from __future__ import annotations

from html import escape

from .data import DataTable

BAR_HEIGHT = 22
GROUP_GAP = 12
LABEL_WIDTH = 230
PLOT_WIDTH = 330
VALUE_WIDTH = 70
TOP = 34
SERIES_CLASSES = ("chart-bar-1", "chart-bar-2", "chart-bar-3")


def _nice_max(value: float) -> float:
    """A round axis maximum at or above value (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10.0 * magnitude


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def render_chart(table: DataTable, chart_id: str) -> str:
    """An accessible horizontal bar chart (role=img, title, desc) of the table's chart columns."""
    chart = table.chart
    assert chart is not None
    rows = [r for r in table.rows if r.in_chart]
    labels = {c.key: c.label for c in table.columns}
    series = list(chart.values)
    top = max((float(r.get(k)) for r in rows for k in series), default=0.0)
    axis_max = _nice_max(top)
    group_height = BAR_HEIGHT * len(series) + GROUP_GAP
    legend_height = 26 if len(series) > 1 else 0
    height = TOP + legend_height + group_height * len(rows) + 30
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    title = chart.title or table.title
    unit = f" ({chart.unit})" if chart.unit else ""
    desc = "; ".join(
        f"{r.get(chart.label)}: " + ", ".join(f"{labels[k]} {_fmt(r.get(k))}" for k in series) for r in rows
    )
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title + unit)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    y = TOP
    if legend_height:
        x = LABEL_WIDTH
        for number, key in enumerate(series):
            css = SERIES_CLASSES[number % len(SERIES_CLASSES)]
            out.append(f'<rect class="{css}" x="{x}" y="{y - 14}" width="14" height="14"></rect>')
            out.append(f'<text class="chart-legend" x="{x + 20}" y="{y - 2}">{escape(labels[key])}</text>')
            x += 30 + 9 * len(labels[key])
        y += legend_height
    out.append(_axis(axis_max, y, height - 24, unit))
    for row in rows:
        label_y = y + BAR_HEIGHT * len(series) / 2 + 5
        out.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{label_y:g}" text-anchor="end">'
            f"{escape(str(row.get(chart.label)))}</text>"
        )
        for number, key in enumerate(series):
            value = float(row.get(key))
            bar = PLOT_WIDTH * value / axis_max
            css = SERIES_CLASSES[number % len(SERIES_CLASSES)]
            by = y + number * BAR_HEIGHT
            out.append(
                f'<rect class="{css}" x="{LABEL_WIDTH}" y="{by}" width="{bar:.1f}" height="{BAR_HEIGHT - 4}">'
                f"<title>{escape(str(row.get(chart.label)))}, {escape(labels[key])}: {_fmt(value)} {escape(chart.unit)}</title></rect>"
            )
            out.append(
                f'<text class="chart-value" x="{LABEL_WIDTH + bar + 6:.1f}" y="{by + BAR_HEIGHT - 8}">{_fmt(value)}</text>'
            )
        y += group_height
    out.append("</svg>")
    return "".join(out)


def _axis(axis_max: float, top: int, bottom: int, unit: str) -> str:
    """Vertical grid lines with tick labels at 0, 1/4, 1/2, 3/4 and the maximum."""
    parts = []
    for step in range(5):
        value = axis_max * step / 4
        x = LABEL_WIDTH + PLOT_WIDTH * step / 4
        parts.append(f'<line class="chart-grid" x1="{x:g}" y1="{top - 4}" x2="{x:g}" y2="{bottom}"></line>')
        parts.append(f'<text class="chart-tick" x="{x:g}" y="{bottom + 16}" text-anchor="middle">{_fmt(value)}</text>')
    return "".join(parts)
