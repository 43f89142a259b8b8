"""Markdown settings shared by the checker and Pelican (pelicanconf imports them)."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions.toc import slugify

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
        extensions=list(config.get("extension_configs", {})),
        extension_configs=config.get("extension_configs", {}),
        output_format=config.get("output_format", "html5"),
    )


def render(body: str, settings: dict | None = None, markdown: Markdown | None = None) -> str:
    markdown = markdown or converter(settings)
    return markdown.reset().convert(body)
