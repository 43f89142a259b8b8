"""Property-based tests: whatever a file holds, the checker reports problems and never raises."""

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collaborare.core.problems import Problem
from collaborare.core.validation import Checker
from collaborare.core.vocab import Vocabulary
from collaborare.site.build import ROOT

CHECKER = Checker(Vocabulary.load(), ROOT)
KEYS = [
    "title",
    "summary",
    "date",
    "modified",
    "authors",
    "tags",
    "territories",
    "actors",
    "organizations",
    "period",
    "sources",
    "image",
    "image_alt",
    "related",
    "status",
    "comune",
    "provincia",
    "regione",
    "area",
    "nazionale",
    "start",
    "end",
    "ongoing",
    "name",
    "type",
    "url",
    "teritories",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2024-13-45",
            "2026-01-10",
            "2023-01",
            "coesione-sociale",
            "Lombardia",
            "Catanzaro",
            "MB",
            "biblioteca",
            "<b>x</b>",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(string.ascii_lowercase, min_size=1, max_size=8)),
    values,
    max_size=10,
)


def read(tmp_path: Path, data: bytes):
    path = tmp_path / "esperienze" / "prova.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return CHECKER.read(path, "esperienza")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front_matter, st.text(max_size=200))
def test_any_front_matter_gives_problems_or_an_entry_never_an_exception(tmp_path, meta, body):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    result = read(tmp_path, text.encode("utf-8"))
    item, problems = result.item, result.problems
    assert all(isinstance(problem, Problem) for problem in problems)
    assert (item is None) == bool(problems) or item is None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_never_an_exception(tmp_path, data):
    result = read(tmp_path, b"---\n" + data)
    item, problems = result.item, result.problems
    assert item is None or not problems
    assert all(isinstance(problem, Problem) and problem.line >= 1 for problem in problems)


# -- the rules of issue 14 -------------------------------------------------------------------

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


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_a_csv_cell_never_starts_a_formula_and_keeps_its_text(cell):
    from collaborare.plugins.open_data import neutralised

    safe = neutralised(cell)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert safe in (cell, "'" + cell)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(max_size=40))
def test_an_annotation_is_one_line_whose_file_property_cannot_be_broken_out_of(path, message):
    annotation = Problem(path, 3, "testo", "schema.other", detail=message).github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    prefix, _, _rest = annotation.partition(",line=3::")
    assert (
        prefix.startswith("::error file=")
        and "," not in prefix
        and ":" not in prefix[len("::error") :]
    )
    assert "\n" not in str(Problem(path, 3, "testo", "body.empty"))


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["filename", "static", "attach"]),
    st.lists(
        st.sampled_from(
            [
                "..",
                ".",
                "immagini",
                "esperienze",
                "extra",
                ".git",
                "config",
                "foto.png",
                "%2E%2E",
                "&#46;&#46;",
                "",
                "/",
            ]
        ),
        max_size=6,
    ),
)
def test_an_intrasite_link_never_resolves_outside_its_folders(tmp_path_factory, what, parts):
    from collaborare.core.links import intrasite_links

    content = tmp_path_factory.getbasetemp() / "content"
    source = content / "esperienze" / "x.md"
    files = {content / "immagini" / "foto.png", content / "esperienze" / "altra.md"}
    value = "/".join(parts)
    for link in intrasite_links(f'<a href="{{{what}}}{value}">x</a>', source, content, files):
        assert (link.target is None) != (link.problem is None)
        if link.target is not None:
            assert link.target in files


# What the open data holds: text (any character but lone surrogates, which YAML and JSON
# cannot carry), whole numbers, true/false/null, nested lists and mappings.
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), children)
    ),
    max_leaves=30,
)


@given(_JSON_VALUES)
@settings(max_examples=300, deadline=None)
def test_open_data_json_is_what_json_dumps_writes(value):
    import json

    from collaborare.plugins.open_data import json_text

    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
