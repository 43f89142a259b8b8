"""Feeds, open data, sitemap, structured data and related entries (issue: find and reuse)."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from collaborare.plugins.related import rank_related
from collaborare.site.build import ROOT
from helpers import entry_text

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "http://localhost:8000"


# -- related entries ---------------------------------------------------------------------


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


# -- built site ----------------------------------------------------------------------------


def test_feeds_are_valid_atom_with_stable_ids_and_absolute_links(fixture_site):
    output, result, _pages = fixture_site
    published = result.collection.published
    root = ET.parse(output / "feed/tutto.atom.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(published)
    for item in entries:
        link = item.find(f"{ATOM}link").get("href")
        assert (
            link.startswith(f"{SITE}/")
            and (output / link[len(SITE) + 1 :] / "index.html").is_file()
        )
        assert item.find(f"{ATOM}id").text.startswith("tag:localhost,")
        assert item.find(f"{ATOM}summary").text and item.find(f"{ATOM}content").text
        assert "<" not in item.find(f"{ATOM}title").text
    ids = [item.find(f"{ATOM}id").text for item in entries]
    assert len(set(ids)) == len(ids)
    theme = ET.parse(output / "feed/temi/welfare-culturale.atom.xml").getroot()
    assert {e.find(f"{ATOM}link").get("href") for e in theme.findall(f"{ATOM}entry")} == {
        f"{SITE}/esperienze/genitori-adesso/",
        f"{SITE}/esperienze/biblioteca-guarneriana/",
    }
    region = ET.parse(output / "feed/territori/lombardia.atom.xml").getroot()
    assert len(region.findall(f"{ATOM}entry")) == 2
    assert not (output / "feed/territori/puglia.atom.xml").exists()


def test_feed_updated_comes_from_modified(project):
    project.write("esperienze/rivista.md", entry_text(extra="modified: 2026-03-01\n"), dedent=False)
    result = project.build()
    assert result.ok, result.build_errors
    item = ET.parse(result.output / "feed/tutto.atom.xml").getroot().find(f"{ATOM}entry")
    assert item.find(f"{ATOM}updated").text.startswith("2026-03-01")
    assert item.find(f"{ATOM}published").text.startswith("2026-01-10")


def test_pages_link_their_feeds(fixture_site):
    _output, _result, pages = fixture_site

    def alternates(url):
        return {v for tag, attr, v in pages[url].links if tag == "link" and v.endswith(".atom.xml")}

    assert alternates("/temi/welfare-culturale/") == {
        "../../feed/tutto.atom.xml",
        "../../feed/temi/welfare-culturale.atom.xml",
    }
    assert "../../feed/territori/lombardia.atom.xml" in alternates("/territori/lombardia/")


def test_open_data_json_has_every_entry_with_resolved_territories(fixture_site):
    output, result, _pages = fixture_site
    document = json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in document["entries"]}
    assert set(records) == {e.slug for e in result.collection.published}
    guarneriana = records["biblioteca-guarneriana"]
    assert guarneriana["url"] == f"{SITE}/esperienze/biblioteca-guarneriana/"
    assert guarneriana["territories"] == [
        {
            "level": "comune",
            "label": "San Daniele del Friuli",
            "region": {
                "slug": "friuli-venezia-giulia",
                "name": "Friuli-Venezia Giulia",
                "istat": "06",
            },
            "province": {"slug": "udine", "name": "Udine", "istat": "030", "sigla": "UD"},
            "municipality": {
                "slug": "san-daniele-del-friuli",
                "name": "San Daniele del Friuli",
                "cadastral_code": "H816",
            },
        }
    ]
    assembly = records["assemblea-ragazzi-emilia-romagna"]
    assert assembly["period"] == {"start": "2023-01", "end": "2023-09", "ongoing": False}
    assert set(assembly) == {
        "slug",
        "kind",
        "title",
        "summary",
        "url",
        "date",
        "modified",
        "authors",
        "themes",
        "territories",
        "actor_types",
        "organizations",
        "period",
        "sources",
        "sources_note",
        "image",
        "image_alt",
        "image_credit",
        "related",
        "strumenti",
    }
    assert assembly["strumenti"] == ["cerchio-di-ascolto"]


def test_open_data_carries_the_strumenti_and_the_links_to_them(fixture_site):
    output, _result, _pages = fixture_site
    document = json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in document["entries"]}
    tool = records["cerchio-di-ascolto"]
    assert tool["kind"] == "strumento"
    assert tool["url"] == f"{SITE}/strumenti/cerchio-di-ascolto/"
    assert (tool["territories"], tool["period"], tool["strumenti"]) == ([], None, [])
    assert records["tavolo-poverta-brianza"]["strumenti"] == [
        "cerchio-di-ascolto",
        "mappa-delle-risorse",
    ]
    assert records["coso-catanzaro"]["strumenti"] == []
    raw = (output / "dati/esperienze.csv").read_bytes().decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["mappa-delle-risorse"]["kind"] == "strumento"
    assert rows["tavolo-poverta-brianza"]["strumenti"] == "cerchio-di-ascolto;mappa-delle-risorse"
    schema = json.loads((output / "dati/schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["strumenti"]["items"] == {"$ref": "#/$defs/slug"}
    assert schema["x-required-by-kind"]["strumenti"] == []
    guide = (output / "dati/index.html").read_text(encoding="utf-8")
    assert "<code>strumento</code>" in guide and "<dt><code>strumenti</code></dt>" in guide


def test_open_data_csv_opens_in_a_spreadsheet(fixture_site):
    output, result, _pages = fixture_site
    raw = (output / "dati/esperienze.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(result.collection.published)
    row = next(r for r in rows if r["slug"] == "monzese-poverta-educativa")
    assert row["actor_types"] == "terzo-settore;fondazione"
    # "Name (ruolo); Other (ruolo)", names as data/organizzazioni.yaml writes them.
    entry = next(e for e in result.collection.published if e.slug == "monzese-poverta-educativa")
    assert row["organizations"] == "; ".join(
        f"{o.name} ({o.role.slug})" for o in entry.organizations
    )
    assert [o.slug for o in entry.organizations] == [
        "un-ponte-per",
        "fondazione-comunita-monza-brianza",
    ]
    assert (row["regions"], row["region_istat"], row["province_sigla"], row["areas"]) == (
        "Lombardia",
        "03",
        "MB",
        "Monzese",
    )


def test_open_data_schema_lists_the_vocabularies(fixture_site):
    output, _result, _pages = fixture_site
    schema = json.loads((output / "dati/schema.json").read_text(encoding="utf-8"))
    assert "coesione-sociale" in schema["$defs"]["theme"]["enum"]
    assert "biblioteca" in schema["$defs"]["actorType"]["enum"]


def test_sitemap_lists_every_indexable_page_and_nothing_else(fixture_site):
    output, _result, pages = fixture_site
    root = ET.parse(output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {u.find(f"{ns}loc").text: u.find(f"{ns}lastmod").text for u in root}
    # Pages marked noindex (404, the editors' report) stay out of the sitemap.
    expected = {
        f"{SITE}{url}"
        for url, page in pages.items()
        if 'content="noindex"' not in page.path.read_text(encoding="utf-8")
    }
    assert f"{SITE}/redazione/" not in expected and len(expected) > 40
    assert set(locs) == expected
    assert locs[f"{SITE}/esperienze/genitori-adesso/"] == "2026-11-24"
    assert locs[f"{SITE}/territori/lombardia/"] == "2026-11-22"
    assert (output / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE}/sitemap.xml\n"
    )


def test_entry_pages_carry_json_ld_canonical_and_open_graph(fixture_site):
    output, result, _pages = fixture_site
    html = (output / "esperienze/monzese-poverta-educativa/index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Article"
    entry = next(e for e in result.collection.published if e.slug == "monzese-poverta-educativa")
    assert data["mentions"] == [
        {"@type": "Organization", "name": o.name, **({"url": o.record.url} if o.record.url else {})}
        for o in entry.organizations
    ]
    assert data["spatialCoverage"] == [
        {
            "@type": "Place",
            "name": "Monzese",
            "containedInPlace": {"@type": "AdministrativeArea", "name": "Lombardia"},
        }
    ]
    assert f'<link rel="canonical" href="{SITE}/esperienze/monzese-poverta-educativa/">' in html
    assert '<meta property="og:type" content="article">' in html


def test_404_page_links_work_from_any_depth(fixture_site, project, monkeypatch):
    output, _result, _pages = fixture_site
    html = (output / "404.html").read_text(encoding="utf-8")
    assert 'href="/theme/css/site.css"' in html and 'href="/temi/"' in html
    assert '<meta name="robots" content="noindex">' in html
    monkeypatch.setenv("SITEURL", "https://org.github.io/collaborare")
    project.write("esperienze/una.md", entry_text(), dedent=False)
    published = project.build(settings=ROOT / "publishconf.py")
    html = (published.output / "404.html").read_text(encoding="utf-8")
    assert 'href="/collaborare/temi/"' in html


def test_open_data_and_feeds_are_byte_identical_across_builds(project, tmp_path):
    project.write("esperienze/una.md", entry_text(), dedent=False)
    project.write(
        "esperienze/due.md", entry_text(title="Seconda scheda", date="2026-02-01"), dedent=False
    )
    first = project.build(output=tmp_path / "a")
    second = project.build(output=tmp_path / "b")
    assert first.ok and second.ok
    for name in (
        "dati/esperienze.json",
        "dati/esperienze.csv",
        "feed/tutto.atom.xml",
        "sitemap.xml",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
