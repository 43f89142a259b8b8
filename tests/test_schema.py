"""The JSON Schema of the front matter (collaborare/core/schema.py, schema/), as editors and off-the-shelf tools use it."""

import subprocess
import sys
from pathlib import Path

import pytest

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
