"""Organisations and roles, sources, key facts and citation, on a fixture collection."""

import re
import xml.etree.ElementTree as ET

import pytest

from helpers import ATOM, Project, entry_text, links_of, site_pages

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
    project.add_organization(
        "coop-prova",
        "Cooperativa Prova",
        "impresa-sociale",
        url="https://coop.example/",
        aliases=["Coop Prova"],
    )
    project.add_organization("fondazione-prova", "Fondazione Prova", "fondazione")
    project.add_organization("ente-bozza", "Ente Bozza", "terzo-settore")
    project.write(
        "esperienze/alfa.md",
        entry_text(
            title="Alfa",
            date="2026-03-01",
            sources="",
            extra=ORGS + SOURCES_AB + "period:\n  start: 2023-01\n  ongoing: true\n",
        ),
        dedent=False,
    )
    project.write(
        "esperienze/beta.md",
        entry_text(
            title="Beta",
            date="2026-02-01",
            territories=("comune: Lamezia Terme",),
            extra="organizations:\n  - org: coop-prova\n    role: partner\n"
            "period:\n  start: 2021\n  end: 2022\n",
        ),
        dedent=False,
    )
    project.write(
        "esperienze/gamma.md",
        entry_text(
            title="Gamma",
            date="2026-01-01",
            territories=("comune: Milano",),
            tags=("welfare-culturale",),
            extra="period:\n  start: 2020\nrelated:\n  - alfa\n",
        ),
        dedent=False,
    )
    project.write(
        "riflessioni/delta.md",
        entry_text(
            title="Delta",
            date="2026-04-01",
            territories=(),
            sources="",
            extra="sources:\n  - url: https://fonte.example/saggio\n    title: Un saggio\n"
            "    publisher: Rivista di prova\n"
            "organizations:\n  - org: coop-prova\n    role: promotore\n",
        ).replace("territories:\n", ""),
        dedent=False,
    )
    project.write(
        "esperienze/bozza.md",
        entry_text(
            title="Bozza",
            extra="status: draft\norganizations:\n  - org: ente-bozza\n    role: rete\n",
            sources="",
        ),
        dedent=False,
    )
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
        "/organizzazioni/",
        "/organizzazioni/coop-prova/",
        "/organizzazioni/fondazione-prova/",
    }
    # Grouped by actor type, in the vocabulary's order.
    html = index.path.read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="tipo-([a-z-]+)">', html) == ["impresa-sociale", "fondazione"]
    assert (
        html.index("tipo-impresa-sociale")
        < html.index("Cooperativa Prova")
        < html.index('id="tipo-fondazione"')
        < html.index("Fondazione Prova")
    )
    assert not (output / "organizzazioni/ente-bozza").exists()


def test_an_organisation_page_lists_its_entries_by_role(org_site):
    _output, pages = org_site
    page = pages["/organizzazioni/coop-prova/"]
    html = page.path.read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="ruolo-([a-z]+)">([^<]+)</h2>', html)
    assert headings == [
        ("promotore", "Promotore"),
        ("capofila", "Capofila"),
        ("partner", "Partner"),
    ]
    sections = dict(
        zip([h[0] for h in headings], re.split(r'<h2 id="ruolo-', html)[1:], strict=False)
    )
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
        "Delta",
        "Alfa",
        "Beta",
    ]
    html = pages["/organizzazioni/coop-prova/"].path.read_text(encoding="utf-8")
    assert 'href="../../feed/organizzazioni/coop-prova.atom.xml"' in html
    assert not (output / "feed/organizzazioni/ente-bozza.atom.xml").exists()


def test_organisation_pages_are_in_the_sitemap_and_the_navigation(org_site):
    output, pages = org_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for path in (
        "organizzazioni/",
        "organizzazioni/coop-prova/",
        "organizzazioni/fondazione-prova/",
    ):
        assert f"<loc>http://localhost:8000/{path}</loc>" in sitemap
    assert "/organizzazioni/" in links_of(pages["/"])


