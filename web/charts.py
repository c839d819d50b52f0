"""Server-side SVG bar charts: no script, no CDN, readable without colour (every bar carries its
figure as text, a suppressed cell says so), and a table beside it for screen readers."""
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, BAR_H, GAP, LABEL_W, VALUE_W = 640, 22, 8, 190, 70


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.1%}".replace(".", ",") if value <= 1 else f"{value:.1f}".replace(".", ",")
    return str(value)


def bar_chart(title: str, points: list[tuple[str, float | int | None]], *, rate: bool = False) -> str:
    """Horizontal bars, one per (label, value); None is a suppressed cell (too few to publish)."""
    if not points:
        return ""
    numbers = [v for _label, v in points if v is not None]
    top = (1.0 if rate else max(numbers, default=0)) or 1
    height = len(points) * (BAR_H + GAP) + GAP
    plot = WIDTH - LABEL_W - VALUE_W
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(points):
        y = GAP + i * (BAR_H + GAP)
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H * 0.7:.0f}" text-anchor="end" class="chart-label">'
                     f'{escape(str(label)[:28])}</text>')
        if value is None:
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{plot}" height="{BAR_H}" class="chart-suppressed"/>'
                         f'<text x="{LABEL_W + 6}" y="{y + BAR_H * 0.7:.0f}" class="chart-value">'
                         f'{escape(_("suppressed"))}</text>')
            continue
        w = max(1, round(plot * (value / top))) if value else 0
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" class="chart-bar"/>'
                     f'<text x="{LABEL_W + w + 6}" y="{y + BAR_H * 0.7:.0f}" class="chart-value">'
                     f'{escape(_fmt(value))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


def chart_points(rep: dict, dimension: str, measure: str) -> list[tuple[str, object]]:
    return [(r["dimensions"].get(dimension, ""), r["values"].get(measure)) for r in rep["rows"]]
