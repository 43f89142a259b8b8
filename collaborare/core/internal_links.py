"""Plain internal links of bodies (`[x](/esperienze/nome/)`, `[x](../altra/)`) must name a page
the build makes: checked before the build, with a near-miss suggestion.

Pelican copies such links as they are, so until now only `invoke linkcheck` on a built site
found a broken one. Which paths the build makes is knowable from the collection alone (the
URL map of /work/shared/PRODUCT.md, written by collaborare/plugins/): the published entries
and pages, the fixed sections, the facet pages of the themes, actor types, places and
organisations that published entries name (a facet page is written only when it lists
something), their feeds and their numbered listing pages, and the files of content/immagini/
and content/extra/. Everything else is refused: /bozze/ and /redazione/ exist only in the
local preview, /theme/ and /pagefind/ are the site's own machinery.

{filename} and {static} links are checked by collaborare/core/links.py; external links by
`invoke linkcheck`. Fragments are not checked here (headings change with the text).
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path, PurePath
from urllib.parse import unquote, urlsplit

from .files import STATIC_FOLDERS
from .forking import collecting
from .kinds import BY_SLUG, ENTRY_KINDS
from .markup import converter
from .messages import message, render
from .problems import Problem
from .text import suggest

# Sections and files every build writes, whatever the content.
FIXED_PATHS = frozenset(
    {
        "",
        "cerca/",
        "temi/",
        "soggetti/",
        "territori/",
        "organizzazioni/",
        "numeri/",
        "dati/",
        "dati/esperienze.json",
        "dati/esperienze.csv",
        "dati/organizzazioni.json",
        "dati/schema.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    }
)
LISTING_PAGE = re.compile(r"(?P<base>.*?)pagina/(?P<number>[2-9]|[1-9]\d+)/")
# Links worth rendering a body for: an href or src that has no scheme, is not a fragment
# alone and is not one of Pelican's {filename}/{static} links.
_INLINE = re.compile(r"\]\(\s*<?(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|\{|\|)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|\{|\|)", re.M)
_HREF = re.compile(r"""<(?:a|img)\s[^>]*?\b(?:href|src)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def may_link_inside(body: str) -> bool:
    """Whether a body may hold a plain internal link (then it is rendered to find them).
    Each test starts with a literal, which the regex engine finds fast (one pattern with
    alternatives tried at every character cost more than the rest of the rule)."""
    if "](" in body and _INLINE.search(body):
        return True
    if "]:" in body and _REFERENCE.search(body):
        return True
    lowered = body.lower()
    return "href" in lowered or "src" in lowered


def internal_link_problems(documents, entries, files, content_dir: Path) -> list[Problem]:
    """Cross-entry rule: every plain internal link of every body names a page of the site.

    ``documents``: rel -> (kind, slug, Document) of every readable file; ``entries``: the
    valid ones; ``files``: the absolute paths of the files the walk of ``content_dir``
    accepted (those of content/immagini/ and content/extra/ are published as they are)."""
    candidates = [
        (rel, kind, slug, document)
        for rel, (kind, slug, document) in sorted(documents.items())
        if may_link_inside(document.body)
    ]
    if not candidates:
        return []
    known = known_paths(documents, entries, static_paths(files, content_dir))
    drafts = {
        f"bozze/{slug}/"
        for kind, slug, document in documents.values()
        if kind != "page" and document.metadata.get("status") == "draft"
    }
    with collecting():  # Markdown's trees hold reference cycles
        return _link_problems(candidates, known, drafts, converter())


def _link_problems(candidates, known: set[str], drafts: set[str], markdown) -> list[Problem]:
    problems = []
    for rel, kind, slug, document in candidates:
        here = page_path(kind, slug, document)
        html = markdown.reset().convert(document.body)
        for link in dict.fromkeys(unescape(m.group(2)) for m in _HREF.finditer(html)):
            path = site_path(link, here)
            if path is None or path in known or _listing_page(path, known):
                continue
            line = document.body_line + _line_of(document.body, link)
            if path in drafts:
                if document.metadata.get("status") != "draft":
                    problems.append(
                        Problem(rel, line, "body", message("link.internal_draft", link=link))
                    )
                continue
            close = near_miss(path, known)
            advice = (
                render("link.internal_advice_close", close=close)
                if close is not None
                else render("link.internal_advice_none")
            )
            problems.append(
                Problem(
                    rel,
                    line,
                    "body",
                    message(
                        "link.internal_missing",
                        link=link,
                        resolved="" if link.startswith("/") else f" (cioè /{path})",
                        advice=advice,
                    ),
                )
            )
    return problems


