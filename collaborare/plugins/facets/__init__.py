"""Writes the home page and the theme, territory, actor-type and organisation pages, with their listings."""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

from collaborare.core.facets import ACTOR_TYPES, ORGANIZATIONS, TERRITORIES, THEMES
from collaborare.core.kinds import ENTRY_KINDS
from collaborare.core.text import normalize
from collaborare.core.vocab import PROVINCE_KIND_LABELS
from collaborare.site.runtime import Runtime

HOME_EXPERIENCES = 6
HOME_REFLECTIONS = 3


def _shown_on_every_page(collection: dict):
    """What of ``context["collection"]`` any entry or listing page may show: the region
    counts of the territory pages' map, and which facet pages exist (to link only those)."""
    return (
        [(node.place.slug, node.count) for node in collection["regions"]],
        sorted(collection["facet_urls"]),
    )


# Read by the preview (collaborare/site/incremental/fingerprints.py), which renders a page
# again when what it shows of these changed.
CONTEXT_KEYS = {"collection": _shown_on_every_page}
# An entry's page lists the strumenti it uses; a strumento's page the entries using it.
ARTICLE_ATTRIBUTES = {"strumenti_used": list, "strumento_use": lambda use: use.entries}


class Listing:
    """What every facet page has: where it is written, and how many entries it lists
    (subclasses give ``url`` and ``entries``)."""

    @property
    def save_as(self):
        return self.url + "index.html"

    @property
    def count(self):
        return len(self.entries)


@dataclass(eq=False)
class TermListing(Listing):
    """A theme or actor type with the entries that carry it."""

    term: object
    facet: object  # THEMES or ACTOR_TYPES (collaborare/core/facets.py)
    entries: list = field(default_factory=list)

    @property
    def url(self):
        return self.facet.value_url(self.term.slug)


@dataclass(eq=False)
class TerritoryNode(Listing):
    """A region, province or municipality page; its entries roll up everything beneath it."""

    level: str  # regione | provincia | comune
    label: str
    url: str
    place: object  # Region, Province or Municipality
    parent: TerritoryNode | None = None
    children: list = field(default_factory=list)
    entries: list = field(default_factory=list)

    @property
    def level_label(self):
        if self.level == "provincia":
            return PROVINCE_KIND_LABELS.get(self.place.kind, "provincia")
        return {"regione": "regione", "comune": "comune"}[self.level]

    @property
    def ancestors(self):
        chain, node = [], self.parent
        while node is not None:
            chain.insert(0, node)
            node = node.parent
        return chain

    @property
    def trail(self):
        """Breadcrumb steps above this page: the territory index, then each ancestor."""
        return [
            (TERRITORIES.plural, TERRITORIES.url),
            *((a.label, a.url) for a in self.ancestors),
        ]

    @property
    def linked_children(self):
        return [child for child in self.children if child.count]


@dataclass(eq=False)
class OrganizationListing(Listing):
    """An organisation of data/organizzazioni.yaml with the published entries naming it."""

    record: object  # vocab.OrganizationRecord
    entries: list = field(default_factory=list)
    by_role: list = field(default_factory=list)  # (role Term, articles), in ruoli.yaml's order

    @property
    def url(self):
        return self.record.page_url


def build_organizations(vocab, articles):
    """The organisations named by at least one published entry, in alphabetical order."""
    named = {}  # slug -> {role slug: [articles]}
    for article in articles:
        for org in article.entry.organizations:
            roles = named.setdefault(org.slug, {})
            if article not in roles.setdefault(org.role.slug, []):
                roles[org.role.slug].append(article)
    listings = []
    for slug, roles in named.items():
        listing = OrganizationListing(vocab.organizations[slug])
        listing.by_role = [
            (role, roles[role.slug]) for role in vocab.roles.values() if role.slug in roles
        ]
        members = {id(article) for group in roles.values() for article in group}
        listing.entries = [article for article in articles if id(article) in members]
        listings.append(listing)
    listings.sort(key=lambda listing: (normalize(listing.record.name), listing.record.slug))
    return listings


def organizations_by_type(vocab, listings):
    """(actor type, listings) for every actor type with organisations, in the vocabulary's order."""
    groups = []
    for term in vocab.actor_types.values():
        members = [listing for listing in listings if listing.record.actor_type == term]
        if members:
            groups.append((term, members))
    return groups


@dataclass(eq=False)
class StrumentoUse:
    """The published experiences and reflections naming one strumento, grouped by region."""

    entries: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # (label, articles): regions, then the rest

    @property
    def count(self):
        return len(self.entries)


