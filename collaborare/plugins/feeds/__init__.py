"""Writes Atom feeds for the whole collection, each kind, and each theme, region, actor type and organisation."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from collaborare.core.facets import ACTOR_TYPES, ORGANIZATIONS, TERRITORIES, THEMES
from collaborare.core.kinds import ENTRY_KINDS

# Read by the preview (collaborare/site/incremental/fingerprints.py): every page's head
# links the feeds that exist, so every page is rendered again when that set changes.
CONTEXT_KEYS = {"feed_paths": sorted}


def feed_path(*parts: str) -> str:
    return "feed/" + "/".join(parts) + ".atom.xml"


def feed_list(context) -> list[tuple[str, str, list]]:
    """(path, title, entries) of every feed to write: only non-empty ones.

    An Atom feed's own <updated> is its newest entry's date, so an empty feed would need
    the build time and the build would no longer be reproducible.
    """
    collection = context["collection"]
    by_kind = collection["by_kind"]
    feeds = [
        (
            feed_path("tutto"),
            "tutte le schede",
            [article for kind in ENTRY_KINDS for article in by_kind[kind.slug]],
        )
    ]
    feeds.extend(
        (feed_path(kind.folder), kind.plural.lower(), by_kind[kind.slug]) for kind in ENTRY_KINDS
    )
    for facet, values in (
        (THEMES, ((t.term.slug, f"tema {t.term.label}", t.entries) for t in collection["themes"])),
        (ACTOR_TYPES, ((t.term.slug, t.term.label, t.entries) for t in collection["actor_types"])),
        (
            ORGANIZATIONS,
            (
                (o.record.slug, o.record.name, o.entries)
                for o in collection.get("organizations", [])
            ),
        ),
        # A territory's feed is its region's: provinces and towns are too many to follow.
        (TERRITORIES, ((r.place.slug, r.label, r.entries) for r in collection["regions"])),
    ):
        if facet.feed:
            feeds.extend((facet.feed_path(slug), title, entries) for slug, title, entries in values)
    return [(path, title, entries) for path, title, entries in feeds if entries]


class FeedsGenerator(Generator):
    def generate_context(self):
        # Templates link a feed only where one is written.
        self.context["feed_paths"] = set()

    def generate_output(self, writer):
        absolute = self.settings["SITEURL_ABSOLUTE"].rstrip("/")
        context = dict(self.context, SITEURL=absolute, FEED_DOMAIN=absolute)
        for path, title, entries in feed_list(self.context):
            newest_first = sorted(
                entries,
                key=lambda a: (-(a.entry.modified or a.entry.date).toordinal(), a.entry.slug),
            )
            writer.write_feed(newest_first, context, path, feed_title=title)


def collect_feed_paths(generators):
    """Before any page is written, record which feeds exist, so pages link only real feeds."""
    for generator in generators:
        if isinstance(generator, FeedsGenerator):
            generator.context["feed_paths"].update(
                path for path, _t, _e in feed_list(generator.context)
            )


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(collect_feed_paths)
