"""Inline SVG drawn at build time: the region map and the locator. No JavaScript.

The /numeri/ bars are HTML (theme/templates/numbers.html), legible at a phone's width."""

from __future__ import annotations

import itertools
import math
from html import escape

from markupsafe import Markup

from collaborare.core.text import plural

# The dark end of ColorBrewer's blues (PuBu/YlGnBu), 4 classes: every class is at least 3:1
# against EMPTY (WCAG 1.4.11), so a region with one entry never looks like one with none; the
# legend and the table's «Classe» column tell the classes apart as well as the colour.
SCALE = ("#2b8cbe", "#225ea8", "#253494", "#081d58")
EMPTY = "#f0f0f0"
HIGHLIGHT = "#253494"


def classes(maximum: int) -> list[tuple[int, int]]:
    """(low, high) ranges of the colour classes for counts 1..maximum, at most five."""
    if maximum <= 0:
        return []
    if maximum <= len(SCALE):
        return [(n, n) for n in range(1, maximum + 1)]
    edges = sorted(
        {1, *(math.ceil(maximum * step / len(SCALE)) + 1 for step in range(1, len(SCALE)))}
    )
    ranges = [(low, high - 1) for low, high in itertools.pairwise(edges)]
    return ranges + [(edges[-1], maximum)]


def colour(count: int, ranges) -> str:
    for index, (low, high) in enumerate(ranges):
        if low <= count <= high:
            # Spread the classes used over the whole scale, darkest for the most.
            position = round(index * (len(SCALE) - 1) / max(len(ranges) - 1, 1))
            return SCALE[position]
    return EMPTY


def range_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def class_of(regions, count: int) -> tuple[str, str]:
    """(colour, legend label) of the class a count falls in, for the map's table."""
    ranges = classes(max((node.count for node in regions), default=0))
    for low, high in ranges:
        if low <= count <= high:
            return colour(count, ranges), range_label(low, high)
    return EMPTY, "nessuna esperienza"


def region_map(
    shapes: dict,
    regions,
    site: str,
    title: str,
    highlight: str | None = None,
    level: str = "detail",
    css_class: str = "region-map__svg",
) -> Markup:
    """Italy's regions; regions with entries are links. ``regions``: TerritoryNode list.

    The drawing repeats what the text beside it says, so it is hidden from assistive
    technology and its links are out of the Tab order: one Tab stop per destination."""
    maximum = max((node.count for node in regions), default=0)
    ranges = classes(maximum)
    parts = [
        f'<svg class="{css_class}" viewBox="{shapes["viewBox"]}" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for node in regions:
        path = shapes["regions"][node.place.slug][level]
        if highlight is not None:
            fill = HIGHLIGHT if node.place.slug == highlight else EMPTY
        else:
            fill = colour(node.count, ranges) if node.count else EMPTY
        count = plural(node.count, "esperienza", "esperienze")
        name = f"{node.label}: {count}"
        shape = (
            f'<path d="{path}" fill="{fill}" stroke="#505a5f" stroke-width="0.8">'
            f"<title>{escape(name)}</title></path>"
        )
        if node.count:
            parts.append(
                f'<a href="{escape(site)}/{node.url}" tabindex="-1" '
                f'aria-label="{escape(name)}">{shape}</a>'
            )
        else:
            parts.append(shape)
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(regions) -> list[tuple[str, str]]:
    """(colour, label) pairs for the legend of the shaded map."""
    maximum = max((node.count for node in regions), default=0)
    ranges = classes(maximum)
    items = [(EMPTY, "nessuna esperienza")]
    items += [(colour(low, ranges), range_label(low, high)) for low, high in ranges]
    return items


def swatch(fill: str) -> Markup:
    return Markup(
        f'<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f'<rect width="16" height="16" fill="{escape(fill)}" stroke="#505a5f"/></svg>'
    )


def locator(shapes: dict, all_regions, selected: set, label: str) -> Markup:
    """A small map with the entry's regions filled; an image with a text alternative."""
    parts = [
        f'<svg class="locator__svg" viewBox="{shapes["viewBox"]}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for slug in all_regions:
        fill = HIGHLIGHT if slug in selected else EMPTY
        parts.append(
            f'<path d="{shapes["regions"][slug]["locator"]}" fill="{fill}" '
            f'stroke="#505a5f" stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
