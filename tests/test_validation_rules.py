"""The validation rules of collaborare/core/validation/, tested directly on values (no files,
no build: the whole module runs in well under a second), and the message catalogue they
speak through (collaborare/core/messages.py). The malformed corpus (test_malformed.py) is
the end-to-end layer."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import string
from pathlib import Path

import pytest

from collaborare.core import messages
from collaborare.core.messages import MESSAGES, Message, render
from collaborare.core.problems import Problem
from collaborare.core.schema import SCHEMA_PATH, load_schema, suggest_field
from collaborare.core.validation import collection, entry, values

TODAY = dt.date(2026, 12, 2)
PACKAGE = Path(messages.__file__).resolve().parents[1]


def said(found) -> tuple[str, str] | None:
    """(code, Italian text) of what a rule found, or None."""
    return None if found is None else (found.code, str(found))


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-25", (dt.date(2026, 11, 25), None)),
        ("2026-12-03", (dt.date(2026, 12, 3), None)),  # tomorrow: a time zone ahead
        (
            "2025-02-29",
            (
                None,
                (
                    "date.not_real",
                    "'2025-02-29' non è una data reale; scrivi AAAA-MM-GG, per esempio 2026-11-25",
                ),
            ),
        ),
        (
            "1999-12-31",
            (
                None,
                (
                    "date.implausible",
                    "1999-12-31 non è plausibile: è il giorno in cui la "
                    "scheda entra nella collezione (o viene aggiornata), tra il 2000-01-01 e "
                    "oggi; correggi l'anno",
                ),
            ),
        ),
        ("2027-01-01", (None, "date.implausible")),
        ("25/11/2026", (None, None)),  # not shaped AAAA-MM-GG: the schema reports it
        (20261125, (None, None)),
    ],
)
def test_an_entry_date_is_real_and_between_2000_and_tomorrow(value, expected):
    parsed, found = values.entry_date(value, TODAY)
    want_date, want_found = expected
    assert parsed == want_date
    if isinstance(want_found, str):
        assert found.code == want_found
    else:
        assert said(found) == want_found


def test_modified_is_the_same_day_as_date_or_later():
    day = dt.date(2026, 1, 10)
    assert values.modified_after_date(day, day, "2026-01-10", "2026-01-10") is None
    assert values.modified_after_date(day, None, "2026-01-10", None) is None
    assert said(
        values.modified_after_date(day, dt.date(2026, 1, 9), "2026-01-10", "2026-01-09")
    ) == (
        "date.modified_before",
        "2026-01-09 è prima della data di pubblicazione 2026-01-10; deve essere lo stesso "
        "giorno o un giorno successivo",
    )


@pytest.mark.parametrize(
    ("value", "bound", "code"),
    [
        ("2023", "2023", None),
        (2023, "2023", None),
        ("2023-02", "2023-02", None),
        ("2024-02-29", "2024-02-29", None),
        ("2023-13", None, "period.not_real"),
        ("2023-02-30", None, "period.not_real"),
        ("1899", None, "period.year_too_early"),
        ("2047", None, "period.year_too_far"),
        ("2046-06", "2046-06", None),
        ("marzo 2023", None, None),  # not a year, month or day: the schema reports it
        (None, None, None),
    ],
)
def test_a_period_bound_is_a_real_year_month_or_day_in_a_plausible_year(value, bound, code):
    found_bound, found = values.period_bound(value, TODAY)
    assert (found_bound, found and found.code) == (bound, code)


def test_period_bound_messages():
    assert str(values.period_bound("2023-13", TODAY)[1]) == (
        "'2023-13' non è una data reale; scrivi un anno (2023), un mese (2023-01) o un giorno "
        "(2023-01-15)"
    )
    assert str(values.period_bound("0000", TODAY)[1]) == (
        "l'anno 0000 non è plausibile per un'esperienza; scrivi un anno dal 1900 in poi"
    )


def test_a_period_cannot_end_before_it_starts_or_both_end_and_go_on():
    assert values.period_shape({"start": "2023"}, {"start": "2023"}) == []
    found = values.period_shape(
        {"start": "2023-09", "end": "2023-01", "ongoing": True},
        {"start": "2023-09", "end": "2023-01"},
    )
    assert [(key, said(message)) for key, message in found] == [
        (
            "ongoing",
            (
                "period.end_and_ongoing",
                "un periodo non può avere una fine ed essere in corso; togli 'end' oppure "
                "'ongoing'",
            ),
        ),
        ("end", ("period.end_before_start", "2023-01 è prima dell'inizio 2023-09")),
    ]


# -- texts and names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Un titolo", None),
        ("costo < reddito", None),
        ("Titolo <b>forte</b>", "text.html"),
        ("<!-- nascosto -->", "text.html"),
        (["non", "testo"], None),
    ],
)
def test_titles_summaries_and_alt_texts_are_plain_text(value, code):
    found = values.plain_text(value)
    assert (found and found.code) == code


def test_a_text_must_have_enough_visible_characters():
    assert values.visible_text("Abc", 3) is None
    assert values.visible_text("  ", 3) is None  # shorter than the minimum: the schema's
    assert said(values.visible_text("  a  ", 3)) == (
        "text.too_few_visible",
        "ha solo 1 caratteri visibili (gli spazi non contano); scrivine almeno 3",
    )


def test_a_content_file_name_is_its_slug():
    assert values.file_name(Path("orto-condiviso.md"), lambda name: False) is None
    assert said(values.file_name(Path("Orto Condiviso.md"), lambda name: False)) == (
        "filename.not_slug",
        "'Orto Condiviso.md' non è uno slug valido; rinominalo 'orto-condiviso.md' (lettere "
        "minuscole, cifre e trattini)",
    )
    taken = values.file_name(Path("Orto.md"), lambda name: name == "orto.md")
    assert taken.code == "filename.not_slug_taken"


def test_a_page_may_not_take_a_section_s_address():
    assert values.page_slug("chi-siamo") is None
    assert values.page_slug(["dati"]) is None  # the schema reports the wrong type
    assert values.page_slug("esperienze").code == "page.reserved_slug"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("titolo", "title"),
        ("Sommario", "summary"),
        ("riassunto", "summary"),
        ("data", "date"),
        ("autori", "authors"),
        ("temi", "tags"),
        ("luoghi", "territories"),
        ("territori", "territories"),
        ("soggetti", "actors"),
        ("attori", "actors"),
        ("organizzazioni", "organizations"),
        ("periodo", "period"),
        ("fonti", "sources"),
        ("immagine", "image"),
        ("stato", "status"),
        ("correlate", "related"),
        ("teritories", "territories"),  # near misses keep their suggestion
        ("colore", None),
    ],
)
def test_italian_field_names_get_their_field(name, suggestion):
    allowed = list(load_schema()["properties"])
    assert suggest_field(name, allowed) == suggestion


# -- pictures ----------------------------------------------------------------------------------


def test_an_image_is_a_file_of_content_immagini_the_walk_accepted(tmp_path):
    from collaborare.core.images import file_problem

    content = tmp_path / "content"
    assert said(file_problem("https://example.org/x.jpg", content, set())) == (
        "image.remote",
        "un'immagine da un altro sito non è ammessa; salvala in content/immagini/ (se la "
        "licenza lo permette) e scrivi image: immagini/nome.jpg",
    )
    for path in ("immagini/../immagini/foto.jpg", "foto.jpg"):
        assert file_problem(path, content, set()).code == "image.not_in_folder"
    assert said(file_problem("immagini/altra.jpg", content, set())) == (
        "image.missing",
        "il file content/immagini/altra.jpg non esiste; controlla il nome (maiuscole "
        "comprese) o aggiungi l'immagine in content/immagini/",
    )


# -- places --------------------------------------------------------------------------------------


def test_a_place_resolves_to_its_level(vocab):
    place, found = values.place({"comune": "Forli"}, vocab)
    assert found is None and (place.level, place.label) == ("comune", "Forlì")
    place, found = values.place({"nazionale": True}, vocab)
    assert found is None and place.level == "nazionale"
    place, found = values.place({"regione": "Lazio"}, vocab)
    assert found is None and (place.level, place.label) == ("regione", "Lazio")
    assert values.place({"comune": "Catanzar"}, vocab)[1].params["suggestion"] == "Catanzaro"


# -- cross-entry ---------------------------------------------------------------------------------


def test_related_names_another_entry():
    slugs = ["genitori-adesso", "orto"]
    assert collection.related_problem("orto", "genitori-adesso", slugs) is None
    assert collection.related_problem("orto", "orto", slugs) == ("related.self", {})
    assert collection.related_problem("genitori-adeso", "orto", slugs) == (
        "related.unknown",
        {"value": "genitori-adeso", "suggestion": "genitori-adesso"},
    )
    assert collection.related_problem("zzz", "orto", slugs)[0] == "related.unknown_plain"


def test_strumenti_name_published_strumenti():
    class Doc:
        def __init__(self, status="published"):
            self.metadata = {"status": status}

    kinds = {
        "metodo": ("strumento", Doc()),
        "bozza": ("strumento", Doc("draft")),
        "orto": ("esperienza", Doc()),
    }
    strumenti = ["bozza", "metodo"]
    assert collection.strumento_problem("metodo", kinds, strumenti, draft=False) is None
    assert collection.strumento_problem("bozza", kinds, strumenti, draft=True) is None
    assert collection.strumento_problem("bozza", kinds, strumenti, draft=False)[0] == (
        "strumenti.draft"
    )
    assert collection.strumento_problem("orto", kinds, strumenti, draft=False) == (
        "strumenti.not_a_strumento",
        {"value": "orto", "kind": "un'esperienza"},
    )
    assert collection.strumento_problem("metod", kinds, strumenti, draft=False)[0] == (
        "strumenti.unknown"
    )


# -- phases --------------------------------------------------------------------------------------


def test_a_rule_joins_a_phase_with_one_line(project, monkeypatch):
    """How the other rules (images, placeholders, internal links) are added: one function
    appended to a phase's list, reporting a catalogue code."""
    from collaborare.site.build import check
    from helpers import entry_text

    def no_forli(reading):
        if "Forlì" in reading.meta.get("title", ""):
            reading.report(("title",), "text.html")

    monkeypatch.setattr(entry, "FIELD_CHECKS", [*entry.FIELD_CHECKS, no_forli])
    project.write("esperienze/x.md", entry_text(title="Un orto a Forlì"), dedent=False)
    assert [(p.line, p.field, p.code) for p in check(project.root).problems] == [
        (2, "title", "text.html")
    ]


