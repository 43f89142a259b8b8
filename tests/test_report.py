"""The editors' report, on fixture content."""

import datetime as dt
import re

from collaborare.core.report import build_report, render_text
from collaborare.core.vocab import Vocabulary
from collaborare.site.build import ROOT, check
from helpers import entry_text

TODAY = dt.date(2026, 11, 25)
COMPLETE = """actors:
  - terzo-settore
organizations:
  - org: associazione-esempio
    role: capofila
period:
  start: 2021
  ongoing: true
sources:
  - url: https://fonte.example/pagina
    title: Una fonte
    publisher: Ente di prova
  - url: https://fonte.example/altra
    title: Un'altra fonte
    publisher: Ente di prova
    date: 2024-05
authors:
  - Redazione
"""
WITHOUT_ORGANIZATIONS = COMPLETE.replace(
    "organizations:\n  - org: associazione-esempio\n    role: capofila\n", ""
)


def fixture_report(project):
    project.add_organization(
        "associazione-esempio",
        "Associazione Esempio",
        "terzo-settore",
        url="https://esempio.example/",
    )
    project.add_organization("ente-senza-schede", "Ente senza schede", "scuola")
    project.write(
        "esperienze/completa.md",
        entry_text(
            title="Completa",
            extra=COMPLETE,
            sources="",
            territories=("comune: Monza",),
            date="2026-05-01",
        ),
        dedent=False,
    )
    project.write(
        "esperienze/parziale.md",
        entry_text(
            title="Parziale",
            extra=WITHOUT_ORGANIZATIONS.replace(
                "https://fonte.example/pagina", "https://altra.example/"
            ),
            sources="",
            territories=("regione: Lazio",),
            tags=("welfare-culturale",),
            date="2026-03-01",
        ),
        dedent=False,
    )
    project.write(
        "esperienze/vecchia.md",
        entry_text(title="Vecchia", date="2020-01-10", territories=("comune: Milano",)),
        dedent=False,
    )
    project.write(
        "esperienze/bozza.md",
        entry_text(
            title="Bozza", extra="status: draft\n", sources="", body="Appunti.\n", date="2026-06-01"
        ),
        dedent=False,
    )
    collection = check(project.root)
    assert collection.problems == []
    return build_report(collection, Vocabulary.load(project.root / "data"), TODAY)


def test_counts_per_theme_region_actor_type_and_year(project):
    report = fixture_report(project)
    assert report.counts["Temi"] == [("Coesione sociale", 2), ("Welfare culturale", 1)]
    assert report.counts["Regioni"] == [("Lombardia", 2), ("Lazio", 1)]
    assert report.counts["Tipi di soggetto"] == [("Organizzazioni di Terzo Settore", 2)]
    assert report.counts["Anno di avvio"] == [("2021", 2), ("senza periodo", 1)]
    assert report.counts["Anno di pubblicazione"] == [("2020", 1), ("2026", 2)]


def test_completeness_is_graded_with_what_is_missing(project):
    report = fixture_report(project)
    graded = {item.entry.slug: (item.grade, item.missing) for item in report.completeness}
    assert graded == {
        "bozza": (
            "da completare",
            ["fonti", "periodo", "organizzazioni con ruolo", "testo in almeno 2 sezioni '## '"],
        ),
        "completa": ("completa", []),
        "parziale": ("parziale", ["organizzazioni con ruolo"]),
        "vecchia": ("parziale", ["periodo", "organizzazioni con ruolo"]),
    }
    assert report.grade_counts == [("da completare", 1), ("parziale", 2), ("completa", 1)]
    assert "bozza" not in dict(report.grade_counts)