NATIONAL_GROUP = "Livello nazionale"
NO_PLACE_GROUP = "Senza un territorio"


def strumento_uses(strumenti, articles) -> dict:
    """slug of each strumento -> StrumentoUse, from the 'strumenti' field of ``articles``.

    An entry in two regions is counted in both groups, once in the total.
    """
    uses = {article.entry.slug: StrumentoUse() for article in strumenti}
    for article in articles:
        for slug in article.entry.strumenti:
            if slug in uses and article not in uses[slug].entries:
                uses[slug].entries.append(article)
    for use in uses.values():
        groups = {}
        for article in use.entries:
            entry = article.entry
            labels = [region.label for region in entry.regions]
            if entry.is_national:
                labels.append(NATIONAL_GROUP)
            for label in labels or [NO_PLACE_GROUP]:
                groups.setdefault(label, []).append(article)
        tail = (NATIONAL_GROUP, NO_PLACE_GROUP)
        use.groups = sorted(
            groups.items(),
            key=lambda item: (
                tail.index(item[0]) + 1 if item[0] in tail else 0,
                normalize(item[0]),
            ),
        )
    return uses


def attach_strumenti(strumenti, articles, drafts=()):
    """Makes the 'strumenti' links two-way: each entry gets the published strumenti it names
    (``strumenti_used``), each strumento the entries naming it (``strumento_use``)."""
    by_slug = {article.entry.slug: article for article in strumenti}
    uses = strumento_uses(strumenti, articles)
    for article in [*strumenti, *articles, *drafts]:
        article.strumenti_used = [
            by_slug[slug] for slug in article.entry.strumenti if slug in by_slug
        ]
        article.strumento_use = uses.get(article.entry.slug) or StrumentoUse()
    return uses


def build_territory_tree(vocab, experiences):
    """All regions and provinces (with or without entries), and the municipalities named."""
    regions = {}
    for region in sorted(vocab.regions.values(), key=lambda r: normalize(r.label)):
        regions[region.slug] = TerritoryNode(
            "regione", region.label, TERRITORIES.value_url(region.slug), region
        )
    provinces = {}
    for region_node in regions.values():
        for province in vocab.provinces_of(region_node.place.slug):
            node = TerritoryNode(
                "provincia",
                province.label,
                f"{region_node.url}{province.slug}/",
                province,
                parent=region_node,
            )
            region_node.children.append(node)
            provinces[province.sigla] = node
    municipalities = {}
    national = []
    for article in experiences:
        touched = []
        for place in article.entry.places:
            if place.level == "nazionale":
                national.append(article)
                continue
            touched.append(regions[place.region.slug])
            if place.province:
                touched.append(provinces[place.province.sigla])
            if place.municipality:
                key = (place.province.sigla, place.municipality.slug)
                if key not in municipalities:
                    parent = provinces[place.province.sigla]
                    node = TerritoryNode(
                        "comune",
                        place.municipality.name,
                        f"{parent.url}{place.municipality.slug}/",
                        place.municipality,
                        parent=parent,
                    )
                    parent.children.append(node)
                    municipalities[key] = node
                touched.append(municipalities[key])
        for node in dict.fromkeys(touched):
            node.entries.append(article)
    for parent in {id(node.parent): node.parent for node in municipalities.values()}.values():
        parent.children.sort(key=lambda child: (child.level != "comune", normalize(child.label)))
    ordered_national = list(dict.fromkeys(national))
    return list(regions.values()), provinces, municipalities, ordered_national


def _by_term(articles, attribute: str) -> dict:
    """Term slug -> the articles naming it, in their order: one pass over the articles
    rather than one per term (vocabulary terms are equal when their slugs are)."""
    found = {}
    for article in articles:
        for slug in dict.fromkeys(term.slug for term in getattr(article.entry, attribute)):
            found.setdefault(slug, []).append(article)
    return found


