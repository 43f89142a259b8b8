"""The preview's incremental build gives, after any sequence of edits, the site a full build gives."""

import os
import re

import pytest

from collaborare.site.build import build
from collaborare.site.incremental import BuildCache, BuildMode
from helpers import SETTINGS, Project, assert_same_site, entry_text, tree


@pytest.fixture
def editing(tmp_path):
    """A project with the real content and enough entries on one theme to paginate."""
    project = Project(tmp_path / "project", with_collection=True)
    for index in range(14):
        project.write(
            f"esperienze/rete-{index:02d}.md",
            entry_text(
                title=f"Rete numero {index}",
                tags=("lavoro-di-rete", "coesione-sociale"),
                territories=("comune: Catanzaro",) if index % 2 else ("provincia: MB",),
                date=f"2026-02-{index + 1:02d}",
            ),
        )
    cache = BuildCache()
    overrides = project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1)

    def rebuild():
        """Incremental build into output/, full build into full/; both must succeed."""
        result = build(SETTINGS, tmp_path / "output", overrides, cache=cache)
        assert result.ok, [str(p) for p in result.problems] + result.build_errors
        full = build(SETTINGS, tmp_path / "full", overrides)
        assert full.ok
        assert_same_site(tmp_path / "output", tmp_path / "full")
        return tmp_path / "output"

    rebuild()
    return project, cache, rebuild


@pytest.mark.slow  # `invoke test --fast` skips it
def test_edits_give_the_same_site_as_a_full_build(editing):
    project, cache, rebuild = editing
    entry = project.content / "esperienze/rete-03.md"

    # A change to the body: the page changes, most pages are kept as they were.
    entry.write_text(
        entry.read_text(encoding="utf-8") + "\nUn paragrafo su Zanzibar.\n", encoding="utf-8"
    )
    output = rebuild()
    assert "Zanzibar" in (output / "esperienze/rete-03/index.html").read_text(encoding="utf-8")
    assert "Zanzibar" in (output / "feed/tutto.atom.xml").read_text(encoding="utf-8")
    assert cache.last_build is BuildMode.TEXT and cache.reused > 20

    # Two entries' text at once, one of them related to others.
    for name in ("rete-03.md", "rete-04.md"):
        path = project.content / "esperienze" / name
        path.write_text(
            path.read_text(encoding="utf-8") + "\nAncora un paragrafo.\n", encoding="utf-8"
        )
    rebuild()
    assert cache.last_build is BuildMode.TEXT

    # A new title shows on the listings and on the pages that relate to it.
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("Rete numero 3", "Rete rinominata"),
        encoding="utf-8",
    )
    output = rebuild()
    assert cache.last_build is BuildMode.INCREMENTAL and cache.reused > 20
    assert any(
        "rinominata" in page.read_text(encoding="utf-8")
        for page in (output / "temi/lavoro-di-rete").rglob("*.html")
    )

    # Facets change: the entry leaves one theme and one territory for others.
    entry.write_text(
        re.sub("lavoro-di-rete", "facilitazione", entry.read_text(encoding="utf-8")).replace(
            "comune: Catanzaro", "comune: Udine"
        ),
        encoding="utf-8",
    )
    rebuild()

    # A new entry, then a renamed one, then a deleted one.
    project.write(
        "esperienze/nuova-rete.md",
        entry_text(
            title="Una rete nuova",
            tags=("lavoro-di-rete",),
            territories=("regione: Veneto",),
            date="2026-03-01",
            extra="related:\n  - rete-05\n",
        ),
    )
    rebuild()
    (project.content / "esperienze/rete-07.md").rename(project.content / "esperienze/rete-sette.md")
    rebuild()
    (project.content / "esperienze/rete-05.md").unlink()
    project.write(
        "esperienze/nuova-rete.md",
        entry_text(
            title="Una rete nuova",
            tags=("lavoro-di-rete",),
            territories=("regione: Veneto",),
            date="2026-03-01",
        ),
    )
    rebuild()

    # A static page's title is in every page's footer.
    page = project.content / "pages/come-contribuire.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: ", "title: Come si ", 1), encoding="utf-8"
    )
    output = rebuild()
    assert "Come si " in (output / "esperienze/rete-00/index.html").read_text(encoding="utf-8")


def test_an_invalid_save_leaves_the_site_and_the_cache_usable(editing, tmp_path):
    project, cache, rebuild = editing
    entry = project.content / "esperienze/rete-01.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("tags:", "tag:"), encoding="utf-8")
    failed = build(
        SETTINGS,
        tmp_path / "output",
        project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1),
        cache=cache,
    )
    assert not failed.ok
    entry.write_text(good.replace("Rete numero 1", "Rete corretta"), encoding="utf-8")
    output = rebuild()
    assert "corretta" in (output / "esperienze/rete-01/index.html").read_text(encoding="utf-8")
    assert cache.reused > 20


