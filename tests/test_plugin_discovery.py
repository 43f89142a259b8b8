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
