"""Draws the region map, the entry locators and the /numeri/ charts as inline SVG at build time."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from collaborare.core.text import normalize

from . import svg

MAP_TITLE = "Mappa delle regioni italiane, colorate per numero di esperienze"


def load_shapes(settings) -> dict:
    data = Path(settings.get("COLLECTION_DATA") or Path(settings["PATH"]).parent / "data")
    return json.loads((data / "mappe" / "regioni.json").read_text(encoding="utf-8"))


def add_globals(generator):
    """Template functions; they take SITEURL because links are relative to each page."""
    shapes = load_shapes(generator.settings)
    region_order = list(shapes["regions"])

    def region_map(regions, site, highlight=None):
        title = MAP_TITLE if highlight is None else "Mappa: la regione evidenziata in Italia"
        return svg.region_map(shapes, regions, site, title, highlight)

    def locator(entry):
        selected = {region.slug for region in entry.regions}
        if not selected:
            return ""
        names = ", ".join(region.label for region in entry.regions)
        return svg.locator(shapes, region_order, selected, f"Mappa: {names} in Italia")

    generator.env.globals.update(
        {
            "region_map": region_map,
            "region_map_legend": svg.legend,
            "map_swatch": svg.swatch,
            "region_map_colour": lambda regions, count: svg.class_of(regions, count)[0],
            "region_map_class": lambda regions, count: svg.class_of(regions, count)[1],
            "entry_locator": locator,
            "map_credit": shapes["source"],
        }
    )


def numbers(collection) -> dict:
    """Every figure of /numeri/, counted from the published experiences: per figure, rows of
    (label, count, url of the page the bar links to; relative to SITEURL)."""
    experiences = [a.entry for a in collection["experiences"]]
    by_year = Counter(e.period.start_year for e in experiences if e.period)
    actor_counts = Counter(t.slug for e in experiences for t in e.actor_types)
    theme_counts = Counter(t.slug for e in experiences for t in e.themes)

    def ranked(rows):
        return sorted(rows, key=lambda row: (-row[1], normalize(row[0])))

    return {
        "total": len(experiences),
        "without_period": sum(1 for e in experiences if not e.period),
        # No page per year: a year's bar opens the search filtered by that start year.
        "years": [
            (str(year), count, f"cerca/?anno={year}") for year, count in sorted(by_year.items())
        ],
        "actor_types": ranked(
            (listing.term.label, actor_counts[listing.term.slug], listing.url)
            for listing in collection["actor_types"]
        ),
        "regions": ranked((node.label, node.count, node.url) for node in collection["regions"]),
        "themes": ranked(
            (listing.term.label, theme_counts[listing.term.slug], listing.url)
            for listing in collection["themes"]
        ),
    }


class NumbersGenerator(Generator):
    def generate_output(self, writer):
        figures = numbers(self.context["collection"])
        writer.write_file(
            "numeri/index.html",
            self.get_template("numbers"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="numeri/",
            figures=figures,
        )


def get_generators(pelican):
    return NumbersGenerator


def register():
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