def near_miss(path: str, known: set[str]) -> str | None:
    """The known path whose last segment is closest to ``path``'s: first among its
    siblings (/esperienze/altr/ -> /esperienze/altra/), then anywhere."""
    parent, _sep, name = path.rstrip("/").rpartition("/")
    by_name: dict[bool, dict[str, str]] = {}
    for candidate in sorted(known):
        candidate_parent, _sep, candidate_name = candidate.rstrip("/").rpartition("/")
        if candidate_name:
            by_name.setdefault(candidate_parent == parent, {}).setdefault(candidate_name, candidate)
    for siblings in (True, False):
        names = by_name.get(siblings, {})
        close = suggest(name, list(names))
        if close is not None:
            return names[close]
    return None


def static_paths(files, content_dir: Path) -> set[str]:
    """Where the static files among ``files`` are published, relative to the site root."""
    found = set()
    for path in files:
        relative = PurePath(path).relative_to(content_dir)
        if relative.parts and relative.parts[0] in STATIC_FOLDERS:
            found.add(relative.as_posix())
    return found


def page_path(kind: str, slug: str, document) -> str:
    """Where a file's own page is, relative to the site root."""
    if kind == "page":
        page_slug = document.metadata.get("slug", slug)
        return f"{page_slug}/" if isinstance(page_slug, str) else f"{slug}/"
    if document.metadata.get("status") == "draft":
        return f"bozze/{slug}/"
    return f"{BY_SLUG[kind].folder}/{slug}/"


def site_path(link: str, here: str) -> str | None:
    """The path relative to the site root that ``link`` (on the page at ``here``) names, or
    None for a link this rule leaves to others (external, mail, fragment, Pelican's own)."""
    # As browsers read it (WHATWG URL): tabs and newlines anywhere, and spaces and control
    # characters around, are dropped, so 'java&#x09;script:' is still a scheme.
    link = re.sub(r"[\t\n\r]", "", link).strip("\x00- ")
    if not link or link.startswith(("#", "{", "|", "//")) or _SCHEME.match(link):
        return None
    path = unquote(urlsplit(link).path)
    if not path:
        return None
    joined = path if path.startswith("/") else posixpath.join("/" + here, path)
    normal = posixpath.normpath(joined).lstrip("/")
    if normal in (".", ""):
        return ""
    if path.endswith("/") or joined.endswith("/."):
        normal += "/"
    if normal.endswith("/index.html"):
        normal = normal[: -len("index.html")]
    return normal


def known_paths(documents, entries, static_files) -> set[str]:
    """The paths, relative to the site root, the build writes for this collection."""
    known = set(FIXED_PATHS)
    published = [entry for entry in entries if entry.status == "published"]
    for kind, slug, document in documents.values():
        if kind == "page":
            known.add(page_path(kind, slug, document))
        elif document.metadata.get("status") != "draft":
            known.add(f"{BY_SLUG[kind].folder}/{slug}/")
    for kind in ENTRY_KINDS:
        if any(entry.kind == kind.slug for entry in published):
            known.add(f"{kind.folder}/")
            known.add(f"feed/{kind.folder}.atom.xml")
    if published:
        known.add("feed/tutto.atom.xml")
    for entry in published:
        for term in entry.themes:
            known.update((f"temi/{term.slug}/", f"feed/temi/{term.slug}.atom.xml"))
        for term in entry.actor_types:
            known.update((f"soggetti/{term.slug}/", f"feed/soggetti/{term.slug}.atom.xml"))
        for org in entry.organizations:
            known.update(
                (f"organizzazioni/{org.slug}/", f"feed/organizzazioni/{org.slug}.atom.xml")
            )
        if entry.kind == "esperienza":
            for place in entry.places:
                for _label, url in place.chain:
                    known.add(url)
                if place.region:
                    known.add(f"feed/territori/{place.region.slug}.atom.xml")
    known.update(static_files)
    return known


def _listing_page(path: str, known: set[str]) -> bool:
    """'temi/x/pagina/2/': a numbered page of a listing the build writes (how many pages
    it has depends on the page size of pelicanconf; any number is let through)."""
    match = LISTING_PAGE.fullmatch(path)
    return match is not None and match.group("base") in known


def _line_of(body: str, link: str) -> int:
    """0-based line of the body where ``link`` is written (the first line if not found)."""
    for needle in (f"]({link}", link, unquote(link)):
        for index, line in enumerate(body.split("\n")):
            if needle in line:
                return index
    return 0
