"""Helpers shared by the tests: temporary projects, builds and HTML parsing."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

from collaborare.site.build import ROOT, build, check

SETTINGS = ROOT / "pelicanconf.py"
FIXTURE_COLLECTION = Path(__file__).parent / "fixtures" / "collection"
# The SITEURL of the test builds, the XML namespaces the tests read, and the phone viewport
# of the browser tests (issue 16: readers first).
SITE = "http://localhost:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
PHONE = {"width": 375, "height": 800}
# The first bytes of a PNG file, enough for the static-file check.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(60)


class Project:
    """A throwaway copy of the project's data and schema with its own content folder."""

    def __init__(self, path: Path, with_collection: bool = False, content: Path | None = None):
        """``with_collection``: the fixture collection (tests/fixtures/collection, a frozen
        copy of the first entries), so that tests of the site never depend on content/;
        ``content``: copy that folder instead (tests of the real content/)."""
        self.root = Path(path)
        for name in ("data", "schema"):
            shutil.copytree(ROOT / name, self.root / name)
        if with_collection or content is not None:
            shutil.copytree(content or FIXTURE_COLLECTION, self.root / "content")
        else:
            for folder in ("esperienze", "riflessioni", "pages"):
                (self.root / "content" / folder).mkdir(parents=True)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relative: str, text: str, dedent: bool = True) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n") if dedent else text, encoding="utf-8")
        return path

    def add_organization(self, slug: str, name: str, actor_type: str, **fields) -> None:
        """Add a record to this project's data/organizzazioni.yaml and sync its schema, as
        an editor does (then 'invoke schema')."""
        import json

        import yaml

        from collaborare.core.schema import load_schema, with_vocabularies
        from collaborare.core.vocab import Vocabulary

        path = self.root / "data" / "organizzazioni.yaml"
        record = {"slug": slug, "name": name, "type": actor_type, **fields}
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(yaml.safe_dump([record], allow_unicode=True, sort_keys=False))
        schema_path = self.root / "schema" / "entry.schema.json"
        schema = with_vocabularies(load_schema(schema_path), Vocabulary.load(self.root / "data"))
        schema_path.write_text(
            json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    def overrides(self, **extra) -> dict:
        """Settings for this project. No search index unless a test asks for it
        (SEARCH_INDEX=True): Pagefind is run only by the tests that look at search."""
        return {
            "SEARCH_INDEX": False,
            "PATH": str(self.content),
            "COLLECTION_ROOT": str(self.root),
            "COLLECTION_DATA": str(self.root / "data"),
            **extra,
        }

    def build(self, output: Path | None = None, settings: Path = SETTINGS, **extra):
        return build(settings, output or self.root / "output", self.overrides(**extra))

    def check_command(self, env: dict | None = None) -> subprocess.CompletedProcess:
        """`python -m collaborare check` on this project, as a contributor runs it."""
        return _collaborare("check", "--root", str(self.root), env=env)

    def build_command(self) -> subprocess.CompletedProcess:
        """`python -m collaborare build` of this project's content into out/."""
        return _collaborare(
            "build", "--content", str(self.content), "--output", str(self.root / "out")
        )


def _collaborare(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collaborare", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


# Two sources on one line: what a published experience needs at least (collaborare/core/sources.py).
# The body follows the closing '---' directly, so body lines keep their numbers.
SOURCES = (
    "sources: [{url: 'https://fonte.example/uno', title: Prima fonte, publisher: Ente uno}, "
    "{url: 'https://fonte.example/due', title: Seconda fonte, publisher: Ente due}]\n"
)
# Two '## ' sections: with the sources, a fixture experience is «parziale» (completeness.py).
# A period: with the sources, it makes a fixture with a one-paragraph body «parziale».
PERIOD = "period: {start: 2023}\n"
BODY = "## Che cosa\n\nTesto della scheda.\n\n## Chi\n\nChi ha partecipato.\n"


def entry_text(
    title="Una esperienza di prova",
    tags=("coesione-sociale",),
    territories=("comune: Catanzaro",),
    extra="",
    body=BODY,
    date="2026-01-10",
    sources=SOURCES,
):
    """Front matter + body for a valid experience; pieces can be replaced."""
    tags_yaml = "".join(f"\n  - {tag}" for tag in tags)
    places_yaml = "".join(f"\n  - {place}" for place in territories)
    return (
        f"---\ntitle: {title}\nsummary: Un sommario abbastanza lungo per la scheda di prova.\n"
        f"date: {date}\ntags:{tags_yaml}\nterritories:{places_yaml}\n{extra}{sources}---\n{body}"
    )


@dataclass
class Page:
    path: Path
    url: str  # site path, e.g. /esperienze/x/
    links: list = field(default_factory=list)  # (tag, attribute, value)
    ids: set = field(default_factory=set)
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.text = [], set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value is not None and (tag, name) in {
                ("a", "href"),
                ("link", "href"),
                ("script", "src"),
                ("img", "src"),
                ("source", "src"),
                ("form", "action"),
            }:
                self.links.append((tag, name, value))

    def handle_data(self, data):
        self.text.append(data)


def parse_page(path: Path, output: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    relative = path.relative_to(output).as_posix()
    url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return Page(path, url, collector.links, collector.ids, "".join(collector.text))


def site_pages(output: Path) -> dict[str, Page]:
    """Every HTML page of a build, by its site path."""
    pages = {}
    for path in sorted(output.rglob("*.html")):
        page = parse_page(path, output)
        pages[page.url] = page
    return pages


def resolve(page_url: str, href: str):
    """Site path and fragment an internal link points to, or None for external links."""
    absolute = urljoin("http://site" + page_url, href)
    parsed = urlparse(absolute)
    if parsed.netloc != "site" or parsed.scheme != "http":
        return None
    path, _fragment = urldefrag(unquote(parsed.path))
    return path, urldefrag(absolute)[1]


def target_file(output: Path, site_path: str) -> Path:
    candidate = output / site_path.lstrip("/")
    if site_path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate


def links_of(page: Page, prefix: str = "") -> set[str]:
    """Internal site paths an <a> of the page links to (optionally starting with prefix)."""
    found = set()
    for tag, _attr, value in page.links:
        if tag != "a":
            continue
        resolved = resolve(page.url, value)
        if resolved and resolved[0].startswith(prefix):
            found.add(resolved[0])
    return found


def wait_for(page, expression: str, timeout: float = 15.0):
    """Poll a JavaScript expression until it is truthy.

    Playwright's wait_for_function evaluates a string inside the page, which our
    Content-Security-Policy (no eval) forbids; page.evaluate goes through the DevTools
    protocol and is not subject to it.
    """
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(f"() => Boolean({expression})"):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


@contextmanager
def pelican_warning(message: str, signal: str = "article_generator_finalized", when=None):
    """Make a Pelican signal's receiver log ``message`` as a warning during the block.

    The check refuses every content input known to make Pelican warn, so tests of the strict
    build provoke the warning this way; ``when(sender)`` limits it to some senders (for
    content_written, the path of one page, which a forked writer process writes).
    """
    from pelican import signals

    def warn(sender, **_kwargs):
        if when is None or when(sender):
            logging.getLogger("pelican.generators").warning(message)

    getattr(signals, signal).connect(warn)
    try:
        yield
    finally:
        getattr(signals, signal).disconnect(warn)


def problems_of(project) -> list[str]:
    """What `invoke check` reports on a project, each problem as printed."""
    return [str(problem) for problem in check(project.root).problems]


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under folder (except under a folder named in skip): relative path -> bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part in p.parts for part in skip)
    }


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def open_page(browser, url, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    if "/cerca/" in url:
        wait_for(page, "document.documentElement.dataset.searchReady")
    return page, problems


def vnu_jar():
    """The Nu HTML Checker (vnu-jar from the npm registry, installed by .ci/run), or a skip."""
    jar = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))
    reason = None
    if shutil.which("java") is None:
        reason = "the Nu HTML Checker needs Java (apt-get install default-jre-headless)"
    elif not jar.is_file():
        reason = f"no Nu HTML Checker at {jar} (npm install --prefix .tools vnu-jar)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"HTML validation must run under CI: {reason}")
        pytest.skip(reason)
    return jar


def assert_same_site(incremental, full):
    left, right = tree(incremental), tree(full)
    assert sorted(left) == sorted(right), set(left) ^ set(right)
    different = [name for name in left if left[name] != right[name]]
    assert not different, different[:10]


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def uncomment_examples(text: str) -> str:
    """What a contributor gets by removing the '#' before every optional field."""
    return "\n".join(
        line[2:]
        if line.startswith("# ")
        and not line.startswith(("# yaml", "# Campi", "# Temi"))
        and (line[2:3].islower() or line[2:4] in ("- ", "  "))
        else line
        for line in text.split("\n")
    )