def test_every_phase_lists_only_callables():
    for phase in (
        entry.SCHEMA_CHECKS,
        entry.FIELD_CHECKS,
        entry.CROSS_FIELD_CHECKS,
        entry.PUBLICATION_CHECKS,
        collection.CROSS_ENTRY_CHECKS,
    ):
        assert phase and all(callable(check) for check in phase)


# -- the catalogue -------------------------------------------------------------------------------


def test_every_template_renders_with_its_named_parameters():
    for code, template in MESSAGES.items():
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
        rendered = render(code, **dict.fromkeys(names, "X"))
        assert not re.search(r"\{(?!filename\}|static\})[a-z_]*\}", rendered), code


ENGLISH = re.compile(
    r"\b(the|is not|did you mean|must|should|allowed|missing|required|expected|found|use)\b"
)


def test_every_message_is_italian():
    """A guard against English creeping back: none of the commonest English words."""
    english = {
        code: template
        for code, template in MESSAGES.items()
        if ENGLISH.search(re.sub(r"\{[a-z_]*(![rs])?\}", "", template).replace("'", " "))
    }
    assert english == {}


def test_every_code_the_package_emits_is_in_the_catalogue():
    prefixes = {code.split(".")[0] for code in MESSAGES}
    alternatives = "|".join(sorted(prefixes))
    pattern = re.compile(rf"""["']((?:{alternatives})\.[a-z_]+)["']""")
    used = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "messages.py":
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    not_codes = {"period.start", "period.end", "schema.json"}  # key paths and a file name
    assert used and used - set(MESSAGES) - not_codes == set()


