"""Every kind of bad input gets one exact, useful message and a non-zero exit."""

import pytest

from collaborare.site.build import check
from helpers import BODY, SOURCES, entry_text, problems_of

VALID = entry_text()
TOOL_SOURCES = (
    "sources: [{url: 'https://fonte.example/uno', title: Prima fonte, publisher: Ente uno}]\n"
)


def tool_text(extra="", sources=TOOL_SOURCES, body=BODY):
    """A valid strumento (one source, two sections); ``extra`` goes on line 7."""
    return (
        "---\ntitle: Un metodo di prova\nsummary: Un sommario abbastanza lungo per lo "
        f"strumento.\ndate: 2026-01-10\ntags:\n  - facilitazione\n{extra}{sources}---\n{body}"
    )


NOT_FOR_TOOLS = (
    "il campo non si applica a uno strumento, che non ha luoghi, periodo né soggetti "
    "propri; toglilo (sono quelli delle esperienze che lo usano, elencate dal sito "
    "nella sua pagina)"
)


def problems_for(project, files: dict) -> list[str]:
    for relative, text in files.items():
        if isinstance(text, bytes):
            (project.content / relative).parent.mkdir(parents=True, exist_ok=True)
            (project.content / relative).write_bytes(text)
        else:
            project.write(relative, text, dedent=False)
    return [str(problem) for problem in check(project.root).problems]


