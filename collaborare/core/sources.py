"""An entry's sources, checked and resolved, and the number a published entry needs.

Messages are Italian, for contributors; each is (field path, message), placed on its line
by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .kinds import BY_SLUG, ENTRY_KINDS
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
    """The entry's sources; reports (key path, message) for each problem."""
    value = meta.get("sources")
    if not isinstance(value, list):
        return []  # absent, or the schema reports the wrong type
    found: list[Source] = []
    first: dict[str, int] = {}
    for index, item in enumerate(value):
        here = ("sources", index)
        if not isinstance(item, dict):
            report(
                here,
                "attesi i campi 'url', 'title' e 'publisher' su righe separate, il "
                "primo preceduto da '- '",
            )
            continue
        ok = True
        for name in item:
            if name not in SOURCE_FIELDS:
                close = suggest(str(name), SOURCE_FIELDS)
                report(
                    here + (name,),
                    f"campo sconosciuto; intendevi '{close}'?"
                    if close
                    else f"campo sconosciuto; i campi di una fonte sono {', '.join(SOURCE_FIELDS)}",
                )
                ok = False
        url = item.get("url")
        if url is None:
            report(
                here + ("url",),
                "campo obbligatorio mancante; scrivi l'indirizzo completo "
                "della fonte, che inizia con https://",
            )
            ok = False
        elif not (
            isinstance(url, str)
            and url.startswith("https://")
            and len(url) > 8
            and not any(c.isspace() for c in url)
        ):
            report(
                here + ("url",),
                f"{str(url)!r} non è un indirizzo https; usa l'indirizzo "
                "completo che inizia con https:// (se la pagina si apre "
                "anche con https, copia quello)",
            )
            ok = False
        elif url in first:
            report(
                here + ("url",),
                f"lo stesso indirizzo è già in sources[{first[url]}]; togli la ripetizione",
            )
            ok = False
        else:
            first[url] = index
        texts = {}
        for name, what in (
            ("title", "il titolo della pagina o del documento"),
            ("publisher", "chi pubblica la fonte (un giornale, un ente, l'organizzazione stessa)"),
        ):
            text = item.get(name)
            if text is None:
                report(here + (name,), f"campo obbligatorio mancante; scrivi {what}")
                ok = False
            elif not isinstance(text, str) or len(text.strip()) < 2:
                report(here + (name,), f"deve essere un testo di almeno 2 caratteri: {what}")
                ok = False
            else:
                texts[name] = text.strip()
        date = item.get("date")
        if date is not None:
            date = str(date)
            if not _real_partial(date):
                report(
                    here + ("date",),
                    f"{date!r} non è una data valida; scrivi un anno "
                    "(2024), un mese (2024-01) o un giorno (2024-01-15)",
                )
                ok = False
        if ok:
            found.append(Source(str(url), texts["title"], texts["publisher"], date or ""))
    return found


def too_few_sources(kind: str, status: str, sources: list, note: str) -> str | None:
    """The message for a published entry citing fewer sources than it needs, or None."""
    needed = MIN_SOURCES.get(kind, 0)
    if status != "published" or len(sources) >= needed or (note or "").strip():
        return None
    what = BY_SLUG[kind].published
    leave = "lascialo" if what.startswith(("un ", "uno ")) else "lasciala"
    amount = f"{needed} fonti" if needed > 1 else "1 fonte"
    if not sources:
        return (
            f"{what} deve citare almeno {amount} e non ne cita nessuna; aggiungi 'sources:' con "
            "url, title e publisher di ciascuna (vedi CONTRIBUTING.md), oppure spiega in "
            f"'sources_note' perché non ce ne sono, oppure {leave} in bozza con "
            "'status: draft'"
        )
    missing = needed - len(sources)
    more = "un'altra fonte" if missing == 1 else f"altre {missing} fonti"
    return (
        f"{what} deve citare almeno {amount}, questa ne cita {len(sources)}; aggiungi "
        f"{more} con url, title e publisher, oppure spiega in 'sources_note' perché non "
        "ce ne sono altre"
    )
