"""Draw docs/benchmarks.svg: build time against collection size, ours, stock Pelican and Hugo."""

from __future__ import annotations

from html import escape
from pathlib import Path

WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 720, 380, 70, 60, 40, 230
SERIES = (
    ("ours", "this site", "#2c7fb8"),
    ("stock", "stock Pelican 4.12 (default theme)", "#d95f02"),
    ("hugo", "Hugo (minimal theme)", "#1b9e77"),
)
# One chart per corpus shape (tools/bench.py SHAPES), in docs/.
CHARTS = {"synthetic": "benchmarks.svg", "real": "benchmarks-real.svg"}
TITLES = {
    "synthetic": "Build time against collection size",
    "real": "Build time against collection size, real-shaped entries",
}


def write_chart(
    results: list[dict], target: Path, title: str = "Build time against collection size"
) -> None:
    sizes = [r["entries"] for r in results]
    top_time = max(max(r["ours"]["seconds"], r["stock"]["seconds"]) for r in results) * 1.1
    top_size = max(sizes) * 1.05

    def x(size):
        return LEFT + (WIDTH - LEFT - RIGHT) * size / top_size

    def y(seconds):
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * seconds / top_time

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="t"><title id="t">{escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#fff"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#000"/>',
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 15}" text-anchor="middle" '
        'font-size="13">Experiences</text>',
        f'<text x="18" y="{(TOP + HEIGHT - BOTTOM) / 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 18 {(TOP + HEIGHT - BOTTOM) / 2})">Wall time (s)</text>',
    ]
    for size in sizes:
        parts.append(
            f'<text x="{x(size):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12">{size:,}</text>'
        )
    for step in range(5):
        seconds = top_time * step / 4
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(seconds) + 4:.1f}" text-anchor="end" '
            f'font-size="12">{seconds:.0f}</text>'
        )
    for index, (key, label, colour) in enumerate(SERIES):
        measured = [r for r in results if r.get(key)]  # runs recorded before Hugo was added lack it
        points = " ".join(f"{x(r['entries']):.1f},{y(r[key]['seconds']):.1f}" for r in measured)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
        for r in measured:
            parts.append(
                f'<circle cx="{x(r["entries"]):.1f}" cy="{y(r[key]["seconds"]):.1f}" r="4" '
                f'fill="{colour}"><title>{escape(label)}: {r[key]["seconds"]:.1f} s</title></circle>'
            )
        ly = TOP + 20 * index
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 12}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 30}" y="{ly + 2}" font-size="12">{escape(label)}</text>'
        )
    # The target: at most 0.6 of stock Pelican's time.
    goal = " ".join(f"{x(r['entries']):.1f},{y(r['stock']['seconds'] * 0.6):.1f}" for r in results)
    parts.append(
        f'<polyline points="{goal}" fill="none" stroke="#555" stroke-width="1.5" '
        'stroke-dasharray="6 4"/>'
    )
    ly = TOP + 20 * len(SERIES)
    parts.append(
        f'<line x1="{WIDTH - RIGHT + 10}" y1="{ly - 3}" x2="{WIDTH - RIGHT + 26}" y2="{ly - 3}" '
        'stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<text x="{WIDTH - RIGHT + 30}" y="{ly + 2}" font-size="12">target: 0.6 × stock</text>'
    )
    parts.append("</svg>")
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")
