"""After a save, bring the last build's site up to date without building it again.

Two quick paths, both on the last build's live objects (Pelican's contents, generators and
queued pages), which is why they, and every re-fired Pelican signal, live here alone:

- only entries' text changed (``text_only_changes``): their pages and feeds are written
  again (``rewrite_texts``);
- entries' front matter changed without moving them in any listing
  (``front_matter_changes``): their pages and every listing page they are on are written
  first (``update_listed_first``); the build that follows updates the rest of the site.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import partial

from collaborare.core.model import Entry
from collaborare.core.problems import collecting_warnings
from collaborare.site.runtime import RUNTIME_KEY, Runtime

from .cache import BuildCache
from .files import remove_page
from .fingerprints import reuse_pages
from .queue import QueuedPage

# The ArticlesGenerator methods that queue Pelican's own listings of articles.
PELICAN_LISTINGS = (
    "generate_direct_templates",
    "generate_tags",
    "generate_categories",
    "generate_authors",
    "generate_period_archives",
)


class NotInPlace(Exception):
    """The change needs the full incremental build (which also reports any problem)."""


def forget_memos():
    """Pelican memoizes every content's HTML and summary in a cache shared by all
    instances; in a long-running preview it would keep every past build alive."""
    from pelican.contents import Content

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def _can_update(cache: BuildCache, changes) -> bool:
    """Whether the last build's objects describe the site and no file was removed."""
    return (
        changes is not None
        and not changes.forgotten
        and not cache.last.site_behind
        and bool(cache.last.entry_pages)
        and cache.pages.site is not None
    )


