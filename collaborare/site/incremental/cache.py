"""What the preview keeps between builds, split by how long each part stays true."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class BuildMode(enum.StrEnum):
    """How the last build brought the site up to date."""

    NONE = ""  # no build yet
    FULL = "full"  # a new site, written beside the old one and swapped in
    INCREMENTAL = "incremental"  # the site updated in place, unchanged pages kept
    TEXT = "text"  # only entries' text changed: their pages and feeds rewritten
    # Entries' front matter changed: their pages and listings written first, the rest of
    # the site left to the next build (LastBuild.site_behind).
    LISTED_FIRST = "listed first"


@dataclass
class FileReads:
    """Every content file's read/check/render result, keyed by (path, kind), each with the
    file's stat stamp: a build re-reads only the files whose stamp changed. Kept across
    saves; cleared when anything but content changes (templates, data, settings)."""

    checker: Any = None  # the vocabularies and schema the results were checked with
    results: dict = field(default_factory=dict)  # (path, kind) -> (stamp, read result)


@dataclass
class PageFingerprints:
    """For every page written from a per-item template, a fingerprint of what it shows, so
    that an in-place build leaves the pages whose fingerprint is unchanged as they are."""

    by_file: dict = field(default_factory=dict)  # output path relative to the site -> print
    site: Path | None = None  # the site that ``by_file`` describes
    pending: dict = field(default_factory=dict)  # fingerprints of the build under way
    kept: set = field(default_factory=set)  # its pages left as they were (in place)
    before: dict | None = None  # snapshot() of the site an in-place build starts from
    reused: int = 0  # pages linked or kept instead of rendered, in the last build
    sitemap: dict = field(default_factory=dict)  # page -> ((inode, ctime), its sitemap line)
    listed_on: dict = field(default_factory=dict)  # entry's source path -> listing pages

    def start(self, before: dict | None):
        """A build begins: nothing fingerprinted or kept yet; ``before`` if it is in place."""
        self.pending, self.kept, self.before = {}, set(), before

    def keep(self, file: str):
        """A file the build under way leaves as it is (so it is not removed as stale)."""
        self.kept.add(file)

    def forget(self):
        """The site is half updated: the next build renders every page again."""
        self.by_file.clear()

    def commit(self, site: Path):
        """The build under way became ``site``: its fingerprints now describe it."""
        self.by_file, self.pending, self.site = self.pending, {}, Path(site)

    def describe(self, site: Path) -> bool:
        """Whether these fingerprints describe ``site`` (so a build can update it in place)."""
        return bool(self.by_file) and self.site == site


@dataclass
class LastBuild:
    """What the last build did, as live objects: the pages it queued and its generators, to
    rewrite an entry's page or put a changed entry into its listings after a save."""

    mode: BuildMode = BuildMode.NONE
    pages_written: int = 0
    entry_pages: dict = field(default_factory=dict)  # source path -> QueuedPage
    feeds: list = field(default_factory=list)  # QueuedFeed, as the writer was asked
    settings: dict | None = None  # the Pelican settings it ran with
    generators: list | None = None  # with their context
    writer_class: type | None = None
    # Set when only the pages listing a changed entry were updated: the next build must
    # bring the rest of the site up to date, even though no file has changed since.
    site_behind: bool = False


@dataclass
class BuildCache:
    """The preview's cache, handed to each build (collaborare/site/build.py)."""

    reads: FileReads = field(default_factory=FileReads)
    pages: PageFingerprints = field(default_factory=PageFingerprints)
    last: LastBuild = field(default_factory=LastBuild)

    def clear(self):
        """Anything other than content changed (templates, settings, data, code)."""
        self.reads, self.pages, self.last = FileReads(), PageFingerprints(), LastBuild()

    def commit(self, output: Path, mode: BuildMode, pages_written: int):
        self.pages.commit(output)
        self.last.site_behind = False
        self.last.mode, self.last.pages_written = mode, pages_written

    # What the preview and the benchmark report.
    @property
    def last_build(self) -> BuildMode:
        return self.last.mode

    @property
    def reused(self) -> int:
        return self.pages.reused

    @property
    def site_behind(self) -> bool:
        return self.last.site_behind
