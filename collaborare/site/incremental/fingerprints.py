"""What a page shows, as a fingerprint: an in-place build leaves a page whose fingerprint
is unchanged as it is, instead of rendering it again.

A page's fingerprint covers the stamps of the entries on it (with what plugins attach to
an entry: its related entries...) and what every page shares (the footer's pages, and the
context keys plugins declare). Plugins declare them in their module:

- ``CONTEXT_KEYS``: {context key it adds: what of its value every page may show};
- ``ARTICLE_ATTRIBUTES``: {attribute it sets on an entry: the entries that value shows}.

Pages from templates other than the per-item ones are always rendered: there are few.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from .cache import PageFingerprints
from .queue import QueuedPage

# Templates whose pages depend only on the items passed to them (and on the shared parts).
PER_ITEM_TEMPLATES = {"entry", "page", "term", "territory", "category"}


def declared(settings: dict, name: str) -> dict:
    """Every plugin's declaration ``name`` (CONTEXT_KEYS or ARTICLE_ATTRIBUTES), merged."""
    found = {}
    for plugin in settings.get("PLUGINS") or ():
        module = importlib.import_module(plugin) if isinstance(plugin, str) else plugin
        found.update(getattr(module, name, None) or {})
    return found


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _token(item, stamps) -> str:
    source = getattr(item, "source_path", None)
    return repr(stamps.get(os.path.abspath(source))) if source else repr(id(item))


def shared_token(context: dict, stamps: dict, context_keys: dict) -> str:
    """What every per-item page shows besides its own items."""
    parts = [[(page.slug, _token(page, stamps)) for page in context.get("pages") or ()]]
    for key, shown in context_keys.items():
        value = context.get(key)
        parts.append((key, None if value is None else shown(value)))
    return _digest(parts)


def _places(item, memo: dict) -> str:
    key = id(item)
    if key not in memo:
        memo[key] = repr(getattr(getattr(item, "entry", None), "places", None))
    return memo[key]


class Fingerprinter:
    """Fingerprints the pages of one build."""

    def __init__(self, settings: dict, context: dict, stamps: dict):
        self.stamps, self.memo = stamps, {}
        self.article_attributes = declared(settings, "ARTICLE_ATTRIBUTES")
        self.shared = shared_token(context, stamps, declared(settings, "CONTEXT_KEYS"))

    def token(self, item) -> str:
        return _token(item, self.stamps)

    def of(self, queued: QueuedPage) -> str | None:
        """What a queued page shows (for a listing, what all its pages share), or None when
        its template is not a per-item one."""
        if queued.template_label not in PER_ITEM_TEMPLATES or queued.override_output:
            return None
        parts = [queued.name, queued.url, queued.relative_urls, queued.template_label]
        parts.append(self.shared)
        article, page, listed = queued.article, queued.page, queued.listed
        if article is not None:
            parts.append(self.token(article))
            for attribute, shown in self.article_attributes.items():
                value = getattr(article, attribute, None)
                shows = () if value is None else shown(value)
                parts.append([self.token(other) for other in shows])
        if page is not None:
            parts.append(self.token(page))
        if listed is not None:
            # Every page of a listing shows the count, and a territory its places' counts.
            parts.append([(item.slug, _places(item, self.memo)) for item in listed])
        if article is None and page is None and listed is None:
            return None
        return _digest(parts)

    def of_listing_page(self, common: str, number: int, listed: list) -> str:
        return _digest([common, number, [self.token(item) for item in listed]])


def reuse_pages(
    prints: PageFingerprints, queued: list[QueuedPage], output: Path, settings: dict, stamps: dict
) -> list[QueuedPage]:
    """Leave the unchanged pages as they are; return the pages to render.

    Pages are reused only when the build updates the previous site in place (``output``
    is the site the fingerprints describe); every build records the fingerprints. A
    listing's pages are fingerprinted one by one, so a change shows only on its page.
    """
    if not queued:
        return queued
    fingerprinter = Fingerprinter(settings, queued[0].context, stamps)
    to_render, prints.reused = [], 0
    in_place = prints.site == output
    for job in queued:
        common = fingerprinter.of(job)
        if common is None:
            to_render.append(job)
            continue
        unchanged = []
        for number, (file, listed) in enumerate(job.pages, start=1):
            for item in listed or ():
                prints.listed_on.setdefault(os.path.abspath(item.source_path), set()).add(file)
            print_ = (
                common if listed is None else fingerprinter.of_listing_page(common, number, listed)
            )
            prints.pending[file] = print_
            if in_place and prints.by_file.get(file) == print_ and (output / file).is_file():
                unchanged.append(file)
        prints.kept.update(unchanged)
        prints.reused += len(unchanged)
        if not unchanged:
            to_render.append(job)
        elif len(unchanged) < len(job.pages):
            # Some pages of a listing changed: render those, leave the others as they are.
            to_render.append(job.with_template(KeepPages(job.template, set(unchanged))))
    return to_render


def keep_feed(prints: PageFingerprints, output: Path, path: str, settings, shown, stamps) -> bool:
    """In an in-place build, whether a feed is unchanged (then it is kept as it is)."""
    print_ = _digest([path, settings, [_token(item, stamps) for item in shown]])
    prints.pending[path] = print_
    if prints.site == output and prints.by_file.get(path) == print_ and (output / path).is_file():
        prints.kept.add(path)
        return True
    return False


class Unchanged(str):
    """What a kept page renders to: the writer leaves its file as it is."""


class KeepPages:
    """A template that renders only some pages of a listing; the others are left as they are."""

    def __init__(self, template, unchanged: set):
        self.template, self.unchanged = template, unchanged

    def render(self, context):
        if context["output_file"] in self.unchanged:
            return Unchanged()
        return self.template.render(context)

    def __getattr__(self, attribute):
        return getattr(self.template, attribute)
