"""The cross-entry phase: checks that need every readable file of the collection.

Each check takes ``documents`` (rel path -> (kind, slug, Document), for every file whose
front matter could be read, valid or not) and ``relative`` (absolute path -> rel path) and
returns problems. Adding one is one line in CROSS_ENTRY_CHECKS.
"""

from __future__ import annotations

from collaborare.core.kinds import BY_SLUG
from collaborare.core.messages import FIELD_BODY, FIELD_FILE_NAME
from collaborare.core.problems import Problem
from collaborare.core.text import suggest


def cross_entry_problems(documents: dict, relative=str) -> list[Problem]:
    """Every cross-entry check over ``documents``, in the order of CROSS_ENTRY_CHECKS."""
    by_slug = entries_by_slug(documents)
    problems = []
    for check in CROSS_ENTRY_CHECKS:
        problems.extend(check(documents, relative, by_slug))
    return problems


def entries_by_slug(documents: dict) -> dict:
    """slug -> rel path of the first entry (not page) with that slug, in path order."""
    by_slug: dict[str, str] = {}
    for rel, (kind, slug, _document) in sorted(documents.items()):
        if kind != "page":
            by_slug.setdefault(slug, rel)
    return by_slug


def _status(document) -> str:
    return document.metadata.get("status", "published")


def duplicate_slugs(documents: dict, relative, by_slug: dict) -> list[Problem]:
    """Slugs are unique across the collection (a 'related' slug must name one entry)."""
    return [
        Problem(rel, 1, FIELD_FILE_NAME, "filename.duplicate_slug", slug=slug, other=by_slug[slug])
        for rel, (kind, slug, _document) in sorted(documents.items())
        if kind != "page" and by_slug[slug] != rel
    ]


def page_slugs(documents: dict, relative, by_slug: dict) -> list[Problem]:
    """Two pages cannot have the same address."""
    pages: dict[str, str]  # page slug -> rel path of the first page with it
    problems, pages = [], {}
    for rel, (kind, slug, document) in sorted(documents.items()):
        if kind != "page":
            continue
        page_slug = document.metadata.get("slug", slug)
        if not isinstance(page_slug, str):
            continue  # the schema reports the wrong type
        if page_slug in pages:
            line = document.line_of(("slug",))
            problems.append(
                Problem(
                    rel, line, "slug", "page.slug_taken", other=pages[page_slug], slug=page_slug
                )
            )
        else:
            pages[page_slug] = rel
    return problems


def related_entries(documents: dict, relative, by_slug: dict) -> list[Problem]:
    """Each 'related' item names another entry of the collection."""
    problems = []
    for rel, (kind, slug, document) in sorted(documents.items()):
        related = document.metadata.get("related")
        if kind == "page" or not isinstance(related, list):
            continue
        for index, target in enumerate(related):
            if not isinstance(target, str):
                continue  # the schema reports the wrong type
            found = related_problem(target, slug, list(by_slug))
            if found:
                line = document.line_of(("related", index))
                problems.append(Problem(rel, line, f"related[{index}]", found[0], **found[1]))
    return problems


def related_problem(target: str, own_slug: str, slugs: list[str]):
    """(code, params) if ``target`` cannot be a related entry of the entry ``own_slug``."""
    if target == own_slug:
        return "related.self", {}
    if target in slugs:
        return None
    close = suggest(target, slugs)
    if close:
        return "related.unknown", {"value": target, "suggestion": close}
    return "related.unknown_plain", {"value": target}


def strumenti_used(documents: dict, relative, by_slug: dict) -> list[Problem]:
    """'strumenti' of experiences and reflections: each names a strumento of the collection,
    and a published entry names no draft one (its page would link to nothing)."""
    problems = []
    kinds = {slug: (documents[rel][0], documents[rel][2]) for slug, rel in by_slug.items()}
    strumenti = sorted(slug for slug, (kind, _document) in kinds.items() if kind == "strumento")
    for rel, (kind, _slug, document) in sorted(documents.items()):
        named = document.metadata.get("strumenti")
        if kind == "page" or not isinstance(named, list):
            continue  # absent, or the schema reports the wrong type
        if kind == "strumento":
            line = document.line_of(("strumenti",))
            problems.append(Problem(rel, line, "strumenti", "strumenti.in_strumento"))
            continue
        draft = _status(document) == "draft"
        for index, target in enumerate(named):
            if not isinstance(target, str):
                continue  # the schema reports the wrong type
            found = strumento_problem(target, kinds, strumenti, draft)
            if found:
                line = document.line_of(("strumenti", index))
                problems.append(Problem(rel, line, f"strumenti[{index}]", found[0], **found[1]))
    return problems


def strumento_problem(target: str, kinds: dict, strumenti: list[str], draft: bool):
    """(code, params) if ``target`` cannot be named in 'strumenti' (``kinds``: slug ->
    (kind, Document)); ``draft``: whether the entry naming it is a draft."""
    if target not in kinds:
        close = suggest(target, strumenti)
        if close:
            return "strumenti.unknown", {"value": target, "suggestion": close}
        return "strumenti.unknown_plain", {"value": target}
    kind, document = kinds[target]
    if kind != "strumento":
        return "strumenti.not_a_strumento", {"value": target, "kind": BY_SLUG[kind].one}
    if not draft and _status(document) == "draft":
        return "strumenti.draft", {"value": target}
    return None


def links_to_drafts(documents: dict, relative, by_slug: dict) -> list[Problem]:
    """A published text's {filename} link to a draft would point at /bozze/, never published."""
    if not any(_status(document) == "draft" for _k, _s, document in documents.values()):
        return []
    problems = []
    for rel, (_kind, _slug, document) in sorted(documents.items()):
        if _status(document) == "draft":
            continue
        for line, what, target in document.links:
            linked = documents.get(relative(target)) if what == "filename" else None
            if linked is not None and _status(linked[2]) == "draft":
                problems.append(
                    Problem(rel, line, FIELD_BODY, "link.to_draft", target=relative(target))
                )
    return problems


# The cross-entry phase, in order. To add a check: def check(documents, relative, by_slug)
# -> list[Problem], then one line here.
CROSS_ENTRY_CHECKS = [
    page_slugs,
    links_to_drafts,
    duplicate_slugs,
    strumenti_used,
    related_entries,
]
