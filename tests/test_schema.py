"""The JSON Schema of the front matter (collaborare/core/schema.py, schema/), as editors and off-the-shelf tools use it."""

import copy
import functools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collaborare.core.frontmatter import split
from collaborare.site.build import ROOT

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def front_matter_as_yaml(path: Path, target: Path) -> Path:
    yaml_text, _line, _body, _body_line = split(path.read_text(encoding="utf-8"))
    target.write_text(yaml_text, encoding="utf-8")
    return target


@pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema is not installed")
def test_an_off_the_shelf_json_schema_tool_accepts_real_entries_and_rejects_typos(tmp_path):
    samples = [
        front_matter_as_yaml(path, tmp_path / f"{path.stem}.yaml")
        for path in sorted((ROOT / "content/esperienze").glob("*.md"))
    ]
    schema = ROOT / "schema/entry.schema.json"
    ok = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, samples)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        samples[0]
        .read_text(encoding="utf-8")
        .replace("territories:", "teritories:")
        .replace("- amministrazione-pubblica", "- amministrazione-publica"),
        encoding="utf-8",
    )
    rejected = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rejected.returncode == 1
    assert "'teritories' was unexpected" in rejected.stdout
    assert "'amministrazione-publica' is not one of" in rejected.stdout


# The quick validity test (schema.valid_at_once, fastjsonschema) lets metadata skip
# jsonschema's search for errors: it must never accept what jsonschema refuses.


@pytest.fixture(scope="module")
def schema_checker():
    from collaborare.core.validation import Checker
    from collaborare.site.build import read_pelican_settings

    return Checker.from_settings(read_pelican_settings(ROOT / "pelicanconf.py")).schema_checker


@functools.cache
def real_front_matters() -> list[dict]:
    from collaborare.core.frontmatter import parse

    return [
        parse(path.read_text(encoding="utf-8")).metadata
        for folder in ("esperienze", "riflessioni", "strumenti")
        for path in sorted((ROOT / "content" / folder).glob("*.md"))
    ]


def test_the_quick_test_accepts_every_real_entry(schema_checker):
    # Else every build would still run jsonschema's search, and be slow for nothing.
    metadatas = real_front_matters()
    assert metadatas
    for metadata in metadatas:
        assert schema_checker.entry_is_valid(metadata), metadata.get("title")
        assert not list(schema_checker.entry_validator.iter_errors(metadata))


# What YAML can give a value: every scalar type PyYAML's safe loader makes, in lists and maps.
YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "draft",
            "published",
            "2024",
            "2024-05",
            "2024-13-01",
            "x y",
            "https://a.it/b",
            "http://a",
            "https://a b",
            "-",
            "a-",
            "A",
        ]
    ),
    st.dates(),
    st.datetimes(),
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "comune",
                    "provincia",
                    "regione",
                    "area",
                    "nazionale",
                    "slug",
                    "role",
                    "url",
                    "title",
                    "publisher",
                    "date",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)


# Values a field may well hold: its values in the real entries, and a few more.
LIKELY_VALUES = {
    "image": ["immagini/assemblea.jpg"],
    "image_alt": ["Una assemblea in una sala comunale"],
    "image_credit": ["Foto della redazione, CC BY 4.0"],
    "related": [["orti-condivisi"], ["a", "a"], []],
    "authors": [["Redazione"], ["R", "Redazione"]],
    "status": ["draft", "published"],
}


def value_for(key: str, metadatas: list[dict]):
    seen = [m[key] for m in metadatas if key in m] + LIKELY_VALUES.get(key, [])
    return st.one_of(YAML_VALUES, st.sampled_from(seen)) if seen else YAML_VALUES


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_test_never_accepts_what_jsonschema_refuses(schema_checker, data):
    """Real entries with fields replaced, removed or added, and items inside lists changed."""
    metadatas = real_front_matters()
    metadata = copy.deepcopy(data.draw(st.sampled_from(metadatas)))
    keys = sorted({key for m in metadatas for key in m} | set(LIKELY_VALUES) | {"unknown"})
    for _change in range(data.draw(st.integers(min_value=1, max_value=3))):
        key = data.draw(st.sampled_from(keys))
        action = data.draw(st.sampled_from(["replace", "remove", "replace an item"]))
        if action == "remove":
            metadata.pop(key, None)
        elif action == "replace an item" and isinstance(metadata.get(key), list) and metadata[key]:
            index = data.draw(st.integers(min_value=0, max_value=len(metadata[key]) - 1))
            metadata[key][index] = data.draw(YAML_VALUES)
        else:
            metadata[key] = copy.deepcopy(data.draw(value_for(key, metadatas)))
    for page in (False, True):
        validator = schema_checker.page_validator if page else schema_checker.entry_validator
        quick = schema_checker.page_is_valid if page else schema_checker.entry_is_valid
        if quick(metadata):
            assert not list(validator.iter_errors(metadata)), metadata
