"""Gives each entry up to five related entries: explicit links first (two-way), then the most alike."""

from __future__ import annotations

from pelican import signals

MAX_RELATED = 5


def likeness(entry, other) -> tuple[int, int, int]:
    """(shared themes, territory closeness, shared actor types); higher is closer.

    Territory closeness is 2 for a shared province, 1 for a shared region only.
    """
    themes = len(set(entry.themes) & set(other.themes))
    if set(entry.provinces) & set(other.provinces):
        territory = 2
    elif set(entry.regions) & set(other.regions):
        territory = 1
    else:
        territory = 0
    actors = len(set(entry.actor_types) & set(other.actor_types))
    return themes, territory, actors


def rank_related(articles, limit: int = MAX_RELATED) -> dict:
    """slug -> list of related articles, for every article."""
    by_slug = {article.entry.slug: article for article in articles}
    explicit = {slug: [] for slug in by_slug}
    for article in articles:
        for target in article.entry.related:
            if target not in by_slug:
                continue  # a draft: the checker has already vetted every slug
            for source, linked in ((article.entry.slug, target), (target, article.entry.slug)):
                if by_slug[linked] not in explicit[source]:
                    explicit[source].append(by_slug[linked])
    related = {}
    for article in articles:
        chosen = list(explicit[article.entry.slug])[:limit]
        scored = []
        for other in articles:
            if other is article or other in chosen:
                continue
            score = likeness(article.entry, other.entry)
            if any(score):
                # Closest first; then newest; then by slug, so ties never depend on file order.
                scored.append(((-score[0], -score[1], -score[2],
                                -other.entry.date.toordinal(), other.entry.slug), other))
        scored.sort(key=lambda pair: pair[0])
        chosen.extend(other for _key, other in scored[: limit - len(chosen)])
        related[article.entry.slug] = chosen
    return related


def attach_related(generator):
    related = rank_related(generator.articles)
    for article in generator.articles:
        article.related_entries = related[article.entry.slug]
    for draft in generator.drafts:
        draft.related_entries = []


def register():
    signals.article_generator_finalized.connect(attach_related)
