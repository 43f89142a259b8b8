"""Gives each entry up to five related entries: explicit links first (two-way), then the most
alike; and says why each is related (linked explicitly, same themes, province or region,
organisations, actor type)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from pelican import signals

from collaborare.core.text import plural
from collaborare.site.runtime import Runtime

MAX_RELATED = 5
# Read by the preview (collaborare/site/incremental/fingerprints.py): an entry's page shows
# its related entries, so it is rendered again when one of them changes.
ARTICLE_ATTRIBUTES = {"related_entries": list}
# Theme subsets indexed per entry: up to 2**5 of them. An entry with more themes is still
# ranked exactly, only its top level is looked up without the territory (see _levels).
MAX_SUBSET = 5


def likeness(entry, other) -> tuple[int, int, int, int]:
    """(shared themes, territory closeness, shared organisations, shared actor types);
    higher is closer.

    Territory closeness is 2 for a shared province, 1 for a shared region only.
    """
    return _likeness(_Profile(entry), _Profile(other))


class _Profile:
    """An entry's facets as sets, computed once (ranking compares each entry with many)."""

    __slots__ = ("actor_types", "organizations", "provinces", "regions", "themes")

    def __init__(self, entry):
        self.themes = frozenset(theme.slug for theme in entry.themes)
        self.provinces = frozenset(province.sigla for province in entry.provinces)
        self.regions = frozenset(region.slug for region in entry.regions)
        self.organizations = frozenset(org.slug for org in getattr(entry, "organizations", ()))
        self.actor_types = frozenset(actor_type.slug for actor_type in entry.actor_types)


def _likeness(a: _Profile, b: _Profile) -> tuple[int, int, int, int]:
    # Organisations rank below themes and territory, which the index's levels look up: an
    # entry sharing an organisation shares its actor type, so the last level finds it.
    territory = 2 if a.provinces & b.provinces else 1 if a.regions & b.regions else 0
    return (
        len(a.themes & b.themes),
        territory,
        len(a.organizations & b.organizations),
        len(a.actor_types & b.actor_types),
    )


def _index_keys(profile: _Profile):
    """Every index key an entry is listed under (see rank_related)."""
    for size in range(min(len(profile.themes), MAX_SUBSET) + 1):
        for subset in combinations(sorted(profile.themes), size):
            if size:
                yield subset, "", ""
            for sigla in profile.provinces:
                yield subset, "p", sigla
            for region in profile.regions:
                yield subset, "r", region
    for actor_type in profile.actor_types:
        yield (), "a", actor_type


def _levels(me: _Profile):
    """The index keys to look up, level by level, from the closest entries down.

    A level is (shared themes, territory closeness); its keys list every entry at that
    level or above: those sharing some theme subset of its size and the province (or the
    region, or nothing). When the top size is capped below the entry's own number of
    themes, other entries may share more than that size whatever their territory, so the
    top is looked up without the territory. The last level, no theme and no territory,
    lists the entries sharing an actor type.
    """
    top = min(len(me.themes), MAX_SUBSET)
    for size in range(top, -1, -1):
        subsets = list(combinations(sorted(me.themes), size))
        if size == top < len(me.themes):
            yield [(subset, "", "") for subset in subsets]
            continue
        yield [(subset, "p", sigla) for subset in subsets for sigla in me.provinces]
        yield [(subset, "r", region) for subset in subsets for region in me.regions]
        if size:
            yield [(subset, "", "") for subset in subsets]
    yield [((), "a", actor_type) for actor_type in me.actor_types]


def rank_related(articles, limit: int = MAX_RELATED, only=None, profiles=None) -> dict:
    """slug -> list of related articles, for every article (or the slugs in ``only``).

    Entries are ranked by (shared themes, territory closeness, shared organisations, shared
    actor types), then newest, then slug. Rather than compare every pair (quadratic: 50
    million comparisons at 10,000 entries), candidates are looked up in an index from
    (theme subset, province or region) to entries, one level of closeness at a time from
    the top; once the levels looked up hold enough entries, every entry that could outrank
    them has been seen, so only those are scored in full and sorted.

    Each entry is numbered by its place in the (newest, slug) order and its facets are bit
    masks, so a candidate's whole sort key is one integer: its likeness packed into the
    high bits, that number in the low ones.
    """
    by_slug = {article.entry.slug: article for article in articles}
    if profiles is None:
        profiles = {slug: _Profile(article.entry) for slug, article in by_slug.items()}
    explicit = {slug: [] for slug in by_slug}
    for article in articles:
        for target in article.entry.related:
            if target not in by_slug:
                continue  # a draft: the checker has already vetted every slug
            for source, linked in ((article.entry.slug, target), (target, article.entry.slug)):
                if by_slug[linked] not in explicit[source]:
                    explicit[source].append(by_slug[linked])
    # Entries numbered newest first, then by slug: the tie-break of equal likeness.
    ordered = sorted(by_slug, key=lambda slug: (-by_slug[slug].entry.date.toordinal(), slug))
    number = {slug: n for n, slug in enumerate(ordered)}
    masks, width = _masks([profiles[slug] for slug in ordered])
    count = len(ordered)
    # For a few entries (the preview, after a save) scoring every other one is quicker
    # than building the index.
    index = (
        None if only is not None and len(only) * 20 < len(articles) else _index(profiles, number)
    )

    related = {}
    for article in articles:
        slug = article.entry.slug
        if only is not None and slug not in only:
            continue
        mine = number[slug]
        chosen = list(explicit[slug])[:limit]
        excluded = {mine, *(number[other.entry.slug] for other in chosen)}
        wanted = limit - len(chosen)
        found = (
            range(count) if index is None else _looked_up(index, profiles[slug], excluded, wanted)
        )
        themes, provinces, regions, organizations, actor_types = masks[mine]
        keys = []
        for other in found:
            if other in excluded:
                continue
            # _likeness on bit masks, packed in one integer ordered as its tuple is.
            their = masks[other]
            territory = 2 if provinces & their[1] else 1 if regions & their[2] else 0
            likeness = (
                (((themes & their[0]).bit_count() << width | territory) << width)
                | (organizations & their[3]).bit_count()
            ) << width | (actor_types & their[4]).bit_count()
            if likeness:
                # Closest first; then newest; then by slug, so ties never depend on file order.
                keys.append(other - likeness * count)
        keys.sort()
        chosen.extend(by_slug[ordered[key % count]] for key in keys[:wanted])
        related[slug] = chosen
    return related


