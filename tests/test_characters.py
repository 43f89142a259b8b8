"""Forbidden characters (collaborare/core/characters.py), property-based (issue 14)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import entry_text, problems_of

FORBIDDEN_SAMPLES = [
    "\x00",
    "\x01",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\U000e0041",
]


ordinary_text = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"),
        blacklist_characters="\u115f\u1160\u3164\uffa0",
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ordinary_text, st.sampled_from(FORBIDDEN_SAMPLES), ordinary_text)
def test_any_forbidden_character_anywhere_in_a_text_is_found(before, char, after):
    from collaborare.core.characters import describe, forbidden_in_values

    found = list(forbidden_in_values({"authors": [before + char + after]}))
    assert found == [(("authors", 0), found[0][1])]
    assert describe(found[0][1]).code in ("char.control", "char.invisible", "char.other")
    assert str(describe(found[0][1])).startswith("contiene ")


@settings(max_examples=300, deadline=None)
@given(ordinary_text)
def test_ordinary_text_has_no_forbidden_character(text):
    from collaborare.core.characters import forbidden_in_values

    assert list(forbidden_in_values({"title": text, "body": [text, {"x": text}]})) == []


@pytest.mark.parametrize(
    ("field_line", "value", "message"),
    [
        (
            'summary: "Un sommario lungo abbastanza \\uFFFF per la scheda."',
            3,
            "contiene U+FFFF, che non è un carattere di testo; cancellalo",
        ),
        (
            'title: "Titolo \\x01 di prova"',
            2,
            "contiene il carattere di controllo U+0001, che non può stare in un testo; cancellalo "
            "(arriva spesso copiando da un PDF o da un foglio di calcolo)",
        ),
        (
            'title: "Titolo \\u202Eovitta"',
            2,
            "contiene il carattere invisibile U+202E (RIGHT-TO-LEFT OVERRIDE), che nasconde, sposta o "
            "capovolge il testo; cancellalo",
        ),
    ],
)
def test_forbidden_characters_in_fields_are_refused_with_their_line(
    project, field_line, value, message
):
    key = field_line.split(":")[0]
    text = entry_text()
    text = "\n".join(
        field_line if line.startswith(f"{key}:") else line for line in text.split("\n")
    )
    project.write("esperienze/car.md", text, dedent=False)
    assert problems_of(project) == [f"content/esperienze/car.md:{value}: {key}: {message}"]


def test_control_characters_in_the_body_are_refused_with_their_line(project):
    project.write(
        "esperienze/car.md",
        entry_text(body="Riga buona.\nRiga \x0c con salto pagina.\n"),
        dedent=False,
    )
    assert problems_of(project) == [
        "content/esperienze/car.md:12: testo: contiene il carattere di controllo U+000C, che non "
        "può stare in un testo; cancellalo (arriva spesso copiando da un PDF o da un foglio di "
        "calcolo)"
    ]
