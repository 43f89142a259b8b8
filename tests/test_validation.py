"""Every kind of bad input gets one exact, useful message and a non-zero exit."""


import pytest

from collaborare.build import check
from helpers import entry_text

VALID = entry_text()


def problems_for(project, files: dict) -> list[str]:
    for relative, text in files.items():
        project.write(relative, text, dedent=False)
    return [str(problem) for problem in check(project.root).problems]


CASES = {
    "malformed YAML, with its line": (
        {"esperienze/rotto.md": "---\ntitle: Rotto\nsummary: [non chiuso\ndate: 2026-01-01\n---\nTesto\n"},
        ["content/esperienze/rotto.md:3: front matter: invalid YAML: the '[' on this line is never "
         "closed (did not find expected ',' or ']'); check the indentation and put quotes around "
         "values that contain ': ' or start with a symbol"],
    ),
    "missing required field": (
        {"esperienze/manca.md": VALID.replace(
            "summary: Un sommario abbastanza lungo per la scheda di prova.\n", "")},
        ["content/esperienze/manca.md:1: summary: required field is missing; write a plain-text "
         "summary of at most 300 characters"],
    ),
    "experience without territories": (
        {"esperienze/dove.md": VALID.replace("territories:\n  - comune: Catanzaro\n", "")},
        ["content/esperienze/dove.md:1: territories: required field is missing; add at least one "
         "place, e.g. '- comune: Catanzaro' or '- regione: Emilia-Romagna'"],
    ),
    "wrong type": (
        {"esperienze/tipo.md": VALID.replace("tags:\n  - coesione-sociale\n", "tags: coesione-sociale\n")},
        ["content/esperienze/tipo.md:5: tags: expected a list, got text; write one item per line, "
         "each starting with '- '"],
    ),
    "unknown key": (
        {"esperienze/chiave.md": entry_text(extra="teritories:\n  - comune: Catanzaro\n")},
        ["content/esperienze/chiave.md:9: teritories: unknown field; did you mean 'territories'?"],
    ),
    "unknown key without a near miss": (
        {"esperienze/chiave.md": entry_text(extra="colore: blu\n")},
        ["content/esperienze/chiave.md:9: colore: unknown field; allowed fields are: title, "
         "summary, date, modified, authors, tags, territories, actors, organizations, period, "
         "sources, sources_note, image, image_alt, related, status"],
    ),
    "unknown theme with a near miss": (
        {"esperienze/tema.md": entry_text(tags=("coesione-socale",))},
        ["content/esperienze/tema.md:6: tags[0]: 'coesione-socale' is not a known theme; did you "
         "mean 'coesione-sociale'?"],
    ),
    "theme written as its label": (
        {"esperienze/tema.md": entry_text(tags=("Welfare culturale",))},
        ["content/esperienze/tema.md:6: tags[0]: 'Welfare culturale' is not a known theme; did "
         "you mean 'welfare-culturale'?"],
    ),
    "unknown actor type": (
        {"esperienze/soggetto.md": entry_text(extra="actors:\n  - bibliotece\n")},
        ["content/esperienze/soggetto.md:10: actors[0]: 'bibliotece' is not a known actor type; "
         "did you mean 'biblioteca'?"],
    ),
    "region near miss": (
        {"esperienze/x.md": entry_text(territories=("comune: Catanzaro", "regione: Lombadia"))},
        ["content/esperienze/x.md:9: territories[1]: 'Lombadia' is not a known region; did you "
         "mean 'Lombardia'?"],
    ),
    "impossible date": (
        {"esperienze/data.md": entry_text(date="2024-13-45")},
        ["content/esperienze/data.md:4: date: '2024-13-45' is not a real date; use YYYY-MM-DD, "
         "e.g. 2026-11-25"],
    ),
    "date in another format": (
        {"esperienze/data.md": entry_text(date="17/05/2024")},
        ["content/esperienze/data.md:4: date: '17/05/2024' is not valid; use the form YYYY-MM-DD, "
         "e.g. 2026-11-25"],
    ),
    "period that ends before it starts": (
        {"esperienze/periodo.md": entry_text(extra="period:\n  start: 2023-09\n  end: 2023-01\n")},
        ["content/esperienze/periodo.md:11: period.end: 2023-01 is before the start 2023-09"],
    ),
    "summary too long": (
        {"esperienze/lungo.md": VALID.replace(
            "Un sommario abbastanza lungo per la scheda di prova.", "x" * 342)},
        ["content/esperienze/lungo.md:3: summary: 342 characters, at most 300 allowed; shorten "
         "it by 42"],
    ),
    "duplicate slug across experiences and reflections": (
        {"esperienze/doppia.md": VALID,
         "riflessioni/doppia.md": VALID.replace("territories:\n  - comune: Catanzaro\n", "")},
        ["content/riflessioni/doppia.md:1: file name: the slug 'doppia' is also used by "
         "content/esperienze/doppia.md; rename one of the files"],
    ),
    "file name that is not a slug": (
        {"esperienze/Città Bella.md": VALID},
        ["content/esperienze/Città Bella.md:1: file name: 'Città Bella.md' is not a valid slug; "
         "rename it to 'citta-bella.md' (lower case letters, digits and hyphens)"],
    ),
    "related pointing nowhere": (
        {"esperienze/genitori-adesso.md": VALID,
         "esperienze/altra.md": entry_text(extra="related:\n  - genitori-adeso\n  - inesistente\n")},
        ["content/esperienze/altra.md:10: related[0]: 'genitori-adeso' is not an entry of the "
         "collection; did you mean 'genitori-adesso'?",
         "content/esperienze/altra.md:11: related[1]: 'inesistente' is not an entry of the "
         "collection; use the file name of an entry without .md"],
    ),
    "image without alt text": (
        {"esperienze/foto.md": entry_text(extra="image: immagini/foto.jpg\n")},
        ["content/esperienze/foto.md:1: image_alt: required when 'image' is set; describe the "
         "picture for readers who cannot see it"],
    ),
    "duplicate key": (
        {"esperienze/due.md": entry_text(extra="title: Di nuovo\n")},
        ["content/esperienze/due.md:9: title: appears twice (first on line 2); keep only one"],
    ),
    "broken {filename} link": (
        {"esperienze/link.md": entry_text(body="Vedi [questa]({filename}manca.md).\n")},
        ["content/esperienze/link.md:11: body: the link '{filename}manca.md' points to no file; "
         "write the path of a file under content/ relative to this one, e.g. "
         "{filename}../esperienze/nome.md"],
    ),
    "empty body": (
        {"esperienze/vuota.md": entry_text(body="")},
        ["content/esperienze/vuota.md:11: body: the text after the front matter is empty; write "
         "the entry below the closing '---'"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gets_exactly_its_message(project, case):
    files, expected = CASES[case]
    assert problems_for(project, files) == expected


def test_every_problem_is_reported_not_only_the_first(project):
    problems = problems_for(project, {
        "esperienze/molti.md": entry_text(
            tags=("coesione-socale",), date="2024-02-30",
            territories=("regione: Lombadia",), extra="teritories: []\n"),
    })
    assert [p.split(": ", 2)[1] for p in problems] == [
        "date", "tags[0]", "territories[0]", "teritories",
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
        "content/esperienze/nota.txt:1: file: .txt files are not content; write entries as .md "
        "files, put pictures in content/immagini/"
    ]


def test_check_and_build_exit_non_zero_and_print_every_problem_without_traceback(project):
    project.write("esperienze/x.md",
                  entry_text(territories=("comune: Catanzaro", "regione: Lombadia")), dedent=False)
    project.write("esperienze/y.md", entry_text(tags=("coesione-socale",)), dedent=False)
    result = project.check_command()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/esperienze/x.md:9: territories[1]: 'Lombadia' is not a known region; did you "
        "mean 'Lombardia'?",
        "content/esperienze/y.md:6: tags[0]: 'coesione-socale' is not a known theme; did you "
        "mean 'coesione-sociale'?",
        "2 problem(s) found; fix them and run 'invoke check' again.",
    ]
    built = project.build_command()
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert built.stderr.splitlines()[:2] == result.stderr.splitlines()[:2]
    assert not (project.root / "out").exists()


def test_committed_schema_lists_every_vocabulary_term(project):
    from collaborare.schema import load_schema, out_of_sync
    from collaborare.vocab import Vocabulary

    assert out_of_sync(load_schema(), Vocabulary.load()) == []
    (project.root / "data" / "vocabolari" / "temi.yaml").write_text(
        "- slug: nuovo\n  label: Nuovo\n  description: Un tema nuovo.\n", encoding="utf-8")
    assert problems_for(project, {}) == [
        "schema/entry.schema.json:1: $defs: the theme lists differ from data/vocabolari/; "
        "run 'invoke schema'"
    ]