def _masks(profiles: list) -> tuple[list, int]:
    """Each profile's five facets as bit masks, and the bits each count needs in a score."""
    bits = ({}, {}, {}, {}, {})

    def mask(values, table) -> int:
        value = 0
        for item in values:
            value |= 1 << table.setdefault(item, len(table))
        return value

    masks = [
        tuple(
            mask(getattr(profile, name), table) for name, table in zip(_FACETS, bits, strict=True)
        )
        for profile in profiles
    ]
    # Every count is at most its table's size, and territory closeness at most 2.
    return masks, max(2, *(len(table) for table in bits)).bit_length()


_FACETS = ("themes", "provinces", "regions", "organizations", "actor_types")


def _looked_up(index: dict, me: _Profile, excluded: set, wanted: int) -> set:
    """The candidates found in the index, level by level, until there are enough."""
    found = set()
    for keys in _levels(me):
        if len(found) >= wanted:
            break
        for key in keys:
            found.update(index.get(key, ()))
        found -= excluded
    return found


def _index(profiles: dict, number: dict) -> dict:
    index = defaultdict(list)
    for slug, profile in profiles.items():
        mine = number[slug]
        for key in _index_keys(profile):
            index[key].append(mine)
    return index


def _labels(items) -> str:
    return ", ".join(item for item in items)


def reasons(entry, other, profiles: dict | None = None) -> list[str]:
    """Why ``other`` is related to ``entry``, in Italian, strongest first.

    ``profiles`` (slug -> _Profile, as rank_related made them) saves making them again.
    """
    mine = profiles[entry.slug] if profiles else _Profile(entry)
    theirs = profiles[other.slug] if profiles else _Profile(other)
    found = []
    if other.slug in entry.related or entry.slug in other.related:
        found.append("collegamento indicato nella scheda")
    # Vocabulary terms are equal when their slugs (a province's sigla) are.
    if mine.themes & theirs.themes:
        themes = [t.label for t in entry.themes if t.slug in theirs.themes]
        found.append(
            f"{plural(len(themes), 'stesso tema', 'stessi temi', counted=False)} ({_labels(themes)})"
        )
    if mine.provinces & theirs.provinces:
        provinces = [p.label for p in entry.provinces if p.sigla in theirs.provinces]
        found.append(
            f"{plural(len(provinces), 'stessa provincia', 'stesse province', counted=False)} "
            f"({_labels(provinces)})"
        )
    elif mine.regions & theirs.regions:
        regions = [r.label for r in entry.regions if r.slug in theirs.regions]
        found.append(
            f"{plural(len(regions), 'stessa regione', 'stesse regioni', counted=False)} ({_labels(regions)})"
        )
    if mine.organizations & theirs.organizations:
        orgs = list(
            dict.fromkeys(
                org.name for org in entry.organizations if org.slug in theirs.organizations
            )
        )
        found.append(
            f"{plural(len(orgs), 'stessa organizzazione', 'stesse organizzazioni', counted=False)} "
            f"({_labels(orgs)})"
        )
    if not found and mine.actor_types & theirs.actor_types:
        actor_types = [a.label for a in entry.actor_types if a.slug in theirs.actor_types]
        found.append(
            f"{plural(len(actor_types), 'stesso tipo di soggetto', 'stessi tipi di soggetto', counted=False)} "
            f"({_labels(actor_types)})"
        )
    return found


class Reasons(Sequence):
    """Why each related entry is there (``reasons``), aligned with the related entries,
    worked out when a page first asks: by the processes that write the pages, side by
    side, rather than in the build's serial part (40,000 of them at 10,000 entries)."""

    __slots__ = ("_entry", "_found", "_others", "_profiles")

    def __init__(self, entry, others: list, profiles: dict):
        self._entry, self._others, self._profiles = entry, others, profiles
        self._found: list[list[str]] | None = None

    def _reasons(self) -> list[list[str]]:
        if self._found is None:
            self._found = [
                reasons(self._entry, other.entry, self._profiles) for other in self._others
            ]
        return self._found

    def __getitem__(self, index):
        return self._reasons()[index]

    def __len__(self) -> int:
        return len(self._others)


def attach_related(generator):
    # The preview, updating the last build after a save, asks for the changed entries only.
    only = Runtime.of(generator.settings).updating
    profiles = {article.entry.slug: _Profile(article.entry) for article in generator.articles}
    related = rank_related(generator.articles, only=only, profiles=profiles)
    for article in generator.articles:
        if only is None or article.entry.slug in only:
            article.related_entries = related[article.entry.slug]
            # Aligned with related_entries: why each one is there.
            article.related_reasons = Reasons(article.entry, article.related_entries, profiles)
    for draft in generator.drafts:
        draft.related_entries = []
        draft.related_reasons = []


def register():
    signals.article_generator_finalized.connect(attach_related)
