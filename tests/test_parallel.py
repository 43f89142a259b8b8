"""The parallel build (read pool, forked page writers) gives exactly the serial build's output."""

import pytest

from helpers import tree
from tools.bench import generate


@pytest.mark.slow  # `invoke test --fast` skips it
def test_parallel_and_serial_builds_are_identical(tmp_path):
    ours, _stock = generate(150, tmp_path / "corpus", seed=11)
    from helpers import Project

    project = Project(tmp_path / "p")
    (project.root / "content").rename(project.root / "empty-content")
    (ours / "content").rename(project.root / "content")
    serial = project.build(output=tmp_path / "serial", BUILD_WORKERS=1, SEARCH_INDEX=False)
    parallel = project.build(output=tmp_path / "parallel", BUILD_WORKERS=2, SEARCH_INDEX=False)
    assert serial.ok and parallel.ok, parallel.build_errors
    assert serial.pages_written == parallel.pages_written > 500
    one, two = (
        tree(tmp_path / "serial", skip=("pagefind",)),
        tree(tmp_path / "parallel", skip=("pagefind",)),
    )
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_warning_logged_in_a_writer_process_still_fails_the_strict_build(tmp_path):
    ours, _stock = generate(80, tmp_path / "corpus", seed=3)
    from helpers import Project, pelican_warning

    project = Project(tmp_path / "p")
    (project.root / "content").rename(project.root / "empty-content")
    (ours / "content").rename(project.root / "content")
    last_page = "esperienza-00079/index.html"  # written by a forked writer, not the parent
    with pelican_warning(
        "Avviso scritto da un processo",
        "content_written",
        when=lambda path: str(path).endswith(last_page),
    ):
        result = project.build(output=tmp_path / "out", BUILD_WORKERS=2, SEARCH_INDEX=False)
    assert not result.ok
    assert result.build_errors == ["Avviso scritto da un processo"]


def _without_fork(monkeypatch):
    """This process as on Windows: no os.fork, no "fork" start method."""
    import multiprocessing
    import os

    real_get_context = multiprocessing.get_context

    def get_context(method=None):
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")
        return real_get_context(method)

    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(multiprocessing, "get_context", get_context)


@pytest.mark.slow  # `invoke test --fast` skips it
def test_without_fork_the_build_runs_in_one_process_with_the_same_output(tmp_path, monkeypatch):
    ours, _stock = generate(90, tmp_path / "corpus", seed=5)  # > 64 files, > 50 pages
    from helpers import Project

    project = Project(tmp_path / "p")
    (project.root / "content").rename(project.root / "empty-content")
    (ours / "content").rename(project.root / "content")
    parallel = project.build(output=tmp_path / "parallel", BUILD_WORKERS=2, SEARCH_INDEX=False)
    _without_fork(monkeypatch)
    no_fork = project.build(output=tmp_path / "no-fork", BUILD_WORKERS=2, SEARCH_INDEX=False)
    assert parallel.ok and no_fork.ok, [str(p) for p in no_fork.problems] + no_fork.build_errors
    assert no_fork.pages_written == parallel.pages_written > 300
    one, two = (
        tree(tmp_path / "parallel", skip=("pagefind",)),
        tree(tmp_path / "no-fork", skip=("pagefind",)),
    )
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_fork_is_used_only_where_it_is_safe(monkeypatch):
    import sys

    from collaborare.core.forking import can_fork

    assert can_fork()  # Linux, where the suite runs
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert not can_fork()
    monkeypatch.setattr(sys, "platform", "linux")
    _without_fork(monkeypatch)
    assert not can_fork()


def test_feeds_are_written_with_the_pages_and_their_warnings_still_fail_the_build(tmp_path):
    import os

    from helpers import Project, pelican_warning

    ours, _stock = generate(80, tmp_path / "corpus", seed=3)
    project = Project(tmp_path / "p")
    (project.root / "content").rename(project.root / "empty-content")
    (ours / "content").rename(project.root / "content")
    written = tmp_path / "feeds-written"
    written.mkdir()

    def record(path):  # one empty file per feed written, named by the writing process
        (written / f"{os.getpid()}-{abs(hash(str(path)))}").touch()
        return False

    with pelican_warning("never", "feed_written", when=record):
        result = project.build(output=tmp_path / "out", BUILD_WORKERS=2, SEARCH_INDEX=False)
    assert result.ok, result.build_errors
    feeds = sorted((tmp_path / "out").rglob("*.atom.xml"))
    assert len(list(written.iterdir())) == len(feeds) > 10
    # The walk the build no longer makes counts what it counted.
    pages = [p for p in (tmp_path / "out").rglob("*.html") if "pagefind" not in p.parts]
    assert result.pages_written == len(pages)

    with pelican_warning("Avviso scritto con un feed", "feed_written"):
        result = project.build(output=tmp_path / "out2", BUILD_WORKERS=2, SEARCH_INDEX=False)
    assert not result.ok
    assert set(result.build_errors) == {"Avviso scritto con un feed"}


def test_a_feed_is_queued_until_the_flush_and_two_feeds_on_one_file_fail(tmp_path):
    from pelican.settings import DEFAULT_CONFIG

    from collaborare.core.validation import Checker
    from collaborare.site.incremental.writer import ParallelWriter
    from collaborare.site.runtime import RUNTIME_KEY, Runtime

    settings = dict(DEFAULT_CONFIG, BUILD_WORKERS=1, SITEURL="https://example.org")
    settings[RUNTIME_KEY] = Runtime(checker=Checker.__new__(Checker))
    writer = ParallelWriter(str(tmp_path), settings=settings)
    context = dict(settings, SITENAME="Sito", FEED_DOMAIN="https://example.org")
    writer.write_feed([], context, "feed/tutto.atom.xml", feed_title="Tutto")
    assert not (tmp_path / "feed/tutto.atom.xml").exists()
    with pytest.raises(RuntimeError, match=r"Failed to overwrite \".*/feed/tutto\.atom\.xml\""):
        writer.write_feed([], context, "feed/tutto.atom.xml", feed_title="Tutto")
    writer.flush()
    assert b"<title>Sito - Tutto</title>" in (tmp_path / "feed/tutto.atom.xml").read_bytes()
