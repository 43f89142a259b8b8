"""The facets of the collection, in one table beside the kinds (collaborare/core/kinds.py), the
way Zola declares its taxonomies: a new facet is one more row.

A facet groups the published entries by one field: each value gets a page under the facet's
folder (/temi/poverta-educativa/), and the facet an index (/temi/). The code calls a facet by
its ``name`` everywhere (plugins, templates, context keys); the front-matter key and the URL
folder are the contributors' and readers' words and stay as they are.

The search page's filters are a second, smaller table: a facet names the filters it feeds,
and the kind of entry, the strumenti used and the start year are filters without a facet.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import ENTRY_KINDS


@dataclass(frozen=True)
class Facet:
    name: str  # what the code calls it: context keys, Jinja's facets.<name>
    key: str  # the front-matter key: tags
    attribute: str  # the Entry attribute holding the resolved values: themes
    folder: str  # the URL folder of its pages and feeds: temi/<slug>/, feed/temi/<slug>.atom.xml
    label: str  # «Tema»
    plural: str  # «Temi»: the index's title and the menu's link
    template: str = "term"  # the template of a value's page (theme/templates/<template>.html)
    search_filters: tuple[str, ...] = ()  # the SearchFilter names it feeds
    feed: bool = True  # an Atom feed per value (territories: per region only)
    paginated: bool = True  # a value's page lists its entries a page at a time

    @property
    def url(self) -> str:
        return f"{self.folder}/"

    def value_url(self, slug: str) -> str:
        return f"{self.folder}/{slug}/"

    def feed_path(self, slug: str) -> str:
        return f"feed/{self.folder}/{slug}.atom.xml"


THEMES = Facet("themes", "tags", "themes", "temi", "Tema", "Temi", search_filters=("tema",))
# Regions, provinces and municipalities nest: territori/<region>/<province>/<municipality>/.
TERRITORIES = Facet(
    "territories",
    "territories",
    "places",
    "territori",
    "Territorio",
    "Territori",
    template="territory",
    search_filters=("regione", "provincia"),
)
ACTOR_TYPES = Facet(
    "actor_types",
    "actors",
    "actor_types",
    "soggetti",
    "Tipo di soggetto",
    "Tipi di soggetto",
    search_filters=("soggetto",),
)
# data/organizzazioni.yaml; an organisation's page lists all its entries, grouped by role.
ORGANIZATIONS = Facet(
    "organizations",
    "organizations",
    "organizations",
    "organizzazioni",
    "Organizzazione",
    "Organizzazioni",
    template="organization",
    paginated=False,
)
FACETS = (THEMES, TERRITORIES, ACTOR_TYPES, ORGANIZATIONS)
BY_NAME = {facet.name: facet for facet in FACETS}


@dataclass(frozen=True)
class SearchFilter:
    name: str  # the Pagefind filter (data-pagefind-filter) and the search URL's parameter
    label: str  # «Tipo di soggetto»: the filter's heading on /cerca/
    numeric: bool = False  # values are numbers, listed highest first on a tie of counts


# In the order /cerca/ shows them.
SEARCH_FILTERS = (
    SearchFilter("tipo", "Tipo di scheda"),
    SearchFilter("regione", "Regione"),
    SearchFilter("provincia", "Provincia"),
    SearchFilter("tema", "Tema"),
    SearchFilter("soggetto", "Tipo di soggetto"),
    SearchFilter("strumento", "Strumento usato"),
    SearchFilter("anno", "Anno di avvio", numeric=True),
)


@dataclass(frozen=True)
class MenuLink:
    folder: str  # the link goes to /<folder>/
    label: str
    kind: str | None = None  # the slug of the entry kind it lists, if it lists one
    always: bool = True  # else linked only once an entry of ``kind`` is published


def site_menu(pages=()) -> tuple[MenuLink, ...]:
    """The main navigation: each kind's listing, each facet's index, then ``pages``
    ((slug, label) of content pages)."""
    return (
        *(
            MenuLink(kind.folder, kind.plural, kind.slug, kind.always_in_menu)
            for kind in ENTRY_KINDS
        ),
        *(MenuLink(facet.folder, facet.plural) for facet in FACETS),
        *(MenuLink(slug, label) for slug, label in pages),
    )
