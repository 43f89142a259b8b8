"""What HTML a contributor's Markdown may produce, and how it is enforced.

Markdown bodies may contain raw HTML. The check reports anything outside this allow-list
with its line (so a contributor learns what to change), and the reader also cleans every
body with nh3 (a maintained Rust sanitizer) as a second line of defence, so no script,
style, iframe, form, event handler or javascript:/data: URL can reach a page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "s",
    "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "code", "kbd", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "img", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
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
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


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


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (text to find it by in the source, what is wrong)

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.found.append((f"<{tag}", f"the HTML element <{tag}> is not allowed"))
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.found.append((name, f"the attribute {name!r} on <{tag}> is not allowed"))
            elif name in _URL_ATTRIBUTES and value:
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    self.found.append((
                        scheme.group(1).lower() + ":",
                        f"{scheme.group(1).lower()}: addresses are not allowed in <{tag}>",
                    ))


def disallowed(html: str) -> list[tuple[str, str]]:
    """(needle, message) for each piece of HTML that the allow-list would remove; the needle
    is a bit of source text (such as '<script') that finds the line it comes from."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
