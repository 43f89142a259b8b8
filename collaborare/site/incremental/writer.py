"""Renders and writes the pages in several processes: queued while generators run, forked at
the end; in the preview, only the pages whose fingerprint changed (fingerprints.py)."""

from __future__ import annotations

import io
import logging
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from collaborare.core.forking import can_fork, collecting, freeze_before_fork
from collaborare.core.problems import collecting_warnings
from collaborare.site.runtime import Runtime

from .cache import BuildCache
from .files import Spool, remove_stale
from .fingerprints import Unchanged, keep_feed, reuse_pages
from .queue import QueuedFeed, QueuedPage

logger = logging.getLogger(__name__)

# An intra-site link that moves ({attach}) or marks as placed ({static}) a static file, in
# either of Pelican's syntaxes ({what} or |what|): collaborare/core/links.py.
STATIC_LINK = re.compile(r"[{|](?:static|attach)[|}]")
SERIAL_BELOW = 50  # fewer queued pages than this are written by this process alone


class ParallelWriteError(Exception):
    exitcode = 1

    def __init__(self, messages):
        self.messages = messages
        super().__init__("\n".join(messages))


class ParallelWriter(Writer):
    """Pelican's writer, deferring write_file() until every generator has queued its pages.

    A build's feeds, and files a plugin hands to ``write_later`` (open data), are queued
    with the pages; anything else keeps being written at once. The queued pages are split among
    BUILD_WORKERS processes forked from the finished build state (nothing is pickled on
    the way in; where the platform cannot fork, collaborare/core/forking.py, one process writes
    them all); each sends back the warnings it logged, so the strict build still sees
    them, and any error. Output names are claimed in the parent, in queue order, so two
    pages writing the same file are still caught as in a serial build. In the preview
    (``Runtime.page_cache``), pages and feeds whose inputs did not change are not written
    again.

    A build's writer is flushed when Pelican has finished (``flush_finished_build``); the
    preview's own writers (update.py) are flushed by their caller.
    """

    def __init__(self, output_path, settings=None, flushed_when_finished=True):
        super().__init__(output_path, settings=settings)
        self.runtime = Runtime.of(settings)
        self.queued: list[QueuedPage] = []
        # Feeds and other files (write_later), written with the queued pages.
        self.files: list[_FeedJob | _FilesJob] = []
        self.claimed = set()
        self.spool: Spool | None = None  # set while write_pages() runs
        # The preview's own writers (update.py) write their pages themselves: feeds and
        # files given to them are written at once.
        self.defers_files = flushed_when_finished
        if flushed_when_finished:
            self.runtime.writer = self

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return None
        queued = QueuedPage(
            name,
            template,
            context,
            relative_urls,
            paginated,
            template_name,
            override_output,
            url,
            extra=kwargs,
        )
        queued = replace(queued, pages=tuple(self._paginate(queued)))
        for target in queued.files:
            path = sanitised_join(self.output_path, target)
            if path in self.claimed and not override_output:
                raise RuntimeError(f'Failed to overwrite "{path}": two pages write the same file')
            self.claimed.add(path)
        self.queued.append(queued)
        return None

    def _paginate(self, queued: QueuedPage) -> list[tuple[str, list | None]]:
        """(file, entries listed on it) for each page it writes; None if not a listing."""
        paginated = queued.paginated
        if paginated is None:
            paginated = {k: v for k, v in queued.extra.items() if k in {"articles", "dates"}}
        if paginated and queued.template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (
                self.settings["PAGINATED_TEMPLATES"][queued.template_name]
                or self.settings["DEFAULT_PAGINATION"]
            )
            paginator = Paginator(
                queued.name, queued.url, next(iter(paginated.values())), self.settings, per_page
            )
            return [
                (page.save_as, page.object_list)
                for page in map(paginator.page, paginator.page_range)
            ]
        return [(queued.name, None)]

    def _open_w(self, filename, encoding, override=False):
        # Opened at the first write, so that a page the preview keeps (rendered to
        # Unchanged) is neither truncated nor written again.
        if self.spool is None:
            return _OpenOnWrite(
                lambda _text: super(ParallelWriter, self)._open_w(filename, encoding, override)
            )
        return _OpenOnWrite(partial(self._open_spooled, filename, encoding, override))

    def _open_spooled(self, filename, encoding, override, text: str):
        """The file ``filename`` is written into, opened at its first write (``text``), of
        which the runtime's page noter notes what it needs (see Runtime.page_noter)."""
        claimed = self._claim(filename, override)
        noter = self.runtime.page_noter
        if noter is not None and claimed.endswith(".html"):
            relative = os.path.relpath(claimed, self.output_path).replace(os.sep, "/")
            self.runtime.page_notes[relative] = noter(relative, text)
        return self.spool.open(claimed, encoding)

    def _claim(self, filename, override) -> str:
        """Pelican's own bookkeeping of Writer._open_w, without opening the file: the name
        to write to (os.devnull for a file an earlier override keeps)."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return os.devnull
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        feed = QueuedFeed(elements, context, path, url, feed_type, override_output, feed_title)
        cache = self.runtime.page_cache
        if cache is not None and path and self._keep_feed(cache, feed):
            return None
        if not path or not self.defers_files:  # no file, or no flush to write it
            return super().write_feed(
                elements,
                context,
                path=path,
                url=url,
                feed_type=feed_type,
                override_output=override_output,
                feed_title=feed_title,
            )
        # Written with the pages, by whichever process draws it; its file is claimed here,
        # as Pelican would have when writing it at once.
        self._link_statics_now(elements, context, path)
        target = sanitised_join(self.output_path, path)
        if target in self.claimed and not override_output:  # as Pelican's _open_w says it
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{target}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        self.claimed.add(target)
        self.files.append(_FeedJob(feed, partial(Writer.write_feed, self)))
        return None

    def _link_statics_now(self, elements, context, path):
        """Resolve, here and now, the {static} and {attach} links of the entries the feed
        shows, as writing it at once did: an {attach} link moves its file, which must happen
        before the static files are copied (Pelican's last generator) and in the order the
        feeds meet the entries. Other links have no side effect: they wait for the writer.
        """
        site_url = context.get("SITEURL", path_to_url(get_relative_path(path)))
        for item in elements[: self.settings["FEED_MAX_ITEMS"]]:  # None: every one
            if STATIC_LINK.search(getattr(item, "_content", None) or ""):
                item.get_content(site_url)
                _ = item.summary

    def write_later(self, write: Callable[[], object]):
        """Call ``write`` (which writes files that are not pages: open data) with the
        queued pages, in whichever process draws it; at once if this writer is not flushed.

        It goes first in the shared queue: it is one long job, and the pages are many short
        ones that even out the processes behind it."""
        if self.defers_files:
            self.files.append(_FilesJob(write))
        else:
            write()

    def _keep_feed(self, cache: BuildCache, feed: QueuedFeed) -> bool:
        """Remember the feed for a later save; whether it is unchanged (then kept)."""
        cache.last.feeds.append(feed)
        return keep_feed(
            cache.pages,
            Path(self.output_path),
            feed.path,
            (feed.feed_type, feed.feed_title, feed.url),
            feed.elements[: self.settings["FEED_MAX_ITEMS"]],
            self.runtime.collection.stamps,
        )

    def flush(self):
        """Write every queued page (in the preview, those that changed)."""
        queued, self.queued = self.queued, []
        files, self.files = self.files, []
        cache = self.runtime.page_cache
        if cache is not None:
            queued = self._remember_and_skip_unchanged(cache, queued)
        self.write_all([*queued, *files])
        if cache is not None and cache.pages.before is not None:
            remove_stale(Path(self.output_path), cache.pages.before, cache.pages.kept)

    def _remember_and_skip_unchanged(self, cache: BuildCache, queued: list) -> list:
        cache.last.settings, cache.pages.listed_on = self.settings, {}
        cache.last.entry_pages = {
            os.path.abspath(job.article.source_path): job
            for job in queued
            if job.article is not None
        }
        return reuse_pages(
            cache.pages,
            queued,
            Path(self.output_path),
            self.settings,
            self.runtime.collection.stamps,
        )

    def write_all(self, queued: list[QueuedPage]):
        """Write the pages, in BUILD_WORKERS processes where the platform can fork."""
        workers = max(1, int(self.settings.get("BUILD_WORKERS") or os.cpu_count() or 1))
        if workers == 1 or len(queued) < SERIAL_BELOW or not can_fork():  # e.g. Windows, macOS
            self.write_pages(queued)
            return
        draw = self._shared_queue(queued)
        freeze_before_fork()  # children neither walk nor copy the build's objects
        children = [self._fork_writer(draw) for _child in range(1, workers)]
        self.write_pages(draw())  # the parent's warnings are logged as usual
        failures = []
        for pid, read_end in children:
            failures.extend(self._collect(pid, read_end, self.runtime.page_notes))
        if failures:
            raise ParallelWriteError(failures)

    def _fork_writer(self, draw) -> tuple[int, int]:
        """A child process writing the pages it draws; (its pid, the pipe it reports on)."""
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: write its share, report, and leave without cleanup
            os.close(read_end)
            code, messages = 0, []
            self.runtime.page_notes = {}  # this child's own, sent back
            try:
                messages = self.write_pages(draw())
            except BaseException as error:  # noqa: BLE001 - a forked child must report, never raise
                code, messages = 1, [f"{type(error).__name__}: {error}"]
            with os.fdopen(write_end, "wb") as stream:
                pickle.dump((code, messages, self.runtime.page_notes), stream)
            os._exit(code)
        os.close(write_end)
        return pid, read_end

    @staticmethod
    def _collect(pid: int, read_end: int, page_notes: dict) -> list[str]:
        """Wait for a child; re-log its warnings here, add its page notes to
        ``page_notes``, return its failures."""
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        os.waitpid(pid, 0)
        code, messages, notes = pickle.loads(data) if data else (1, ["a writer process died"], {})
        page_notes.update(notes)
        if code:
            return list(messages)
        for message in messages:  # re-logged here, where the strict build collects warnings
            logger.warning("%s", message)
        return []

    def _shared_queue(self, queued):
        """A generator each process draws pages from until none are left.

        Processes do not write at the same speed (a forked child copies the pages of memory
        it touches), so the pages are not dealt out beforehand: each process takes the next
        one when it is free, through a counter in shared memory. The largest listings go
        first, so the last pages to finish are small. Output does not depend on the order.
        """
        from multiprocessing import Lock, RawValue

        ordered = [
            job
            for _size, _order, job in sorted(
                (
                    (getattr(job, "size", None) or len(job.pages), order, job)
                    for order, job in enumerate(queued)
                ),
                key=lambda item: (-item[0], item[1]),
            )
        ]
        taken, lock = RawValue("q", 0), Lock()

        def draw():
            while True:
                with lock:
                    index = taken.value
                    taken.value += 1
                if index >= len(ordered):
                    return
                yield ordered[index]

        return draw

    def write_pages(self, queued) -> list[str]:
        """Write queued pages now, in this process; return the warnings logged meanwhile
        (which are logged as usual too)."""
        with (
            collecting_warnings() as messages,
            collecting(),  # templates make cyclic garbage on every page
            Spool(self.output_path) as self.spool,
        ):
            try:
                for job in queued:
                    job.write(partial(Writer.write_file, self))
            finally:
                self.spool = None
        return messages


@dataclass(frozen=True)
class _FeedJob:
    """A queued feed, as the shared queue takes it: no pages, so it goes after the listings."""

    feed: QueuedFeed
    write_feed: Callable  # Pelican's Writer.write_feed, on the build's writer
    pages: tuple = ()

    def write(self, _write_file):
        self.feed.write(self.write_feed)


@dataclass(frozen=True)
class _FilesJob:
    """Files queued by write_later: one long job, drawn before any page."""

    write_files: Callable[[], object]
    pages: tuple = ()
    size: float = float("inf")

    def write(self, _write_file):
        self.write_files()


class _OpenOnWrite(io.TextIOBase):
    """A text file opened at its first write (a text stream, as the feed writer needs):
    ``open_file(text)`` is given the text of that write."""

    def __init__(self, open_file):
        super().__init__()
        self.open_file, self.file = open_file, None

    def writable(self):
        return True

    def write(self, text):
        if self.file is None:
            if isinstance(text, Unchanged):
                return 0
            self.file = self.open_file(text)
        return self.file.write(text)

    def close(self):
        if self.file is not None:
            self.file.close()
        super().close()


# Signal receivers: collaborare/plugins/parallel_writer connects them.


def get_writer(pelican):
    return ParallelWriter


def remember_generators(generators):
    """The preview keeps the last build's generators, to update them after a save."""
    if not generators:
        return
    cache = Runtime.of(generators[0].settings).page_cache
    if cache is not None:
        cache.last.generators = generators


def flush_finished_build(pelican):
    """Pelican has run every generator: write the pages its writer queued."""
    runtime = Runtime.of(pelican.settings)
    writer, runtime.writer = runtime.writer, None
    if writer is not None:
        writer.flush()
