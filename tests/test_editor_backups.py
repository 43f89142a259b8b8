"""Editor backups (x.md~, .x.md.swp, #x.md#, .DS_Store): check, build and preview agree."""

from pathlib import Path

from collaborare.core.files import EDITOR_BACKUP_PATTERNS, is_editor_backup
from collaborare.site.build import ROOT
from helpers import entry_text

BACKUPS = (
    "esperienze/x.md~",
    "esperienze/.x.md.swp",
    "esperienze/#x.md#",
    "esperienze/.#x.md",
    ".DS_Store",
    "immagini/foto.jpg~",
)


def test_backups_are_counted_never_published_and_never_a_problem(project):
    project.write("esperienze/x.md", entry_text())
    for name in BACKUPS:
        project.write(name, "avanzi dell'editor")
    completed = project.check_command()
    assert completed.returncode == 0, completed.stderr
    note = (
        "Ignorati 6 file di backup dell'editor, che non vengono pubblicati: "
        "content/.DS_Store, content/esperienze/#x.md#, content/esperienze/.#x.md, "
        "content/esperienze/.x.md.swp, content/esperienze/x.md~, content/immagini/foto.jpg~"
    )
    assert completed.stdout.splitlines() == [note, "OK: nessun problema in 1 file di contenuto."]
    result = project.build()
    assert result.ok, result.problems
    assert note in result.summary().splitlines()
    published = [p.name for p in (project.root / "output").rglob("*") if p.is_file()]
    assert [name for name in published if is_editor_backup(name)] == []
    assert "x.md~" not in published and "foto.jpg~" not in published


def test_a_problem_elsewhere_still_fails_and_the_backups_are_still_said(project):
    project.write("esperienze/x.md", entry_text(title=""))
    project.write("esperienze/x.md~", "avanzi")
    completed = project.check_command()
    assert completed.returncode == 1
    assert completed.stdout.startswith(
        "Ignorati 1 file di backup dell'editor, che non vengono pubblicati: "
        "content/esperienze/x.md~\n"
    )


def test_many_backups_are_summed_up():
    from collaborare.core.files import backups_note

    rels = [f"content/esperienze/{n}.md~" for n in range(12)]
    assert backups_note(rels).endswith("content/esperienze/9.md~ e altri 2")
    assert backups_note([]) is None


def test_git_ignores_them():
    # A leading '#' starts a comment in .gitignore: '#*#' is written '\\#*#'.
    ignored = [
        line.removeprefix("\\")
        for line in Path(ROOT / ".gitignore").read_text(encoding="utf-8").split("\n")
        if not line.startswith("#")
    ]
    assert [p for p in EDITOR_BACKUP_PATTERNS if p not in ignored] == []


def test_ordinary_names_are_not_backups():
    for name in ("x.md", "foto.jpg", "note-2024.md", "a#b.md", "swp.md"):
        assert not is_editor_backup(name), name
