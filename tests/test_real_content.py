"""The real collection in content/: it checks, builds and hangs together, and stays so when a
contributor adds correct entries anywhere (new region, province, theme, actor type, kind).

Nothing here counts what content/ holds today: every expectation is derived from the
collection the build read, so a correct new entry never turns these tests red. The site's
behaviour is tested on the fixture collection (tests/fixtures/collection) elsewhere.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from collaborare.site.build import ROOT, check
from collaborare.site.linkcheck import check_links
from helpers import ATOM, Project

# Correct entries a contributor could add, each somewhere the collection has nothing yet.
NEW_ENTRIES = {
    "esperienze/orto-condiviso-a-bari.md": """\
        ---
        title: Un orto condiviso a Bari
        summary: Un gruppo di cittadini cura un orto condiviso insieme al Comune e a una scuola.
        date: 2026-11-30
        tags:
          - co-progettazione
        territories:
          - comune: Bari
        actors:
          - gruppo-informale
          - parco
        period:
          start: 2025-03
          ongoing: true
        sources:
          - url: https://fonte.example/orto-bari
            title: La pagina del progetto
            publisher: Il progetto
          - url: https://altra.example/orto-bari
            title: Un articolo sul progetto
            publisher: Un giornale
            date: 2025-04
        strumenti:
          - strumento-di-prova-nuovo
        ---

        ## Che cosa

        Un orto condiviso in un quartiere.
        """,
    "strumenti/strumento-di-prova-nuovo.md": """\
        ---
        title: Uno strumento di prova
        summary: Un metodo per far lavorare insieme persone e organizzazioni diverse.
        date: 2026-11-30
        tags:
          - facilitazione
        sources:
          - url: https://fonte.example/strumento
            title: La descrizione del metodo
            publisher: Chi lo propone
        ---

        ## Che cos'è

        Un metodo di prova.

        ## Come si conduce

        1. Si apre l'incontro.
        2. Si chiude l'incontro.
        """,
    "esperienze/biblioteca-di-comunita-in-sardegna.md": """\
        ---
        title: Una biblioteca di comunità in Sardegna
        summary: Una biblioteca di comunità nata dalla collaborazione tra associazioni e Comune.
        date: 2026-11-29
        tags:
          - welfare-culturale
        territories:
          - provincia: Nuoro
          - area: Barbagia
            provincia: Nuoro
        actors:
          - biblioteca
        period:
          start: 2024
        sources:
          - url: https://fonte.example/biblioteca
            title: La biblioteca
            publisher: La biblioteca
          - url: https://altra.example/biblioteca
            title: Un articolo
            publisher: Un giornale
        ---

        ## Che cosa

        Una biblioteca di comunità.

        ## Chi

        Associazioni e Comune.
        """,
    "riflessioni/perche-co-progettare.md": """\
        ---
        title: Perché co-progettare
        summary: Una riflessione sulle ragioni della co-progettazione tra enti pubblici e Terzo settore.
        date: 2026-11-28
        tags:
          - co-progettazione
          - lavoro-di-rete
        sources:
          - url: https://fonte.example/co-progettare
            title: Un saggio sulla co-progettazione
            publisher: Una rivista
        related:
          - orto-condiviso-a-bari
        ---

        ## Le ragioni

        Testo della riflessione.

        ## I limiti

        Altro testo.
        """,
    "esperienze/una-bozza-a-trento.md": """\
        ---
        title: Una bozza a Trento
        summary: Una scheda ancora in lavorazione, in una provincia autonoma.
        date: 2026-11-27
        tags:
          - accessibilita
        territories:
          - comune: Trento
        actors:
          - distretto-commercio
        status: draft
        ---

        Testo in lavorazione.
        """,
}


@pytest.fixture(scope="module", params=["content", "content with new entries"])
def real_build(request, tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("content"), content=ROOT / "content")
    if request.param == "content with new entries":
        for name, text in NEW_ENTRIES.items():
            project.write(name, text)
    collection = check(project.root)
    assert [str(p) for p in collection.problems] == []
    result = project.build()
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result


def test_the_real_content_passes_the_check():
    assert [str(p) for p in check(ROOT).problems] == []


def test_every_entry_and_page_has_its_page(real_build):
    output, collection = real_build.output, real_build.collection
    for item in collection.published:
        assert (output / item.url / "index.html").is_file(), item.source
    for page in collection.pages:
        assert (output / page.slug / "index.html").is_file(), page.source
    for draft in collection.drafts:
        assert (output / "bozze" / draft.slug / "index.html").is_file()
        assert not (output / draft.url).exists()


def test_every_internal_link_resolves(real_build):
    report = check_links(real_build.output)
    assert report.broken == []
    assert report.internal > 0


def test_every_place_theme_and_actor_type_has_its_page(real_build):
    output = real_build.output
    for entry in real_build.collection.published:
        for theme in entry.themes:
            assert (output / "temi" / theme.slug / "index.html").is_file()
        for actor in entry.actor_types:
            assert (output / "soggetti" / actor.slug / "index.html").is_file()
        for place in entry.places:
            for _label, url in place.chain:
                assert (output / url / "index.html").is_file(), (entry.slug, url)


def test_feeds_and_open_data_carry_every_published_entry(real_build):
    output, published = real_build.output, real_build.collection.published
    feed = ET.parse(output / "feed" / "tutto.atom.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == min(len(published), 40)
    for path in (output / "feed").rglob("*.xml"):
        ET.parse(path)  # every feed is well-formed XML
    data = json.loads((output / "dati" / "esperienze.json").read_text(encoding="utf-8"))
    assert sorted(e["slug"] for e in data["entries"]) == sorted(e.slug for e in published)
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for entry in published:
        assert f"/{entry.url}</loc>" in sitemap


def test_strumenti_and_the_entries_using_them_link_each_other(real_build):
    output, published = real_build.output, real_build.collection.published
    strumenti = {e.slug: e for e in published if e.kind == "strumento"}
    for entry in published:
        page = (output / entry.url / "index.html").read_text(encoding="utf-8")
        for slug in entry.strumenti:
            assert f"strumenti/{slug}/" in page, (entry.slug, slug)
            tool = (output / strumenti[slug].url / "index.html").read_text(encoding="utf-8")
            assert f"{entry.folder}/{entry.slug}/" in tool, (slug, entry.slug)
    if strumenti:
        index = "".join(
            path.read_text(encoding="utf-8")  # every page of the listing
            for path in (output / "strumenti").glob("**/index.html")
            if path.parent.name.isdigit() or path.parent.name == "strumenti"
        )
        assert all(f"strumenti/{slug}/" in index for slug in strumenti)
