"""What the preview keeps between builds, so a save re-reads one file and re-renders only its pages.

The preview process holds one BuildCache and hands it to each build:

- ``reads``: every content file's read/check/render result, keyed by the file's stat stamp;
  a build re-reads only the files whose stamp changed.
- ``pages``: for every page written from a per-item template (an entry, a static page, a
  listing of entries), a fingerprint of what it shows: the stamps of the entries on it
  (with an entry's related entries), plus what every page shares (footer pages, feeds,
  region counts of the map, newest date). The preview's later builds update its site in
  place, and a page whose fingerprint is unchanged is left as it is instead of rendered
  again. Pages from other templates (home, indexes, numbers, search...) are always
  rendered: there are few.
- the last build's entry pages and feeds as queued for Pelican's writer: when a save
  changes only an entry's text, only its page and its feeds are written again.
- the last build's generators: when a save changes an entry's front matter, the preview
  first puts the new entry into them and writes its page and every listing page it is
  on (``update_listed_first``), then lets an incremental build bring the rest of the site
  (other entries' related lists, counts, feeds, open data, sitemap) up to date.

Anything other than content changing (templates, settings, data, code) clears it all, and
tests/test_incremental.py checks that a sequence of edits gives byte for byte the site a
full build gives.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from collaborare.core.problems import collecting_warnings

# Templates whose pages depend only on the items passed to them (and on the shared parts).
PER_ITEM_TEMPLATES = {"entry", "page", "term", "territory", "category"}


@dataclass
class BuildCache:
    checker: object = None  # the vocabularies and schema the cached reads were checked with
    reads: dict = field(default_factory=dict)  # (path, kind) -> (stamp, read result)
    pages: dict = field(default_factory=dict)  # output path relative to the site -> fingerprint
    output: Path | None = None  # the site that `pages` describes
    pending: dict = field(default_factory=dict)  # fingerprints of the build under way
    kept: set = field(default_factory=set)  # its pages left as they were (in place)
    before: dict | None = None  # snapshot() of the site an in-place build starts from
    reused: int = 0  # pages linked or kept instead of rendered, in the last build
    sitemap: dict = field(default_factory=dict)  # page -> ((inode, ctime), its sitemap line)
    # The last build's entry pages and feeds as Pelican was asked to write them (live
    # objects), so that a save changing only an entry's text rewrites just those.
    entry_jobs: dict = field(default_factory=dict)  # source path -> queued page
    feeds: list = field(default_factory=list)  # write_feed() arguments
    pelican_settings: dict | None = None
    generators: list | None = None  # the last build's, with their context
    writer_class: type | None = None
    # Set when only the pages listing a changed entry were updated: the next build must
    # bring the rest of the site up to date, even though no file has changed since.
    site_behind: bool = False
    listed_on: dict = field(default_factory=dict)  # entry's source path -> listing pages
    pages_written: int = 0
    # "full", "incremental", "text" (only entries' text changed) or "listed first"
    last_build: str = ""

    def clear(self):
        self.checker = None
        self.reads.clear()
        self.pages.clear()
        self.pending.clear()
        self.kept.clear()
        self.sitemap.clear()
        self.entry_jobs.clear()
        self.feeds.clear()
        self.pelican_settings = None
        self.generators = self.writer_class = None
        self.site_behind = False
        self.listed_on.clear()

    def commit(self, output: Path):
        """The build under way became ``output``: its fingerprints now describe it."""
        self.pages, self.pending, self.output = self.pending, {}, Path(output)
        self.site_behind = False


def text_only_changes(cache: BuildCache, collection) -> list[str] | None:
    """The entries whose text alone changed (front matter equal), if nothing else changed."""
    from collaborare.core.model import Entry

    changes = collection.changes
    if (
        changes is None
        or changes.forgotten
        or not cache.entry_jobs
        or cache.output is None
        or cache.site_behind
    ):
        return None
    changed = []
    for path, before in changes.reread:
        now = collection.rendered.get(path)
        if (
            not isinstance(before, Entry)
            or now is None
            or now.item != before
            or path not in cache.entry_jobs
        ):
            return None
        changed.append(path)
    return changed


def rewrite_texts(cache: BuildCache, collection, changed: list[str]) -> int:
    """Put the new text into the last build's entries; write their pages and their feeds.

    Nothing else can show an entry's text: listings, related entries, maps, open data and
    the sitemap show its front matter, which has not changed. Returns the pages written.
    """
    from pelican.writers import Writer

    articles = []
    for path in changed:
        article = cache.entry_jobs[path][8]["article"]
        article._content = collection.rendered[path].content
        articles.append(article)
    forget_memos()  # Pelican memoizes each content's HTML
    writer = Writer(str(cache.output), settings=cache.pelican_settings)
    for path in changed:
        write_job(writer.write_file, cache.entry_jobs[path])
    shown = cache.pelican_settings["FEED_MAX_ITEMS"]
    for elements, context, path, options in cache.feeds:
        if any(article in elements[:shown] for article in articles):
            writer.write_feed(elements, context, path, **options)
    return len(changed)


def front_matter_changes(cache: BuildCache, collection) -> list[str] | None:
    """The entries whose front matter changed in ways the last build's objects can take
    in (same address, status and date, so no listing is reordered), if nothing else did."""
    from collaborare.core.model import Entry

    changes = collection.changes
    if (
        changes is None
        or changes.forgotten
        or not changes.reread
        or cache.site_behind
        or cache.generators is None
        or cache.output is None
    ):
        return None
    for path, before in changes.reread:
        now = collection.rendered.get(path)
        if (
            not isinstance(before, Entry)
            or now is None
            or not isinstance(now.item, Entry)
            or path not in cache.entry_jobs
        ):
            return None
        after = now.item
        if (after.slug, after.kind, after.status, after.date, after.modified) != (
            before.slug,
            before.kind,
            before.status,
            before.date,
            before.modified,
        ):
            return None
    return [path for path, _before in changes.reread]


class NotInPlace(Exception):
    """The change needs the full incremental build (which also reports any problem)."""


def update_listed_first(cache: BuildCache, collection, changed: list[str]) -> int:
    """Write a changed entry's page and every listing page it is on, from the last build.

    The new entries replace the old ones in the last build's generators; related entries
    and facets are computed again (both are quick) and the listings queued again, but only
    the pages showing a changed entry, before or after, are written. What else may show
    the change (other entries' related lists, counts, feeds, open data, the sitemap) is
    left to the incremental build that must follow (``site_behind``), as are the parts of
    other pages that every page shares (the region counts of the territory pages' map, a
    feed added for a first entry in a region). Raises NotInPlace when the new entry needs
    more than this (it links a new static file; any warning). Returns the pages written.
    """
    from pelican import signals
    from pelican.contents import Article
    from pelican.generators import ArticlesGenerator

    generators, settings = cache.generators, cache.pelican_settings
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    context = articles.context
    settings["COLLECTION"], settings["COLLECTION_PRERENDERED"] = collection, collection.rendered
    cache.site_behind = True  # from here on the last build's objects are being changed
    with collecting_warnings() as warnings:
        swap = {}
        for path in changed:
            old = cache.entry_jobs[path][8]["article"]
            new = articles.readers.read_file(
                base_path=articles.path,
                path=os.path.relpath(path, articles.path),
                content_class=Article,
                context=context,
                preread_signal=signals.article_generator_preread,
                preread_sender=articles,
                context_signal=signals.article_generator_context,
                context_sender=articles,
            )
            if (
                not new.is_valid()
                or new.save_as != old.save_as
                or new.get_static_links() != old.get_static_links()
            ):
                raise NotInPlace(path)
            swap[id(old)] = new
        for value in (*vars(articles).values(), context.get("generated_content")):
            _replace_items(value, swap, set())
        articles.related_only = {new.slug for new in swap.values()}
        try:
            signals.article_generator_finalized.send(articles)  # their related entries
        finally:
            del articles.related_only
        listing = [
            generator for generator in generators if getattr(generator, "lists_entries", False)
        ]
        for generator in listing:
            generator.generate_context()
        signals.all_generators_finalized.send(generators)
        writer = cache.writer_class(str(cache.output), settings=settings)
        settings.pop("PARALLEL_WRITER", None)
        # Pelican's listings of articles (its entries' pages, one per entry, are not
        # queued again: only the changed entries' are, as the last build queued them).
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        for listings in (
            "generate_direct_templates",
            "generate_tags",
            "generate_categories",
            "generate_authors",
            "generate_period_archives",
        ):
            getattr(articles, listings)(write)
        for path in changed:
            *arguments, kwargs = cache.entry_jobs[path]
            write_job(
                writer.write_file,
                (*arguments, {key: swap.get(id(value), value) for key, value in kwargs.items()}),
            )
        for generator in listing:
            generator.generate_output(writer)
        # The pages showing a changed entry now, and those that listed it before.
        shown = set(map(id, swap.values()))
        listed_before = set().union(*(cache.listed_on.get(path, ()) for path in changed))
        jobs = [
            job
            for job in writer.queued
            if _shows(job, writer.pages_of(job), shown)
            or any(file in listed_before for file, _listed in writer.pages_of(job))
        ]
        cache.pending, cache.kept = {}, set()
        to_render = reuse_pages(cache, jobs, writer.pages_of, cache.output, collection.stamps)
        writer._write_share(to_render)  # its warnings are in ours too
        if warnings:
            raise NotInPlace(warnings[0])
    cache.pages.update(cache.pending)  # what is on disk now, so the next build keeps it
    cache.pending = {}
    # Listing pages no longer made (the entry was the last on a place; a listing lost a
    # page) would still show it: they go now, not with the next build.
    made = {file for job in writer.queued for file, _listed in writer.pages_of(job)}
    for file in listed_before - made:
        _remove_page(cache.output, file)
        cache.pages.pop(file, None)
    return sum(len(writer.pages_of(job)) for job in jobs) - cache.reused


def _remove_page(site: Path, file: str):
    path = site / file
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site or any(folder.iterdir()):
            break
        folder.rmdir()


def _replace_items(value, swap: dict, seen: set):
    """Put the new objects in place of the old ones, in lists and dicts, in place."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, list):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    elif isinstance(value, tuple):
        items = ((None, item) for item in value)
    else:
        return
    for key, item in list(items):
        if id(item) in swap and key is not None:
            value[key] = swap[id(item)]
        elif isinstance(item, (list, dict, tuple)):
            _replace_items(item, swap, seen)


def _shows(job, pages, shown: set) -> bool:
    """Whether a queued page shows one of the entries (by object identity): as its
    article, on one of its listing's pages, or in a list it is given (the home page's
    latest entries). Every draft page is given all the articles, and shows none."""
    kwargs = job[8]
    if id(kwargs.get("article")) in shown:
        return True
    if any(listed and any(id(item) in shown for item in listed) for _file, listed in pages):
        return True
    return any(
        isinstance(value, list) and any(id(item) in shown for item in value)
        for key, value in kwargs.items()
        if key != "all_articles"
    )


def write_job(write_file, job):
    """Call Pelican's write_file with a page as the parallel writer queued it."""
    name, template, context, relative_urls, paginated, template_name, override, url, kwargs = job
    write_file(
        name,
        template,
        context,
        relative_urls=relative_urls,
        paginated=paginated,
        template_name=template_name,
        override_output=override,
        url=url,
        **kwargs,
    )


def forget_memos():
    """Pelican memoizes every content's HTML and summary in a cache shared by all
    instances; in a long-running preview it would keep every past build alive."""
    from pelican.contents import Content

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def _token(item, stamps) -> str:
    source = getattr(item, "source_path", None)
    return repr(stamps.get(os.path.abspath(source))) if source else repr(id(item))


def shared_token(context: dict, stamps: dict) -> str:
    """What every per-item page shows besides its own items."""
    collection = context.get("collection") or {}
    parts = [
        sorted(context.get("feed_paths") or ()),
        [(page.slug, _token(page, stamps)) for page in context.get("pages") or ()],
        [(node.place.slug, node.count) for node in collection.get("regions") or ()],
        sorted(collection.get("facet_urls") or ()),  # what entry pages may link
        str(context.get("sitemap_newest")),
    ]
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _places(item, memo: dict) -> str:
    key = id(item)
    if key not in memo:
        memo[key] = repr(getattr(getattr(item, "entry", None), "places", None))
    return memo[key]


def fingerprint(job, shared: str, stamps: dict, memo: dict | None = None) -> str | None:
    """What a queued page shows (for a listing, what all its pages share), or None when
    its template is not a per-item one."""
    name, template, _context, relative_urls, paginated, template_name, override, url, kwargs = job
    template_name = template_name or getattr(template, "name", "").removesuffix(".html")
    if template_name not in PER_ITEM_TEMPLATES or override:
        return None
    parts = [name, url, relative_urls, template_name, shared]
    article = kwargs.get("article")
    if article is not None:
        parts.append(_token(article, stamps))
        parts.append([_token(other, stamps) for other in getattr(article, "related_entries", ())])
        # The strumenti an entry lists, and the entries a strumento lists (plugins/facets).
        parts.append([_token(other, stamps) for other in getattr(article, "strumenti_used", ())])
        use = getattr(article, "strumento_use", None)
        parts.append([_token(other, stamps) for other in getattr(use, "entries", ())])
    page = kwargs.get("page")
    if page is not None:
        parts.append(_token(page, stamps))
    listed = (paginated or {}).get("articles")
    if listed is None:
        listed = kwargs.get("articles")
    if listed is not None:
        # Every page of a listing shows the count, and a territory its places' counts.
        memo = {} if memo is None else memo
        parts.append([(item.slug, _places(item, memo)) for item in listed])
    if article is None and page is None and listed is None:
        return None
    return _digest(parts)


def reuse_pages(cache: BuildCache, jobs: list, pages_of, output: Path, stamps: dict) -> list:
    """Leave the unchanged pages as they are; return the jobs to render.

    Pages are reused only when the build updates the previous site in place (``output``
    is the site the fingerprints describe); every build records the fingerprints.
    ``pages_of(job)`` gives (file, entries listed on it) for each page a job writes: a
    listing's pages are fingerprinted one by one, so a change shows only on its page.
    """
    if not jobs:
        return jobs
    shared = shared_token(jobs[0][2], stamps)
    to_render, cache.reused = [], 0
    in_place, memo = cache.output == output, {}
    for job in jobs:
        common = fingerprint(job, shared, stamps, memo)
        if common is None:
            to_render.append(job)
            continue
        pages, unchanged = pages_of(job), []
        for number, (file, listed) in enumerate(pages, start=1):
            for item in listed or ():
                cache.listed_on.setdefault(os.path.abspath(item.source_path), set()).add(file)
            print_ = (
                common
                if listed is None
                else _digest([common, number, [_token(item, stamps) for item in listed]])
            )
            cache.pending[file] = print_
            if in_place and cache.pages.get(file) == print_ and (output / file).is_file():
                unchanged.append(file)
        if unchanged and len(unchanged) == len(pages):  # nothing changed on any of its pages
            cache.kept.update(unchanged)
            cache.reused += len(unchanged)
        elif unchanged:
            # Some pages of a listing changed: render those, leave the others as they are.
            name, template, *rest = job
            to_render.append((name, _KeepPages(template, set(unchanged)), *rest))
            cache.kept.update(unchanged)
            cache.reused += len(unchanged)
        else:
            to_render.append(job)
    return to_render


class Unchanged(str):
    """What a kept page renders to: the writer leaves its file as it is."""


class _KeepPages:
    """A template that renders only some pages of a listing; the others are left as they are."""

    def __init__(self, template, unchanged: set):
        self.template, self.unchanged = template, unchanged

    def render(self, context):
        if context["output_file"] in self.unchanged:
            return Unchanged()
        return self.template.render(context)

    def __getattr__(self, attribute):
        return getattr(self.template, attribute)


def keep_feed(cache: BuildCache, output: Path, path: str, settings, shown, stamps) -> bool:
    """In an in-place build, whether a feed is unchanged (then it is kept as it is)."""
    print_ = _digest([path, settings, [_token(item, stamps) for item in shown]])
    cache.pending[path] = print_
    if cache.output == output and cache.pages.get(path) == print_ and (output / path).is_file():
        cache.kept.add(path)
        return True
    return False


def snapshot(folder: Path) -> dict:
    """path -> (inode, ctime) of every file: any write or copy changes the ctime."""
    found = {}
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            info = os.stat(path)
            found[path] = (info.st_ino, info.st_ctime_ns)
    return found


def remove_stale(output: Path, before: dict, kept: set):
    """In an in-place build, once the pages are written: delete what the build neither wrote
    nor kept (a renamed entry's old page, a listing page that no longer exists) and the
    folders left empty. Files written later (the sitemap) are written again anyway."""
    search = str(output / "pagefind") + os.sep  # rebuilt separately, when the editor pauses
    kept_paths = {str(output / name) for name in kept}
    for path, signature in before.items():
        if path in kept_paths or path.startswith(search):
            continue
        try:
            info = os.stat(path)
        except FileNotFoundError:
            continue
        if (info.st_ino, info.st_ctime_ns) == signature:
            os.unlink(path)
    for directory, dirs, files in os.walk(output, topdown=False):
        if not dirs and not files and Path(directory) != output:
            with contextlib.suppress(OSError):  # not empty after all: a subfolder was kept
                os.rmdir(directory)


def html_files(folder: Path) -> list[str]:
    """The HTML files under ``folder``, as sorted relative paths (os.walk: pathlib's rglob
    is several times slower on thousands of files)."""
    found = []
    for directory, _dirs, files in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found)
