"""The runtime objects reach the plugins through one typed object (collaborare/site/runtime.py)."""

from pelican import Pelican
from pelican.settings import read_settings

from collaborare.site.runtime import RUNTIME_KEY, Runtime
from helpers import SETTINGS, Project


def test_a_plain_pelican_run_makes_its_own_runtime_and_builds_the_same_site(tmp_path):
    """Without our build (no collection read beforehand, no preview cache), the plugins
    read and render each file themselves: the pages are those our build writes."""
    project = Project(tmp_path / "project", with_collection=True)
    overrides = project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1)
    ours = project.build(tmp_path / "ours", SEARCH_INDEX=False, BUILD_WORKERS=1)
    assert ours.ok, ours.build_errors
    settings = read_settings(
        str(SETTINGS), override={**overrides, "OUTPUT_PATH": str(tmp_path / "plain")}
    )
    assert RUNTIME_KEY not in settings
    Pelican(settings).run()
    runtime = settings[RUNTIME_KEY]
    assert isinstance(runtime, Runtime) and runtime.collection is None
    assert runtime.page_cache is None and runtime.prerendered == {}
    assert runtime.checker.vocab.themes  # loaded from the project's data
    pages = sorted(p.relative_to(tmp_path / "ours") for p in (tmp_path / "ours").rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert (tmp_path / "plain" / page).read_bytes() == (
            tmp_path / "ours" / page
        ).read_bytes(), page


def test_no_live_object_is_left_in_the_settings_but_the_runtime(tmp_path, monkeypatch):
    """Templates get the settings as their context: only plain values and one Runtime."""
    from pelican.writers import Writer

    import collaborare.site.build as site_build
    from collaborare.core.model import Collection
    from collaborare.core.rendering import Rendered
    from collaborare.core.validation import Checker
    from collaborare.site.incremental import BuildCache

    project = Project(tmp_path / "project", with_collection=True)
    passed = []
    run_pelican = site_build._run_pelican

    def keep_settings(settings, output, runtime):
        passed.append(settings)
        return run_pelican(settings, output, runtime)

    monkeypatch.setattr(site_build, "_run_pelican", keep_settings)
    cache = BuildCache()
    overrides = project.overrides(SEARCH_INDEX=False, BUILD_WORKERS=1)
    assert site_build.build(SETTINGS, tmp_path / "out", overrides, cache=cache).ok
    (settings,) = passed
    live = (Checker, Collection, Rendered, Runtime, BuildCache, Writer)

    def holds_live(value) -> bool:
        items = value.values() if isinstance(value, dict) else [value]
        return any(isinstance(item, live) for item in items)

    assert [key for key, value in settings.items() if holds_live(value)] == [RUNTIME_KEY]
    runtime = settings[RUNTIME_KEY]
    assert runtime.page_cache is cache and runtime.checker is cache.reads.checker
    assert runtime.collection is not None and runtime.updating is None
