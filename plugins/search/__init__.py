"""Writes the /cerca/ page and indexes the entry pages with Pagefind once the site is written."""

from __future__ import annotations

import time

from pelican import signals
from pelican.generators import Generator


class SearchIndexError(Exception):
    """Pagefind failed: the build must not publish a site whose search is broken."""

    exitcode = 1

    def __init__(self, message):
        self.messages = [message]
        super().__init__(message)


class SearchPageGenerator(Generator):
    def generate_output(self, writer):
        writer.write_file(
            "cerca/index.html", self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url="cerca/",
        )


def run_pagefind(pelican):
    """Index the finished output (only elements marked data-pagefind-body are indexed)."""
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    from collaborare.build import index_search

    started = time.perf_counter()
    error = index_search(pelican.output_path)
    if error:
        raise SearchIndexError(error)
    pelican.settings["SEARCH_INDEX_SECONDS"] = time.perf_counter() - started


def year_of(entry) -> int:
    """The year a search filters an entry by: when it started, else when it was published."""
    return entry.period.start_year if entry.period else entry.date.year


def add_filters(generator):
    generator.env.filters.update({"search_year": year_of})


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(run_pagefind)
