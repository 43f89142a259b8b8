"""The pages and feeds a build asked Pelican's writer for, as records the preview can keep."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, eq=False)
class QueuedPage:
    """One call to Pelican's ``Writer.write_file``, queued to be written later.

    ``pages`` is what it writes: (file, entries listed on it) for each page of a listing,
    or a single (file, None). Compared by identity: it holds live objects.
    """

    name: str
    template: Any
    context: dict
    relative_urls: bool = False
    paginated: dict | None = None
    template_name: str | None = None
    override_output: bool = False
    url: str | None = None
    extra: dict = field(default_factory=dict)  # write_file's keyword arguments (article=...)
    pages: tuple = ()

    @property
    def article(self):
        return self.extra.get("article")

    @property
    def page(self):
        return self.extra.get("page")

    @property
    def listed(self) -> list | None:
        """The entries a listing's pages share out (None if it is not a listing)."""
        listed = (self.paginated or {}).get("articles")
        return self.extra.get("articles") if listed is None else listed

    @property
    def template_label(self) -> str:
        """Its template's name without the extension (``entry``, ``term``...)."""
        return self.template_name or getattr(self.template, "name", "").removesuffix(".html")

    @property
    def files(self) -> list[str]:
        return [file for file, _listed in self.pages]

    def write(self, write_file):
        """Call ``write_file`` (Pelican's signature) with this page's arguments."""
        write_file(
            self.name,
            self.template,
            self.context,
            relative_urls=self.relative_urls,
            paginated=self.paginated,
            template_name=self.template_name,
            override_output=self.override_output,
            url=self.url,
            **self.extra,
        )

    def with_items(self, swap: dict) -> QueuedPage:
        """The same page with the objects in ``swap`` (id -> new object) replaced."""
        extra = {key: swap.get(id(value), value) for key, value in self.extra.items()}
        return replace(self, extra=extra)

    def with_template(self, template) -> QueuedPage:
        return replace(self, template=template)


@dataclass(frozen=True, eq=False)
class QueuedFeed:
    """One call to Pelican's ``Writer.write_feed``, as the last build made it."""

    elements: list
    context: dict
    path: str
    url: str | None = None
    feed_type: str = "atom"
    override_output: bool = False
    feed_title: str | None = None

    def write(self, write_feed):
        """Write it with ``write_feed`` (a writer's write_feed)."""
        write_feed(
            self.elements,
            self.context,
            self.path,
            url=self.url,
            feed_type=self.feed_type,
            override_output=self.override_output,
            feed_title=self.feed_title,
        )
