"""The schema, fields and cross-field phases of one file, and the Entry or Page it makes.

Each check takes the FileReading, reports through it and may keep what it resolved in
``reading.values`` (dates, places, period, themes...) for the Entry. Adding a check to a
phase is one line in SCHEMA_CHECKS, FIELD_CHECKS, CROSS_FIELD_CHECKS or PUBLICATION_CHECKS.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from collaborare.core.completeness import below_partial, count_sections
from collaborare.core.images import image_problems
from collaborare.core.kinds import BY_SLUG
from collaborare.core.model import Entry, Page, unique
from collaborare.core.organizations import resolve_organizations
from collaborare.core.placeholders import placeholder_problems
from collaborare.core.sources import resolve_sources, too_few_sources

from . import values
from .reading import FileReading

# -- schema -------------------------------------------------------------------------------


def schema(reading: FileReading):
    """Every error of the JSON Schema, a missing field at the line where it goes: the
    closing '---' (or, for image_alt, the line of 'image')."""
    checker = reading.checker
    for path, code, params in checker.schema_checker.errors(reading.meta, reading.kind == "page"):
        reading.at(_line_for(reading, path, code, params), _field(path), code, **params)


def _field(path) -> str:
    from collaborare.core.schema import field_path

    return field_path(path)


def _line_for(reading: FileReading, path, code: str, params: dict) -> int:
    """Where the fix goes: a field required with another at that other's line, a missing
    top-level field at the closing '---', anything else at its own line."""
    if "trigger" in params:
        return reading.document.line_of(path[:-1] + (params["trigger"],))
    if code.startswith("field.required") and len(path) == 1:
        return reading.closing_line
    return reading.document.line_of(path)


def required_for_kind(reading: FileReading):
    """Fields one kind of entry needs beyond the schema (territories for experiences)."""
    if reading.kind == "page":
        return
    checker = reading.checker
    for name in BY_SLUG[reading.kind].required:
        if name not in reading.meta:
            code, params = checker.schema_checker.required_message(checker.schema, name)
            reading.at(reading.closing_line, name, code, **params)


def not_applicable(reading: FileReading):
    """Fields a kind of entry does not have (a strumento has no places, period or actors)."""
    if reading.kind == "page":
        return
    kind = BY_SLUG[reading.kind]
    for name in kind.not_applicable:
        if name in reading.meta:
            reading.report((name,), "field.not_applicable", kind=kind.one)


# -- fields ----------------------------------------------------------------------------------


def page_slug(reading: FileReading):
    slug = reading.meta.get("slug", reading.slug)
    reading.values["slug"] = slug
    problem = values.page_slug(slug)
    if problem:
        reading.report(("slug",), problem)


def plain_texts(reading: FileReading):
    for name in ("title", "summary", "image_alt"):
        problem = values.plain_text(reading.meta.get(name))
        if problem:
            reading.report((name,), problem)


def visible_texts(reading: FileReading):
    for name, shortest in (("title", 3), ("summary", 20)):
        problem = values.visible_text(reading.meta.get(name), shortest)
        if problem:
            reading.report((name,), problem)


def dates(reading: FileReading):
    today = dt.date.today()
    for name in ("date", "modified"):
        value = reading.meta.get(name)
        parsed, problem = values.entry_date(value, today)
        if problem:
            reading.report((name,), problem)
        reading.values[name] = parsed


def image(reading: FileReading):
    """The picture, its alt text and its credit (core/images.py), at the line of 'image'."""
    checker = reading.checker
    content_root = checker.content_root or checker.root / "content"
    reading.problems.extend(
        image_problems(reading.rel, reading.meta, reading.document, content_root, checker.files)
    )


def placeholders(reading: FileReading):
    """Example values, placeholder text and empty sections of a published text
    (core/placeholders.py); a draft may keep them."""
    reading.problems.extend(placeholder_problems(reading.rel, reading.document))


def period(reading: FileReading):
    raw = reading.meta.get("period")
    if not isinstance(raw, dict):
        return
    today, bounds = dt.date.today(), {}
    for name in ("start", "end"):
        bound, problem = values.period_bound(raw.get(name), today)
        if problem:
            reading.report(("period", name), problem)
        elif bound is not None:
            bounds[name] = bound
    reading.values["period_bounds"] = bounds


def places(reading: FileReading):
    found = []
    for index, item in enumerate(_items(reading.meta, "territories")):
        if isinstance(item, dict):
            place, problem = values.place(item, reading.checker.vocab)
            if problem:
                reading.report(("territories", index), problem)
            elif place:
                found.append(place)
    reading.values["places"] = found


def vocabularies(reading: FileReading):
    """Themes and actor types as terms (the schema has already refused unknown slugs), and
    the organisations, whose types count as actor types too."""
    vocab = reading.checker.vocab
    reading.values["themes"] = [
        vocab.themes[s] for s in _items(reading.meta, "tags", str) if s in vocab.themes
    ]
    organizations = resolve_organizations(reading.meta, vocab, reading.report)
    actor_slugs = list(_items(reading.meta, "actors", str))
    actor_slugs.extend(org.actor_type.slug for org in organizations)
    reading.values["organizations"] = organizations
    reading.values["actor_types"] = unique(
        vocab.actor_types[s] for s in actor_slugs if s in vocab.actor_types
    )


def sources(reading: FileReading):
    reading.values["sources"] = resolve_sources(reading.meta, reading.report)


# -- cross-field ---------------------------------------------------------------------------


def modified_after_date(reading: FileReading):
    meta, found = reading.meta, reading.values
    problem = values.modified_after_date(
        found.get("date"), found.get("modified"), meta.get("date"), meta.get("modified")
    )
    if problem:
        reading.report(("modified",), problem)


def period_shape(reading: FileReading):
    raw = reading.meta.get("period")
    if not isinstance(raw, dict):
        return
    bounds = reading.values.get("period_bounds", {})
    for key, problem in values.period_shape(raw, bounds):
        reading.report(("period", key), problem)
    if "start" in bounds:
        from collaborare.core.model import Period

        reading.values["period"] = Period(
            bounds["start"], bounds.get("end", ""), bool(raw.get("ongoing"))
        )


# -- publication: asked once the file is otherwise valid and its Entry made -----------------


def enough_sources(reading: FileReading, entry: Entry):
    """At 'sources:', or at the closing '---' where it goes."""
    problem = too_few_sources(entry.kind, entry.status, entry.sources, entry.sources_note)
    if problem:
        line = reading.document.lines.get(("sources",), reading.closing_line)
        reading.at(line, "sources", problem)
        return False
    return True


def at_least_partial(reading: FileReading, entry: Entry):
    from collaborare.core.messages import FIELD_COMPLETENESS

    problem = below_partial(entry)
    if problem:
        reading.at(reading.closing_line, FIELD_COMPLETENESS, problem)
    return problem is None


# -- making the item ---------------------------------------------------------------------


def make_page(reading: FileReading) -> Page:
    meta = reading.meta
    return Page(
        slug=reading.values.get("slug", reading.slug),
        source=reading.rel,
        title=meta["title"],
        summary=meta.get("summary", ""),
        modified=values.to_date(meta.get("modified")),
        template=meta.get("template", "page"),
        order=meta.get("order", 100),
    )


def make_entry(reading: FileReading) -> Entry:
    meta, found = reading.meta, reading.values
    return Entry(
        kind=reading.kind,
        slug=reading.slug,
        source=reading.rel,
        title=meta["title"],
        summary=meta["summary"],
        # An Entry is made only from a file with no problem: the date check resolved it.
        date=cast(dt.date, found.get("date")),
        modified=found.get("modified"),
        status=meta.get("status", "published"),
        authors=list(meta.get("authors") or []),
        themes=found.get("themes", []),
        places=found.get("places", []),
        actor_types=found.get("actor_types", []),
        organizations=found.get("organizations", []),
        period=found.get("period"),
        sources=found.get("sources", []),
        sources_note=meta.get("sources_note", ""),
        sections=count_sections(reading.document.body),
        image=meta.get("image", ""),
        image_alt=meta.get("image_alt", ""),
        related=list(meta.get("related") or []),
        strumenti=list(meta.get("strumenti") or []),
        raw=meta,
        lines=reading.document.lines,
    )


def _items(meta: dict, key: str, kind=object) -> list:
    """The items of a list field that have the expected type ([] if the field is not a list).

    The schema reports wrong types; this keeps the other checks from tripping over them.
    """
    value = meta.get(key)
    return [item for item in value if isinstance(item, kind)] if isinstance(value, list) else []


SCHEMA_CHECKS = [schema, required_for_kind, not_applicable]
PAGE_FIELD_CHECKS = [page_slug, placeholders]
FIELD_CHECKS = [
    plain_texts,
    visible_texts,
    dates,
    image,
    period,
    places,
    vocabularies,
    sources,
    placeholders,
]
CROSS_FIELD_CHECKS = [modified_after_date, period_shape]
# Each takes (reading, entry) and says whether the next may run (only one message at a time).
PUBLICATION_CHECKS = [enough_sources, at_least_partial]
