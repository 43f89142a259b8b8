"""Renders and writes the pages in several processes, and in the preview only those that
changed: the writer lives in collaborare/site/incremental/writer.py; this registers it."""

from __future__ import annotations

from pelican import signals

from collaborare.site.incremental.writer import (
    flush_finished_build,
    get_writer,
    remember_generators,
)


def register():
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(remember_generators)
    signals.finalized.connect(flush_finished_build)
