"""Placeholder text, example URLs and empty sections: refused in a published entry only."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collaborare.core import placeholders
from collaborare.core.placeholders import body_problems, example_url
from collaborare.core.scaffold import create
from helpers import BODY, entry_text, problems_of, uncomment_examples

DRAFT_NOTE = "(una bozza, con 'status: draft', può tenerlo)"


def test_what_invoke_new_writes_is_refused_once_published(project):
    path = create(
        project.root,
        "esperienza",
        "Un orto condiviso a Forlì",
        summary="Un gruppo di cittadini cura un orto condiviso con il Comune.",
        tags=["coesione-sociale"],
        territories=["Forlì"],
        date="2026-11-25",
    )
    text = uncomment_examples(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    draft_problems = [p for p in problems_of(project) if "d'esempio" in p or "segnaposto" in p]
    assert draft_problems == []  # a draft may keep them
    path.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    found = [p for p in problems_of(project) if "d'esempio" in p or "segnaposto" in p]
    lines = text.split("\n")

    def line_of(needle):
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    rel = "content/esperienze/un-orto-condiviso-a-forli.md"
    expected_values = {
        "sources[0].title": "Titolo della pagina",
        "sources[0].publisher": "Chi la pubblica",
        "sources[1].title": "Titolo di un'altra pagina",
        "sources[1].publisher": "Chi la pubblica",
        "sources_note": "Perché la scheda cita meno fonti di quelle richieste",
        "authors[0]": "Nome Cognome",
        "image": "immagini/nome-del-file.jpg",
        "image_alt": "Che cosa mostra l'immagine",
        "related[0]": "slug-di-un-altra-scheda",
        "strumenti[0]": "slug-di-uno-strumento",
    }
    by_field = {}
    for problem in found:
        where, field, message = problem.split(": ", 2)
        by_field.setdefault(field, []).append((int(where.rsplit(":", 1)[1]), message))
    for field, value in expected_values.items():
        message = (
            f"«{value}» è un valore d'esempio, non un dato della scheda; scrivi il valore vero "
            f"oppure togli il campo {DRAFT_NOTE}"
        )
        [(line, said)] = by_field[field]
        assert said == message
        assert value in lines[line - 1], field
    for index, url in ((0, "https://..."), (1, "https://.../altra")):
        line = line_of(f"url: {url}")
        assert (
            f"{rel}:{line}: sources[{index}].url: «{url}» è un indirizzo d'esempio; scrivi "
            f"l'indirizzo https vero, copiato dalla barra del browser {DRAFT_NOTE}"
        ) in found
    assert (
        f"{rel}:{line_of('Scrivi qui la scheda')}: body: «Scrivi qui» è un segnaposto; "
        f"sostituiscilo con il testo vero della scheda {DRAFT_NOTE}"
    ) in found
    for heading in ("Che cosa", "Chi"):
        assert (
            f"{rel}:{line_of(f'## {heading}')}: body: la sezione «{heading}» è vuota; scrivi il "
            f"testo sotto il titolo oppure togli la riga '## {heading}' (una bozza, con "
            "'status: draft', può tenerla)"
        ) in problems_of(project)


def test_the_contributing_example_is_refused_once_published(project):
    project.write(
        "esperienze/esempio.md",
        entry_text(
            sources=(
                "sources: [{url: 'https://...', title: Il titolo dell'articolo o della pagina, "
                "publisher: Chi la pubblica}, {url: 'https://www.example.org/pagina', "
                "title: Una fonte, publisher: Un ente}]\n"
            ),
            body="Chi ha fatto che cosa, dove, con chi, quando e che cosa ne è venuto.\n\n" + BODY,
        ),
    )
    example = f"è un valore d'esempio, non un dato della scheda; scrivi il valore vero oppure togli il campo {DRAFT_NOTE}"
    address = f"è un indirizzo d'esempio; scrivi l'indirizzo https vero, copiato dalla barra del browser {DRAFT_NOTE}"
    assert problems_of(project) == [
        f"content/esperienze/esempio.md:9: sources[0].publisher: «Chi la pubblica» {example}",
        "content/esperienze/esempio.md:9: sources[0].title: «Il titolo dell'articolo o della "
        f"pagina» {example}",
        f"content/esperienze/esempio.md:9: sources[0].url: «https://...» {address}",
        f"content/esperienze/esempio.md:9: sources[1].url: «https://www.example.org/pagina» {address}",
        "content/esperienze/esempio.md:11: body: «Chi ha fatto che cosa, dove, con chi» è un "
        f"segnaposto; sostituiscilo con il testo vero della scheda {DRAFT_NOTE}",
    ]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
        ("Qui i numeri (TODO).", "TODO"),
        ("*Da completare*", "*Da completare*"),
        ("- ...", "- ..."),
    ],
)
def test_placeholder_lines_in_a_body(line, shown):
    body = f"## Che cosa\n\nTesto.\n\n{line}\n"
    assert [(line, found.code, str(found)) for line, found in body_problems(body)] == [
        (
            4,
            "placeholder.text",
            f"«{shown}» è un segnaposto; sostituiscilo con il testo vero della scheda {DRAFT_NOTE}",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Un percorso da completare entro il 2025, con il metodo TODOS.\n",
        "## Che cosa\n\n### Prima\n\nTesto.\n",
        "## Che cosa\n\n```\ncodice\n```\n",
        "Testo.\n\n```\n## non un titolo\n```\n",
        "Le fonti sono su https://www.comune.example.it/ e https://esempio.example/.\n",
    ],
)
def test_ordinary_text_is_not_a_placeholder(body):
    assert body_problems(body) == []


def test_an_empty_subsection_and_the_last_section():
    body = "## Che cosa\n\n### Prima\n\n## Chi\n"
    assert [line for line, _message in body_problems(body)] == [0, 2, 4]


@pytest.mark.parametrize(
    ("url", "example"),
    [
        ("https://...", True),
        ("https://.../altra", True),
        ("https://example.com/x", True),
        ("https://docs.example.net/", True),
        ("https://www.esempio.it/", True),
        ("https://", True),
        ("https://www.comune.bergamo.it/", False),
        ("https://notexample.org/", False),
    ],
)
def test_example_urls(url, example):
    assert example_url(url) is example


def test_a_page_is_always_published(project):
    project.write(
        "pages/chi-siamo.md",
        "---\ntitle: Chi siamo\n---\nLorem ipsum.\n",
    )
    assert problems_of(project) == [
        "content/pages/chi-siamo.md:4: body: «Lorem ipsum» è un segnaposto; sostituiscilo "
        f"con il testo vero della scheda {DRAFT_NOTE}"
    ]


def test_every_example_value_is_short_enough_to_be_looked_up():
    from collaborare.core.placeholders import EXAMPLE_VALUES, LONGEST_EXAMPLE

    assert max(len(value) for value in EXAMPLE_VALUES) <= LONGEST_EXAMPLE


def test_only_the_listed_characters_fold_to_ascii_letters():
    # find_phrase() trusts lower() and `in` unless one of FOLDS_TO_ASCII is in the text.
    letter = re.compile(r"[a-z ,]", re.I)
    folding = [
        char
        for char in map(chr, range(0x80, 0x110000))
        if letter.fullmatch(char) or any(ord(c) < 0x80 for c in char.lower())
    ]
    assert "".join(folding) == placeholders.FOLDS_TO_ASCII


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                "scrivi qui",
                "SCRIVI QUI",
                "Lorem Ipsum",
                "TODO",
                "todo",
                "FIXMEs",
                "x TODO.",
                "ſcrivi qui",
                "\u0130",
                "chi ha fatto che cosa, dove, con chi",
                "città",
                "\n",
            ]
        )
        | st.text(max_size=12)
    ).map("".join)
)
def test_find_phrase_finds_what_the_pattern_finds(text):
    found = placeholders.PLACEHOLDER_PHRASES.search(text)
    assert placeholders.find_phrase(text) == (found.group(0) if found else None)
