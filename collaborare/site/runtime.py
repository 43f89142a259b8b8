"""The live objects a build hands to the plugins, in one settings key.

Plain configuration (paths, switches) stays in the settings; what a build computes before
Pelican runs (the checker with its vocabularies, the read collection) and what lives
across the preview's builds (its cache) travels in one ``Runtime`` under ``RUNTIME_KEY``.
A plain ``pelican`` run, without our build, gets one from ``Runtime.of`` with only the
checker: plugins then read and render each file themselves, as they always could.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collaborare.core.files import scan
from collaborare.core.model import Collection
from collaborare.core.validation import Checker

if TYPE_CHECKING:
    from collaborare.site.incremental.cache import BuildCache

RUNTIME_KEY = "COLLABORARE_RUNTIME"


@dataclass
class Runtime:
    checker: Checker  # the vocabularies and schema the content was checked with
    collection: Collection | None = None  # read, checked and rendered before Pelican runs
    page_cache: BuildCache | None = None  # the preview's, across its builds
    # Set by the preview while it updates the last build after a save (see
    # collaborare/site/incremental/update.py): the slugs of the changed entries, so that
    # the related plugin ranks only theirs again. None otherwise.
    updating: frozenset[str] | None = None
    # The writer of the build under way, written out when Pelican has finished.
    writer: Any = field(default=None, repr=False)
    # The folder of encoded entry pictures (plugins/images), opened once per build.
    pictures: Any = field(default=None, repr=False)
    # Fragments rendered once and reused on every page showing them (plugins/fragments),
    # by SITEURL, macro and arguments; each writer process fills its own. Not copied by
    # dataclasses.replace: a new Runtime starts empty.
    fragments: dict = field(default_factory=dict, init=False, repr=False)
    # The HTML files of the finished site, as the sitemap (plugins/discovery) listed them
    # last of all (the build counts them without walking the site again). None otherwise.
    html_files: list[str] | None = field(default=None, repr=False)
    # What a plugin needs to know of each HTML page the writers write, taken from its text
    # as it is written, in whichever process writes it: ``page_noter(relative path, text)``
    # is set by the plugin (plugins/discovery: the page's sitemap line); what it returns
    # is kept in ``page_notes`` by relative path, so the plugin need not read the pages back.
    page_noter: Callable[[str, str], Any] | None = field(default=None, repr=False)
    page_notes: dict = field(default_factory=dict, init=False, repr=False)

    @property
    def prerendered(self) -> dict:
        """Each file's read and rendered result, by absolute path ({} in a plain run)."""
        return self.collection.rendered if self.collection is not None else {}

    @staticmethod
    def of(settings: dict) -> Runtime:
        """The build's runtime; in a plain ``pelican`` run, one made here with its checker."""
        runtime = settings.get(RUNTIME_KEY)
        if runtime is None:
            runtime = settings[RUNTIME_KEY] = Runtime(_plain_run_checker(settings))
        return runtime


def _plain_run_checker(settings: dict) -> Checker:
    """A checker for a plain ``pelican`` run, knowing the content's files as the build's
    does (so that links between files are checked the same way)."""
    checker = Checker.from_settings(settings)
    found = scan(Path(settings["PATH"]).resolve())
    checker.files = set(found.documents) | set(found.statics)
    return checker
