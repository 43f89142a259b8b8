"""Check the content, then build the site with Pelican into a temporary folder and swap it in.

Used by tasks.py and the tests, so both run the same strict build.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from collaborare.core.files import backups_note
from collaborare.core.forking import collector_paused, freeze_before_fork, thaw
from collaborare.core.messages import count, render
from collaborare.core.model import Collection
from collaborare.core.problems import Problem
from collaborare.core.reading import check_collection
from collaborare.core.rendering import render_settings
from collaborare.core.validation import Checker
from collaborare.core.vocab import Vocabulary

from .incremental import (
    BuildCache,
    BuildMode,
    NotInPlace,
    forget_memos,
    front_matter_changes,
    html_files,
    rewrite_texts,
    snapshot,
    text_only_changes,
    update_listed_first,
)
from .runtime import RUNTIME_KEY, Runtime

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildResult:
    ok: bool
    output: Path
    collection: Collection | None = None
    problems: list[Problem] = field(default_factory=list)
    build_errors: list[str] = field(default_factory=list)
    pages_written: int = 0

    def summary(self) -> str:
        if not self.ok:
            found = count(len(self.problems) + len(self.build_errors), "problem")
            return render("build.failed", count=found, output=self.output)
        collection = self.collection
        published = collection.published
        experiences = sum(1 for e in published if e.kind == "esperienza")
        strumenti = sum(1 for e in published if e.kind == "strumento")
        lines = [
            render(
                "build.summary",
                pages=self.pages_written,
                output=self.output,
                files=count(collection.files, "content file"),
                experiences=count(experiences, "experience"),
                reflections=count(len(published) - experiences - strumenti, "reflection"),
                strumenti=count(strumenti, "strumento"),
                pages_of_text=count(len(collection.pages), "page"),
            )
        ]
        for draft in collection.drafts:
            lines.append(render("build.draft", source=draft.source))
        note = backups_note(collection.backups)  # never silent
        if note:
            lines.append(note)
        return "\n".join(lines)


def check(root: Path = ROOT, paths=None, data_dir: Path | None = None) -> Collection:
    """Validate every content file (or report only on ``paths``) without rendering."""
    root = Path(root)
    checker = Checker(
        Vocabulary.load(data_dir or root / "data"), root, content_root=root / "content"
    )
    return check_collection(root / "content", checker, paths)


def read_pelican_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(settings_file), override=overrides or {})


def build(
    settings_file: Path = ROOT / "pelicanconf.py",
    output: Path | None = None,
    overrides: dict | None = None,
    cache: BuildCache | None = None,
    listed_first: bool = False,
) -> BuildResult:
    """Strict build: any content problem or any Pelican warning fails it, leaving output alone.

    ``cache`` (the preview's) makes it incremental: unchanged files are not read again and
    unchanged pages not rendered again (see collaborare/site/incremental/). With
    ``listed_first``, a save that changed entries' front matter only updates their pages
    and the listing pages they are on, and leaves ``cache.site_behind`` set: the next
    build (with no further save) brings the rest of the site up to date.
    """
    with collector_paused():  # the page writers collect (core/forking.py)
        return _build(settings_file, output, overrides, cache, listed_first)


def _build(settings_file, output, overrides, cache, listed_first) -> BuildResult:
    settings = read_pelican_settings(settings_file, overrides)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    checker = _checker(settings, cache)
    collection = _read_collection(settings, checker, cache)
    if collection.problems:
        return BuildResult(False, output, collection, collection.problems)
    if cache is not None:
        forget_memos()
        quick = _update_last_build(cache, collection, output, listed_first)
        if quick is not None:
            return quick
    return _run_pelican(settings, output, Runtime(checker, collection, cache))


def _checker(settings: dict, cache: BuildCache | None) -> Checker:
    """The preview checks every build with the vocabularies it loaded first (until a data
    file changes and its cache is cleared); any other build loads them now."""
    if cache is None:
        return Checker.from_settings(settings)
    if cache.reads.checker is None:
        cache.reads.checker = Checker.from_settings(settings)
    return cache.reads.checker


def _read_collection(settings: dict, checker: Checker, cache: BuildCache | None) -> Collection:
    # One pass reads, checks and renders every file, in parallel; Pelican's reader then
    # takes the results from the Runtime instead of reading each file again.
    return check_collection(
        Path(settings["PATH"]),
        checker,
        render=render_settings(settings),
        workers=settings.get("BUILD_WORKERS") or os.cpu_count() or 1,
        cache=cache.reads.results if cache is not None else None,
    )


def _update_last_build(
    cache: BuildCache, collection: Collection, output: Path, listed_first: bool
) -> BuildResult | None:
    """The preview's quick paths, on the last build's objects; None when Pelican must run."""
    changed = text_only_changes(cache, collection) if cache.pages.site == output else None
    if changed is not None:  # only entries' text changed: rewrite their pages and feeds
        try:
            written = rewrite_texts(cache, collection, changed)
        except Exception:  # noqa: BLE001 - the full build that follows starts from scratch
            cache.pages.forget()
        else:
            cache.pages.reused = cache.last.pages_written - written
            cache.last.mode = BuildMode.TEXT
            return BuildResult(True, output, collection, pages_written=cache.last.pages_written)
    changed = front_matter_changes(cache, collection) if listed_first else None
    if changed is not None:  # write the entries' pages and listings first; the rest next
        try:
            written = update_listed_first(cache, collection, changed)
        except NotInPlace:
            pass  # the incremental build that follows does it all
        except Exception:  # noqa: BLE001 - the full build that follows starts from scratch
            cache.pages.forget()
        else:
            cache.last.mode = BuildMode.LISTED_FIRST
            return BuildResult(True, output, collection, pages_written=written)
    return None


def _run_pelican(settings: dict, output: Path, runtime: Runtime) -> BuildResult:
    """Run Pelican; the preview's later builds update its site in place, writing only what
    changed; every other build writes a new site beside the old one and swaps it in."""
    from pelican import Pelican

    cache, collection = runtime.page_cache, runtime.collection
    in_place = cache is not None and cache.pages.describe(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if not in_place:
        remove_stale_staging(output)
    target = (
        output
        if in_place
        else Path(tempfile.mkdtemp(prefix=f".{output.name}-{os.getpid()}-", dir=output.parent))
    )
    settings["OUTPUT_PATH"] = str(target)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    settings[RUNTIME_KEY] = runtime
    if cache is not None:
        # What was there before, so the writer can remove what this build no longer makes.
        cache.pages.start(snapshot(output) if in_place else None)
        cache.last.feeds = []
    try:
        _quiet_pelican_info()
        freeze_before_fork()  # the collection lives as long as the build
        Pelican(settings).run()
        missing = _unaccounted(collection, target, settings)
    except Exception as error:  # noqa: BLE001 - any failure fails the build with its message
        missing = getattr(error, "messages", None) or [f"{type(error).__name__}: {error}"]
    finally:
        thaw()
    if missing:
        if in_place:  # half updated: the next build renders every page again
            cache.pages.forget()
        else:
            shutil.rmtree(target, ignore_errors=True)
        return BuildResult(False, output, collection, build_errors=list(missing))
    # Nothing writes an HTML file after the sitemap, which lists them (when it is made).
    listed = runtime.html_files
    pages = len(listed if listed is not None else html_files(target))
    if not in_place:
        failed = _swap_in_or_fail(target, output)
        if failed:
            return BuildResult(False, output, collection, build_errors=[failed])
    if cache is not None:
        mode = BuildMode.INCREMENTAL if in_place else BuildMode.FULL
        cache.commit(output, mode, pages)
    return BuildResult(True, output, collection, pages_written=pages)


def _swap_in_or_fail(staging: Path, output: Path) -> str | None:
    """Swap the new build in; the message to report if it could not be."""
    try:
        _swap_in(staging, output)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        return render("build.not_replaced", output=output, error=error)
    return None


def _quiet_pelican_info():
    # Pelican logs one INFO line per file written and prints «Done: Processed …» at the
    # end; the build prints its own summary.
    logging.getLogger("pelican").setLevel(logging.WARNING)
    import pelican

    if not isinstance(pelican.console, _WithoutDoneLine):
        pelican.console = _WithoutDoneLine(pelican.console)


class _WithoutDoneLine:
    """Pelican's console (the one Pelican.run prints to) without its «Done: …» line."""

    def __init__(self, console):
        self._console = console

    def print(self, *objects, **kwargs):
        if objects and str(objects[0]).startswith("Done: Processed"):
            return
        self._console.print(*objects, **kwargs)

    def __getattr__(self, name):
        return getattr(self._console, name)


def _unaccounted(collection: Collection, output: Path, settings: dict) -> list[str]:
    """Every published entry and page must have become exactly its page."""
    missing = []
    for entry in collection.published:
        if not (output / entry.url / "index.html").is_file():
            missing.append(render("build.page_missing", source=entry.source, url=entry.url))
    if settings.get("DRAFT_SAVE_AS"):
        for entry in collection.drafts:
            if not (output / "bozze" / entry.slug / "index.html").is_file():
                missing.append(render("build.draft_missing", source=entry.source, slug=entry.slug))
    for page in collection.pages:
        if not (output / page.slug / "index.html").is_file():
            missing.append(render("build.page_missing", source=page.source, url=f"{page.slug}/"))
    return missing


def _swap_in(staging: Path, output: Path):
    """Replace ``output`` with the finished build in two renames, never leaving half a site.

    Two builds finishing at once take turns (a lock file beside the output), so neither
    renames a folder the other is moving.
    """
    staging.chmod(0o755)
    with _lock(output.with_name(f".{output.name}.lock")):
        previous = None
        if output.exists():
            previous = staging.with_name(f"{staging.name}-previous")
            shutil.rmtree(previous, ignore_errors=True)
            output.rename(previous)
        staging.rename(output)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


@contextmanager
def _lock(path: Path):
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; builds at once there are the editor's choice
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging_folders(output: Path) -> list[Path]:
    """The folders builds write beside ``output`` before swapping them in."""
    return sorted(path for path in output.parent.glob(f".{output.name}-*") if path.is_dir())


def remove_stale_staging(output: Path):
    """Remove what killed builds left beside ``output``: folders named after a process that
    no longer runs (or with no process in their name, from older versions)."""
    for folder in staging_folders(output):
        pid = folder.name[len(output.name) + 2 :].split("-", 1)[0]
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else (or Windows cannot tell)
        return True
    return True
