"""Atom feeds (collaborare/plugins/feeds): valid, stable ids, absolute links, linked from pages."""

import xml.etree.ElementTree as ET

from helpers import ATOM, SITE, entry_text


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
