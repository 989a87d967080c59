"""Server-rendered SVG charts: plan vs actual by fiscal year, original and revised targets.

charts.py only computes geometry (plain numbers and the texts to show); the template
plan/_chart.html draws it, so every text is escaped by Jinja and nothing needs JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.plan.progress import SubSeries

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 20, 48
#: Series drawn, in legend order, with their CSS class (colours live in portal/static/plan.css).
SERIES = ("planned_original", "planned_revised", "target_original", "target", "actual")


@dataclass
class Mark:
    """One drawn value: its position, the printed text and whether it is an estimate."""

    x: float
    y: float
    text: str
    year: int
    estimate: bool = False


@dataclass
class Line:
    """One series: its marks and the SVG path through them."""

    series: str
    marks: list[Mark]

    @property
    def path(self) -> str:
        """The SVG path joining the marks."""
        return " ".join(f"{'M' if i == 0 else 'L'}{m.x:.1f},{m.y:.1f}" for i, m in enumerate(self.marks))


@dataclass
class Chart:
    """A whole chart: axes ticks, the lines, and an optional baseline."""

    width: int
    height: int
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, str]]
    lines: list[Line] = field(default_factory=list)
    baseline_y: float | None = None
    baseline_text: str = ""
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


def _nice_max(value: float) -> float:
    """Round VALUE up to 1, 2, 2.5 or 5 × a power of ten (for the y axis)."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _fmt(value: float) -> str:
    """Format an axis label without a useless decimal part."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def build_chart(sub: SubSeries, years: list[int]) -> Chart | None:
    """Lay out SUB over YEARS; None when there is no number to draw."""
    values = [c.value for s in SERIES for c in sub.by_year.get(s, {}).values() if c.value is not None]
    if sub.baseline is not None and sub.baseline.value is not None:
        values.append(sub.baseline.value)
    if not values or not years:
        return None
    top = _nice_max(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years), 1)
    xs = {y: LEFT + step * (i + 0.5) for i, y in enumerate(years)}

    def ypos(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    chart = Chart(WIDTH, HEIGHT, [(xs[y], y) for y in years],
                  [(ypos(top * k / 4), _fmt(top * k / 4)) for k in range(5)])
    for series in SERIES:
        cells = sub.by_year.get(series, {})
        marks = [Mark(xs[y], ypos(c.value), c.text, y, c.is_estimate)
                 for y, c in sorted(cells.items()) if c.value is not None and y in xs]
        if marks:
            chart.lines.append(Line(series, marks))
    if sub.baseline is not None and sub.baseline.value is not None:
        chart.baseline_y, chart.baseline_text = ypos(sub.baseline.value), sub.baseline.text
    return chart