def test_a_failing_text_update_falls_back_to_a_full_build(editing, monkeypatch):
    import collaborare.site.build

    project, cache, rebuild = editing

    def broken(*_args):
        raise RuntimeError("template error")

    monkeypatch.setattr(collaborare.site.build, "rewrite_texts", broken)
    entry = project.content / "esperienze/rete-02.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nTesto nuovo.\n", encoding="utf-8")
    rebuild()
    assert cache.last_build is BuildMode.FULL


def differing_pages(left, right):
    a, b = tree(left), tree(right)
    return {name for name in set(a) | set(b) if a.get(name) != b.get(name)}


@pytest.mark.slow  # `invoke test --fast` skips it
def test_a_front_matter_save_writes_the_entry_and_its_listings_first(editing, tmp_path):
    """The preview's first step after a front-matter save: the entry's page and every page
    listing it (before or after the save) are as a full build makes them; other entries'
    pages (their related lists), feeds, counts and the like follow in the next build."""
    project, cache, rebuild = editing
    overrides = project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1)
    entry = project.content / "esperienze/rete-03.md"
    edits = [
        ("title", lambda text: text.replace("Rete numero 3", "Rete rinominata")),
        (
            "theme and territory",
            lambda text: text.replace("lavoro-di-rete", "poverta-educativa").replace(
                "comune: Catanzaro", "comune: Udine"
            ),
        ),
        # The first entry in Sardegna: its region's page and feed are new.
        ("region", lambda text: text.replace("comune: Udine", "regione: Sardegna")),
        ("summary", lambda text: text.replace("summary: ", "summary: Di nuovo, ", 1)),
    ]
    for what, edit in edits:
        entry.write_text(edit(entry.read_text(encoding="utf-8")), encoding="utf-8")
        first = build(SETTINGS, tmp_path / "output", overrides, cache=cache, listed_first=True)
        assert first.ok and cache.last_build is BuildMode.LISTED_FIRST and cache.site_behind, what
        full = build(SETTINGS, tmp_path / "full", overrides)
        assert full.ok
        different = differing_pages(tmp_path / "output", tmp_path / "full")
        assert "esperienze/rete-03/index.html" not in different, what
        for name in different:
            if not name.endswith(".html") or re.fullmatch(r"esperienze/[^/]+/index\.html", name):
                continue  # feeds, data, sitemap; other entries' related lists: the next build
            for site in (tmp_path / "output", tmp_path / "full"):
                if (site / name).is_file():
                    text = (site / name).read_text(encoding="utf-8")
                    assert "esperienze/rete-03/" not in text, (what, name)
        # The next build, with nothing saved since, brings the rest up to date.
        rebuild()
        assert cache.last_build is BuildMode.INCREMENTAL and not cache.site_behind


def test_a_new_date_reorders_listings_so_it_is_built_at_once(editing, tmp_path):
    project, cache, _rebuild = editing
    overrides = project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1)
    entry = project.content / "esperienze/rete-03.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("date: 2026-02-04", "date: 2025-06-01"),
        encoding="utf-8",
    )
    assert build(SETTINGS, tmp_path / "output", overrides, cache=cache, listed_first=True).ok
    assert cache.last_build is BuildMode.INCREMENTAL and not cache.site_behind
    assert build(SETTINGS, tmp_path / "full", overrides).ok
    assert_same_site(tmp_path / "output", tmp_path / "full")


def test_strumenti_edits_give_the_same_site_as_a_full_build(editing):
    """The two-way links between entries and strumenti follow every edit (plugins/facets)."""
    project, _cache, rebuild = editing
    entry = project.content / "esperienze/rete-03.md"
    tool = project.content / "strumenti/cerchio-di-ascolto.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace(
            "---\n## Che cosa", "strumenti:\n  - cerchio-di-ascolto\n---\n## Che cosa"
        ),
        encoding="utf-8",
    )
    output = rebuild()
    assert "esperienze/rete-03/" in (output / "strumenti/cerchio-di-ascolto/index.html").read_text(
        encoding="utf-8"
    )
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("Rete numero 3", "Rete rinominata"),
        encoding="utf-8",
    )
    output = rebuild()
    assert "rinominata" in (output / "strumenti/cerchio-di-ascolto/index.html").read_text(
        encoding="utf-8"
    )
    tool.write_text(
        tool.read_text(encoding="utf-8").replace(
            "title: Cerchio di ascolto", "title: Cerchio di parola"
        ),
        encoding="utf-8",
    )
    output = rebuild()
    assert "parola" in (output / "esperienze/rete-03/index.html").read_text(encoding="utf-8")


