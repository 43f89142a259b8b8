"""The preview server rebuilds after a change, shows problems in the browser, and recovers."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from helpers import entry_text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def preview(project):
    project.write(
        "esperienze/prova.md", entry_text(title="Prima stesura della scheda"), dedent=False
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "collaborare",
            "preview",
            "--port",
            str(port),
            "--content",
            str(project.content),
            "--output",
            str(project.root / "output"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://localhost:{port}"
    try:
        wait_until(lambda: "Prima stesura" in fetch(base + "/esperienze/prova/"))
        yield project, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_rebuilds_after_a_save_and_tells_the_page_to_reload(preview):
    project, base = preview
    page = fetch(base + "/esperienze/prova/")
    assert '<script src="/_preview/reload.js" defer></script></head>' in page
    version = fetch(base + "/_preview/version")
    saved = time.monotonic()
    project.write(
        "esperienze/prova.md", entry_text(title="Seconda stesura della scheda"), dedent=False
    )
    # Later builds update the site in place: the page may change a moment before the
    # build ends and bumps the version, which is what makes the open page reload.
    wait_until(lambda: fetch(base + "/_preview/version") != version)
    elapsed = time.monotonic() - saved
    assert "Seconda stesura" in fetch(base + "/esperienze/prova/")
    assert "Seconda stesura" in (project.root / "output/esperienze/prova/index.html").read_text()
    print(f"save to new page served: {elapsed:.2f} s")


def test_after_a_title_change_only_the_pages_it_changed_reload(preview):
    project, base = preview
    project.write(
        "esperienze/altra.md",
        entry_text(
            title="Un'altra scheda", tags=("genitorialita",), territories=("regione: Veneto",)
        ),
        dedent=False,
    )
    wait_until(lambda: "altra" in fetch(base + "/temi/genitorialita/"))
    time.sleep(0.5)  # let the build that wrote it finish

    def page_version(path):
        return fetch(f"{base}/_preview/version?page={path}")

    own, other = page_version("/esperienze/prova/"), page_version("/temi/genitorialita/")
    builds = int(fetch(base + "/_preview/version"))
    project.write(
        "esperienze/prova.md", entry_text(title="Terza stesura della scheda"), dedent=False
    )
    # The entry's page (and its listings) are written first, then the rest of the site:
    # two builds, and the open entry page reloads once its own file is written.
    wait_until(lambda: page_version("/esperienze/prova/") != own)
    assert "Terza stesura" in fetch(base + "/esperienze/prova/")
    assert "Terza stesura" in fetch(base + "/temi/coesione-sociale/")
    wait_until(lambda: int(fetch(base + "/_preview/version")) >= builds + 2)
    # A listing the entry is not on was left as it was: that page does not reload.
    assert page_version("/temi/genitorialita/") == other


def test_an_invalid_save_shows_the_problem_and_the_next_good_save_recovers(preview):
    project, base = preview
    project.write(
        "esperienze/prova.md",
        entry_text(title="Prima stesura della scheda", tags=("coesione-socale",)),
        dedent=False,
    )
    error_page = wait_until(
        lambda: (lambda text: text if "problema" in text else None)(
            fetch(base + "/esperienze/prova/")
        )
    )
    assert (
        "content/esperienze/prova.md:6: tags[0]: &#x27;coesione-socale&#x27; non è un tema "
        "noto; intendevi &#x27;coesione-sociale&#x27;?"
    ) in error_page
    assert "/_preview/reload.js" in error_page
    assert "problema" in fetch(base + "/temi/")
    project.write(
        "esperienze/prova.md", entry_text(title="Stesura corretta della scheda"), dedent=False
    )
    wait_until(lambda: "Stesura corretta" in fetch(base + "/esperienze/prova/"))
    assert "problema" not in fetch(base + "/temi/")