def test_an_entry_page_shows_key_facts_right_under_the_lead(org_site):
    output, pages = org_site
    html = pages["/esperienze/alfa/"].path.read_text(encoding="utf-8")
    lead = html.index('<p class="lead">')
    facts = html[lead : html.index("</header>", lead)]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", facts)).split("Dove", 1)[1].split() == [
        "Catanzaro",
        "Quando",
        "da",
        "gennaio",
        "2023,",
        "in",
        "corso",
        "Chi",
        "Cooperativa",
        "Prova",
        "(capofila)",
        "Fondazione",
        "Prova",
        "(finanziatore)",
        "Stato",
        "in",
        "corso",
    ]
    assert '<a href="../../organizzazioni/coop-prova/">Cooperativa Prova</a>' in facts
    beta = pages["/esperienze/beta/"].path.read_text(encoding="utf-8")
    assert "<dt>Stato</dt><dd>concluso</dd>" in beta
    gamma = pages["/esperienze/gamma/"].path.read_text(encoding="utf-8")
    assert "<dt>Chi</dt><dd>non indicato</dd>" in gamma
    assert "<dt>Stato</dt><dd>non indicato</dd>" in gamma  # a start only: not said whether it ended
    draft = (output / "bozze/bozza/index.html").read_text(encoding="utf-8")
    assert "<dt>Quando</dt><dd>periodo non indicato dalle fonti</dd>" in draft
    # A draft's organisation has no page: its name is not a link.
    assert "<li>Ente Bozza <span" in draft and "organizzazioni/ente-bozza" not in draft


def test_an_entry_page_lists_its_sources_and_says_how_to_correct_and_cite_it(org_site):
    _output, pages = org_site
    html = pages["/esperienze/alfa/"].path.read_text(encoding="utf-8")
    assert (
        '<li><a href="https://fonte.example/articolo" rel="noopener external">Un articolo sul '
        'progetto</a>, Giornale di prova, <time datetime="2024-01">gennaio 2024</time></li>'
    ) in html
    assert (
        '<a href="https://fonte.example/pagina" rel="noopener external">La pagina del '
        "progetto</a>, Cooperativa Prova, data non indicata</li>"
    ) in html
    assert "riassume con parole nostre le fonti elencate qui sotto" in html
    assert (
        'href="https://github.com/esempio/collaborare/issues/new?template=correzione.yml&amp;'
        'scheda=http%3A%2F%2Flocalhost%3A8000%2Fesperienze%2Falfa%2F"'
    ) in html
    assert (
        '<p class="citation">Redazione di Collaborare e partecipare, «Alfa», Collaborare e '
        'partecipare, 1 marzo 2026, <a href="http://localhost:8000/esperienze/alfa/">'
        "http://localhost:8000/esperienze/alfa/</a></p>"
    ) in html


def test_related_entries_say_why_they_are_related(org_site):
    _output, pages = org_site
    html = pages["/esperienze/alfa/"].path.read_text(encoding="utf-8")
    why = re.findall(
        r'<h3 class="card__title"><a href="../../(\w+/\w+)/">.*?Collegata per: ([^<]+)</p>',
        html,
        re.S,
    )
    assert why == [
        ("esperienze/gamma", "collegamento indicato nella scheda"),  # shares nothing else
        (
            "esperienze/beta",
            "stesso tema (Coesione sociale); stessa provincia (Catanzaro); "
            "stessa organizzazione (Cooperativa Prova)",
        ),
        (
            "riflessioni/delta",
            "stesso tema (Coesione sociale); stessa organizzazione (Cooperativa Prova)",
        ),
    ]


def test_the_correction_form_asks_for_the_entry_address():
    import yaml

    from collaborare.site.build import ROOT

    form = yaml.safe_load(
        (ROOT / ".github/ISSUE_TEMPLATE/correzione.yml").read_text(encoding="utf-8")
    )
    ids = [item.get("id") for item in form["body"]]
    assert "scheda" in ids and form["name"] == "Segnala una correzione"


def test_repository_url_comes_from_github_repository_when_set(monkeypatch):
    import runpy

    from collaborare.site.build import ROOT

    monkeypatch.setenv("GITHUB_REPOSITORY", "ente/collezione")
    assert (
        runpy.run_path(str(ROOT / "pelicanconf.py"))["REPOSITORY_URL"]
        == "https://github.com/ente/collezione"
    )
    monkeypatch.delenv("GITHUB_REPOSITORY")
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    assert settings["REPOSITORY_URL"] == settings["DEFAULT_REPOSITORY_URL"]


