"""Task ergonomics: positional files for `invoke check`, pytest arguments and the fast loop
for `invoke test`, a busy preview port, `invoke publish` without SITEURL, a quiet build."""

import socket
import subprocess
import sys

import pytest

from collaborare.site.build import ROOT
from collaborare.site.cli import main
from helpers import entry_text


def invoke(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env=env,
    )


ENTRIES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content" / "esperienze").glob("*.md"))


@pytest.mark.parametrize(
    "args, checked",
    [
        ([ENTRIES[0]], 1),
        ([ENTRIES[0], ENTRIES[1]], 2),
        (["--paths", ENTRIES[0]], 1),
        (["-p", ENTRIES[0], "-p", ENTRIES[1]], 2),
        ([ENTRIES[0], "--paths", ENTRIES[1]], 2),
    ],
)
def test_invoke_check_takes_files_as_words_or_with_paths(args, checked):
    completed = invoke("check", *args)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"OK: nessun problema in {checked} file di contenuto."


def test_invoke_check_without_files_checks_everything():
    completed = invoke("check")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("OK: nessun problema in ")
    assert "file di contenuto." in completed.stdout
    assert "in 1 file" not in completed.stdout


def test_a_file_that_is_not_there_is_said_in_italian():
    completed = invoke("check", "content/esperienze/non-esiste.md")
    assert completed.returncode == 1
    assert completed.stderr.strip() == (
        "content/esperienze/non-esiste.md: file non trovato; indica il percorso di una scheda, "
        "per esempio content/esperienze/nome-della-scheda.md"
    )


def collected(completed):
    return [line for line in completed.stdout.splitlines() if "::" in line]


@pytest.mark.slow  # among the longest of the suite: left out of the fast loop
def test_invoke_test_passes_pytest_arguments_and_fast_skips_browser_and_benchmark():
    everything = collected(
        invoke("test", "--", "--collect-only", "-q", "tests/test_search.py", "tests/test_bench.py")
    )
    fast = collected(
        invoke(
            "test",
            "--fast",
            "--",
            "--collect-only",
            "-q",
            "tests/test_search.py",
            "tests/test_bench.py",
        )
    )
    assert any("test_bench.py" in test for test in everything)
    browser_tests = [test for test in everything if "browser" in test or "filter" in test]
    assert browser_tests and fast
    assert not any("test_bench.py" in test for test in fast)
    assert set(fast) < set(everything)
    chosen = collected(
        invoke("test", "--", "--collect-only", "-q", "-k", "validation", "tests/test_validation.py")
    )
    assert chosen and all("validation" in test for test in chosen)


def test_markers_are_on_the_browser_tests_and_the_benchmark():
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-m",
            "browser or slow",
            "tests/test_search.py",
            "tests/test_bench.py",
            "tests/test_accessibility.py",
            "tests/test_validation.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    chosen = collected(completed)
    assert any("test_accessibility.py" in test for test in chosen)
    assert any("test_search.py" in test for test in chosen)
    assert any("test_bench.py" in test for test in chosen)
    assert not any("test_validation.py" in test for test in chosen)


def test_a_busy_preview_port_is_one_italian_line(tmp_path, capsys):
    taken = socket.socket()
    taken.bind(("localhost", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        code = main(["preview", "--port", str(port), "--output", str(tmp_path / "out")])
    finally:
        taken.close()
    assert code == 1
    assert capsys.readouterr().err == (
        f"La porta {port} è già in uso (forse da un'altra anteprima): chiudila con Ctrl+C "
        f"oppure scegli un'altra porta, per esempio invoke preview --port {port + 1}\n"
    )
    assert not (tmp_path / "out").exists()  # said before building


def test_publish_without_siteurl_says_to_set_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SITEURL", raising=False)
    env = {key: value for key, value in __import__("os").environ.items() if key != "SITEURL"}
    completed = invoke("publish", env=env)
    assert completed.returncode == 1
    assert completed.stderr.strip() == (
        "Manca l'indirizzo del sito: imposta SITEURL, per esempio "
        "SITEURL=https://org.github.io/collaborare invoke publish"
    )


def test_publish_with_siteurl_builds_for_it(monkeypatch):
    import collaborare.site.cli

    built = []
    monkeypatch.setattr(
        collaborare.site.cli, "run_build", lambda settings, *args: built.append(settings.name) or 0
    )
    monkeypatch.setenv("SITEURL", "https://org.github.io/collaborare")
    assert main(["publish"]) == 0
    assert built == ["publishconf.py"]


def test_pelican_s_done_line_is_not_printed(project, capfd):
    project.write("esperienze/prova.md", entry_text())
    code = main(
        [
            "build",
            "--content",
            str(project.content),
            "--output",
            str(project.root / "out"),
            "--no-search",
        ]
    )
    out, err = capfd.readouterr()
    assert code == 0, err
    assert "Done: Processed" not in out + err
    assert out.startswith("Costruite ")
