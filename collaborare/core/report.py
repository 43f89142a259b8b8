"""The editors' report: what the collection holds, what is incomplete, what needs a look.

The same data is printed by `invoke report` and shown at /redazione/ in the local preview
(never published).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .completeness import GRADES, Completeness, grade  # noqa: F401 - grade is part of the API
from .kinds import ENTRY_KINDS
from .model import Collection
from .text import normalize
from .vocab import Vocabulary

# Completeness (Participedia grades its cases the same way: a stub, a partial entry, a
# complete one) is computed in collaborare/core/completeness.py, which `invoke check` uses too.
STALE_AFTER_DAYS = 2 * 365


@dataclass
class Report:
    counts: dict  # section title -> list of (label, count)
    completeness: list
    unused: dict  # vocabulary name -> list of labels
    stale: list  # (entry, last update)
    links: list  # (entry source, url)

    @property
    def grade_counts(self):
        counted = Counter(item.grade for item in self.completeness)
        return [(grade, counted.get(grade, 0)) for grade in GRADES]


def build_report(collection: Collection, vocab: Vocabulary, today: dt.date) -> Report:
    entries = sorted(collection.entries, key=lambda e: e.source)
    experiences = [e for e in entries if e.kind == "esperienza" and e.status == "published"]
    published = [e for e in entries if e.status == "published"]

    def tally(values):
        counted = Counter(values)
        return sorted(counted.items(), key=lambda item: (-item[1], normalize(str(item[0]))))

    graded = Counter((e.kind, grade(e).grade) for e in entries)
    titles = {e.slug: e.title for e in entries if e.kind == "strumento"}
    counts = {
        # Every kind, even with no entry yet: the first thing an editor looks at.
        "Tipo di scheda (pubblicate)": [
            (kind.plural, sum(1 for e in published if e.kind == kind.slug)) for kind in ENTRY_KINDS
        ],
        "Completezza per tipo di scheda": [
            (f"{kind.plural}: {level}", graded[kind.slug, level])
            for kind in ENTRY_KINDS
            for level in GRADES
            if graded[kind.slug, level]
        ],
        "Strumenti usati (esperienze e riflessioni pubblicate)": tally(
            titles.get(slug, slug) for e in published for slug in e.strumenti
        ),
        "Temi": tally(t.label for e in published for t in e.themes),
        "Regioni": tally(r.label for e in experiences for r in e.regions),
        "Tipi di soggetto": tally(a.label for e in published for a in e.actor_types),
        "Anno di avvio": sorted(
            Counter(
                str(e.period.start_year) if e.period else "senza periodo" for e in experiences
            ).items()
        ),
        "Anno di pubblicazione": sorted(Counter(str(e.date.year) for e in published).items()),
    }
    used_themes = {t.slug for e in entries for t in e.themes}
    used_actors = {a.slug for e in entries for a in e.actor_types}
    used_roles = {o.role.slug for e in entries for o in e.organizations}
    used_organizations = {o.slug for e in entries for o in e.organizations}
    unused = {
        "Temi": [t.label for slug, t in vocab.themes.items() if slug not in used_themes],
        "Tipi di soggetto": [
            t.label for slug, t in vocab.actor_types.items() if slug not in used_actors
        ],
        "Ruoli": [r.label for slug, r in vocab.roles.items() if slug not in used_roles],
        "Organizzazioni": [
            o.name for slug, o in vocab.organizations.items() if slug not in used_organizations
        ],
    }
    stale = [
        (entry, entry.modified or entry.date)
        for entry in entries
        if (today - (entry.modified or entry.date)).days > STALE_AFTER_DAYS
    ]
    links = sorted(
        {(entry.source, source.url) for entry in entries for source in entry.sources}
        | {(entry.source, org.url) for entry in entries for org in entry.organizations if org.url}
    )
    return Report(counts, [grade(e) for e in entries], unused, stale, links)


def render_text(report: Report) -> str:
    lines = ["RAPPORTO DELLA REDAZIONE", ""]
    for title, rows in report.counts.items():
        lines.append(f"{title}:")
        lines.extend(f"  {count:4d}  {label}" for label, count in rows)
        if not rows:
            lines.append("     -  nessuna scheda")
        lines.append("")
    lines.append(
        "Completezza: " + ", ".join(f"{count} {grade}" for grade, count in report.grade_counts)
    )
    for item in report.completeness:
        if item.grade != "completa":
            tail = f" (manca: {', '.join(item.missing)})" if item.missing else ""
            status = " [bozza]" if item.entry.status == "draft" else ""
            lines.append(f"  {item.grade:13s}  {item.entry.source}{status}{tail}")
    lines.append("")
    lines.append("Termini dei vocabolari senza schede:")
    for name, labels in report.unused.items():
        lines.append(f"  {name}: {', '.join(labels) if labels else 'nessuno'}")
    lines.append("")
    lines.append(f"Schede non aggiornate da più di due anni: {len(report.stale)}")
    lines.extend(f"  {when.isoformat()}  {entry.source}" for entry, when in report.stale)
    lines.append("")
    lines.append(f"Link esterni da controllare a mano: {len(report.links)}")
    lines.extend(f"  {url}  ({source})" for source, url in report.links)
    return "\n".join(lines) + "\n"
