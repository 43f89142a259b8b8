"""Renders a fragment shown on many pages (an entry's card) once per process, then reuses it."""

from __future__ import annotations

from pelican import signals

from collaborare.site.runtime import Runtime


class RenderedOnce:
    """The ``rendered_once`` template global: ``{{ rendered_once(SITEURL, macro, a, b) }}``
    is ``{{ macro(a, b) }}``, rendered the first time only.

    Only for a macro whose output depends on nothing but its arguments and the page's
    SITEURL (which, with relative URLs, changes with the page's depth), and on the
    environment's filters and globals. Fragments are kept by (SITEURL, macro name,
    arguments) in ``Runtime.fragments``, filled lazily by each process that renders pages
    (the forked writers each keep their own). Entries count by identity (Pelican's contents
    define no equality) and are kept alive by their key, so no other entry can take their
    id; a new entry read in the preview is a new object, hence a new key.
    """

    def __init__(self, fragments: dict):
        self.fragments = fragments

    def __call__(self, siteurl, macro, *args):
        key = (siteurl, macro.name, *args)
        try:
            return self.fragments[key]
        except KeyError:
            html = self.fragments[key] = macro(*args)
            return html


def add_global(generator):
    generator.env.globals["rendered_once"] = RenderedOnce(Runtime.of(generator.settings).fragments)


def register():
    signals.generator_init.connect(add_global)
