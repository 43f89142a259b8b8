"""A corpus of malformed entries (tests/malformed/), each with the exact message it must produce.

expected.json maps each file to its messages without the path prefix
("line: field: message"); an empty list means the file must be accepted (BOM, CRLF).
"""

import json
import shutil
from pathlib import Path

import pytest

from collaborare.site.build import check
from helpers import entry_text

CORPUS = Path(__file__).parent / "malformed"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = sorted(p.name for p in CORPUS.glob("*.md"))
    assert files == sorted(EXPECTED)
    assert sum(1 for messages in EXPECTED.values() if messages) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_malformed_file_gets_its_message_and_the_valid_one_is_unaffected(project, name):
    shutil.copy(CORPUS / name, project.content / "esperienze" / name)
    project.write("esperienze/valida.md", entry_text(), dedent=False)
    collection = check(project.root)
    assert [str(p) for p in collection.problems] == [
        f"content/esperienze/{name}:{message}" for message in EXPECTED[name]
    ]
    slugs = {entry.slug for entry in collection.entries}
    assert "valida" in slugs
    if not EXPECTED[name]:
        assert Path(name).stem in slugs  # accepted files become entries


def test_a_build_of_the_whole_corpus_fails_naming_every_bad_file_without_traceback(project):
    for path in CORPUS.glob("*.md"):
        shutil.copy(path, project.content / "esperienze" / path.name)
    completed = project.build_command()
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    for name, messages in EXPECTED.items():
        for message in messages:
            assert f"content/esperienze/{name}:{message}" in completed.stderr
    assert not (project.root / "out").exists()


def test_a_five_megabyte_file_is_refused_with_a_message(project):
    text = entry_text(body="Parola " * 750_000)
    project.write("esperienze/enorme.md", text, dedent=False)
    size = len(text.encode("utf-8"))
    assert size > 5_000_000
    assert [str(p) for p in check(project.root).problems] == [
        f"content/esperienze/enorme.md:1: file: pesa {size:,} byte".replace(",", ".")
        + ", al massimo 1.000.000; dividilo o togli i dati incorporati"
    ]


def test_names_that_collide_after_slugification_are_both_reported(project):
    project.write("esperienze/citta-bella.md", entry_text(), dedent=False)
    project.write("esperienze/Città Bella.md", entry_text(), dedent=False)
    assert [str(p) for p in check(project.root).problems] == [
        "content/esperienze/Città Bella.md:1: nome del file: 'Città Bella.md' non è uno slug "
        "valido; 'citta-bella.md' è già usato, quindi scegli un altro nome con lettere "
        "minuscole, cifre e trattini",
        "content/esperienze/citta-bella.md:1: nome del file: lo slug 'citta-bella' è usato "
        "anche da content/esperienze/Città Bella.md; rinomina uno dei due file",
    ]
