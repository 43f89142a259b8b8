"""Reads entries and pages with YAML front matter, checked against the schema and vocabularies."""

from __future__ import annotations

from pathlib import Path

from html import escape
from pelican import signals
from pelican.readers import BaseReader

from collaborare import sanitize
from collaborare.markup import render
from collaborare.model import Checker, Entry
from collaborare.problems import ContentError


class CollectionReader(BaseReader):
    """Markdown with YAML front matter; any problem in a file raises ContentError."""

    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        checker = self.settings["COLLECTION_CHECKER"]
        item, body, body_line, problems = checker.read(Path(source_path))
        if problems:
            raise ContentError(problems)
        content = sanitize.clean(render(body, self.settings["MARKDOWN"]))
        if isinstance(item, Entry):
            metadata = {
                "title": escape(item.title, quote=False),
                "date": self.process_metadata("date", item.date.isoformat()),
                "status": item.status,
                "slug": item.slug,
                "summary": escape(item.summary, quote=False),
                "template": "entry",
                "entry": item,
            }
            if item.modified:
                metadata["modified"] = self.process_metadata("modified", item.modified.isoformat())
        else:
            metadata = {
                "title": escape(item.title, quote=False),
                "slug": item.slug,
                "template": item.template,
                "order": item.order,
            }
            if item.summary:
                metadata["summary"] = escape(item.summary, quote=False)
            if item.modified:
                metadata["modified"] = self.process_metadata("modified", item.modified.isoformat())
        return content, metadata


def load_checker(pelican):
    """Load the vocabularies once per build (so a live rebuild sees edited data files)."""
    pelican.settings["COLLECTION_CHECKER"] = Checker.from_settings(pelican.settings)


def add_reader(readers):
    readers.reader_classes["md"] = CollectionReader


def register():
    signals.get_generators.connect(load_checker)
    signals.readers_init.connect(add_reader)
