"""Pelican's intra-site links ({filename}, {static}, {attach}) in a body, and where they may point.

Pelican resolves such a link to any file the path names and copies {static}/{attach}
targets into the site, wherever they are: `{attach}../../.git/config` would publish the
checkout's configuration (with the CI token). Here every link must name a file the walk of
content/ found: an entry or page for {filename}, a file of content/immagini/ or
content/extra/ for {static} and {attach}. Pelican tries the path as written, URL-decoded
and HTML-unescaped, so each of those readings must stay inside its folder.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from .files import STATIC_FOLDERS
from .kinds import ENTRY_KINDS
from .messages import Message, message

# The attributes and indicator syntax of pelican.contents.Content._get_intrasite_link_regex
# with the default INTRASITE_LINK_REGEX ('{what}' or '|what|').
_INTRASITE = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
        (?P<quote>["'])[{|](?P<what>.*?)[|}](?P<value>.*?)(?P=quote)""",
    re.X,
)
DOCUMENT_FOLDERS = (*(kind.folder for kind in ENTRY_KINDS), "pages")
_PLAIN_PATH = re.compile(r"[\w./-]+")


@dataclass(frozen=True)
class Link:
    """One intra-site link of a body."""

    what: str  # filename, static, attach (or anything a contributor typed)
    value: str  # the path as written in the rendered HTML
    target: Path | None  # the file it names, when it names one allowed to it
    problem: Message | None  # why it cannot be published, or None


def intrasite_links(rendered: str, source: Path, content_dir: Path, files: set[Path]) -> list[Link]:
    """Every intra-site link in a body's rendered HTML, each with its target or its problem.

    ``files`` holds the absolute paths of the files the walk of content/ accepted.
    """
    if "{" not in rendered and "|" not in rendered:
        return []
    relative_dir = posixpath.dirname(source.relative_to(content_dir).as_posix())
    return [
        _resolve(m.group("what"), m.group("value"), relative_dir, content_dir, files)
        for m in _INTRASITE.finditer(rendered)
        if _inside_a_tag(rendered, m.start())
    ]


def _inside_a_tag(html: str, position: int) -> bool:
    """Whether ``position`` is inside a tag, as Pelican's pattern ('<[^>]+' before the
    attribute) requires; found this way, the scan is linear instead of trying every '<'."""
    return html.rfind("<", 0, position) > html.rfind(">", 0, position)


def _resolve(what, value, relative_dir, content_dir, files) -> Link:
    if what not in ("filename", "static", "attach"):
        return Link(
            what,
            value,
            None,
            message("link.indicator", what=what),
        )
    folders = DOCUMENT_FOLDERS if what == "filename" else STATIC_FOLDERS
    readings: Iterable[str]
    if _PLAIN_PATH.fullmatch(value):  # nothing to decode: the one reading (most links)
        readings = (value,)
    else:
        path = urlparse(value).path
        readings = dict.fromkeys((path, unquote(path), urlparse(html.unescape(value)).path))
    target = None
    for reading in readings:
        inside = _within(reading, relative_dir, folders)
        if inside is None:
            where = "content/" + " o content/".join(f"{folder}/" for folder in folders)
            return Link(
                what,
                value,
                None,
                message("link.outside", what=what, value=value, where=where),
            )
        candidate = content_dir / inside
        if target is None and candidate in files:
            target = candidate
    if target is None:
        example = (
            "{filename}../esperienze/nome.md"
            if what == "filename"
            else "{static}/immagini/foto.jpg"
        )
        return Link(
            what,
            value,
            None,
            message("link.missing", what=what, value=value, example=example),
        )
    return Link(what, value, target, None)


def _within(reading: str, relative_dir: str, folders) -> str | None:
    """The path relative to content/ that a reading names, if it lies in one of ``folders``."""
    joined = reading[1:] if reading.startswith("/") else posixpath.join(relative_dir, reading)
    normal = posixpath.normpath(joined)
    parts = PurePosixPath(normal).parts
    if not parts or parts[0] not in folders or ".." in parts or "\\" in normal:
        return None
    return normal
