"""Small inline SVG charts: they render offline, with no CDN and no plotting library."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .html import esc


def line_chart(
    values: Sequence[int],
    *,
    label: str,
    y_max: int = 100,
    width: int = 480,
    height: int = 140,
) -> str:
    """A line chart of ``values`` (0..y_max) with a light grid at quarters."""
    pad = 24
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    n = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return pad + inner_w * i / n

    def y(v: int) -> float:
        return pad + inner_h * (1 - max(0, min(v, y_max)) / y_max)

    grid = "".join(
        f'<line x1="{pad}" x2="{width - pad}" y1="{y(q):.1f}" y2="{y(q):.1f}" '
        f'stroke="#ddd" stroke-width="1"/>'
        f'<text x="2" y="{y(q) + 4:.1f}" font-size="10" fill="#888">{q}</text>'
        for q in (0, y_max // 4, y_max // 2, 3 * y_max // 4, y_max)
    )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    dots = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="#2b6cb0"/>'
        for i, v in enumerate(values)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{esc(label)}" class="nuiawase-chart">{grid}'
        f'<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="{points}"/>'
        f"{dots}</svg>"
    )


def _shade(value: float, top: float) -> str:
    """White (0) to deep blue (top): a colour scale that prints in grey too."""
    share = max(0.0, min(value / top, 1.0)) if top else 0.0
    r, g, b = (int(255 - share * (255 - c)) for c in (43, 108, 176))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    value: Callable[[str, str], float | None],
    *,
    label: str,
    top: float = 3.0,
    cell: int = 34,
    column_labels: Sequence[str] | None = None,
) -> str:
    """A rows x columns grid of shaded cells with the value written in each."""
    names = list(column_labels) if column_labels is not None else list(columns)
    names = [n if len(n) <= 12 else n[:11] + "…" for n in names]
    left, head = 140, 130
    # Labels lean right at 60 degrees: the last ones need room beyond the grid.
    width, height = left + cell * len(columns) + 80, head + cell * len(rows)
    parts = []
    for j, name in enumerate(names):
        x = left + cell * j + cell / 2
        parts.append(
            f'<text transform="translate({x:.0f},{head - 6}) rotate(-60)" font-size="11">'
            f"{esc(name)}</text>"
        )
    for i, name in enumerate(rows):
        y = head + cell * i
        parts.append(f'<text x="4" y="{y + cell / 2 + 4:.0f}" font-size="11">{esc(name)}</text>')
        for j, col in enumerate(columns):
            v = value(name, col)
            x = left + cell * j
            fill = "#eee" if v is None else _shade(v, top)
            text = "" if v is None else f"{v:.1f}"
            ink = "#fff" if v is not None and v > top * 0.6 else "#222"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}"/>'
                f'<text x="{x + cell / 2 - 1:.0f}" y="{y + cell / 2 + 3:.0f}" font-size="10" '
                f'text-anchor="middle" fill="{ink}">{text}</text>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{esc(label)}" class="nuiawase-chart">{"".join(parts)}</svg>'
    )


def histogram(
    values: Sequence[float],
    *,
    label: str,
    bins: int = 10,
    low: float = 0.0,
    high: float | None = None,
    width: int = 320,
    height: int = 110,
) -> str:
    """Counts of ``values`` in ``bins`` equal bins from ``low`` to ``high``."""
    top = high if high is not None else max(values, default=1.0) or 1.0
    counts = [0] * bins
    for v in values:
        k = int((v - low) / (top - low) * bins) if top > low else 0
        counts[max(0, min(k, bins - 1))] += 1
    most = max(counts) or 1
    pad, bar = 18, (width - 2 * 18) / bins
    rects = "".join(
        f'<rect x="{pad + bar * k:.1f}" y="{height - pad - (height - 2 * pad) * c / most:.1f}" '
        f'width="{bar - 2:.1f}" height="{(height - 2 * pad) * c / most:.1f}" fill="#2b6cb0"/>'
        for k, c in enumerate(counts)
    )
    axis = (
        f'<text x="{pad}" y="{height - 3}" font-size="10">{low:.0f}</text>'
        f'<text x="{width - pad - 12}" y="{height - 3}" font-size="10">{top:.0f}</text>'
        f'<text x="2" y="12" font-size="10">n={len(values)}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{esc(label)}" class="nuiawase-chart">{rects}{axis}</svg>'
    )