class FacetsGenerator(Generator):
    """Groups the published entries by facet, then writes one page per facet value."""

    # Its pages list entries: the preview runs it again after a save changes an entry's
    # facets, to write that entry's listing pages first (collaborare/site/incremental/update.py).
    lists_entries = True

    def generate_context(self):
        vocab = Runtime.of(self.settings).checker.vocab
        articles = list(self.context["articles"])  # already in ARTICLE_ORDER_BY order
        experiences = [a for a in articles if a.entry.kind == "esperienza"]
        reflections = [a for a in articles if a.entry.kind == "riflessione"]
        strumenti = [a for a in articles if a.entry.kind == "strumento"]
        by_kind = {
            kind.slug: [a for a in articles if a.entry.kind == kind.slug] for kind in ENTRY_KINDS
        }
        attach_strumenti(strumenti, experiences + reflections, self.context.get("drafts", ()))
        with_theme, with_actor_type = (
            _by_term(articles, "themes"),
            _by_term(articles, "actor_types"),
        )
        self.themes = [
            TermListing(term, THEMES, with_theme.get(term.slug, []))
            for term in sorted(vocab.themes.values(), key=lambda t: normalize(t.label))
        ]
        self.actor_types = [
            TermListing(term, ACTOR_TYPES, with_actor_type.get(term.slug, []))
            for term in vocab.actor_types.values()
        ]
        regions, provinces, municipalities, national = build_territory_tree(vocab, experiences)
        self.regions = regions
        self.territory_nodes = [
            *regions,
            *(n for n in provinces.values() if n.count),
            *municipalities.values(),
        ]
        self.organizations = build_organizations(vocab, articles)
        self.context["collection"] = {
            "experiences": experiences,
            "reflections": reflections,
            "strumenti": strumenti,
            "by_kind": by_kind,  # kind slug (collaborare/core/kinds.py) -> its published entries
            "themes": self.themes,
            "actor_types": self.actor_types,
            "regions": regions,
            "national": national,
            "organizations": self.organizations,
            # Entry pages link an organisation only where its page is written.
            "organization_by_slug": {
                listing.record.slug: listing for listing in self.organizations
            },
            # And a theme, actor type or place only where its page is written: a draft may
            # name one that no published entry has (its preview must not link to nothing).
            "facet_urls": frozenset(
                [listing.url for listing in (*self.themes, *self.actor_types) if listing.count]
                + [node.url for node in self.territory_nodes if node.count]
            ),
        }

    def _write(self, writer, save_as, template, url, paginated=None, **extra):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"articles": paginated} if paginated is not None else None,
            template_name=template,
            url=url,
            page_name=url.rstrip("/") or "index",
            **extra,
        )

    def generate_output(self, writer):
        collection = self.context["collection"]
        self._write_home(writer, collection)
        self._write_term_facets(writer)
        self._write_organizations(writer, collection)
        self._write_territories(writer, collection)

    def _write_home(self, writer, collection):
        self._write(
            writer,
            "index.html",
            "index",
            "",
            latest_experiences=collection["experiences"][:HOME_EXPERIENCES],
            latest_reflections=collection["reflections"][:HOME_REFLECTIONS],
        )

    def _write_term_facets(self, writer):
        """Themes and actor types: each facet's index and a page per value with entries."""
        for facet, listings in ((THEMES, self.themes), (ACTOR_TYPES, self.actor_types)):
            self._write(
                writer,
                f"{facet.url}index.html",
                "term_index",
                facet.url,
                listings=listings,
                facet=facet,
            )
            for listing in listings:
                if listing.count:
                    self._write(
                        writer,
                        listing.save_as,
                        facet.template,
                        listing.url,
                        paginated=listing.entries,
                        listing=listing,
                        facet=facet,
                    )

    def _write_organizations(self, writer, collection):
        # 'shows' lists the entries a page shows, so that the preview, after a save, writes
        # the organisation pages showing the saved entry again (collaborare/site/incremental/update.py).
        self._write(
            writer,
            f"{ORGANIZATIONS.url}index.html",
            "organizations",
            ORGANIZATIONS.url,
            groups=organizations_by_type(
                Runtime.of(self.settings).checker.vocab, self.organizations
            ),
            organizations=self.organizations,
            shows=[
                a
                for a in collection["experiences"] + collection["reflections"]
                if a.entry.organizations
            ],
        )
        for listing in self.organizations:
            self._write(
                writer,
                listing.save_as,
                ORGANIZATIONS.template,
                listing.url,
                listing=listing,
                shows=listing.entries,
            )

    def _write_territories(self, writer, collection):
        """The regions' index, then a page per region, province and municipality with entries."""
        self._write(
            writer,
            f"{TERRITORIES.url}index.html",
            "territories",
            TERRITORIES.url,
            regions=self.regions,
            national=collection["national"],
        )
        for node in self.territory_nodes:
            if node.count:
                self._write(
                    writer,
                    node.save_as,
                    TERRITORIES.template,
                    node.url,
                    paginated=node.entries,
                    node=node,
                )


def get_generators(pelican):
    return FacetsGenerator


def register():
    signals.get_generators.connect(get_generators)
