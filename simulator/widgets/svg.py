"""Small inline SVG charts: they render offline, with no CDN and no plotting library."""

from __future__ import annotations

from collections.abc import Sequence

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
