"""Markdown settings shared by the checker and Pelican (pelicanconf imports them)."""

from __future__ import annotations

import html
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    remove_fnrefs,
    render_inner_html,
    slugify,
    strip_tags,
    unique,
)
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from .sanitize import RESERVED_IDS


def heading_id(value: str, separator: str) -> str:
    """A heading's id, as Markdown makes it, unless the page around the body uses that id
    ('## In sintesi' is natural Italian and the entry page's facts panel is #in-sintesi)."""
    made = slugify(value, separator)
    return f"{made}{separator}testo" if made in RESERVED_IDS else made


# No "smarty": typogrify's smartypants (collaborare/core/typography.py, TYPOGRIFY_DASHES
# "oldschool") makes the same dashes and ellipses from the rendered HTML, so Markdown's
# second inline pass over every body only spelled them as named entities first (&ndash;
# rather than &#8211;, the same characters), at a fifth of Markdown's time.
MARKDOWN: dict[str, Any] = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False, "slugify": heading_id},
    },
    "output_format": "html5",
}


def converter(settings: dict | None = None) -> Markdown:
    """A Markdown converter; reuse it (with reset()) across files, setting it up is costly."""
    config = settings or MARKDOWN
    return Markdown(
        extensions=[*config.get("extension_configs", {}), SkipUnmatchableInline(), IdsOnlyToc()],
        extension_configs=config.get("extension_configs", {}),
        output_format=config.get("output_format", "html5"),
    )


# Each inline pattern of Python-Markdown (and of "extra") matches only where one of these
# strings is (each regex starts with or requires it, see the registry's patterns); a
# pattern not in this table is always tried.
INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "strong": ("*",),
    "emphasis": ("*",),
    "strong2": ("_",),
    "emphasis2": ("_",),
}


class _SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass, without trying a pattern on a text that lacks the
    characters it needs. Markdown tries every pattern (16 with "extra") on every run of
    text, and a body's text has no backtick, bracket or ampersand in most runs: that was
    a third of Markdown's time on real-shaped entries. A skipped pattern is one whose
    search would have found nothing, which the upstream loop treats the same way, so the
    HTML is the same (tests/test_markup.py compares the two converters)."""

    def run(self, tree, ancestors=None):
        patterns = list(self.inlinePatterns)  # in priority order, which sorts _priority too
        names = [item.name for item in self.inlinePatterns._priority]
        self.plan = [
            (pattern, INLINE_TRIGGERS.get(name))
            for name, pattern in zip(names, patterns, strict=True)
        ]
        return super().run(tree, ancestors)

    # Python-Markdown 3's private loop (treeprocessors.InlineProcessor.__handleInline),
    # with the skip added; SkipUnmatchableInline checks that it is still there.
    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if not isinstance(data, AtomicString):
            start = 0
            plan = self.plan
            while patternIndex < len(plan):
                pattern, triggers = plan[patternIndex]
                if triggers is not None and not (
                    triggers[0] in data or any(t in data for t in triggers[1:])
                ):
                    matched, start = False, 0
                else:
                    data, matched, start = self._InlineProcessor__applyPattern(
                        pattern, data, patternIndex, start
                    )
                if not matched:
                    patternIndex += 1
        return data


class SkipUnmatchableInline(Extension):
    """Registers _SkippingInlineProcessor in place of Markdown's own inline pass, where
    this Markdown still has the private methods it builds on (otherwise: Markdown's own)."""

    def extendMarkdown(self, md):
        upstream = md.treeprocessors["inline"]
        if type(upstream) is InlineProcessor and all(
            hasattr(InlineProcessor, name)
            for name in ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")
        ):
            md.treeprocessors.register(_SkippingInlineProcessor(md), "inline", 20)


class _HeadingIdsProcessor(TocTreeprocessor):
    """Python-Markdown's toc pass, giving headings their ids, without making the table of
    contents (``md.toc``) when the body has no ``[TOC]`` marker to put it in: nothing of
    ours reads ``md.toc``, and building, serializing and post-processing it was a third of
    the pass (2 % of reading a real-shaped entry). The loop is upstream's (3.5 to 3.11),
    less the tokens; a body that may hold the marker gets upstream's pass whole.
    tests/test_markup.py compares the HTML with upstream's converter."""

    def run(self, doc) -> None:
        if self.marker and any(
            el.text and el.text.strip() == self.marker and len(el) == 0 for el in doc.iter()
        ):
            return super().run(doc)
        used_ids = {el.attrib["id"] for el in doc.iter() if "id" in el.attrib}
        id_counters: dict[str, int] = {}
        for el in doc.iter():
            if not (isinstance(el.tag, str) and self.header_rgx.match(el.tag)):
                continue
            self.set_level(el)
            if "id" not in el.attrib:
                name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
                el.attrib["id"] = unique(
                    self.slugify(html.unescape(name), self.sep), used_ids, id_counters
                )
            el.attrib.pop("data-toc-label", None)  # only the table of contents reads it
            if self.use_anchors:
                self.add_anchor(el, el.attrib["id"])
            if self.use_permalinks not in [False, None]:
                self.add_permalink(el, el.attrib["id"])
        return None


class IdsOnlyToc(Extension):
    """Registers _HeadingIdsProcessor in place of the toc extension's pass, with its
    settings, where that pass is upstream's own (otherwise it is left alone)."""

    def extendMarkdown(self, md):
        toc = next((ext for ext in md.registeredExtensions if isinstance(ext, TocExtension)), None)
        if toc is not None and type(md.treeprocessors["toc"]) is TocTreeprocessor:
            md.treeprocessors.register(_HeadingIdsProcessor(md, toc.getConfigs()), "toc", 5)


def render(body: str, settings: dict | None = None, markdown: Markdown | None = None) -> str:
    markdown = markdown or converter(settings)
    return markdown.reset().convert(body)
