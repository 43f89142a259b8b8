"""Organisations and roles, sources, key facts and citation, on a fixture collection."""

import re
import xml.etree.ElementTree as ET

import pytest

from helpers import Project, entry_text, links_of, site_pages

ATOM = "{http://www.w3.org/2005/Atom}"
ORGS = """organizations:
  - org: coop-prova
    role: capofila
  - org: fondazione-prova
    role: finanziatore
"""
SOURCES_AB = """sources:
  - url: https://fonte.example/articolo
    title: Un articolo sul progetto
    publisher: Giornale di prova
    date: 2024-01
  - url: https://fonte.example/pagina
    title: La pagina del progetto
    publisher: Cooperativa Prova
"""


@pytest.fixture(scope="module")
def org_site(tmp_path_factory):
    """Two organisations with entries in different roles, a reflection, and a draft."""
    project = Project(tmp_path_factory.mktemp("orgs"))
    project.add_organization("coop-prova", "Cooperativa Prova", "impresa-sociale",
                             url="https://coop.example/", aliases=["Coop Prova"])
    project.add_organization("fondazione-prova", "Fondazione Prova", "fondazione")
    project.add_organization("ente-bozza", "Ente Bozza", "terzo-settore")
    project.write("esperienze/alfa.md", entry_text(
        title="Alfa", date="2026-03-01", sources="",
        extra=ORGS + SOURCES_AB + "period:\n  start: 2023-01\n  ongoing: true\n"), dedent=False)
    project.write("esperienze/beta.md", entry_text(
        title="Beta", date="2026-02-01", territories=("comune: Lamezia Terme",),
        extra="organizations:\n  - org: coop-prova\n    role: partner\n"
              "period:\n  start: 2021\n  end: 2022\n"), dedent=False)
    project.write("esperienze/gamma.md", entry_text(
        title="Gamma", date="2026-01-01", territories=("comune: Milano",),
        tags=("welfare-culturale",), extra="period:\n  start: 2020\n"), dedent=False)
    project.write("riflessioni/delta.md", entry_text(
        title="Delta", date="2026-04-01", territories=(), sources="",
        extra="sources:\n  - url: https://fonte.example/saggio\n    title: Un saggio\n"
              "    publisher: Rivista di prova\n"
              "organizations:\n  - org: coop-prova\n    role: promotore\n"
        ).replace("territories:\n", ""), dedent=False)
    project.write("esperienze/bozza.md", entry_text(
        title="Bozza", extra="status: draft\norganizations:\n  - org: ente-bozza\n    role: rete\n",
        sources=""), dedent=False)
    result = project.build(REPOSITORY_URL="https://github.com/esempio/collaborare")
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result.output, site_pages(result.output)


def test_the_index_lists_organisations_with_published_entries_by_actor_type(org_site):
    output, pages = org_site
    index = pages["/organizzazioni/"]
    text = " ".join(index.text.split())
    assert "Cooperativa Prova · 3 schede" in text and "Fondazione Prova · 1 scheda" in text
    assert "Ente Bozza" not in text  # named by a draft only
    assert links_of(index, "/organizzazioni/") == {
        "/organizzazioni/", "/organizzazioni/coop-prova/", "/organizzazioni/fondazione-prova/"}
    # Grouped by actor type, in the vocabulary's order.
    html = index.path.read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="tipo-([a-z-]+)">', html) == ["impresa-sociale", "fondazione"]
    assert html.index("tipo-impresa-sociale") < html.index("Cooperativa Prova") < html.index(
        'id="tipo-fondazione"') < html.index("Fondazione Prova")
    assert not (output / "organizzazioni/ente-bozza").exists()


def test_an_organisation_page_lists_its_entries_by_role(org_site):
    output, pages = org_site
    page = pages["/organizzazioni/coop-prova/"]
    html = page.path.read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="ruolo-([a-z]+)">([^<]+)</h2>', html)
    assert headings == [("promotore", "Promotore"), ("capofila", "Capofila"), ("partner", "Partner")]
    sections = dict(zip([h[0] for h in headings], re.split(r'<h2 id="ruolo-', html)[1:]))
    assert "/riflessioni/delta/" in sections["promotore"] and "alfa" not in sections["promotore"]
    assert "/esperienze/alfa/" in sections["capofila"] and "beta" not in sections["capofila"]
    assert "/esperienze/beta/" in sections["partner"]
    assert "/soggetti/impresa-sociale/" in links_of(page)
    assert '<a href="https://coop.example/" rel="noopener external">' in html
    other = pages["/organizzazioni/fondazione-prova/"]
    assert "<dt>Sito web</dt><dd>non indicato</dd>" in other.path.read_text(encoding="utf-8")


def test_each_organisation_has_a_valid_feed_linked_from_its_page(org_site):
    output, pages = org_site
    feed = output / "feed/organizzazioni/coop-prova.atom.xml"
    root = ET.parse(feed).getroot()
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == [
        "Delta", "Alfa", "Beta"]
    html = pages["/organizzazioni/coop-prova/"].path.read_text(encoding="utf-8")
    assert 'href="../../feed/organizzazioni/coop-prova.atom.xml"' in html
    assert not (output / "feed/organizzazioni/ente-bozza.atom.xml").exists()


def test_organisation_pages_are_in_the_sitemap_and_the_navigation(org_site):
    output, pages = org_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("organizzazioni/", "organizzazioni/coop-prova/", "organizzazioni/fondazione-prova/"):
        assert f"<loc>http://localhost:8000/{path}</loc>" in sitemap
    assert "/organizzazioni/" in links_of(pages["/"])
