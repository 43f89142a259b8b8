"""Strumenti (issue 19) on the fixture site: two-way links, index, feed, search, JSON-LD.

The fixture collection has two strumenti: cerchio-di-ascolto, used by an experience in
Lombardia and one in Emilia-Romagna, and mappa-delle-risorse, used by the first only.
"""

import json
import re
import xml.etree.ElementTree as ET

from helpers import ATOM, Project, entry_text, links_of

TOOL = "/strumenti/cerchio-di-ascolto/"
MAP = "/strumenti/mappa-delle-risorse/"
BRIANZA = "/esperienze/tavolo-poverta-brianza/"
ASSEMBLY = "/esperienze/assemblea-ragazzi-emilia-romagna/"


def html(output, url):
    return (output / url.strip("/") / "index.html").read_text(encoding="utf-8")


def section(text, heading_id):
    """The <section> labelled by ``heading_id``, or '' if the page has none."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', text, re.S)
    return match.group(0) if match else ""


def flat(text):
    return " ".join(
        re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").replace("&#8217;", "'").split()
    )


def test_an_experience_lists_its_strumenti_with_their_summary(fixture_site):
    output, _result, pages = fixture_site
    used = section(html(output, BRIANZA), "strumenti-usati")
    assert '<h2 id="strumenti-usati">Strumenti usati</h2>' in used
    assert {"/strumenti/cerchio-di-ascolto/", "/strumenti/mappa-delle-risorse/"} <= links_of(
        pages[BRIANZA], "/strumenti/"
    )
    assert "Cerchio di ascolto : Un incontro in cerchio in cui ciascuno parla a turno" in flat(used)
    assert section(html(output, "/esperienze/coso-catanzaro/"), "strumenti-usati") == ""


def test_a_strumento_lists_the_experiences_using_it_by_region_with_counts(fixture_site):
    output, _result, _pages = fixture_site
    used = flat(section(html(output, TOOL), "dove-usato"))
    assert used.startswith("Dove è stato usato 2 schede della collezione indicano di averlo usato")
    # Regions in alphabetical order, each with its count and its entries.
    assert re.search(
        r"Emilia-Romagna \(1 scheda\) L'Assemblea dei ragazzi .*"
        r"Lombardia \(1 scheda\) Un tavolo provinciale in Brianza",
        used,
    ), used
    assert ASSEMBLY.strip("/") in html(output, TOOL) and BRIANZA.strip("/") in html(output, TOOL)
    other = flat(section(html(output, MAP), "dove-usato"))
    assert "1 scheda della collezione indica di averlo usato" in other
    assert "Lombardia (1 scheda) Un tavolo provinciale in Brianza" in other
    assert "Emilia-Romagna" not in other


def test_the_strumenti_index_lists_each_with_its_summary_and_feed(fixture_site):
    output, _result, pages = fixture_site
    index = html(output, "/strumenti/")
    assert "<h1>Strumenti</h1>" in index
    assert links_of(pages["/strumenti/"], "/strumenti/") >= {TOOL, MAP}
    assert "Un lavoro di gruppo in cui i partecipanti disegnano insieme" in flat(index)
    assert 'href="../feed/strumenti.atom.xml"' in index
    assert "Segui i nuovi strumenti" in index
    # The main navigation links it, marked as current there.
    assert re.search(r'<a href="\.\./strumenti/" aria-current="page">Strumenti</a>', index)
    assert '<a href="../strumenti/">Strumenti</a>' in html(output, "/temi/")


def test_the_strumenti_feed_is_valid_atom_with_both(fixture_site):
    output, _result, _pages = fixture_site
    root = ET.parse(output / "feed" / "strumenti.atom.xml").getroot()
    titles = sorted(
        entry.find(f"{ATOM}title").text.replace("\xa0", " ") for entry in root.iter(f"{ATOM}entry")
    )
    assert titles == ["Cerchio di ascolto", "Mappa delle risorse del territorio"]
    everything = ET.parse(output / "feed" / "tutto.atom.xml").getroot()
    assert len(list(everything.iter(f"{ATOM}entry"))) == 9


def test_search_filters_cover_strumenti(fixture_site):
    output, _result, _pages = fixture_site
    brianza = html(output, BRIANZA)
    assert re.findall(r'data-pagefind-filter="strumento">([^<]*)<', brianza) == [
        "Cerchio di ascolto",
        "Mappa delle risorse del territorio",
    ]
    assert 'data-pagefind-filter="strumento"' not in html(output, "/esperienze/coso-catanzaro/")
    tool = html(output, TOOL)
    assert '<span data-pagefind-filter="tipo">Strumento</span>' in tool
    assert "data-pagefind-body" in tool
    # search.js takes its filters from the page's data block (collaborare/core/facets.py)
    block = re.search(r'id="search-settings">(.*?)</script>', html(output, "/cerca/"))
    assert ["strumento", "Strumento usato"] in json.loads(block.group(1))["filters"]
    assert (output / "pagefind").is_dir()


def test_a_strumento_is_described_in_json_ld_and_listed_in_the_sitemap(fixture_site):
    output, _result, _pages = fixture_site
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html(output, TOOL))
    data = next(json.loads(block) for block in blocks if '"BreadcrumbList"' not in block)
    assert data["@type"] == "CreativeWork"  # its «Come si conduce» numbers no steps
    assert data["name"].replace("\xa0", " ") == "Cerchio di ascolto"
    assert "step" not in data and "spatialCoverage" not in data
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/strumenti/cerchio-di-ascolto/</loc>" in sitemap and "/strumenti/</loc>" in sitemap


def test_numbered_steps_make_a_howto():
    from collaborare.plugins.discovery import strumento_steps

    content = (
        "<h2>Che cos'è</h2><ol><li>non questo</li></ol><h2>Come si conduce</h2>"
        "<p>Così:</p><ol><li>Si apre il <em>cerchio</em>.</li><li>Si chiude.</li></ol>"
        "<h2>Limiti</h2><ol><li>no</li></ol>"
    )
    assert strumento_steps(content) == ["Si apre il cerchio.", "Si chiude."]
    assert strumento_steps("<h2>Come si conduce</h2><ul><li>a</li></ul>") == []


def test_a_site_without_strumenti_builds_without_the_nav_link(tmp_path):
    project = Project(tmp_path)  # content/strumenti/ does not exist
    project.write("esperienze/una.md", entry_text(), dedent=False)
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    home = (result.output / "index.html").read_text(encoding="utf-8")
    assert ">Strumenti</a>" not in home
    assert not (result.output / "strumenti").exists()
    assert not (result.output / "feed" / "strumenti.atom.xml").exists()
