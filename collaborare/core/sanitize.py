"""What HTML a contributor's Markdown may produce, and how it is enforced.

Markdown bodies may contain raw HTML. The check reports anything outside this allow-list
with its line (so a contributor learns what to change), and the reader also cleans every
body with nh3 (a maintained Rust sanitizer) as a second line of defence, so no script,
style, iframe, form, event handler or javascript:/data: URL can reach a page.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import nh3

from .messages import Message, message

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "cite",
    "q",
    "code",
    "kbd",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "span",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href", "class"},  # class: footnote links (footnote-ref, footnote-backref)
    "img": {"src", "alt", "width", "height"},
    "th": {"style", "scope", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_URL_ATTRIBUTES = {"href", "src"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser's URL parser drops before it reads the scheme (WHATWG URL standard):
# leading and trailing C0 controls and spaces, and every tab and newline anywhere.
_URL_TRIM = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")

# Ids the page templates around a body use (base.html, entry.html, page.html): a body
# element with one of them would break the skip link, the search box or a landmark's name.
# tests/test_sanitize.py checks that every literal id in those templates is listed.
RESERVED_IDS = frozenset(
    {
        "site-search-q",
        "contenuto",
        "in-sintesi",
        "collegate",
    }
)

# (text to find it by in the source: one needle, or several tried in turn; what is wrong)
Finding = tuple[str | tuple[str, ...], str]


def clean(html: str) -> str:
    """The body HTML with everything outside the allow-list removed; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL attribute ('javascript' for ' java\tscript:x')."""
    match = _SCHEME.match(_TAB_OR_NEWLINE.sub("", value.strip(_URL_TRIM)))
    return match.group(1).lower() if match else None


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (text to find it by in the source, what is wrong)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.found.append((f"<{tag}", message("html.element", tag=tag)))
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.found.append((name, message("html.attribute", name=name, tag=tag)))
            elif name in _URL_ATTRIBUTES and value:
                scheme = url_scheme(value)
                if scheme and scheme not in URL_SCHEMES:
                    # Entities can hide the scheme's first letters ('&#106;avascript:').
                    needles = (f"{scheme}:", f"{scheme[1:]}:", f"{scheme[-4:]}:")
                    self.found.append((needles, message("html.scheme", scheme=scheme, tag=tag)))
            elif name == "id" and value:
                self._check_id(value)
        if tag == "img":
            self._check_image(dict(attrs))

    def _check_image(self, attrs):
        # Pelican refuses an image without alt text (the build would fail without a line);
        # a picture from another site would tell that site about every reader.
        if not (attrs.get("alt") or "").strip():
            self.found.append(("![", message("html.image_without_alt")))
        scheme = url_scheme(attrs.get("src") or "")
        if scheme in ("http", "https"):
            self.found.append((attrs["src"], message("html.remote_image")))

    def _check_id(self, value):
        if value in RESERVED_IDS:
            self.found.append((value, message("html.reserved_id", id=value)))
        elif value in self.ids:
            self.found.append((value, message("html.duplicate_id", id=value)))
        self.ids.add(value)


_URL_VALUE = re.compile(r'\s(?:href|src)="([^"]*)"')
# What may put other elements or attributes in Markdown's output: raw HTML, an image, or an
# attribute list ('{: #id }', '{.classe}', '{onclick=x}'), but not a '{filename}' link.
_MARKUP_BEYOND_MARKDOWN = re.compile(r"<|!\[|\{\s*:|\{\s*[#.]|\{\s*[\w-]+\s*=")


def disallowed(html: str, source: str | None = None) -> list[tuple[str | tuple[str, ...], Message]]:
    """(needles, message) for each piece of HTML that the allow-list would remove, or that
    clean() would change in some other way; a needle is a bit of source text (such as
    '<script') that finds the line it comes from: one string, or a tuple to try in order.

    ``source``, the Markdown the HTML comes from, allows a shortcut: Markdown alone writes
    only allowed elements and attributes, so without raw HTML, attribute lists or images
    only the addresses of links need a look (most bodies).
    """
    if source is not None and not _MARKUP_BEYOND_MARKDOWN.search(source):
        return _disallowed_addresses(html)
    finder = _Finder()
    finder.feed(html)
    finder.close()
    if finder.found or (source is not None and "<" not in source):
        return finder.found  # the parser differences _altered looks for need raw HTML
    return _altered(html)


def _disallowed_addresses(html: str) -> list[tuple[str | tuple[str, ...], Message]]:
    found: list[tuple[str | tuple[str, ...], Message]] = []
    for match in _URL_VALUE.finditer(html):
        scheme = url_scheme(unescape(match.group(1)))
        if scheme and scheme not in URL_SCHEMES:
            tag = (
                "img"
                if html.rfind("<img", 0, match.start()) > html.rfind("<a", 0, match.start())
                else "a"
            )
            needles = (f"{scheme}:", f"{scheme[1:]}:", f"{scheme[-4:]}:")
            found.append((needles, message("html.scheme", scheme=scheme, tag=tag)))
    return found


# -- what the sanitizer would change, found by comparing its output with its input --------


class _Skeleton(HTMLParser):
    """Elements, attributes and text of an HTML fragment, in order; comments left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        if tag != "tbody":  # the HTML parser adds it to tables that lack it
            kept = {(n, v or "") for n, v in attrs if not (tag == "a" and n == "rel")}
            self.events.append(("start", tag, frozenset(kept)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag != "tbody":
            self.events.append(("end", tag, None))

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + data, None)
        else:
            self.events.append(("text", data, None))


def _skeleton(html: str) -> list:
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    return parser.events


def _altered(html: str) -> list[tuple[str | tuple[str, ...], Message]]:
    """Where clean() would change what a contributor wrote: HTML that browsers read
    differently from what it looks like (entity-hidden addresses, comment tricks) or that
    is not well formed. Empty when clean() only re-spells it."""
    before, after = _skeleton(html), _skeleton(clean(html))
    if before == after:
        return []
    index = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    event = before[index] if index < len(before) else after[index]
    kind, value, attrs = event
    if kind == "start" and index < len(after) and after[index][1] == value:
        dropped = sorted(name for name, _v in attrs - after[index][2])
        if dropped:
            return [(dropped[0], message("html.attribute_dropped", name=dropped[0], tag=value))]
    needle = f"<{value}" if kind in ("start", "end") else (value.strip()[:20] or "<")
    return [(needle, message("html.malformed"))]