def test_open_data_carries_organisations_with_roles_and_sources(org_site):
    import csv
    import io
    import json

    output, _pages = org_site
    records = {
        r["slug"]: r
        for r in json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))[
            "entries"
        ]
    }
    alfa = records["alfa"]
    assert alfa["organizations"] == [
        {
            "slug": "coop-prova",
            "name": "Cooperativa Prova",
            "role": "capofila",
            "role_label": "Capofila",
            "actor_type": "impresa-sociale",
            "url": "https://coop.example/",
        },
        {
            "slug": "fondazione-prova",
            "name": "Fondazione Prova",
            "role": "finanziatore",
            "role_label": "Finanziatore",
            "actor_type": "fondazione",
            "url": None,
        },
    ]
    assert alfa["sources"] == [
        {
            "url": "https://fonte.example/articolo",
            "title": "Un articolo sul progetto",
            "publisher": "Giornale di prova",
            "date": "2024-01",
        },
        {
            "url": "https://fonte.example/pagina",
            "title": "La pagina del progetto",
            "publisher": "Cooperativa Prova",
            "date": None,
        },
    ]
    assert alfa["sources_note"] is None
    raw = (output / "dati/esperienze.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(raw, newline="")) if r["slug"] == "alfa")
    assert row["organizations"] == "Cooperativa Prova (capofila); Fondazione Prova (finanziatore)"
    assert row["sources"] == (
        "Un articolo sul progetto — https://fonte.example/articolo; "
        "La pagina del progetto — https://fonte.example/pagina"
    )
    orgs = json.loads((output / "dati/organizzazioni.json").read_text(encoding="utf-8"))
    coop = orgs["organizations"][0]
    assert [o["slug"] for o in orgs["organizations"]] == ["coop-prova", "fondazione-prova"]
    assert coop == {
        "slug": "coop-prova",
        "name": "Cooperativa Prova",
        "type": {"slug": "impresa-sociale", "label": "Imprese sociali"},
        "url": "https://coop.example/",
        "aliases": ["Coop Prova"],
        "page": "http://localhost:8000/organizzazioni/coop-prova/",
        "entries": [
            {
                "slug": "delta",
                "url": "http://localhost:8000/riflessioni/delta/",
                "role": "promotore",
            },
            {"slug": "alfa", "url": "http://localhost:8000/esperienze/alfa/", "role": "capofila"},
            {"slug": "beta", "url": "http://localhost:8000/esperienze/beta/", "role": "partner"},
        ],
    }
    schema = json.loads((output / "dati/schema.json").read_text(encoding="utf-8"))
    assert {"coop-prova", "fondazione-prova"} <= set(schema["$defs"]["organization"]["enum"])
    assert schema["$defs"]["role"]["enum"] == [
        "promotore",
        "capofila",
        "partner",
        "finanziatore",
        "sostenitore",
        "rete",
    ]
    assert schema["properties"]["sources"]["items"]["required"] == ["url", "title", "publisher"]
    page = (output / "dati/index.html").read_text(encoding="utf-8")
    assert "organizzazioni.json" in page and "<code>publisher</code>" in page


def test_json_ld_cites_sources_and_maps_roles(org_site):
    import json

    output, _pages = org_site
    html = (output / "esperienze/alfa/index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["citation"][0] == {
        "@type": "CreativeWork",
        "url": "https://fonte.example/articolo",
        "name": "Un articolo sul progetto",
        "publisher": {"@type": "Organization", "name": "Giornale di prova"},
        "datePublished": "2024-01",
    }
    assert "datePublished" not in data["citation"][1]
    project = data["about"][-1]
    assert project["@type"] == "Project"
    assert project["funder"] == [{"@type": "Organization", "name": "Fondazione Prova"}]
    assert project["member"] == [
        {
            "@type": "OrganizationRole",
            "roleName": "Capofila",
            "member": {
                "@type": "Organization",
                "name": "Cooperativa Prova",
                "url": "https://coop.example/",
            },
        }
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/organizzazioni/",
        "/organizzazioni/coop-prova/",
        "/esperienze/alfa/",
        "/esperienze/gamma/",
        "/bozze/bozza/",
    ],
)
def test_new_pages_have_no_axe_violations_and_fit_320_pixels(browser, org_site, serve, url):
    from importlib import resources

    from helpers import AXE_TAGS, open_page

    output, _pages = org_site
    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    page, problems = open_page(browser, serve(output) + url)
    page.evaluate(axe)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    assert problems == []
    page.close()
    page, _problems = open_page(browser, serve(output) + url, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_a_reflection_without_places_shows_who_but_not_where_when_or_status(org_site):
    _output, pages = org_site
    html = pages["/riflessioni/delta/"].path.read_text(encoding="utf-8")
    lead = html.index('<p class="lead">')
    facts = html[lead : html.index("</header>", lead)]
    assert re.findall(r"<dt>(\w+)</dt>", facts) == ["Chi"]
    assert 'Cooperativa Prova</a> <span class="muted">(promotore)</span>' in facts
