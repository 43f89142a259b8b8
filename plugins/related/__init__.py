"""Gives each entry up to five related entries: explicit links first (two-way), then the most alike."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from pelican import signals

MAX_RELATED = 5


def likeness(entry, other) -> tuple[int, int, int]:
    """(shared themes, territory closeness, shared actor types); higher is closer.

    Territory closeness is 2 for a shared province, 1 for a shared region only.
    """
    return _likeness(_Profile(entry), _Profile(other))


class _Profile:
    """An entry's facets as sets, computed once (ranking compares each entry with many)."""

    __slots__ = ("themes", "provinces", "regions", "actors")

    def __init__(self, entry):
        self.themes = frozenset(theme.slug for theme in entry.themes)
        self.provinces = frozenset(province.sigla for province in entry.provinces)
        self.regions = frozenset(region.slug for region in entry.regions)
        self.actors = frozenset(actor.slug for actor in entry.actor_types)


def _likeness(a: _Profile, b: _Profile) -> tuple[int, int, int]:
    territory = 2 if a.provinces & b.provinces else 1 if a.regions & b.regions else 0
    return len(a.themes & b.themes), territory, len(a.actors & b.actors)


def _theme_subsets(themes, size):
    return combinations(sorted(themes), size)


def rank_related(articles, limit: int = MAX_RELATED) -> dict:
    """slug -> list of related articles, for every article.

    Shared themes rank first, so the candidates are looked up by the sets of themes they
    share (an index from each theme combination to its entries), from the most shared
    down, until there are enough; only those are compared in full. On 10,000 entries this
    is what keeps the ranking from comparing every pair.
    """
    by_slug = {article.entry.slug: article for article in articles}
    profiles = {article.entry.slug: _Profile(article.entry) for article in articles}
    explicit = {slug: [] for slug in by_slug}
    for article in articles:
        for target in article.entry.related:
            if target not in by_slug:
                continue  # a draft: the checker has already vetted every slug
            for source, linked in ((article.entry.slug, target), (target, article.entry.slug)):
                if by_slug[linked] not in explicit[source]:
                    explicit[source].append(by_slug[linked])
    containing = defaultdict(list)  # theme combination -> slugs of entries that have it
    for slug, profile in profiles.items():
        for size in range(1, min(len(profile.themes), 3) + 1):
            for subset in _theme_subsets(profile.themes, size):
                containing[subset].append(slug)

    related = {}
    for article in articles:
        slug = article.entry.slug
        me = profiles[slug]
        chosen = list(explicit[slug])[:limit]
        excluded = {slug, *(other.entry.slug for other in chosen)}
        wanted = limit - len(chosen)
        candidates = set()
        for size in range(min(len(me.themes), 3), 0, -1):
            for subset in _theme_subsets(me.themes, size):
                candidates.update(containing[subset])
            if len(candidates - excluded) >= wanted:
                break
        candidates -= excluded
        if len(candidates) < wanted:
            candidates = set(by_slug) - excluded
        scored = []
        for other in candidates:
            score = _likeness(me, profiles[other])
            if any(score):
                # Closest first; then newest; then by slug, so ties never depend on file order.
                entry = by_slug[other].entry
                scored.append(((-score[0], -score[1], -score[2], -entry.date.toordinal(), other), other))
        scored.sort()
        chosen.extend(by_slug[other] for _order, other in scored[:wanted])
        related[slug] = chosen
    return related


def attach_related(generator):
    related = rank_related(generator.articles)
    for article in generator.articles:
        article.related_entries = related[article.entry.slug]
    for draft in generator.drafts:
        draft.related_entries = []


def register():
    signals.article_generator_finalized.connect(attach_related)
