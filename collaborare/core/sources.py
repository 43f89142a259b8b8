"""An entry's sources, checked and resolved, and the number a published entry needs.

Problems are message codes of core/messages.py with their parameters, reported with the
field path and placed on its line by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .kinds import BY_SLUG, ENTRY_KINDS
from .messages import Message, message
from .text import partial_date_label, suggest

SOURCE_FIELDS = ("url", "title", "publisher", "date")
# A published entry cites at least this many sources, unless 'sources_note' says why not.
MIN_SOURCES = {kind.slug: kind.min_sources for kind in ENTRY_KINDS}
_PARTIAL = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


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


def _real_partial(value: str) -> bool:
    if not _PARTIAL.fullmatch(value):
        return False
    parts = value.split("-")
    try:
        if len(parts) == 2:
            return 1 <= int(parts[1]) <= 12
        if len(parts) == 3:
            dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def resolve_sources(meta: dict, report) -> list[Source]:
    """The entry's sources; calls report(key path, code, **params) for each problem."""
    value = meta.get("sources")
    if not isinstance(value, list):
        return []  # absent, or the schema reports the wrong type
    found, first = [], {}
    for index, item in enumerate(value):
        here = ("sources", index)
        if not isinstance(item, dict):
            report(here, "source.not_mapping")
            continue
        ok = True
        for name in item:
            if name not in SOURCE_FIELDS:
                close = suggest(str(name), SOURCE_FIELDS)
                if close:
                    report(here + (name,), "source.field_unknown", suggestion=close)
                else:
                    report(
                        here + (name,),
                        "source.field_unknown_list",
                        allowed=", ".join(SOURCE_FIELDS),
                    )
                ok = False
        url = item.get("url")
        if url is None:
            report(here + ("url",), "source.url_missing")
            ok = False
        elif not (
            isinstance(url, str)
            and url.startswith("https://")
            and len(url) > 8
            and not any(c.isspace() for c in url)
        ):
            report(here + ("url",), "source.url_not_https", value=str(url))
            ok = False
        elif url in first:
            report(here + ("url",), "source.url_repeated", first=first[url])
            ok = False
        else:
            first[url] = index
        texts = {}
        for name in ("title", "publisher"):
            text = item.get(name)
            if text is None:
                report(here + (name,), f"source.{name}_missing")
                ok = False
            elif not isinstance(text, str) or len(text.strip()) < 2:
                report(here + (name,), f"source.{name}_short")
                ok = False
            else:
                texts[name] = text.strip()
        date = item.get("date")
        if date is not None:
            date = str(date)
            if not _real_partial(date):
                report(here + ("date",), "source.date_not_real", value=date)
                ok = False
        if ok:
            found.append(Source(url, texts["title"], texts["publisher"], date or ""))
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
    more = needed - len(sources)
    more = "un'altra fonte" if more == 1 else f"altre {more} fonti"
    return message("sources.too_few", what=what, amount=amount, count=len(sources), more=more)