def test_unused_terms_stale_entries_and_external_links(project):
    report = fixture_report(project)
    assert (
        "Coesione sociale" not in report.unused["Temi"] and "Accessibilità" in report.unused["Temi"]
    )
    assert "Organizzazioni di Terzo Settore" not in report.unused["Tipi di soggetto"]
    assert "Capofila" not in report.unused["Ruoli"] and "Finanziatore" in report.unused["Ruoli"]
    assert "Ente senza schede" in report.unused["Organizzazioni"]
    assert "Associazione Esempio" not in report.unused["Organizzazioni"]
    assert [(entry.slug, when) for entry, when in report.stale] == [
        ("vecchia", dt.date(2020, 1, 10))
    ]
    assert report.links == [
        ("content/esperienze/completa.md", "https://esempio.example/"),
        ("content/esperienze/completa.md", "https://fonte.example/altra"),
        ("content/esperienze/completa.md", "https://fonte.example/pagina"),
        ("content/esperienze/parziale.md", "https://altra.example/"),
        ("content/esperienze/parziale.md", "https://fonte.example/altra"),
        ("content/esperienze/vecchia.md", "https://fonte.example/due"),
        ("content/esperienze/vecchia.md", "https://fonte.example/uno"),
    ]
    text = render_text(report)
    assert "Completezza: 1 da completare, 2 parziale, 1 completa\n" in text
    assert (
        "  parziale       content/esperienze/parziale.md (manca: organizzazioni con ruolo)\n"
        in text
    )
    assert (
        "  da completare  content/esperienze/bozza.md [bozza] (manca: fonti, periodo, "
        "organizzazioni con ruolo, testo in almeno 2 sezioni '## ')\n"
    ) in text
    assert (
        "Schede non aggiornate da più di due anni: 1\n  2020-01-10  content/esperienze/vecchia.md\n"
        in text
    )


def test_the_report_page_is_in_the_preview_build_only(project, monkeypatch):
    fixture_report(project)
    local = project.build(EDITORIAL_REPORT_TODAY=TODAY)
    html = (local.output / "redazione/index.html").read_text(encoding="utf-8")
    assert "Rapporto della redazione" in html and '<meta name="robots" content="noindex">' in html
    assert "<code>content/esperienze/parziale.md</code>" in html
    assert "<td>da completare</td>" in html and "1 da completare, 2 parziale, 1 completa" in html
    assert "redazione" not in (local.output / "sitemap.xml").read_text(encoding="utf-8")
    monkeypatch.setenv("SITEURL", "https://example.org")
    published = project.build(output=project.root / "pub", settings=ROOT / "publishconf.py")
    assert published.ok and not (published.output / "redazione").exists()


def test_counts_and_completeness_per_kind_and_strumenti_used(project):
    tool = (
        "---\ntitle: Un metodo\nsummary: Un sommario abbastanza lungo per lo strumento.\n"
        "date: 2026-01-10\ntags:\n  - facilitazione\nsources: [{url: 'https://fonte.example/m', "
        "title: Fonte, publisher: Ente}]\n---\n## Che cos'è\n\nTesto.\n"
    )
    project.write("strumenti/un-metodo.md", tool, dedent=False)
    project.write(
        "esperienze/usa.md", entry_text(extra="strumenti:\n  - un-metodo\n"), dedent=False
    )
    project.write(
        "esperienze/altra.md",
        entry_text(title="Altra", extra="strumenti:\n  - un-metodo\n"),
        dedent=False,
    )
    collection = check(project.root)
    assert collection.problems == []
    report = build_report(collection, Vocabulary.load(project.root / "data"), TODAY)
    assert report.counts["Tipo di scheda (pubblicate)"] == [
        ("Esperienze", 2),
        ("Riflessioni", 0),
        ("Strumenti", 1),
    ]
    assert report.counts["Completezza per tipo di scheda"] == [
        ("Esperienze: parziale", 2),
        ("Strumenti: parziale", 1),
    ]
    assert report.counts["Strumenti usati (esperienze e riflessioni pubblicate)"] == [
        ("Un metodo", 2)
    ]
    assert "Strumenti: parziale" in render_text(report)


def test_published_entries_are_never_called_bozza(project):
    """Issue 17: the grade once called «bozza» is «da completare»; only a draft (status:
    draft) is marked «bozza», in the text report and on the /redazione/ page alike."""
    report = fixture_report(project)
    text = render_text(report)
    for item in report.completeness:
        lines = [line for line in text.split("\n") if item.entry.source in line]
        for line in lines:
            assert ("bozza" in line) == (item.entry.status == "draft"), line
    html = (project.build(EDITORIAL_REPORT_TODAY=TODAY).output / "redazione/index.html").read_text(
        encoding="utf-8"
    )
    rows = re.findall(r"<tr><th scope=\"row\"><code>(.*?)</code>(.*?)</th>", html)
    assert rows and all(("bozza" in mark) == (source.endswith("bozza.md")) for source, mark in rows)
