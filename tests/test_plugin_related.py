"""Related entries (collaborare/plugins/related): ranking, explicit links, ties, the theme index."""

from types import SimpleNamespace

from collaborare.plugins.related import rank_related


def fake(slug, themes=(), provinces=(), regions=(), actors=(), related=(), day=1, orgs=()):
    import datetime as dt

    entry = SimpleNamespace(
        slug=slug,
        themes=[SimpleNamespace(slug=t, label=t.upper()) for t in themes],
        provinces=[SimpleNamespace(sigla=p, label=p.lower()) for p in provinces],
        regions=[SimpleNamespace(slug=r, label=r.title()) for r in regions],
        organizations=[SimpleNamespace(slug=o, name=o.title()) for o in orgs],
        actor_types=[SimpleNamespace(slug=a, label=a.upper()) for a in actors],
        related=list(related),
        date=dt.date(2026, 1, day),
    )
    return SimpleNamespace(entry=entry)


def reference_likeness(entry, other):
    """The ranking's likeness, spelled out on plain sets (as the plugin's docstring says)."""

    def shared(name, key):
        return {getattr(x, key) for x in getattr(entry, name)} & {
            getattr(x, key) for x in getattr(other, name)
        }

    territory = 2 if shared("provinces", "sigla") else 1 if shared("regions", "slug") else 0
    return (
        len(shared("themes", "slug")),
        territory,
        len(shared("organizations", "slug")),
        len(shared("actor_types", "slug")),
    )


def reference_ranking(articles, article, limit=5):
    """Every other entry compared with this one, sorted: what the index must give."""
    # Explicit links both ways, in the order the links are met going through the entries.
    by_slug = {other.entry.slug: other for other in articles}
    explicit = []
    for other in articles:
        for target in other.entry.related:
            if other is article and by_slug[target] not in explicit:
                explicit.append(by_slug[target])
            if target == article.entry.slug and other not in explicit:
                explicit.append(other)
    alike = sorted(
        (
            other
            for other in articles
            if other is not article
            and other not in explicit
            and any(reference_likeness(article.entry, other.entry))
        ),
        key=lambda o: (
            tuple(-v for v in reference_likeness(article.entry, o.entry)),
            -o.entry.date.toordinal(),
            o.entry.slug,
        ),
    )
    return [*explicit, *alike][:limit]


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


def random_articles(seed, count, explicit=False):
    import random

    rng = random.Random(seed)
    themes, provinces = [f"t{i}" for i in range(9)], ["MB", "MI", "TV", "VE", "RM"]
    region_of = {"MB": "lom", "MI": "lom", "TV": "ven", "VE": "ven", "RM": "laz"}
    articles = []
    for i in range(count):
        chosen = rng.sample(provinces, rng.randint(0, 2))
        # An organisation's actor type is its entry's too (the index relies on it).
        orgs = rng.sample(["o1", "o2", "o3"], rng.randint(0, 2))
        org_actors = [{"o1": "a", "o2": "a", "o3": "c"}[org] for org in orgs]
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
                actors=sorted({*rng.sample("abcd", rng.randint(0, 2)), *org_actors}),
                orgs=orgs,
                # Few days, so many entries tie on likeness and date: the slug decides.
                day=rng.randint(1, 4),
                related=(
                    [f"e{rng.randrange(count):03d}"] if explicit and rng.random() < 0.1 else []
                ),
            )
        )
    for article in articles:  # an entry never links itself (the checker refuses it)
        article.entry.related = [s for s in article.entry.related if s != article.entry.slug]
    return articles


def test_the_theme_index_gives_the_same_ranking_as_comparing_every_pair():
    from collaborare.plugins.related import MAX_SUBSET

    for seed, explicit in ((7, False), (8, True), (9, True)):
        articles = random_articles(seed, 400, explicit)
        assert any(len(a.entry.themes) > MAX_SUBSET for a in articles)
        related = rank_related(articles)
        for article in articles:
            assert related[article.entry.slug] == reference_ranking(articles, article), (
                seed,
                article.entry.slug,
            )
        # The preview ranks only the entries a save changed, by scoring every other one:
        # the same lists as the index gives.
        few = {article.entry.slug for article in articles[::40]}
        assert rank_related(articles, only=few) == {slug: related[slug] for slug in few}
        # Given the profiles attach_related makes once for ranking and reasons: the same.
        from collaborare.plugins.related import _Profile

        profiles = {a.entry.slug: _Profile(a.entry) for a in articles}
        assert rank_related(articles, profiles=profiles) == related


def test_reasons_name_what_is_shared_strongest_first():
    from collaborare.plugins.related import _Profile, reasons

    a = fake("a", themes=["t1", "t2"], provinces=["MB"], regions=["lom"], orgs=["o1"], actors=["x"])
    b = fake(
        "b", themes=["t2", "t1"], provinces=["MI"], regions=["lom"], orgs=["o1"], related=["a"]
    )
    c = fake("c", actors=["x", "y"], regions=["ven"])
    expected = [
        "collegamento indicato nella scheda",
        "stessi temi (T1, T2)",
        "stessa regione (Lom)",
        "stessa organizzazione (O1)",
    ]
    assert reasons(a.entry, b.entry) == expected
    assert reasons(a.entry, c.entry) == ["stesso tipo di soggetto (X)"]
    assert reasons(b.entry, c.entry) == []
    profiles = {x.entry.slug: _Profile(x.entry) for x in (a, b, c)}
    assert reasons(a.entry, b.entry, profiles) == expected


def test_ties_are_broken_by_date_then_slug_and_at_most_five():
    articles = [fake("a", themes=["t"])] + [
        fake(f"e{i}", themes=["t"], day=1 + i % 3) for i in range(8)
    ]
    related = rank_related(articles)
    assert slugs(related, "a") == ["e2", "e5", "e1", "e4", "e7"]
    assert slugs(rank_related(list(reversed(articles))), "a") == slugs(related, "a")


def test_an_entrys_reasons_are_worked_out_when_first_asked_and_match_reasons():
    import collaborare.plugins.related as related_plugin
    from collaborare.plugins.related import Reasons, _Profile, reasons

    a = fake("a", themes=["t1"], regions=["lom"], actors=["x"])
    b = fake("b", themes=["t1"], regions=["lom"])
    c = fake("c", actors=["x"])
    profiles = {x.entry.slug: _Profile(x.entry) for x in (a, b, c)}
    calls = []

    def counted(*args):
        calls.append(args)
        return reasons(*args)

    lazy = Reasons(a.entry, [b, c], profiles)
    assert len(lazy) == 2 and bool(lazy)
    assert not Reasons(a.entry, [], profiles)
    original = related_plugin.reasons
    related_plugin.reasons = counted
    try:
        assert calls == []  # nothing worked out before a page asks
        assert list(lazy) == [reasons(a.entry, b.entry), reasons(a.entry, c.entry)]
        assert lazy[1] == ["stesso tipo di soggetto (X)"]
    finally:
        related_plugin.reasons = original
    assert len(calls) == 2  # once for all, then kept
