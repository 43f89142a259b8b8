"""Renders a fragment shown on many pages (an entry's card) once per process, then reuses it."""

from __future__ import annotations

from markupsafe import Markup, escape
from pelican import signals

from collaborare.site.runtime import Runtime

# Stands for the page's SITEURL in a fragment rendered once: characters no content can
# hold (the checker refuses control characters) and escaping leaves as they are.
SITEURL_MARK = "\x00SITEURL\x00"


class RenderedOnce:
    """The ``rendered_once`` template global: ``{{ rendered_once(SITEURL, macro, a, b) }}``
    is ``{{ macro(a, b, SITEURL) }}``, rendered the first time only.

    Only for a macro whose output depends on nothing but its arguments, and on the
    environment's filters and globals, and that writes its last argument, the site's
    address, only as text (``{{ siteurl }}/…``, in an attribute or in text). With relative
    URLs the address changes with the page's depth: the macro is rendered once with
    SITEURL_MARK in its place, and each page gets that HTML with its own SITEURL, escaped
    as the template would have escaped it, put in place of the mark. Fragments are kept by
    (macro name, arguments) in ``Runtime.fragments``, filled lazily by each process that
    renders pages (the forked writers each keep their own). Entries count by identity
    (Pelican's contents define no equality) and are kept alive by their key, so no other
    entry can take their id; a new entry read in the preview is a new object, hence a new
    key.
    """

    def __init__(self, fragments: dict):
        self.fragments = fragments

    def __call__(self, siteurl, macro, *args):
        key = (macro.name, *args)
        try:
            html = self.fragments[key]
        except KeyError:
            html = self.fragments[key] = str(macro(*args, SITEURL_MARK))
        return Markup(html.replace(SITEURL_MARK, escape(siteurl)))


def add_global(generator):
    generator.env.globals["rendered_once"] = RenderedOnce(Runtime.of(generator.settings).fragments)


def register():
    signals.generator_init.connect(add_global)
