"""Writes the /cerca/ page and indexes the entry pages with Pagefind once the site is written."""

from __future__ import annotations

import json
import time

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from collaborare.core.kinds import ENTRY_KINDS


class SearchIndexError(Exception):
    """Pagefind failed: the build must not publish a site whose search is broken."""

    exitcode = 1

    def __init__(self, message):
        self.messages = [message]
        super().__init__(message)


def filter_slugs(collection) -> dict:
    """facet -> {slug: label}: search URLs are written with slugs (?tema=poverta-educativa)
    while Pagefind filters by the labels the entry pages carry."""
    provinces = {}
    for region in collection["regions"]:
        for province in region.children:
            provinces[province.place.slug] = province.label
    return {
        "tipo": {kind.slug: kind.label for kind in ENTRY_KINDS},
        "regione": {node.place.slug: node.label for node in collection["regions"]},
        "provincia": provinces,
        "tema": {listing.term.slug: listing.term.label for listing in collection["themes"]},
        "soggetto": {
            listing.term.slug: listing.term.label for listing in collection["actor_types"]
        },
        "strumento": {article.slug: article.entry.title for article in collection["strumenti"]},
    }


def search_url(facet: str, slug: str) -> str:
    """The search page's address filtered by one value (relative to SITEURL)."""
    return f"cerca/?{facet}={slug}"


class SearchPageGenerator(Generator):
    def generate_output(self, writer):
        collection = self.context["collection"]
        # A JSON data block, not a script: the CSP's script-src does not apply to it.
        vocabulary = json.dumps(filter_slugs(collection), ensure_ascii=False, sort_keys=True)
        themes = [listing for listing in collection["themes"] if listing.count]
        writer.write_file(
            "cerca/index.html",
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="cerca/",
            search_vocabulary=Markup(vocabulary.replace("<", "\\u003c")),
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
