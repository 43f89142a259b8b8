"""Stops the build if Pelican is about to publish a static file the check did not accept."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from collaborare.core.files import STATIC_FOLDERS, inside, static_problem
from collaborare.core.messages import render


class UnsafeStaticFile(Exception):
    """A static file from outside content/immagini/ or content/extra/, or not allowed there."""

    def __init__(self, messages):
        self.messages = messages  # the strict build prints these
        super().__init__("\n".join(messages))


def refuse_unchecked_statics(generator):
    """The check refuses links and files that would publish something else; this is the
    second wall: Pelican copies any file a {static}/{attach} link names, so every file it
    collected must lie, without links, in an allowed folder and be of an allowed type."""
    content = Path(generator.path)
    folders = [content / name for name in STATIC_FOLDERS]
    refused = []
    for static in generator.staticfiles:
        path = Path(static.source_path)
        allowed = (
            not path.is_symlink()
            and any(inside(path, folder) for folder in folders)
            and static_problem(path, content) is None
        )
        if not allowed:
            refused.append(render("build.static_refused", path=path))
    if refused:
        raise UnsafeStaticFile(refused)


def register():
    signals.static_generator_finalized.connect(refuse_unchecked_statics)
