"""The preview's incremental builds: a save re-reads one file and re-renders only its pages.

The preview process holds one ``BuildCache`` (cache.py) and hands it to each build
(collaborare/site/build.py); its parts last differently:

- ``reads``: every content file's read/check/render result, keyed by the file's stat
  stamp; a build re-reads only the files whose stamp changed.
- ``pages``: for every page written from a per-item template (an entry, a static page, a
  listing of entries), a fingerprint of what it shows (fingerprints.py). The preview's
  later builds update its site in place, and a page whose fingerprint is unchanged is
  left as it is instead of rendered again.
- ``last``: what the last build did, as live objects: its entry pages and feeds as queued
  for the writer (queue.py), and its generators. When a save changes only an entry's
  text, only its page and its feeds are written again; when it changes an entry's front
  matter, the preview first puts the new entry into the generators and writes its page
  and every listing page it is on (update.py), then lets an incremental build bring the
  rest of the site (other entries' related lists, counts, feeds, open data, sitemap) up
  to date.

The writer (writer.py) queues every page while Pelican's generators run and writes them
in several processes at the end, skipping those whose fingerprint is unchanged;
collaborare/plugins/parallel_writer only connects it to Pelican's signals. Plugins declare
what they add that pages show (``CONTEXT_KEYS``, ``ARTICLE_ATTRIBUTES``: fingerprints.py),
and a generator whose pages list entries says so with ``lists_entries = True``
(plugins/facets): update.py runs it again to write a changed entry's listings first.

Anything other than content changing (templates, settings, data, code) clears it all, and
tests/test_incremental.py checks that a sequence of edits gives byte for byte the site a
full build gives.
"""

from .cache import BuildCache, BuildMode, FileReads, LastBuild, PageFingerprints
from .files import html_files, remove_stale, snapshot
from .fingerprints import Unchanged, keep_feed, reuse_pages
from .queue import QueuedFeed, QueuedPage
from .update import (
    NotInPlace,
    forget_memos,
    front_matter_changes,
    rewrite_texts,
    text_only_changes,
    update_listed_first,
)

__all__ = [
    "BuildCache",
    "BuildMode",
    "FileReads",
    "LastBuild",
    "NotInPlace",
    "PageFingerprints",
    "QueuedFeed",
    "QueuedPage",
    "Unchanged",
    "forget_memos",
    "front_matter_changes",
    "html_files",
    "keep_feed",
    "remove_stale",
    "reuse_pages",
    "rewrite_texts",
    "snapshot",
    "text_only_changes",
    "update_listed_first",
]
