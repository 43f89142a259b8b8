"""An entry's sources, checked and resolved, and the number a published entry needs.

Problems are message codes of core/messages.py with their parameters, reported with the
field path and placed on its line by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import BY_SLUG, ENTRY_KINDS
from .messages import Message, message
from .text import is_https_url, partial_date_label, real_partial_date, suggest

SOURCE_FIELDS = ("url", "title", "publisher", "date")
# A published entry cites at least this many sources, unless 'sources_note' says why not.
MIN_SOURCES = {kind.slug: kind.min_sources for kind in ENTRY_KINDS}


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    publisher: str
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, or "" when the source gives none

    @property
    def date_label(self) -> str:
        """The date in Italian: '2024', 'gennaio 2024', '15 gennaio 2024' ('' if none)."""
        return partial_date_label(self.date) if self.date else ""


def resolve_sources(meta: dict, report) -> list[Source]:
    """The entry's sources; calls report(key path, code, **params) for each problem."""
    value = meta.get("sources")
    if not isinstance(value, list):
        return []  # absent, or the schema reports the wrong type
    found: list[Source] = []
    first: dict[str, int] = {}
    for index, item in enumerate(value):
        here = ("sources", index)
        if not isinstance(item, dict):
            report(here, "source.not_mapping")
            continue
        problems = source_problems(item, index, first)
        for name, code, params in problems:
            report(here + (name,), code, **params)
        if not problems:
            date = str(item["date"]) if item.get("date") is not None else ""
            title, publisher = item["title"].strip(), item["publisher"].strip()
            found.append(Source(item["url"], title, publisher, date))
    return found


def source_problems(item: dict, index: int, first: dict) -> list[tuple]:
    """(field, code, params) for each problem of one source; ``first``: url -> index of the
    source that first gave it (updated here)."""
    found = []
    for name in item:
        if name not in SOURCE_FIELDS:
            close = suggest(str(name), SOURCE_FIELDS)
            if close:
                found.append((name, "source.field_unknown", {"suggestion": close}))
            else:
                found.append(
                    (name, "source.field_unknown_list", {"allowed": ", ".join(SOURCE_FIELDS)})
                )
    url = item.get("url")
    if url is None:
        found.append(("url", "source.url_missing", {}))
    elif not is_https_url(url):
        found.append(("url", "source.url_not_https", {"value": str(url)}))
    elif url in first:
        found.append(("url", "source.url_repeated", {"first": first[url]}))
    else:
        first[url] = index
    for name in ("title", "publisher"):
        text = item.get(name)
        if text is None:
            found.append((name, f"source.{name}_missing", {}))
        elif not isinstance(text, str) or len(text.strip()) < 2:
            found.append((name, f"source.{name}_short", {}))
    date = item.get("date")
    if date is not None and not real_partial_date(str(date)):
        found.append(("date", "source.date_not_real", {"value": str(date)}))
    return found


def too_few_sources(kind: str, status: str, sources: list, note: str) -> Message | None:
    """The message for a published entry citing fewer sources than it needs, or None."""
    needed = MIN_SOURCES.get(kind, 0)
    if status != "published" or len(sources) >= needed or (note or "").strip():
        return None
    what = BY_SLUG[kind].published
    leave = "lascialo" if what.startswith(("un ", "uno ")) else "lasciala"
    amount = f"{needed} fonti" if needed > 1 else "1 fonte"
    if not sources:
        return message("sources.none", what=what, amount=amount, leave=leave)
    missing = needed - len(sources)
    more = "un'altra fonte" if missing == 1 else f"altre {missing} fonti"
    return message("sources.too_few", what=what, amount=amount, count=len(sources), more=more)
