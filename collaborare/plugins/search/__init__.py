"""Writes the /cerca/ page and indexes the entry pages with Pagefind once the site is written."""

from __future__ import annotations

import json
import time

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from collaborare.core.facets import ACTOR_TYPES, SEARCH_FILTERS, THEMES
from collaborare.core.kinds import ENTRY_KINDS


class SearchIndexError(Exception):
    """Pagefind failed: the build must not publish a site whose search is broken."""

    exitcode = 1

    def __init__(self, message):
        self.messages = [message]
        super().__init__(message)


def filter_slugs(collection) -> dict:
    """filter -> {slug: label}: search URLs are written with slugs (?tema=poverta-educativa)
    while Pagefind filters by the labels the entry pages carry. The year needs no map."""
    provinces = {}
    for region in collection["regions"]:
        for province in region.children:
            provinces[province.place.slug] = province.label
    return {
        "tipo": {kind.slug: kind.label for kind in ENTRY_KINDS},
        "regione": {node.place.slug: node.label for node in collection["regions"]},
        "provincia": provinces,
        "tema": {listing.term.slug: listing.term.label for listing in collection[THEMES.name]},
        "soggetto": {
            listing.term.slug: listing.term.label for listing in collection[ACTOR_TYPES.name]
        },
        "strumento": {article.slug: article.entry.title for article in collection["strumenti"]},
    }


# The words search.js counts with, singular and plural, as the plural filter takes them.
SEARCH_WORDS = {"result": ("risultato", "risultati"), "chosen": ("scelto", "scelti")}


def search_settings() -> dict:
    """What search.js needs besides the values: the filters in order, and its words."""
    return {
        "filters": [[search_filter.name, search_filter.label] for search_filter in SEARCH_FILTERS],
        "numeric": [
            search_filter.name for search_filter in SEARCH_FILTERS if search_filter.numeric
        ],
        "words": SEARCH_WORDS,
    }


def json_block(data) -> Markup:
    """``data`` as the text of a <script type="application/json"> block: a data block, not a
    script, so the CSP's script-src does not apply; '<' escaped so it cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c"))


def search_url(facet: str, slug: str) -> str:
    """The search page's address filtered by one value (relative to SITEURL)."""
    return f"cerca/?{facet}={slug}"


class SearchPageGenerator(Generator):
    def generate_output(self, writer):
        collection = self.context["collection"]
        themes = [listing for listing in collection["themes"] if listing.count]
        writer.write_file(
            "cerca/index.html",
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="cerca/",
            search_vocabulary=json_block(filter_slugs(collection)),
            search_settings=json_block(search_settings()),
            suggested_themes=themes,
        )


def run_pagefind(pelican):
    """Index the finished output (only elements marked data-pagefind-body are indexed)."""
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    from collaborare.site.pagefind import index_search

    started = time.perf_counter()
    error = index_search(pelican.output_path)
    if error:
        raise SearchIndexError(error)
    pelican.settings["SEARCH_INDEX_SECONDS"] = time.perf_counter() - started


def year_of(entry) -> int | None:
    """The year a search's «Anno di avvio» filters an entry by: when it started, or None
    (the entry is not in that filter) when its sources do not say."""
    return entry.period.start_year if entry.period else None


def add_filters(generator):
    generator.env.filters.update({"search_year": year_of})
    generator.env.globals.update({"search_url": search_url})


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(run_pagefind)
