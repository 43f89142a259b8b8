"""The command line (collaborare/site/cli.py): what `check` prints, here under GitHub Actions."""


def test_check_prints_annotations_under_github_actions(project):
    project.write("esperienze/x.md", "---\ntitle: a\n\tsummary: b\n---\n", dedent=False)
    completed = project.check_command(env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin"})
    assert completed.returncode == 1
    assert completed.stdout.startswith(
        "::error file=content/esperienze/x.md,line=3::intestazione: YAML non valido"
    )
    assert completed.stderr.startswith("content/esperienze/x.md:3: intestazione: YAML non valido")