def text_only_changes(cache: BuildCache, collection) -> list[str] | None:
    """The entries whose text alone changed (front matter equal), if nothing else changed."""
    if not _can_update(cache, collection.changes):
        return None
    changed = []
    for path, before in collection.changes.reread:
        now = collection.rendered.get(path)
        if (
            not isinstance(before, Entry)
            or now is None
            or now.item != before
            or path not in cache.last.entry_pages
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

    pages, settings = cache.last.entry_pages, cache.last.settings
    articles = []
    for path in changed:
        article = pages[path].article
        article._content = collection.rendered[path].content
        articles.append(article)
    forget_memos()  # Pelican memoizes each content's HTML
    writer = Writer(str(cache.pages.site), settings=settings)
    for path in changed:
        pages[path].write(writer.write_file)
    shown = settings["FEED_MAX_ITEMS"]
    for feed in cache.last.feeds:
        if any(article in feed.elements[:shown] for article in articles):
            feed.write(writer.write_feed)
    return len(changed)


def _keeps_its_place(before: Entry, after: Entry) -> bool:
    """Same address, status and dates: no listing is reordered."""
    fields = ("slug", "kind", "status", "date", "modified")
    return all(getattr(after, name) == getattr(before, name) for name in fields)


def front_matter_changes(cache: BuildCache, collection) -> list[str] | None:
    """The entries whose front matter changed in ways the last build's objects can take
    in (same address, status and date, so no listing is reordered), if nothing else did."""
    changes = collection.changes
    if not _can_update(cache, changes) or not changes.reread or cache.last.generators is None:
        return None
    for path, before in changes.reread:
        now = collection.rendered.get(path)
        if (
            not isinstance(before, Entry)
            or now is None
            or not isinstance(now.item, Entry)
            or path not in cache.last.entry_pages
            or not _keeps_its_place(before, now.item)
        ):
            return None
    return [path for path, _before in changes.reread]


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
    from pelican.generators import ArticlesGenerator

    generators, settings = cache.last.generators, cache.last.settings
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings[RUNTIME_KEY] = replace(Runtime.of(settings), collection=collection)
    cache.last.site_behind = True  # from here on the last build's objects are being changed
    listed_before = set().union(*(cache.pages.listed_on.get(path, ()) for path in changed))
    with collecting_warnings() as warnings:
        swap = _read_again(articles, cache, changed)
        _put_in_place(articles, swap)
        writer = _queue_again(cache, articles, changed, swap)
        queued = _showing(writer.queued, set(map(id, swap.values())), listed_before)
        cache.pages.pending, cache.pages.kept = {}, set()
        to_render = reuse_pages(cache.pages, queued, cache.pages.site, settings, collection.stamps)
        writer.write_pages(to_render)  # its warnings are in ours too
        if warnings:
            raise NotInPlace(warnings[0])
    cache.pages.by_file.update(cache.pages.pending)  # on disk now: the next build keeps it
    cache.pages.pending = {}
    _remove_no_longer_made(cache, writer.queued, listed_before)
    return sum(len(job.pages) for job in queued) - cache.pages.reused


def _read_again(articles, cache: BuildCache, changed: list[str]) -> dict:
    """Read the changed entries as Pelican would; id(old article) -> new article."""
    from pelican import signals
    from pelican.contents import Article

    swap = {}
    for path in changed:
        old = cache.last.entry_pages[path].article
        new = articles.readers.read_file(
            base_path=articles.path,
            path=os.path.relpath(path, articles.path),
            content_class=Article,
            context=articles.context,
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
    return swap


def _put_in_place(articles, swap: dict):
    """The new entries replace the old ones wherever the articles generator holds them;
    then the plugins attaching things to entries run again for the changed ones only
    (``Runtime.updating``: the related plugin ranks only theirs)."""
    from pelican import signals

    for value in (*vars(articles).values(), articles.context.get("generated_content")):
        _replace_items(value, swap, set())
    runtime = Runtime.of(articles.settings)
    runtime.updating = frozenset(new.slug for new in swap.values())
    try:
        signals.article_generator_finalized.send(articles)
    finally:
        runtime.updating = None


def _queue_again(cache: BuildCache, articles, changed: list[str], swap: dict):
    """Compute the listings again and queue every listing page, and the changed entries'
    pages as the last build queued them, in a ParallelWriter; nothing is written yet."""
    from pelican import signals

    from .writer import ParallelWriter  # imports Pelican: only when a save needs it

    generators, settings = cache.last.generators, cache.last.settings
    # Our generators whose pages list entries say so (plugins/facets: ``lists_entries``).
    listing = [generator for generator in generators if getattr(generator, "lists_entries", False)]
    for generator in listing:
        generator.generate_context()
    signals.all_generators_finalized.send(generators)
    writer = ParallelWriter(str(cache.pages.site), settings=settings, flushed_when_finished=False)
    # Pelican's listings of articles (its entries' pages, one per entry, are not queued
    # again: only the changed entries' are, as the last build queued them).
    write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
    for listings in PELICAN_LISTINGS:
        getattr(articles, listings)(write)
    for path in changed:
        cache.last.entry_pages[path].with_items(swap).write(writer.write_file)
    for generator in listing:
        generator.generate_output(writer)
    return writer


def _showing(queued: list[QueuedPage], shown: set, listed_before: set) -> list[QueuedPage]:
    """The pages showing a changed entry now, and those that listed it before."""
    return [
        job
        for job in queued
        if _shows(job, shown) or any(file in listed_before for file in job.files)
    ]


def _remove_no_longer_made(cache: BuildCache, queued: list[QueuedPage], listed_before: set):
    """Listing pages no longer made (the entry was the last on a place; a listing lost a
    page) would still show it: they go now, not with the next build."""
    made = {file for job in queued for file in job.files}
    for file in listed_before - made:
        remove_page(cache.pages.site, file)
        cache.pages.by_file.pop(file, None)


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


def _shows(job: QueuedPage, shown: set) -> bool:
    """Whether a queued page shows one of the entries (by object identity): as its
    article, on one of its listing's pages, or in a list it is given (the home page's
    latest entries). Every draft page is given all the articles, and shows none."""
    if id(job.article) in shown:
        return True
    if any(listed and any(id(item) in shown for item in listed) for _file, listed in job.pages):
        return True
    return any(
        isinstance(value, list) and any(id(item) in shown for item in value)
        for key, value in job.extra.items()
        if key != "all_articles"
    )
