"""Tasks for building, checking and previewing the collection: run `invoke --list`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Task, task
from invoke.parser import Argument

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PREVIEW_PORT = 8000


def _cli(*args: str):
    from collaborare.site.cli import main

    code = main(list(args))
    if code:
        raise SystemExit(code)


class _Files(Argument):
    """A positional argument taking any number of words, none included: `invoke check A B`.

    Invoke's own positional arguments are required and take one word each. Its parser
    gives a task's next word to a positional argument whose value is None, then fails if
    one is still None when the task's words end; so this one reads as None while words
    are being handed out and as the list of files otherwise (at the end, and for the task).
    --paths FILE keeps working: a flag's value is appended like any other.
    """

    @property
    def value(self):
        # Who asks, skipping a list comprehension's own frame (Python 3.11).
        frame = sys._getframe(1)
        if frame.f_code.co_name == "<listcomp>":
            frame = frame.f_back
        asking = frame.f_code.co_name
        if asking == "see_positional_arg" or (
            asking == "missing_positional_args"
            and frame.f_back is not None
            and frame.f_back.f_code.co_name != "complete_context"
        ):
            return None
        return self._value

    @value.setter
    def value(self, word):
        self.set_value(word)

    def set_value(self, value, cast=True):
        self.raw_value = value
        self._value = [*self._value, value]


class _FilesTask(Task):
    def get_arguments(self, ignore_unknown_help=None):
        return [
            _Files(names=arg.names, kind=list, help=arg.help, positional=True)
            if arg.name == "paths"
            else arg
            for arg in super().get_arguments(ignore_unknown_help)
        ]


@task(
    klass=_FilesTask,
    help={
        "paths": "Files to check, e.g. invoke check content/esperienze/x.md (all content if none)."
    },
    iterable=["paths"],
)
def check(c, paths=None):
    """Validate all content (or the given files) without rendering: invoke check [FILE ...]."""
    _cli("check", *(paths or []))


@task
def build(c):
    """Build the site into output/ (strict: any problem fails the build and keeps the old output)."""
    _cli("build")
    print(
        f"Open {OUTPUT / 'index.html'} or run '.venv/bin/invoke preview' for http://localhost:{PREVIEW_PORT}/"
    )


@task
def publish(c):
    """Build for production with publishconf.py; needs SITEURL, e.g. SITEURL=https://org.github.io/collaborare invoke publish."""
    _cli("publish")


@task(
    help={
        "kind": "esperienza, riflessione or strumento",
        "title": "The title, in Italian",
        "summary": "Plain-text summary, at most 300 characters",
        "tag": "A theme slug (repeat for more), e.g. --tag coesione-sociale",
        "territory": "A place (repeat for more): comune=Catanzaro, regione=Lazio, area=Brianza,provincia=MB or nazionale",
        "actor": "An actor-type slug (repeat for more)",
        "slug": "File name without .md (default: from the title)",
        "date": "Day it enters the collection, YYYY-MM-DD (default: today)",
        "status": "draft (default) or published",
    },
    iterable=["tag", "territory", "actor"],
)
def new(
    c,
    kind,
    title,
    summary=None,
    tag=None,
    territory=None,
    actor=None,
    slug=None,
    date=None,
    status="draft",
):
    """Write a new entry with every field, e.g. invoke new esperienza "Titolo"; asks for missing required values."""
    from collaborare.core.scaffold import ScaffoldError, create
    from collaborare.site.build import check as check_content

    ask = (lambda question: input(f"{question}\n> ").strip()) if sys.stdin.isatty() else None
    try:
        path = create(
            ROOT,
            kind,
            title,
            summary=summary,
            tags=tag or [],
            territories=territory or [],
            actors=actor or [],
            slug=slug,
            date=date,
            status=status,
            ask=ask,
        )
    except ScaffoldError as error:
        raise SystemExit(f"invoke new: {error}") from None
    print(f"Wrote {path.relative_to(ROOT)}")
    problems = check_content(ROOT, [path]).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)
    print("It passes 'invoke check'. Fill in the text, then preview it with 'invoke preview'.")


@task
def report(c):
    """Editors' report: counts per theme, region, actor type and year; completeness; unused terms; stale entries; external links."""
    import datetime as dt

    from collaborare.core.report import build_report, render_text
    from collaborare.core.vocab import Vocabulary
    from collaborare.site.build import check as check_content

    collection = check_content(ROOT)
    for problem in collection.problems:
        print(problem, file=sys.stderr)
    print(render_text(build_report(collection, Vocabulary.load(), dt.date.today())), end="")


