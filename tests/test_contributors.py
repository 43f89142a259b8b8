"""Contributor tools: `invoke new`, the schema in editors, GitHub annotations."""

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from collaborare.core.frontmatter import split
from collaborare.core.problems import Problem
from collaborare.core.scaffold import Console, ScaffoldError, create
from collaborare.site.build import ROOT, check

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def test_a_new_entry_passes_the_check_and_builds(project):
    path = create(
        project.root,
        "esperienza",
        "Un orto condiviso a Forlì",
        summary="Un gruppo di cittadini cura un orto condiviso con il Comune.",
        tags=["coesione-sociale"],
        territories=["comune=Forlì", "area=Brianza,provincia=MB"],
        actors=["gruppo-informale"],
        date="2026-11-25",
    )
    assert path == project.content / "esperienze" / "un-orto-condiviso-a-forli.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/entry.schema.json\n")
    for field in (
        "organizations",
        "period",
        "sources",
        "authors",
        "modified",
        "image",
        "image_alt",
        "image_credit",
        "related",
        "strumenti",
    ):
        assert f"\n# {field}:" in text, field
    assert check(project.root).problems == []
    result = project.build()
    assert result.ok, result.build_errors
    assert (
        "Bozza, non pubblicata: content/esperienze/un-orto-condiviso-a-forli.md" in result.summary()
    )
    # Uncommenting the optional examples must give a valid entry too, once filled in.
    filled = (
        "\n".join(
            line[2:]
            if line.startswith("# ")
            and not line.startswith(("# yaml", "# Campi", "# Temi"))
            and (line[2:3].islower() or line[2:4] in ("- ", "  "))
            else line
            for line in text.split("\n")
        )
        .replace("https://...", "https://example.org/")
        .replace("slug-di-un-altra-scheda", "altra")
    )
    filled = filled.replace("slug-di-uno-strumento", "un-world-cafe")
    path.write_text(filled, encoding="utf-8")
    create(
        project.root,
        "strumento",
        "Un World Café",
        summary="Un metodo di conversazione a tavoli per gruppi grandi e diversi.",
        tags=["facilitazione"],
        territories=[],
    )
    (project.content / "esperienze" / "altra.md").write_text(
        text.replace("title: Un orto condiviso a Forlì", "title: Altra scheda"), encoding="utf-8"
    )
    (project.content / "immagini").mkdir()
    Image.new("RGB", (480, 320), "teal").save(project.content / "immagini" / "nome-del-file.jpg")
    assert [str(p) for p in check(project.root).problems] == []


def test_a_reflection_needs_no_territory(project):
    path = create(
        project.root,
        "riflessione",
        "Perché collaborare",
        summary="Una riflessione sulle ragioni per collaborare tra enti diversi.",
        tags=["co-progettazione"],
        territories=[],
    )
    assert path.parent.name == "riflessioni"
    assert check(project.root).problems == []


def test_new_refuses_to_overwrite_and_asks_for_what_is_missing(project):
    kwargs = {
        "summary": "Un sommario abbastanza lungo per la prova.",
        "tags": ["coesione-sociale"],
        "territories": ["comune=Catanzaro"],
    }
    create(project.root, "esperienza", "Doppione", **kwargs)
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "riflessione", "Doppione", **kwargs)
    assert str(raised.value) == (
        "--slug: content/esperienze/doppione.md esiste già; scegli un altro titolo "
        "o un altro nome di file (--slug)"
    )
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "esperienza", "Senza sommario", summary=None, tags=[], territories=[])
    assert str(raised.value) == (
        "manca --summary: Sommario: una o due frasi in testo semplice (da 20 a 300 caratteri)."
    )
    answers = iter(
        ["Un sommario scritto rispondendo alla domanda.", "welfare-culturale", "regione=Lazio", ""]
    )
    path = create(
        project.root,
        "esperienza",
        "Con domande",
        summary=None,
        tags=[],
        territories=[],
        console=Console(lambda question: next(answers), print),
    )
    assert "- regione: Lazio" in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError) as raised:
        create(
            project.root,
            "esperienza",
            "Luogo strano",
            territories=["citta=Roma"],
            **{k: v for k, v in kwargs.items() if k != "territories"},
        )
    assert str(raised.value).startswith("--territory: «citta=Roma»: scrivi coppie chiave=valore")


def test_invoke_new_from_the_command_line(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "new",
            "esperienza",
            "Già presente",
            "--summary",
            "x",
            "--tag",
            "coesione-sociale",
            "--territory",
            "comune=Catanzaro",
            "--slug",
            "genitori-adesso",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 1
    assert (
        "invoke new: --slug: content/esperienze/genitori-adesso.md esiste già" in completed.stderr
    )


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


def test_problems_become_github_annotations():
    problem = Problem(
        "content/esperienze/x.md",
        9,
        "territories[1]",
        "place.unknown",
        value="Lombadia",
        what="una regione nota",
        suggestion="Lombardia",
    )
    assert problem.github_annotation() == (
        "::error file=content/esperienze/x.md,line=9::territories[1]: 'Lombadia' non è una "
        "regione nota; intendevi 'Lombardia'?"
    )
    assert Problem("a.md", 1, "f", "schema.other", detail="50% done\nnext").github_annotation() == (
        "::error file=a.md,line=1::f: non è valido secondo lo schema (50%25 done%0Anext)"
    )


def test_check_prints_annotations_under_github_actions(project):
    project.write("esperienze/x.md", "---\ntitle: a\n\tsummary: b\n---\n", dedent=False)
    completed = project.check_command(env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin"})
    assert completed.returncode == 1
    assert completed.stdout.startswith(
        "::error file=content/esperienze/x.md,line=3::intestazione: YAML non valido"
    )
    assert completed.stderr.startswith("content/esperienze/x.md:3: intestazione: YAML non valido")


def test_a_new_strumento_has_its_sections_and_no_places(project):
    path = create(
        project.root,
        "strumento",
        "Cerchio di ascolto",
        summary="Un incontro in cerchio in cui ciascuno parla a turno, senza interruzioni.",
        tags=["facilitazione"],
        territories=[],
        date="2026-11-25",
    )
    assert path == project.content / "strumenti" / "cerchio-di-ascolto.md"
    text = path.read_text(encoding="utf-8")
    for heading in ("Che cos'è", "Quando aiuta", "Come si conduce", "Limiti"):
        assert f"\n## {heading}\n" in text
    for field in ("territories", "period", "actors", "strumenti"):
        assert f"{field}:" not in text, field
    assert check(project.root).problems == []
    with pytest.raises(ScaffoldError, match="uno strumento non ha luoghi né tipi di soggetto"):
        create(
            project.root,
            "strumento",
            "Altro",
            summary="x" * 30,
            tags=["facilitazione"],
            territories=["regione=Lazio"],
        )