# -- the package's parts, directly ---------------------------------------------------------


def test_a_queued_page_writes_with_every_argument_it_was_queued_with():
    from collaborare.site.incremental import QueuedPage

    old, new, other = object(), object(), object()
    queued = QueuedPage(
        "a/index.html",
        "template",
        {"SITEURL": ""},
        relative_urls=True,
        paginated={"articles": [old]},
        template_name="term",
        override_output=True,
        url="a/",
        extra={"article": old, "listing": other},
    )
    calls = []
    queued.with_items({id(old): new}).write(lambda *args, **kwargs: calls.append((args, kwargs)))
    assert calls == [
        (
            ("a/index.html", "template", {"SITEURL": ""}),
            {
                "relative_urls": True,
                "paginated": {"articles": [old]},
                "template_name": "term",
                "override_output": True,
                "url": "a/",
                "article": new,
                "listing": other,
            },
        )
    ]
    assert queued.article is old and queued.listed == [old] and queued.template_label == "term"


def test_plugins_declare_what_pages_show_of_what_they_add():
    from pelican.settings import read_settings

    from collaborare.site.incremental.fingerprints import declared, shared_token

    settings = read_settings(str(SETTINGS))
    context_keys = declared(settings, "CONTEXT_KEYS")
    assert set(context_keys) == {"collection", "feed_paths", "sitemap_newest"}
    assert set(declared(settings, "ARTICLE_ATTRIBUTES")) == {
        "related_entries",
        "strumenti_used",
        "strumento_use",
    }
    context = {"feed_paths": {"feed/tutto.atom.xml"}, "sitemap_newest": None, "other": 1}
    token = shared_token(context, {}, context_keys)
    assert shared_token({**context, "other": 2}, {}, context_keys) == token  # not declared
    changed = {**context, "feed_paths": {"feed/tutto.atom.xml", "feed/temi/x.atom.xml"}}
    assert shared_token(changed, {}, context_keys) != token


def test_the_cache_parts_are_cleared_together_and_a_build_sets_its_mode(tmp_path):
    cache = BuildCache()
    cache.reads.results["x"] = 1
    cache.pages.by_file["a.html"] = "print"
    cache.last.site_behind = True
    cache.clear()
    assert not cache.reads.results and not cache.pages.by_file and not cache.site_behind
    cache.pages.pending["b.html"] = "print"
    cache.commit(tmp_path, BuildMode.INCREMENTAL, 7)
    assert cache.pages.by_file == {"b.html": "print"} and cache.pages.describe(tmp_path)
    assert cache.last_build is BuildMode.INCREMENTAL and cache.last.pages_written == 7


def test_only_the_incremental_package_refires_pelican_signals_or_sets_generator_state():
    """Pelican internals (re-fired signals, the last build's generators changed) stay in
    collaborare/site/incremental/, where an upgrade of Pelican is checked."""
    from collaborare.site.build import ROOT

    package = ROOT / "collaborare"
    inside = package / "site" / "incremental"
    offending = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if inside not in path.parents
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"signals\.\w+\.send\(|\brelated_only\b|\._write_share\(", line)
    ]
    assert not offending, offending


def test_the_spool_moves_each_page_to_its_place_and_leaves_nothing(tmp_path):
    from collaborare.site.incremental.files import SPOOL_PREFIX, Spool

    (tmp_path / "a" / "b").mkdir(parents=True)
    with Spool(tmp_path) as spool:
        page = spool.open(str(tmp_path / "a" / "b" / "index.html"), "utf-8")
        page.write("città")
        assert not (tmp_path / "a" / "b" / "index.html").exists()  # whole or not at all
        page.close()
        page.close()  # a second close (the stream wrapper's) changes nothing
        assert (tmp_path / "a" / "b" / "index.html").read_text("utf-8") == "città"
        unfinished = spool.open(str(tmp_path / "a" / "other.html"), "utf-8")
        unfinished.write("half")
    assert not (tmp_path / "a" / "other.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(SPOOL_PREFIX)]


def test_the_spooled_writer_still_refuses_two_pages_on_one_file(tmp_path):
    from pelican.writers import FileOverwriteFailedError

    from collaborare.site.incremental.writer import ParallelWriter

    writer = ParallelWriter.__new__(ParallelWriter)
    writer._written_files, writer._overridden_files = set(), set()
    assert writer._claim("x.html", override=False) == "x.html"
    with pytest.raises(FileOverwriteFailedError):
        writer._claim("x.html", override=False)
    assert writer._claim("x.html", override=True) == "x.html"
    assert writer._claim("x.html", override=False) == os.devnull  # the override is kept
    with pytest.raises(FileOverwriteFailedError):
        writer._claim("x.html", override=True)