@task
def clean(c):
    """Remove output/, caches and what interrupted builds left beside output/."""
    from collaborare.site.build import staging_folders

    for path in (OUTPUT, ROOT / ".cache", *staging_folders(OUTPUT)):
        shutil.rmtree(path, ignore_errors=True)
    print("Removed output/, .cache/ and leftover build folders")


@task
def schema(c):
    """Rewrite the theme, actor-type, organisation and role lists in schema/entry.schema.json from data/."""
    import json

    from collaborare.core.schema import SCHEMA_PATH, load_schema, with_vocabularies
    from collaborare.core.vocab import Vocabulary

    updated = with_vocabularies(load_schema(), Vocabulary.load())
    SCHEMA_PATH.write_text(
        json.dumps(updated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"Updated {SCHEMA_PATH.relative_to(ROOT)}")


@task(help={"port": f"Port to serve on (default {PREVIEW_PORT})."})
def preview(c, port=PREVIEW_PORT):
    """Build, serve on localhost and rebuild + reload the browser on any change to content, theme, plugins, data or settings."""
    _cli("preview", "--port", str(port))


@task(
    help={
        "folder": "Built site to check (default output/).",
        "site_url": "The build's absolute address (default http://localhost:8000, the local one).",
    }
)
def linkcheck(c, folder=None, site_url="http://localhost:8000"):
    """Check every internal link, #fragment, asset, feed and sitemap URL of the built site; list external links."""
    from collaborare.site.linkcheck import check_links

    site = Path(folder) if folder else OUTPUT
    if not (site / "index.html").is_file():
        raise SystemExit(f"No site in {site}: run 'invoke build' first.")
    report = check_links(site, site_url)
    for page, link, reason in report.broken:
        print(f"{page}: {link}: {reason}", file=sys.stderr)
    print(
        f"{report.internal} internal links checked, {len(report.broken)} broken; "
        f"{len(report.external)} external links (not fetched):"
    )
    for link in report.external:
        print(f"  {link}")
    if report.broken:
        raise SystemExit(1)


@task(
    help={
        "entries": "Synthetic experiences to generate (default 1000); repeat for several sizes",
        "record": "Append the results to docs/benchmarks.json and redraw docs/benchmarks.svg",
        "preview": "Also time the preview's incremental rebuild after single saves",
        "shape": "Corpus: 'synthetic' (default, long Zipf bodies) or 'real' (shaped like content/esperienze)",
        "corpus": "The same as --shape",
        "search": "Also build and measure the search index (--no-search: leave Pagefind and the browser out)",
    },
    iterable=["entries"],
)
def bench(c, entries=None, record=False, preview=False, shape=None, corpus=None, search=True):
    """Benchmark our build against stock Pelican (and Hugo) on N synthetic experiences (in a temporary folder)."""
    import json

    from tools.bench import SHAPES, merge_records, shape_of
    from tools.bench import bench as run_bench
    from tools.bench import report as render

    shape = shape or corpus or "synthetic"
    if shape not in SHAPES:
        raise SystemExit(f"--shape: one of {', '.join(SHAPES)}, not {shape!r}")
    results = []
    for count in [int(n) for n in (entries or ["1000"])]:
        result = run_bench(count, preview=preview, shape=shape, search=search)
        print(render(result), flush=True)
        results.append(result)
    if record:
        from tools.benchchart import CHARTS, TITLES, write_chart

        store = ROOT / "docs" / "benchmarks.json"
        recorded = json.loads(store.read_text()) if store.exists() else []
        recorded = merge_records(recorded, results)
        store.write_text(json.dumps(recorded, indent=1) + "\n")
        chart = CHARTS[shape]
        write_chart(
            [r for r in recorded if shape_of(r) == shape], ROOT / "docs" / chart, TITLES[shape]
        )
        print(f"Recorded in {store.relative_to(ROOT)} and docs/{chart}")


@task(
    help={
        "fast": "Skip the browser tests, the benchmark and the longest builds (-m 'not browser and not slow')"
    }
)
def test(c, fast=False):
    """Run the whole test suite; pytest's own arguments go after --, e.g. invoke test --fast -- -k validation."""
    import shlex
    import subprocess

    args = [sys.executable, "-m", "pytest"]
    if fast:
        args += ["-m", "not browser and not slow"]
    args += shlex.split(c.remainder or "", posix=sys.platform != "win32")
    code = subprocess.run(args, check=False).returncode
    if code:
        raise SystemExit(code)
