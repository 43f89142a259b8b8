"""The collection's data: entries, pages, places, periods and what reading them gives.

Reading and checking live in core/reading.py and core/validation/, rendering in
core/rendering.py; this module holds only the data they exchange.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .facets import FACETS, TERRITORIES
from .kinds import BY_SLUG, ENTRY_KINDS
from .organizations import Organization
from .problems import Problem
from .sources import Source
from .text import partial_date_label
from .vocab import Municipality, Province, Region, Term

# Folder under content/ -> kind of content.
KINDS = {**{kind.folder: kind.slug for kind in ENTRY_KINDS}, "pages": "page"}
KIND_LABELS = {kind.slug: kind.label for kind in ENTRY_KINDS}
# First URL segments of what the site writes besides pages: a page there would overwrite it.
RESERVED_SECTIONS = frozenset(
    {
        *(kind.folder for kind in ENTRY_KINDS),
        *(facet.folder for facet in FACETS),
        "cerca",
        "dati",
        "feed",
        "bozze",
        "redazione",
        "numeri",
        "pagina",
        "immagini",
        "extra",
        "theme",
        "pagefind",
        "404",
        "index",
        "sitemap",
        "robots",
    }
)


@dataclass(frozen=True)
class Place:
    """A territory an entry names, resolved in Italy's hierarchy."""

    level: str  # nazionale, regione, provincia, comune, area
    label: str
    region: Region | None = None
    province: Province | None = None
    municipality: Municipality | None = None

    @property
    def chain(self) -> list[tuple[str, str]]:
        """(label, url) from the region down to the most precise place with a page."""
        steps = []
        if self.region:
            steps.append((self.region.label, TERRITORIES.value_url(self.region.slug)))
        if self.province:
            steps.append((self.province.label, f"{steps[-1][1]}{self.province.slug}/"))
        if self.municipality:
            steps.append((self.municipality.name, f"{steps[-1][1]}{self.municipality.slug}/"))
        return steps


@dataclass(frozen=True)
class Period:
    start: str
    end: str = ""
    ongoing: bool = False

    @property
    def label(self) -> str:
        start = partial_date_label(self.start)
        if self.ongoing:
            return f"dal {start}, in corso" if len(self.start) == 4 else f"da {start}, in corso"
        if self.end == self.start:  # one day (an event), one month or one year
            return start
        if self.end:
            end = partial_date_label(self.end)
            if self.start[:4] == self.end[:4] and len(self.start) == len(self.end) == 7:
                return f"{start.split()[0]}–{end}"
            return f"{start} – {end}"
        return f"avvio: {start}"

    @property
    def start_year(self) -> int:
        return int(self.start[:4])


@dataclass
class Entry:
    """One experience or reflection, with every vocabulary value resolved."""

    kind: str  # esperienza | riflessione | strumento (collaborare/core/kinds.py)
    slug: str
    source: str  # path relative to the project
    title: str
    summary: str
    date: dt.date
    modified: dt.date | None
    status: str
    authors: list[str] = field(default_factory=list)
    themes: list[Term] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actor_types: list[Term] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    period: Period | None = None
    sources: list[Source] = field(default_factory=list)
    sources_note: str = ""
    sections: int = 0  # '## ' headings of the body (collaborare/core/completeness.py)
    image: str = ""
    image_alt: str = ""
    related: list[str] = field(default_factory=list)
    strumenti: list[str] = field(default_factory=list)  # slugs of the strumenti it used
    raw: dict = field(default_factory=dict, repr=False)
    lines: dict = field(default_factory=dict, repr=False)  # metadata path -> line

    @property
    def folder(self) -> str:
        return BY_SLUG[self.kind].folder

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.slug}/"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def kind_plural(self) -> str:
        return BY_SLUG[self.kind].plural

    @cached_property
    def regions(self) -> list[Region]:
        return unique(place.region for place in self.places if place.region)

    @cached_property
    def provinces(self) -> list[Province]:
        return unique(place.province for place in self.places if place.province)

    @cached_property
    def municipalities(self) -> list[Municipality]:
        return unique(place.municipality for place in self.places if place.municipality)

    @property
    def is_national(self) -> bool:
        return any(place.level == "nazionale" for place in self.places)


def unique(items) -> list:
    """The items in their order, each once."""
    return list(dict.fromkeys(items))


@dataclass
class Page:
    slug: str
    source: str
    title: str
    summary: str
    modified: dt.date | None
    template: str
    order: int


class ReadResult(NamedTuple):
    """What reading one file gives: the item (None if it has any problem), its body and
    where the body starts, its problems, and the body as Markdown rendered it (unsanitized)."""

    item: object
    body: str
    body_line: int
    problems: list
    html: str | None = None


@dataclass
class Collection:
    entries: list[Entry]
    pages: list[Page]
    problems: list[Problem]
    files: int
    rendered: dict = field(default_factory=dict, repr=False)  # abs path -> Rendered
    stamps: dict = field(default_factory=dict, repr=False)  # abs path -> files.stamp()
    changes: Changes | None = field(default=None, repr=False)  # with a cache only
    backups: list[str] = field(default_factory=list)  # editor backups left out (files.py)

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "published"]

    @property
    def drafts(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "draft"]


@dataclass
class Changes:
    """What an incremental read found changed since the previous build."""

    reread: list  # (absolute path, the item the previous build had made of it, or None)
    forgotten: int  # files the previous build read that are gone
