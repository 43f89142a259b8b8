import os

import pytest

from collaborare.core.vocab import Vocabulary
from collaborare.site.localsite import launch_chromium, serve_folder
from helpers import Project, site_pages


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture collection (tests/fixtures/collection) built once into a temporary folder:
    (output path, BuildResult, pages). Tests of the real content/ are in test_real_content.py."""
    project = Project(tmp_path_factory.mktemp("real"), with_collection=True)
    result = project.build(SEARCH_INDEX=True)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result.output, result, site_pages(result.output)


@pytest.fixture(scope="session")
def paginated_fixture_site(tmp_path_factory):
    """The fixture collection with two entries per listing page, so every listing paginates,
    and share images as the published site has them (the pages the browser tests visit):
    the output folder."""
    project = Project(tmp_path_factory.mktemp("paginated"), with_collection=True)
    result = project.build(DEFAULT_PAGINATION=2, SHARE_IMAGES=True, SEARCH_INDEX=True)
    assert result.ok, result.build_errors
    return result.output


@pytest.fixture(scope="module")
def vocab():
    """The vocabularies in data/ (collaborare.core.vocab), loaded once per test module."""
    return Vocabulary.load()


@pytest.fixture(scope="module")
def site(paginated_fixture_site):
    """The output folder of paginated_fixture_site, under the short name the browser tests use."""
    return paginated_fixture_site


@pytest.fixture
def project(tmp_path):
    """An empty project (data and schema copied) to write content into."""
    return Project(tmp_path)


# -- real browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright (collaborare.site.localsite.chromium_executable: Debian's,
    $COLLABORARE_CHROMIUM or Playwright's own); skipped where absent, except under CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_browser("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except LookupError as error:
            _skip_browser(str(error))
        yield chromium
        chromium.close()


def _skip_browser(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run under CI: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    """Tests that use the browser are marked ``browser`` (`invoke test --fast` skips them)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def serve():
    """serve(folder) -> base URL of a local HTTP server for that folder (stopped after the test)."""
    servers = []

    def start(folder):
        server, base = serve_folder(folder)
        servers.append(server)
        return base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
