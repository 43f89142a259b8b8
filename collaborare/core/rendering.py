"""Turning a checked entry or page into HTML: sanitized, typeset body, title and summary."""

from __future__ import annotations

from dataclasses import dataclass

from .markup import MARKDOWN

# Rendering one body (Markdown, sanitizer, typography) takes milliseconds; a body crafted to
# make Python-Markdown quadratic would take hours. Past this it is a problem of the file.
RENDER_BUDGET_SECONDS = 10
# What rendering uses when no Pelican settings are at hand (the check): pelicanconf's values.
DEFAULT_RENDER = {
    "MARKDOWN": MARKDOWN,
    "COLLECTION_TYPOGRAPHY": True,
    "TYPOGRIFY_DASHES": "oldschool",
}


@dataclass
class Rendered:
    """An entry or page turned into HTML: sanitized, typeset body, title and summary."""

    item: object  # Entry or Page
    content: str
    title: str
    summary: str


def render_settings(settings: dict) -> dict:
    """The few Pelican settings rendering needs (small, so it travels to worker processes)."""
    keys = (
        "MARKDOWN",
        "COLLECTION_TYPOGRAPHY",
        "TYPOGRIFY_DASHES",
        "TYPOGRIFY_IGNORE_TAGS",
        "TYPOGRIFY_OMIT_FILTERS",
    )
    return {key: settings[key] for key in keys if key in settings}


def render_item(
    item, body: str, settings: dict, markdown=None, html: str | None = None
) -> Rendered:
    """``html``: the body as Markdown already rendered it (the check's), else it is rendered."""
    from html import escape

    from .markup import render
    from .sanitize import clean
    from .typography import typeset

    content = clean(html if html is not None else render(body, settings.get("MARKDOWN"), markdown))
    # Escaped first: typography adds entities and spans to plain text, never contributor HTML.
    title = escape(item.title, quote=False)
    summary = escape(item.summary or "", quote=False)
    if settings.get("COLLECTION_TYPOGRAPHY", True):
        content, title = typeset(content, settings), typeset(title, settings)
        summary = typeset(summary, settings) if summary else summary
    return Rendered(item, content, title, summary)