def test_every_schema_hint_has_its_italian_text():
    schema = load_schema(SCHEMA_PATH)
    for name, subschema in schema["properties"].items():
        if "x-hint" in subschema:
            assert f"hint.field.{name}" in MESSAGES
    for name, subschema in schema["$defs"].items():
        if "x-hint" in subschema:
            assert f"hint.format.{name}" in MESSAGES


def test_a_problem_carries_its_code_and_parameters_and_renders_through_the_catalogue():
    problem = Problem("content/esperienze/x.md", 4, "date", "date.not_real", value="2026-02-30")
    assert (problem.code, dict(problem.params)) == ("date.not_real", {"value": "2026-02-30"})
    assert str(problem) == (
        "content/esperienze/x.md:4: date: '2026-02-30' non è una data reale; scrivi AAAA-MM-GG, "
        "per esempio 2026-11-25"
    )
    assert pickle.loads(pickle.dumps(problem)) == problem  # it travels from worker processes
    assert (
        len(
            {
                problem,
                Problem("content/esperienze/x.md", 4, "date", "date.not_real", value="2026-02-30"),
            }
        )
        == 1
    )
    with pytest.raises(KeyError):
        Problem("x.md", 1, "title", "not a code")
    with pytest.raises(KeyError):
        Message("nor.this")


def test_problems_sort_as_they_read():
    late = Problem("a.md", 2, "title", "text.html")
    early = Problem("a.md", 1, "title", "text.html")
    image = Problem("a.md", 3, "testo", "html.remote_image")
    alt = Problem("a.md", 3, "testo", "html.image_without_alt")
    assert sorted([late, alt, image, early]) == [early, late, image, alt]  # 'le' < 'un'


def test_counts_are_italian():
    assert messages.count(1, "problem") == "1 problema"
    assert messages.count(2, "problem") == "2 problemi"
    assert messages.count(1_000, "page") == "1.000 pagine"
    assert messages.count(1, "strumento") == "1 strumento"


def test_a_file_outside_the_content_folders_says_where_it_goes(project):
    from collaborare.site.build import check
    from helpers import entry_text

    project.write("altro/x.md", entry_text(), dedent=False)
    assert [(p.code, str(p)) for p in check(project.root).problems] == [
        (
            "file.outside_folders",
            "content/altro/x.md:1: file: non è in una cartella di contenuti; spostalo in "
            "content/esperienze/, content/riflessioni/, content/strumenti/ o in content/pages/",
        )
    ]
