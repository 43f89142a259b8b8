"""Related entries (collaborare/plugins/related): ranking, explicit links, ties, the theme index."""

from types import SimpleNamespace

from collaborare.plugins.related import rank_related


def fake(slug, themes=(), provinces=(), regions=(), actors=(), related=(), day=1):
    import datetime as dt

    entry = SimpleNamespace(
        slug=slug,
        themes=[SimpleNamespace(slug=t) for t in themes],
        provinces=[SimpleNamespace(sigla=p) for p in provinces],
        regions=[SimpleNamespace(slug=r) for r in regions],
        actor_types=[SimpleNamespace(slug=a) for a in actors],
        related=list(related),
        date=dt.date(2026, 1, day),
    )
    return SimpleNamespace(entry=entry)


def slugs(related, slug):
    return [a.entry.slug for a in related[slug]]


def test_ranking_prefers_shared_themes_then_province_then_region_then_actors():
    articles = [
        fake("a", themes=["t1", "t2"], provinces=["MB"], regions=["lom"], actors=["x"]),
        fake("same-region", themes=["t1"], regions=["lom"]),
        fake("same-province", themes=["t1"], provinces=["MB"], regions=["lom"]),
        fake("two-themes", themes=["t1", "t2"]),
        fake("actor-only", actors=["x"]),
        fake("nothing-shared", themes=["t9"]),
        fake("same-province-actor", themes=["t1"], provinces=["MB"], regions=["lom"], actors=["x"]),
    ]
    assert slugs(rank_related(articles), "a") == [
        "two-themes",
        "same-province-actor",
        "same-province",
        "same-region",
        "actor-only",
    ]


def test_explicit_links_come_first_and_are_two_way():
    articles = [
        fake("a", themes=["t1"]),
        fake("b", themes=["t1"]),
        fake("reflection", related=["a"]),
    ]
    related = rank_related(articles)
    assert slugs(related, "a") == ["reflection", "b"]
    assert slugs(related, "reflection") == ["a"]


def test_the_theme_index_gives_the_same_ranking_as_comparing_every_pair():
    import random

    from collaborare.plugins.related import MAX_SUBSET, _likeness, _Profile

    rng = random.Random(7)
    themes, provinces = [f"t{i}" for i in range(9)], ["MB", "MI", "TV", "VE", "RM"]
    region_of = {"MB": "lom", "MI": "lom", "TV": "ven", "VE": "ven", "RM": "laz"}
    articles = []
    for i in range(400):
        chosen = rng.sample(provinces, rng.randint(0, 2))
        regions = {region_of[p] for p in chosen} | set(
            rng.sample(["lom", "ven", "laz", "pie"], rng.randint(0, 1))
        )
        # Up to seven themes, so entries above MAX_SUBSET take the capped path too.
        articles.append(
            fake(
                f"e{i:03d}",
                themes=rng.sample(themes, rng.randint(0, 7)),
                provinces=chosen,
                regions=sorted(regions),
                actors=rng.sample("abcd", rng.randint(0, 2)),
                day=rng.randint(1, 28),
            )
        )
    assert any(len(a.entry.themes) > MAX_SUBSET for a in articles)
    related = rank_related(articles)
    for article in articles:
        me = _Profile(article.entry)
        brute = sorted(
            (
                other
                for other in articles
                if other is not article and any(_likeness(me, _Profile(other.entry)))
            ),
            key=lambda o: (
                tuple(-v for v in _likeness(me, _Profile(o.entry))),
                -o.entry.date.toordinal(),
                o.entry.slug,
            ),
        )[:5]
        assert related[article.entry.slug] == brute, article.entry.slug
    # The preview ranks only the entries a save changed, by scoring every other one: the
    # same lists as the index gives.
    few = {article.entry.slug for article in articles[::40]}
    assert rank_related(articles, only=few) == {slug: related[slug] for slug in few}


def test_ties_are_broken_by_date_then_slug_and_at_most_five():
    articles = [fake("a", themes=["t"])] + [
        fake(f"e{i}", themes=["t"], day=1 + i % 3) for i in range(8)
    ]
    related = rank_related(articles)
    assert slugs(related, "a") == ["e2", "e5", "e1", "e4", "e7"]
    assert slugs(rank_related(list(reversed(articles))), "a") == slugs(related, "a")
