"""How complete an entry is: «da completare», «parziale» or «completa».

What counts: enough sources (or a 'sources_note' saying why not), and for experiences the
period and the organisations with their roles; for every entry, a body in sections
('## ' headings). An entry is «completa» with all of them, «parziale» with enough sources
and at most two of the others missing, «da completare» otherwise. A published entry must
be at least «parziale»: `invoke check` says what is missing (collaborare/core/validation/entry.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .messages import Message, message
from .sources import MIN_SOURCES

GRADES = ("da completare", "parziale", "completa")
MIN_SECTIONS = 2
SOURCES = "fonti"
_HEADING = re.compile(r"^## \S", re.M)


def count_sections(body: str) -> int:
    """The number of '## ' headings of a Markdown body (outside fenced code)."""
    count, fenced = 0, False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            count += 1
    return count


def sources_met(entry) -> bool:
    return len(entry.sources) >= MIN_SOURCES.get(entry.kind, 0) or bool(
        (entry.sources_note or "").strip()
    )


def criteria(entry) -> list[tuple[str, bool]]:
    """(what, present) for each thing that counts, in the order the report lists them."""
    items = [(SOURCES, sources_met(entry))]
    if entry.kind == "esperienza":
        items.append(("periodo", entry.period is not None))
        items.append(("organizzazioni con ruolo", bool(entry.organizations)))
    items.append((f"testo in almeno {MIN_SECTIONS} sezioni '## '", entry.sections >= MIN_SECTIONS))
    return items


@dataclass
class Completeness:
    entry: object
    grade: str
    missing: list = field(default_factory=list)


def grade(entry) -> Completeness:
    missing = [name for name, present in criteria(entry) if not present]
    if not missing:
        level = "completa"
    elif SOURCES not in missing and len(missing) <= 2:
        level = "parziale"
    else:
        level = "da completare"
    return Completeness(entry, level, missing)


def below_partial(entry) -> Message | None:
    """For a published entry that is «da completare» although it cites enough sources (too
    few sources have their own message), what to add to reach «parziale»; else None."""
    if entry.status != "published":
        return None
    result = grade(entry)
    if result.grade != "da completare" or SOURCES in result.missing:
        return None
    return message("completeness.below_partial", missing=", ".join(result.missing))
