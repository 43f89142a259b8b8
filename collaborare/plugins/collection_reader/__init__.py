"""Reads entries and pages with YAML front matter, checked against the schema and vocabularies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from collaborare.core.model import Entry
from collaborare.core.problems import ContentError
from collaborare.core.rendering import render_item, render_settings
from collaborare.site.runtime import Runtime


class CollectionReader(BaseReader):
    """Markdown with YAML front matter; any problem in a file raises ContentError.

    The build reads and renders every file beforehand, in parallel, and leaves the
    results in its Runtime (collaborare/site/runtime.py); a plain `pelican` run renders
    here instead.
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path):
        runtime = Runtime.of(self.settings)
        rendered = runtime.prerendered.get(os.path.abspath(source_path))
        if rendered is None:
            checker = runtime.checker
            read = checker.read(Path(source_path))
            if read.problems:
                raise ContentError(read.problems)
            rendered = render_item(
                read.item, read.body, render_settings(self.settings), html=read.html
            )
        item = rendered.item
        metadata = {"title": rendered.title, "slug": item.slug}
        if isinstance(item, Entry):
            metadata.update(
                {
                    # Built directly: Pelican would parse the ISO text again with dateutil.
                    "date": SafeDatetime(item.date.year, item.date.month, item.date.day),
                    "status": item.status,
                    "summary": rendered.summary,
                    "template": "entry",
                    "entry": item,
                }
            )
            if item.status == "published":  # a draft's address comes from DRAFT_URL
                metadata.update(_address(item.url, self.settings["ARTICLE_URL"]))
        else:
            metadata.update({"template": item.template, "order": item.order})
            metadata.update(_address(f"{item.slug}/", self.settings["PAGE_URL"]))
            if rendered.summary:
                metadata["summary"] = rendered.summary
        if item.modified:
            metadata["modified"] = SafeDatetime(
                item.modified.year, item.modified.month, item.modified.day
            )
        return rendered.content, metadata


def _address(url: str, pattern: str) -> dict:
    """``url`` and ``save_as`` given to Pelican as overrides (it keeps those as they are)
    when the site's URL pattern is the one our URLs follow (``…/{slug}/``): otherwise
    Pelican formats both from its settings on every use, 42,000 times at 10,000 entries."""
    if pattern not in ("{category}/{slug}/", "{slug}/"):
        return {}
    return {"url": url, "save_as": f"{url}index.html"}


def load_checker(pelican):
    """Load the vocabularies once per build (so a live rebuild sees edited data files)."""
    Runtime.of(pelican.settings)  # the build passes the one it checked with


def add_reader(readers):
    readers.reader_classes["md"] = CollectionReader


def register():
    signals.get_generators.connect(load_checker)
    signals.readers_init.connect(add_reader)
