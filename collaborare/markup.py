"""Markdown settings shared by the checker and Pelican (pelicanconf imports them)."""

from __future__ import annotations

from markdown import Markdown

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {"smart_quotes": False},
        "markdown.extensions.toc": {"permalink": False},
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
