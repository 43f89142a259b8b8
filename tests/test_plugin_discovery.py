"""Discovery (collaborare/plugins/discovery): sitemap, robots.txt, JSON-LD, canonical, Open Graph, 404 page."""

import json
import xml.etree.ElementTree as ET

from collaborare.site.build import ROOT
from helpers import SITE, entry_text


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


def test_the_sitemap_takes_each_pages_line_from_the_writer_that_wrote_it(tmp_path, monkeypatch):
    """The writers note each page's line as they write it (Runtime.page_noter), the forked
    ones too; the sitemap reads no page back, and is the one reading them back makes."""
    import collaborare.plugins.discovery as discovery
    from collaborare.core.forking import can_fork
    from collaborare.site.incremental.writer import ParallelWriter
    from helpers import Project

    read_back, forked = [], []
    read_line = discovery._sitemap_line
    fork_writer = ParallelWriter._fork_writer
    monkeypatch.setattr(
        discovery, "_sitemap_line", lambda *args: read_back.append(args) or read_line(*args)
    )
    monkeypatch.setattr(
        ParallelWriter, "_fork_writer", lambda *args: forked.append(1) or fork_writer(*args)
    )
    project = Project(tmp_path, with_collection=True)
    result = project.build(BUILD_WORKERS=2)
    assert result.ok, result.build_errors
    assert read_back == []
    assert forked or not can_fork()
    output = result.output
    lines = [
        read_line(str(path), path.relative_to(output).as_posix(), SITE)
        for path in sorted(output.rglob("*.html"), key=lambda p: p.relative_to(output).as_posix())
    ]
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8").splitlines()
    assert sitemap[2:-1] == [line for line in lines if line]
