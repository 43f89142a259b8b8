import pytest

from helpers import Project, site_pages


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture collection (tests/fixtures/collection) built once into a temporary folder:
    (output path, BuildResult, pages). Tests of the real content/ are in test_real_content.py."""
    project = Project(tmp_path_factory.mktemp("real"), with_collection=True)
    result = project.build()
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result.output, result, site_pages(result.output)


@pytest.fixture
def project(tmp_path):
    """An empty project (data and schema copied) to write content into."""
    return Project(tmp_path)


# -- real browser ------------------------------------------------------------------------

import os  # noqa: E402
import shutil  # noqa: E402

from collaborare.localsite import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped where absent, except under CI."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright package is not installed (pip install -e '.[test]')"
    if reason is None and not shutil.which(CHROMIUM):
        reason = f"no browser at {CHROMIUM} (apt-get install chromium)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
