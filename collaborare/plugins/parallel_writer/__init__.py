"""Renders and writes the pages in several processes: queued while generators run, forked at the end."""

from __future__ import annotations

import io
import logging
import os
import pickle
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from collaborare.core.forking import can_fork
from collaborare.core.problems import collecting_warnings
from collaborare.site.incremental import Unchanged, write_job

logger = logging.getLogger(__name__)


class ParallelWriteError(Exception):
    exitcode = 1

    def __init__(self, messages):
        self.messages = messages
        super().__init__("\n".join(messages))


class ParallelWriter(Writer):
    """Pelican's writer, deferring write_file() until every generator has queued its pages.

    Feeds and anything else keep being written at once. The queued pages are split among
    BUILD_WORKERS processes forked from the finished build state (nothing is pickled on
    the way in; where the platform cannot fork, collaborare/core/forking.py, one process writes
    them all); each sends back the warnings it logged, so the strict build still sees
    them, and any error. Output names are claimed in the parent, in queue order, so two
    pages writing the same file are still caught as in a serial build. In the preview
    (COLLECTION_PAGE_CACHE), pages and feeds whose inputs did not change are not written
    again (collaborare/site/incremental.py).
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.queued = []
        self.claimed = set()
        # The files each queued job writes, by output name: computed once, when it is
        # claimed (a listing builds a paginator for it), then reused to share out the work.
        self.pages_by_name = {}
        settings["PARALLEL_WRITER"] = self

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
        job = (
            name,
            template,
            context,
            relative_urls,
            paginated,
            template_name,
            override_output,
            url,
            kwargs,
        )
        pages = self.pages_by_name[name] = self._job_pages(job)
        for target, _listed in pages:
            path = sanitised_join(self.output_path, target)
            if path in self.claimed and not override_output:
                raise RuntimeError(f'Failed to overwrite "{path}": two pages write the same file')
            self.claimed.add(path)
        self.queued.append(job)
        return None

    def _job_pages(self, job) -> list[tuple[str, list | None]]:
        """(file, entries listed on it) for each page a job writes; None if not a listing."""
        name, _template, _context, _relative, paginated, template_name, _override, url, kwargs = job
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (
                self.settings["PAGINATED_TEMPLATES"][template_name]
                or self.settings["DEFAULT_PAGINATION"]
            )
            paginator = Paginator(
                name, url, next(iter(paginated.values())), self.settings, per_page
            )
            return [
                (page.save_as, page.object_list)
                for page in map(paginator.page, paginator.page_range)
            ]
        return [(name, None)]

    def _open_w(self, filename, encoding, override=False):
        # Opened at the first write, so that a page the preview keeps (rendered to
        # incremental.Unchanged) is neither truncated nor written again.
        return _OpenOnWrite(
            lambda: super(ParallelWriter, self)._open_w(filename, encoding, override)
        )

    def pages_of(self, job) -> list[tuple[str, list | None]]:
        return self.pages_by_name[job[0]]

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
        cache = self.settings.get("COLLECTION_PAGE_CACHE")
        if cache is not None and path:
            from collaborare.site.incremental import keep_feed

            cache.feeds.append(
                (
                    elements,
                    context,
                    path,
                    {
                        "url": url,
                        "feed_type": feed_type,
                        "override_output": override_output,
                        "feed_title": feed_title,
                    },
                )
            )
            shown = elements[: self.settings["FEED_MAX_ITEMS"]]
            if keep_feed(
                cache,
                Path(self.output_path),
                path,
                (feed_type, feed_title, url),
                shown,
                self.settings["COLLECTION"].stamps,
            ):
                return None
        return super().write_feed(
            elements,
            context,
            path=path,
            url=url,
            feed_type=feed_type,
            override_output=override_output,
            feed_title=feed_title,
        )

    def flush(self):
        jobs, self.queued = self.queued, []
        cache = self.settings.get("COLLECTION_PAGE_CACHE")
        if cache is not None:  # the preview's incremental build: render only what changed
            from collaborare.site.incremental import reuse_pages

            cache.pelican_settings, cache.writer_class, cache.listed_on = (
                self.settings,
                type(self),
                {},
            )
            cache.entry_jobs = {
                os.path.abspath(job[8]["article"].source_path): job
                for job in jobs
                if "article" in job[8]
            }
            jobs = reuse_pages(
                cache,
                jobs,
                self.pages_of,
                Path(self.output_path),
                self.settings["COLLECTION"].stamps,
            )
        self._write_all(jobs)
        if cache is not None and cache.before is not None:
            from collaborare.site.incremental import remove_stale

            remove_stale(Path(self.output_path), cache.before, cache.kept)

    def _write_all(self, jobs):
        workers = max(1, int(self.settings.get("BUILD_WORKERS") or os.cpu_count() or 1))
        if workers == 1 or len(jobs) < 50 or not can_fork():  # e.g. Windows, macOS
            self._write_share(jobs)
            return
        draw = self._shared_queue(jobs)
        children = []
        for _child in range(1, workers):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # child: write its share, report, and leave without cleanup
                os.close(read_end)
                code, messages = 0, []
                try:
                    messages = self._write_share(draw())
                except BaseException as error:  # noqa: BLE001 - a forked child must report, never raise
                    code, messages = 1, [f"{type(error).__name__}: {error}"]
                with os.fdopen(write_end, "wb") as stream:
                    pickle.dump((code, messages), stream)
                os._exit(code)
            os.close(write_end)
            children.append((pid, read_end))
        self._write_share(draw())  # the parent's warnings are logged as usual
        failures = []
        for pid, read_end in children:
            with os.fdopen(read_end, "rb") as stream:
                data = stream.read()
            os.waitpid(pid, 0)
            code, messages = pickle.loads(data) if data else (1, ["a writer process died"])
            for message in messages:
                if code:
                    failures.append(message)
                else:  # re-logged here, where the strict build collects warnings
                    logger.warning("%s", message)
        if failures:
            raise ParallelWriteError(failures)

    def _shared_queue(self, jobs):
        """A generator each process draws jobs from until none are left.

        Processes do not write at the same speed (a forked child copies the pages of memory
        it touches), so the jobs are not dealt out beforehand: each process takes the next
        one when it is free, through a counter in shared memory. The largest listings go
        first, so the last jobs to finish are small. Output does not depend on the order.
        """
        from multiprocessing import Lock, RawValue

        ordered = [
            job
            for _size, _order, job in sorted(
                ((len(self.pages_of(job)), order, job) for order, job in enumerate(jobs)),
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

    def _write_share(self, jobs) -> list[str]:
        """Write some queued pages; return the warnings logged meanwhile (for the parent)."""
        with collecting_warnings() as messages:
            for job in jobs:
                write_job(partial(Writer.write_file, self), job)
        return messages


class _OpenOnWrite(io.TextIOBase):
    """A text file opened at its first write (a text stream, as the feed writer needs)."""

    def __init__(self, open_file):
        super().__init__()
        self.open_file, self.file = open_file, None

    def writable(self):
        return True

    def write(self, text):
        if self.file is None:
            if isinstance(text, Unchanged):
                return 0
            self.file = self.open_file()
        return self.file.write(text)

    def close(self):
        if self.file is not None:
            self.file.close()
        super().close()


def get_writer(pelican):
    return ParallelWriter


def remember_generators(generators):
    """The preview keeps the last build's generators, to update them after a save."""
    cache = generators[0].settings.get("COLLECTION_PAGE_CACHE") if generators else None
    if cache is not None:
        cache.generators = generators


def flush(pelican):
    writer = pelican.settings.pop("PARALLEL_WRITER", None)
    if writer is not None:
        writer.flush()


def register():
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(remember_generators)
    signals.finalized.connect(flush)
