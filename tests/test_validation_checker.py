"""The checker (collaborare/core/validation/checker.py), property-based: whatever a file holds,
it reports problems and never raises."""

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