CASES = {
    "malformed YAML, with its line": (
        {
            "esperienze/rotto.md": "---\ntitle: Rotto\nsummary: [non chiuso\ndate: 2026-01-01\n---\nTesto\n"
        },
        [
            "content/esperienze/rotto.md:3: intestazione: YAML non valido: la '[' di questa riga non viene mai chiusa (manca ',' o ']'); controlla l'indentazione (solo spazi) e metti tra virgolette i valori che contengono ': ' o iniziano con un simbolo",
        ],
    ),
    "missing required field": (
        {
            "esperienze/manca.md": VALID.replace(
                "summary: Un sommario abbastanza lungo per la scheda di prova.\n", ""
            )
        },
        [
            "content/esperienze/manca.md:9: summary: campo obbligatorio mancante; scrivi un sommario in testo semplice di al massimo 300 caratteri",
        ],
    ),
    "experience without territories": (
        {"esperienze/dove.md": VALID.replace("territories:\n  - comune: Catanzaro\n", "")},
        [
            "content/esperienze/dove.md:8: territories: campo obbligatorio mancante; aggiungi almeno un luogo, per esempio '- comune: Catanzaro' o '- regione: Emilia-Romagna'",
        ],
    ),
    "wrong type": (
        {
            "esperienze/tipo.md": VALID.replace(
                "tags:\n  - coesione-sociale\n", "tags: coesione-sociale\n"
            )
        },
        [
            "content/esperienze/tipo.md:5: tags: atteso un elenco, trovato testo; scrivi un elemento per riga, ognuno preceduto da '- '",
        ],
    ),
    "unknown key": (
        {"esperienze/chiave.md": entry_text(extra="teritories:\n  - comune: Catanzaro\n")},
        [
            "content/esperienze/chiave.md:9: teritories: campo sconosciuto; intendevi 'territories'?",
        ],
    ),
    "unknown key without a near miss": (
        {"esperienze/chiave.md": entry_text(extra="colore: blu\n")},
        [
            "content/esperienze/chiave.md:9: colore: campo sconosciuto; i campi ammessi sono: title, summary, date, modified, authors, tags, territories, actors, organizations, period, sources, sources_note, image, image_alt, image_credit, related, strumenti, status",
        ],
    ),
    "unknown theme with a near miss": (
        {"esperienze/tema.md": entry_text(tags=("coesione-socale",))},
        [
            "content/esperienze/tema.md:6: tags[0]: 'coesione-socale' non è un tema noto; intendevi 'coesione-sociale'?",
        ],
    ),
    "theme written as its label": (
        {"esperienze/tema.md": entry_text(tags=("Welfare culturale",))},
        [
            "content/esperienze/tema.md:6: tags[0]: 'Welfare culturale' non è un tema noto; intendevi 'welfare-culturale'?",
        ],
    ),
    "unknown actor type": (
        {"esperienze/soggetto.md": entry_text(extra="actors:\n  - bibliotece\n")},
        [
            "content/esperienze/soggetto.md:10: actors[0]: 'bibliotece' non è un tipo di soggetto noto; intendevi 'biblioteca'?",
        ],
    ),
    "region near miss": (
        {"esperienze/x.md": entry_text(territories=("comune: Catanzaro", "regione: Lombadia"))},
        [
            "content/esperienze/x.md:9: territories[1]: 'Lombadia' non è una regione nota; intendevi 'Lombardia'?",
        ],
    ),
    "impossible date": (
        {"esperienze/data.md": entry_text(date="2024-13-45")},
        [
            "content/esperienze/data.md:4: date: '2024-13-45' non è una data reale; scrivi AAAA-MM-GG, per esempio 2026-11-25",
        ],
    ),
    "date in another format": (
        {"esperienze/data.md": entry_text(date="17/05/2024")},
        [
            "content/esperienze/data.md:4: date: '17/05/2024' non è valido; scrivi la data come AAAA-MM-GG, per esempio 2026-11-25",
        ],
    ),
    "period that ends before it starts": (
        {"esperienze/periodo.md": entry_text(extra="period:\n  start: 2023-09\n  end: 2023-01\n")},
        [
            "content/esperienze/periodo.md:11: period.end: 2023-01 è prima dell'inizio 2023-09",
        ],
    ),
    "summary too long": (
        {
            "esperienze/lungo.md": VALID.replace(
                "Un sommario abbastanza lungo per la scheda di prova.", "x" * 342
            )
        },
        [
            "content/esperienze/lungo.md:3: summary: 342 caratteri, al massimo 300; accorcialo di 42",
        ],
    ),
    "duplicate slug across experiences and reflections": (
        {
            "esperienze/doppia.md": VALID,
            "riflessioni/doppia.md": VALID.replace("territories:\n  - comune: Catanzaro\n", ""),
        },
        [
            "content/riflessioni/doppia.md:1: nome del file: lo slug 'doppia' è usato anche da content/esperienze/doppia.md; rinomina uno dei due file",
        ],
    ),
    "file name that is not a slug": (
        {"esperienze/Città Bella.md": VALID},
        [
            "content/esperienze/Città Bella.md:1: nome del file: 'Città Bella.md' non è uno slug valido; rinominalo 'citta-bella.md' (lettere minuscole, cifre e trattini)",
        ],
    ),
    "related pointing nowhere": (
        {
            "esperienze/genitori-adesso.md": VALID,
            "esperienze/altra.md": entry_text(
                extra="related:\n  - genitori-adeso\n  - inesistente\n"
            ),
        },
        [
            "content/esperienze/altra.md:10: related[0]: 'genitori-adeso' non è una scheda della collezione; intendevi 'genitori-adesso'?",
            "content/esperienze/altra.md:11: related[1]: 'inesistente' non è una scheda della collezione; scrivi il nome del file di una scheda senza .md",
        ],
    ),
    "duplicate key": (
        {"esperienze/due.md": entry_text(extra="title: Di nuovo\n")},
        [
            "content/esperienze/due.md:9: title: compare due volte (la prima alla riga 2); tienine una sola",
        ],
    ),
    "broken {filename} link": (
        {"esperienze/link.md": entry_text(body="Vedi [questa]({filename}manca.md).\n")},
        [
            "content/esperienze/link.md:11: testo: il collegamento {filename}manca.md non porta a nessun file; scrivi il percorso di un file di content/, relativo a questo, per esempio {filename}../esperienze/nome.md",
        ],
    ),
    "strumento with territories": (
        {"strumenti/metodo.md": tool_text("territories:\n  - comune: Catanzaro\n")},
        [f"content/strumenti/metodo.md:7: territories: {NOT_FOR_TOOLS}"],
    ),
    "strumento with period and actors": (
        {"strumenti/metodo.md": tool_text("period: {start: 2023}\nactors:\n  - scuola\n")},
        [
            f"content/strumenti/metodo.md:7: period: {NOT_FOR_TOOLS}",
            f"content/strumenti/metodo.md:8: actors: {NOT_FOR_TOOLS}",
        ],
    ),
    "published strumento without sources": (
        {"strumenti/metodo.md": tool_text(sources="")},
        [
            "content/strumenti/metodo.md:7: sources: uno strumento pubblicato deve citare almeno 1 "
            "fonte e non ne cita nessuna; aggiungi 'sources:' con url, title e publisher di ciascuna "
            "(vedi CONTRIBUTING.md), oppure spiega in 'sources_note' perché non ce ne sono, oppure "
            "lascialo in bozza con 'status: draft'"
        ],
    ),
    "strumenti pointing nowhere": (
        {
            "strumenti/metodo-di-prova.md": tool_text(),
            "esperienze/usa.md": entry_text(
                extra="strumenti:\n  - metodo-di-prov\n  - inesistente\n"
            ),
        },
        [
            "content/esperienze/usa.md:10: strumenti[0]: 'metodo-di-prov' non è uno strumento della "
            "collezione; intendevi 'metodo-di-prova'?",
            "content/esperienze/usa.md:11: strumenti[1]: 'inesistente' non è uno strumento della "
            "collezione; scrivi il nome di un file di content/strumenti/ senza .md",
        ],
    ),
    "strumenti naming an experience": (
        {
            "esperienze/altra.md": VALID,
            "esperienze/usa.md": entry_text(extra="strumenti:\n  - altra\n"),
        },
        [
            "content/esperienze/usa.md:10: strumenti[0]: 'altra' è un'esperienza, non uno strumento; "
            "spostalo in 'related'"
        ],
    ),
    "published entry naming a draft strumento": (
        {
            "strumenti/metodo.md": tool_text("status: draft\n"),
            "esperienze/usa.md": entry_text(extra="strumenti:\n  - metodo\n"),
        },
        [
            "content/esperienze/usa.md:10: strumenti[0]: lo strumento 'metodo' è una bozza e non "
            "viene pubblicato; toglilo finché non è pubblicato, oppure lascia in bozza anche questa "
            "scheda"
        ],
    ),
    "strumento naming strumenti": (
        {
            "strumenti/metodo.md": tool_text("strumenti:\n  - altro\n"),
            "strumenti/altro.md": tool_text(),
        },
        [
            "content/strumenti/metodo.md:7: strumenti: uno strumento non usa altri strumenti; per "
            "collegarlo ad altri strumenti scrivili in 'related'"
        ],
    ),
    "empty body": (
        {"esperienze/vuota.md": entry_text(body="")},
        [
            "content/esperienze/vuota.md:11: testo: il testo dopo l'intestazione è vuoto; scrivi la scheda sotto la riga '---' di chiusura",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gets_exactly_its_message(project, case):
    files, expected = CASES[case]
    assert problems_for(project, files) == expected


def test_every_problem_is_reported_not_only_the_first(project):
    problems = problems_for(
        project,
        {
            "esperienze/molti.md": entry_text(
                tags=("coesione-socale",),
                date="2024-02-30",
                territories=("regione: Lombadia",),
                extra="teritories: []\n",
            ),
        },
    )
    assert [p.split(": ", 2)[1] for p in problems] == [
        "date",
        "tags[0]",
        "territories[0]",
        "teritories",
    ]


def test_valid_files_beside_a_broken_one_are_still_read(project):
    project.write("esperienze/buona.md", VALID, dedent=False)
    project.write("esperienze/rotta.md", "---\ntitle: [\n---\n", dedent=False)
    collection = check(project.root)
    assert [entry.slug for entry in collection.entries] == ["buona"]
    assert len(collection.problems) == 1 and collection.files == 2


def test_files_that_are_not_entries_are_reported(project):
    project.write("esperienze/nota.txt", "appunti", dedent=False)
    assert problems_for(project, {}) == [
        "content/esperienze/nota.txt:1: file: i file .txt non sono contenuti; scrivi le schede "
        "come file .md e metti le immagini in content/immagini/"
    ]


def test_check_and_build_exit_non_zero_and_print_every_problem_without_traceback(project):
    project.write(
        "esperienze/x.md",
        entry_text(territories=("comune: Catanzaro", "regione: Lombadia")),
        dedent=False,
    )
    project.write("esperienze/y.md", entry_text(tags=("coesione-socale",)), dedent=False)
    result = project.check_command()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/esperienze/x.md:9: territories[1]: 'Lombadia' non è una regione nota; "
        "intendevi 'Lombardia'?",
        "content/esperienze/y.md:6: tags[0]: 'coesione-socale' non è un tema noto; intendevi "
        "'coesione-sociale'?",
        "2 problemi da correggere; correggili e ripeti 'invoke check'.",
    ]
    built = project.build_command()
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert built.stderr.splitlines()[:2] == result.stderr.splitlines()[:2]
    assert not (project.root / "out").exists()


def test_committed_schema_lists_every_vocabulary_term(project):
    from collaborare.core.schema import load_schema, out_of_sync
    from collaborare.core.vocab import Vocabulary

    assert out_of_sync(load_schema(), Vocabulary.load()) == []
    (project.root / "data" / "vocabolari" / "temi.yaml").write_text(
        "- slug: nuovo\n  label: Nuovo\n  description: Un tema nuovo.\n", encoding="utf-8"
    )
    assert problems_for(project, {}) == [
        "schema/entry.schema.json:1: $defs: gli elenchi theme sono diversi da data/vocabolari/; "
        "esegui 'invoke schema'"
    ]


# -- organisations, roles, sources, completeness ------------------------------------------------

ROLES = "promotore, capofila, partner, finanziatore, sostenitore, rete"
AURORA = "organizations:\n  - org: coop-aurora\n    role: capofila\n"
ONE_SOURCE = (
    "sources:\n  - url: https://fonte.example/uno\n    title: Prima fonte\n"
    "    publisher: Ente uno\n"
)


def org(slug="coop-aurora", role="capofila"):
    return f"organizations:\n  - org: {slug}\n    role: {role}\n"


ORGANIZATION_CASES = {
    "unknown organisation with a near miss": (
        {"esperienze/x.md": entry_text(extra=org("coop-auroa"))},
        [
            "content/esperienze/x.md:10: organizations[0].org: 'coop-auroa' non è un'organizzazione "
            "nota; intendevi 'coop-aurora'?"
        ],
    ),
    "organisation written as its name": (
        {"esperienze/x.md": entry_text(extra=org("Cooperativa sociale Aurora"))},
        [
            "content/esperienze/x.md:10: organizations[0].org: 'Cooperativa sociale Aurora' non è "
            "un'organizzazione nota; intendevi 'coop-aurora'?"
        ],
    ),
    "organisation written as an alias with a typo": (
        {"esperienze/x.md": entry_text(extra=org("Auroraa"))},
        [
            "content/esperienze/x.md:10: organizations[0].org: 'Auroraa' non è un'organizzazione "
            "nota; intendevi 'coop-aurora'?"
        ],
    ),
    "unknown organisation without a near miss": (
        {"esperienze/x.md": entry_text(extra=org("zzz"))},
        [
            "content/esperienze/x.md:10: organizations[0].org: 'zzz' non è un'organizzazione nota; "
            "usa lo slug di un'organizzazione di data/organizzazioni.yaml, o aggiungila lì (vedi "
            "CONTRIBUTING.md)"
        ],
    ),
    "unknown role with a near miss": (
        {"esperienze/x.md": entry_text(extra=org(role="partener"))},
        [
            "content/esperienze/x.md:11: organizations[0].role: 'partener' non è un ruolo noto; "
            "intendevi 'partner'?"
        ],
    ),
    "role written as its label": (
        {"esperienze/x.md": entry_text(extra=org(role="Finanziatore"))},
        [
            "content/esperienze/x.md:11: organizations[0].role: 'Finanziatore' non è un ruolo noto; "
            "intendevi 'finanziatore'?"
        ],
    ),
    "missing role": (
        {"esperienze/x.md": entry_text(extra="organizations:\n  - org: coop-aurora\n")},
        [
            f"content/esperienze/x.md:10: organizations[0].role: campo obbligatorio mancante; "
            f"scrivi il ruolo, uno di: {ROLES}"
        ],
    ),
    "the same organisation twice in the same role": (
        {
            "esperienze/x.md": entry_text(
                extra=org() + "  - org: ente-beta\n    role: partner\n"
                "  - org: coop-aurora\n    role: capofila\n"
            )
        },
        [
            "content/esperienze/x.md:14: organizations[2]: 'coop-aurora' è già indicata con il "
            "ruolo 'capofila' in organizations[0]; togli la ripetizione"
        ],
    ),
    "an organisation's own fields written in the entry": (
        {"esperienze/x.md": entry_text(extra=org() + "    url: https://aurora.example/\n")},
        [
            "content/esperienze/x.md:12: organizations[0].url: campo sconosciuto; per ogni "
            "organizzazione si scrivono solo 'org' e 'role': nome, tipo e sito stanno in "
            "data/organizzazioni.yaml"
        ],
    ),
    "the old name/type form, name of a known organisation": (
        {
            "esperienze/x.md": entry_text(
                extra="organizations:\n  - name: Cooperativa sociale Aurora\n    type: impresa-sociale\n"
            )
        },
        [
            f"content/esperienze/x.md:10: organizations[0]: 'name' e 'type' non si usano più; "
            f"scrivi 'org: coop-aurora' (lo slug di data/organizzazioni.yaml) e 'role:' con uno di: "
            f"{ROLES}"
        ],
    ),
    "the old name/type form, unknown organisation": (
        {
            "esperienze/x.md": entry_text(
                extra="organizations:\n  - name: Circolo Nuovo\n    type: terzo-settore\n"
            )
        },
        [
            f"content/esperienze/x.md:10: organizations[0]: 'name' e 'type' non si usano più; "
            f"scrivi 'org:' con lo slug di un'organizzazione di data/organizzazioni.yaml (se non "
            f"c'è, aggiungila: vedi CONTRIBUTING.md) e 'role:' con uno di: {ROLES}"
        ],
    ),
    "a source over http": (
        {
            "esperienze/x.md": entry_text(
                sources=SOURCES.replace("https://fonte.example/due", "http://fonte.example/due")
            )
        },
        [
            "content/esperienze/x.md:9: sources[1].url: 'http://fonte.example/due' non è un "
            "indirizzo https; usa l'indirizzo completo che inizia con https:// (se la pagina si apre "
            "anche con https, copia quello)"
        ],
    ),
    "the same source twice": (
        {
            "esperienze/x.md": entry_text(
                sources=SOURCES.replace("https://fonte.example/due", "https://fonte.example/uno")
            )
        },
        [
            "content/esperienze/x.md:9: sources[1].url: lo stesso indirizzo è già in sources[0]; "
            "togli la ripetizione"
        ],
    ),
    "a source without its publisher": (
        {"esperienze/x.md": entry_text(sources=SOURCES.replace(", publisher: Ente due", ""))},
        [
            "content/esperienze/x.md:9: sources[1].publisher: campo obbligatorio mancante; scrivi "
            "chi pubblica la fonte (un giornale, un ente, l'organizzazione stessa)"
        ],
    ),
    "a source with an impossible date": (
        {
            "esperienze/x.md": entry_text(
                sources=ONE_SOURCE + "    date: 2024-13\n" + ONE_SOURCE[9:].replace("uno", "due")
            )
        },
        [
            "content/esperienze/x.md:13: sources[0].date: '2024-13' non è una data valida; scrivi un "
            "anno (2024), un mese (2024-01) o un giorno (2024-01-15)"
        ],
    ),
    "a source field misspelt": (
        {
            "esperienze/x.md": entry_text(
                sources=SOURCES.replace("publisher: Ente due", "publiser: Ente due")
            )
        },
        [
            "content/esperienze/x.md:9: sources[1].publiser: campo sconosciuto; intendevi "
            "'publisher'?",
            "content/esperienze/x.md:9: sources[1].publisher: campo obbligatorio mancante; scrivi "
            "chi pubblica la fonte (un giornale, un ente, l'organizzazione stessa)",
        ],
    ),
    "a published experience with one source": (
        {"esperienze/x.md": entry_text(sources=ONE_SOURCE)},
        [
            "content/esperienze/x.md:9: sources: un'esperienza pubblicata deve citare almeno 2 "
            "fonti, questa ne cita 1; aggiungi un'altra fonte con url, title e publisher, oppure "
            "spiega in 'sources_note' perché non ce ne sono altre"
        ],
    ),
    "a published experience without sources": (
        {"esperienze/x.md": entry_text(sources="")},
        [
            "content/esperienze/x.md:9: sources: un'esperienza pubblicata deve citare almeno 2 fonti "
            "e non ne cita nessuna; aggiungi 'sources:' con url, title e publisher di ciascuna (vedi "
            "CONTRIBUTING.md), oppure spiega in 'sources_note' perché non ce ne sono, oppure "
            "lasciala in bozza con 'status: draft'"
        ],
    ),
    "a published reflection without sources": (
        {"riflessioni/x.md": entry_text(sources="", territories=()).replace("territories:\n", "")},
        [
            "content/riflessioni/x.md:7: sources: una riflessione pubblicata deve citare almeno 1 "
            "fonte e non ne cita nessuna; aggiungi 'sources:' con url, title e publisher di "
            "ciascuna (vedi CONTRIBUTING.md), oppure spiega in 'sources_note' perché non ce ne "
            "sono, oppure lasciala in bozza con 'status: draft'"
        ],
    ),
    "a draft needs no sources": (
        {"esperienze/x.md": entry_text(sources="", extra="status: draft\n", body="Appunti.\n")},
        [],
    ),
    "sources_note explains a single source": (
        {
            "esperienze/x.md": entry_text(
                sources=ONE_SOURCE + "sources_note: L'esperienza è documentata solo dal sito del "
                "Comune.\n"
            )
        },
        [],
    ),
    "a published experience below «parziale»": (
        {"esperienze/x.md": entry_text(body="Solo un paragrafo.\n")},
        [
            "content/esperienze/x.md:10: completezza: una scheda pubblicata deve essere almeno "
            "«parziale», questa è «da completare»; aggiungi almeno uno tra: periodo, "
            "organizzazioni con ruolo, testo in almeno 2 sezioni '## ' (oppure lasciala in bozza "
            "con 'status: draft')"
        ],
    ),
    "a published experience with its organisations is «parziale»": (
        {"esperienze/x.md": entry_text(body="Solo un paragrafo.\n", extra=AURORA)},
        [],
    ),
}


@pytest.fixture
def org_project(project):
    """A project whose data/organizzazioni.yaml holds two fixture organisations only."""
    (project.root / "data" / "organizzazioni.yaml").write_text("", encoding="utf-8")
    project.add_organization(
        "coop-aurora", "Cooperativa sociale Aurora", "impresa-sociale", aliases=["Aurora"]
    )
    project.add_organization("ente-beta", "Ente Beta", "terzo-settore")
    return project


@pytest.mark.parametrize("case", list(ORGANIZATION_CASES))
def test_organisation_and_source_problems_get_exactly_their_message(org_project, case):
    files, expected = ORGANIZATION_CASES[case]
    assert problems_for(org_project, files) == expected


def test_an_organisation_counts_its_actor_type_for_the_entry(org_project):
    org_project.write(
        "esperienze/x.md", entry_text(extra=AURORA + "actors:\n  - scuola\n"), dedent=False
    )
    entry = check(org_project.root).entries[0]
    assert [a.slug for a in entry.actor_types] == ["scuola", "impresa-sociale"]
    assert [(o.slug, o.role.slug, o.name) for o in entry.organizations] == [
        ("coop-aurora", "capofila", "Cooperativa sociale Aurora")
    ]
    assert [(s.url, s.publisher, s.date, s.date_label) for s in entry.sources] == [
        ("https://fonte.example/uno", "Ente uno", "", ""),
        ("https://fonte.example/due", "Ente due", "", ""),
    ]


BAD_ORGANIZATIONS = """\
- slug: coop-aurora
  name: Cooperativa sociale Aurora
  type: impresa-sociale
- slug: coop-aurora
  name: Un doppione
  type: impresa-sociale
- slug: Ente Gamma
  name: Ente Gamma
  type: terzo-setore
  url: http://gamma.example/
- slug: senza-nome
  type: scuola
  sito: https://x.example/
- slug: tipo-ignoto
  name: Tipo ignoto
  type: astronave
"""


def test_the_organisations_file_is_checked_with_lines(project):
    (project.root / "data" / "organizzazioni.yaml").write_text(BAD_ORGANIZATIONS, encoding="utf-8")
    problems = [p for p in problems_for(project, {}) if not p.startswith("schema/")]
    assert problems == [
        "data/organizzazioni.yaml:4: coop-aurora.slug: lo slug 'coop-aurora' è già usato alla "
        "riga 1; ogni organizzazione ha uno slug diverso",
        "data/organizzazioni.yaml:7: Ente Gamma.slug: 'Ente Gamma' non è uno slug valido; usa "
        "lettere minuscole, cifre e trattini, ad esempio 'ente-gamma'",
        "data/organizzazioni.yaml:9: Ente Gamma.type: 'terzo-setore' non è un tipo di soggetto "
        "noto; intendevi 'terzo-settore'?",
        "data/organizzazioni.yaml:10: Ente Gamma.url: 'http://gamma.example/' non è un "
        "indirizzo https; scrivi l'indirizzo completo del sito, che inizia con https://, oppure "
        "togli 'url'",
        "data/organizzazioni.yaml:11: senza-nome.name: campo obbligatorio mancante; scrivi il "
        "nome come lo scrive l'organizzazione, ad esempio 'name: Legacoopsociali'",
        "data/organizzazioni.yaml:13: senza-nome.sito: campo sconosciuto; i campi ammessi sono "
        "slug, name, type, url, aliases",
        "data/organizzazioni.yaml:16: tipo-ignoto.type: 'astronave' non è un tipo di soggetto "
        "noto; usa uno di: amministrazione-pubblica, impresa-sociale, terzo-settore, "
        "gruppo-informale, scuola, biblioteca, parco, distretto-commercio, rete-impresa, "
        "agenzia-sviluppo-locale, fondazione",
    ]
    # `invoke check` exits non-zero, without a traceback.
    result = project.check_command()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/organizzazioni.yaml:4: coop-aurora.slug:" in result.stderr


def test_an_unreadable_organisations_file_is_one_message(project):
    (project.root / "data" / "organizzazioni.yaml").write_text("- slug: [x\n", encoding="utf-8")
    problems = [p for p in problems_for(project, {}) if p.startswith("data/")]
    assert len(problems) == 1 and problems[0].startswith(
        "data/organizzazioni.yaml:2: file: YAML non valido"
    )


def test_a_new_organisation_asks_for_invoke_schema(project):
    with open(project.root / "data" / "organizzazioni.yaml", "a", encoding="utf-8") as stream:
        stream.write("- slug: nuova\n  name: Nuova organizzazione\n  type: scuola\n")
    assert problems_for(project, {}) == [
        "schema/entry.schema.json:1: $defs: l'elenco delle organizzazioni è diverso da "
        "data/organizzazioni.yaml; esegui 'invoke schema' e includi nel commit "
        "schema/entry.schema.json"
    ]


def test_a_draft_may_name_a_draft_strumento_and_a_strumento_is_graded(project):
    from collaborare.core.completeness import grade

    assert (
        problems_for(
            project,
            {
                "strumenti/metodo.md": tool_text("status: draft\n", body="Un solo paragrafo.\n"),
                "riflessioni/usa.md": entry_text(extra="status: draft\nstrumenti:\n  - metodo\n"),
            },
        )
        == []
    )
    collection = check(project.root)
    tool = next(e for e in collection.entries if e.kind == "strumento")
    assert (tool.url, tool.kind_label, tool.kind_plural) == (
        "strumenti/metodo/",
        "Strumento",
        "Strumenti",
    )
    result = grade(tool)
    assert (result.grade, result.missing) == ("parziale", ["testo in almeno 2 sezioni '## '"])


def test_the_table_of_kinds_matches_the_schema():
    from collaborare.core.kinds import ENTRY_KINDS
    from collaborare.core.schema import load_schema

    schema = load_schema()
    assert schema["x-required-by-kind"] == {
        kind.folder: list(kind.required) for kind in ENTRY_KINDS
    }
    assert schema["x-not-applicable-by-kind"] == {
        kind.folder: list(kind.not_applicable) for kind in ENTRY_KINDS if kind.not_applicable
    }


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"esperienze/img.md": entry_text(body="![](https://sito.example/x.png)\n")},
            [
                "content/esperienze/img.md:11: testo: le immagini da altri siti non sono ammesse; salva "
                "l'immagine in content/immagini/ e scrivi {static}/immagini/nome.jpg; scrivi il testo in "
                "Markdown (vedi CONTRIBUTING.md), senza script, stili, frame, moduli o gestori di eventi",
                "content/esperienze/img.md:11: testo: un'immagine senza testo alternativo: descrivila tra "
                "le parentesi quadre, ![che cosa mostra](...); scrivi il testo in Markdown (vedi "
                "CONTRIBUTING.md), senza script, stili, frame, moduli o gestori di eventi",
            ],
        ),
        (
            {"pages/dati.md": "---\ntitle: Dati\n---\nTesto.\n"},
            [
                "content/pages/dati.md:1: slug: 'dati' è l'indirizzo di una sezione del sito; scegli un "
                "altro slug (o un altro nome di file) per questa pagina"
            ],
        ),
        (
            {"pages/p.md": "---\ntitle: Pagina\nslug: esperienze\n---\nTesto.\n"},
            [
                "content/pages/p.md:3: slug: 'esperienze' è l'indirizzo di una sezione del sito; scegli "
                "un altro slug (o un altro nome di file) per questa pagina"
            ],
        ),
        (
            {"pages/p.md": "---\ntitle: Pagina\ntemplate: entry\n---\nTesto.\n"},
            ["content/pages/p.md:3: template: 'entry' non è ammesso; usa uno di: 'page'"],
        ),
        (
            {"esperienze/foo.md": entry_text(body="[x]({foo}bar)\n")},
            [
                "content/esperienze/foo.md:11: testo: l'indicatore {foo} non è ammesso; usa {filename} per "
                "le schede e le pagine, {static} per immagini e documenti"
            ],
        ),
        (
            {"esperienze/fuori.md": entry_text(body="[x]({filename}/../../etc/passwd)\n")},
            [
                "content/esperienze/fuori.md:11: testo: il collegamento {filename}/../../etc/passwd porta "
                "fuori da content/esperienze/ o content/riflessioni/ o content/strumenti/ o content/pages/; "
                "collega solo file che stanno in content/esperienze/ o content/riflessioni/ o "
                "content/strumenti/ o content/pages/"
            ],
        ),
    ],
)
def test_what_the_build_refused_without_a_line_the_check_refuses_first(project, files, expected):
    for name, text in files.items():
        project.write(name, text, dedent=False)
    assert problems_of(project) == expected
    result = project.build(SEARCH_INDEX=False)
    assert not result.ok and result.build_errors == []  # refused by the check, before Pelican


