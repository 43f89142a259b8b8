"""The YAML front matter reader: typing, line numbers, and errors that say where."""

import pytest

from collaborare.core.frontmatter import FrontMatterError, parse
from collaborare.core.messages import render
from helpers import entry_text, problems_of


def test_codes_and_plate_codes_stay_strings_and_dates_are_not_parsed():
    document = parse(
        "---\nistat: 012\nsigla: NO\nflag: yes\ndate: 2024-05-17\ncount: 12\nok: true\n---\nTesto\n"
    )
    assert document.metadata == {
        "istat": "012",
        "sigla": "NO",
        "flag": "yes",
        "date": "2024-05-17",
        "count": 12,
        "ok": True,
    }


def test_lists_and_nested_mappings_arrive_typed_with_their_lines():
    document = parse(
        "---\ntitle: x\nterritories:\n  - comune: Forlì\n  - area: Brianza\n    provincia: MB\n---\nB\n"
    )
    assert document.metadata["territories"] == [
        {"comune": "Forlì"},
        {"area": "Brianza", "provincia": "MB"},
    ]
    assert document.line_of(("territories", 1, "provincia")) == 6
    assert document.line_of(("territories", 0)) == 4
    assert document.line_of(("missing",)) == 1
    assert document.body_line == 8


def test_duplicate_keys_are_reported_with_both_lines():
    document = parse("---\ntitle: a\nsummary: b\ntitle: c\n---\nB\n")
    assert document.duplicate_keys == [(("title",), 4, 2)]


@pytest.mark.parametrize(
    ("text", "line", "code", "message"),
    [
        (
            "---\ntitle: a\n\tsummary: b\n---\n",
            3,
            "yaml.invalid_tabs",
            "YAML non valido: c'è una tabulazione nel rientro; indenta con spazi, non con "
            "tabulazioni",
        ),
        (
            "---\ntitle: a: b\n---\n",
            2,
            "yaml.invalid",
            "YAML non valido: qui non può iniziare un valore (un ': ' di troppo?); controlla "
            "l'indentazione (solo spazi) e metti tra virgolette i valori che contengono ': ' o "
            "iniziano con un simbolo",
        ),
        (
            "title: a\n",
            1,
            "frontmatter.missing",
            "manca; inizia il file con una riga '---', poi i campi in YAML, poi un'altra riga '---'",
        ),
        (
            "---\ntitle: a\n",
            1,
            "frontmatter.not_closed",
            "non è chiusa; aggiungi una riga '---' dopo l'ultimo campo, prima del testo",
        ),
        (
            "---\n- a\n- b\n---\n",
            2,
            "frontmatter.not_mapping",
            "deve essere fatta di righe 'campo: valore', una per riga",
        ),
    ],
)
def test_unreadable_front_matter_is_an_error_with_its_line(text, line, code, message):
    with pytest.raises(FrontMatterError) as raised:
        parse(text)
    error = raised.value
    assert (error.line, error.code, render(error.code, **error.params)) == (line, code, message)


def test_byte_order_mark_is_ignored():
    assert parse("\ufeff---\ntitle: a\n---\nB\n").metadata == {"title": "a"}


def test_yaml_anchors_and_aliases_are_refused_before_they_expand(project):
    laughs = ['lol0: &a0 "lol"'] + [
        f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 7)
    ]
    project.write("esperienze/risate.md", entry_text(extra="\n".join(laughs) + "\n"), dedent=False)
    assert problems_of(project) == [
        "content/esperienze/risate.md:9: intestazione: ancore e alias YAML (&nome, *nome) non "
        "sono ammessi; scrivi ogni valore per esteso"
    ]