@pytest.mark.parametrize(
    ("extra", "date", "expected"),
    [
        ("", "9999-12-31", "4: date: 9999-12-31 non è plausibile"),
        ("", "0001-01-01", "4: date: 0001-01-01 non è plausibile"),
        (
            "period:\n  start: '0000'\n",
            "2026-01-10",
            "10: period.start: l'anno 0000 non è plausibile",
        ),
    ],
)
def test_implausible_dates_are_refused(project, extra, date, expected):
    project.write("esperienze/d.md", entry_text(extra=extra, date=date), dedent=False)
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(f"content/esperienze/d.md:{expected}"), found


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"\\u200B\\u200B\\u200B"', "contiene il carattere invisibile U+200B (ZERO WIDTH SPACE)"),
        ('"   "', "ha solo 0 caratteri visibili (gli spazi non contano); scrivine almeno 3"),
    ],
)
def test_invisible_and_blank_titles_are_refused(project, title, message):
    project.write("esperienze/t.md", entry_text(title=title), dedent=False)
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        "content/esperienze/t.md:2: title: " + message
    ), found


def test_a_page_slug_of_the_wrong_type_is_reported_not_raised(project):
    project.write("pages/p.md", "---\ntitle: Pagina\nslug: [dati]\n---\nTesto.\n")
    assert problems_of(project) == [
        "content/pages/p.md:3: slug: atteso testo, trovato un elenco; scrivi il nome del file "
        "della scheda senza .md, per esempio genitori-adesso"
    ]
