"""Gives Italian elisions at the start of a word the apostrophe that smartypants turns into a quote."""

from __future__ import annotations

import re

from markupsafe import Markup
from pelican import signals

OPEN = "&#8216;"
APOSTROPHE = "&#8217;"
# An opening single quote right after a space (or at the start) and before a letter or digit:
# "anni ‘80", "‘Ndrangheta", "‘sto". A real quotation is closed by ’ after a word and
# before a non-letter, so those pairs are left alone.
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_ELISION = re.compile(r"(^|[\s(\[«\"—–-]|&nbsp;|&#8220;)(&#8216;|‘)(?=[\w])", re.UNICODE)
_CLOSER = re.compile(r"(?<=[\w.,;:!?])(?:&#8217;|’)(?![\w])", re.UNICODE)
_SKIP = ("pre", "code", "kbd", "script", "style")
# typogrify wraps a quote that opens a block in span.quo (for hanging punctuation);
# unwrapped first, so an elision that opens a paragraph is handled like any other.
_INITIAL_QUOTE = re.compile(r'<span class="quo">(&#8216;|‘)</span>(?=\w)')


def fix_text(text: str) -> str:
    """Replace the opening quotes that stand for an elided letter with apostrophes."""

    def fix_segment(segment):
        result, position = [], 0
        for match in _ELISION.finditer(segment):
            rest = segment[match.end():]
            next_open = _ELISION.search(rest)
            closer = _CLOSER.search(rest)
            quoted = closer and (next_open is None or closer.start() < next_open.start())
            result.append(segment[position:match.start(2)])
            result.append(match.group(2) if quoted else (APOSTROPHE if match.group(2) == OPEN else "’"))
            position = match.end(2)
        result.append(segment[position:])
        return "".join(result)

    output, skipping = [], None
    text = _INITIAL_QUOTE.sub(r"\1", text)
    for match in _TAG_OR_TEXT.finditer(text):
        tag, segment = match.groups()
        if tag:
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
            name = name.group(1).lower() if name else ""
            if skipping is None and name in _SKIP and not tag.startswith("</"):
                skipping = name
            elif skipping == name and tag.startswith("</"):
                skipping = None
            output.append(tag)
        else:
            output.append(segment if skipping else fix_segment(segment))
    return "".join(output)


def fix_content(instance):
    if getattr(instance, "_content", None):
        instance._content = fix_text(instance._content)
    if getattr(instance, "title", None):
        # The reader escaped title and summary before typogrify: Markup keeps autoescape from
        # escaping the typographic entities a second time.
        instance.title = Markup(fix_text(instance.title))
    if "summary" in instance.metadata:
        instance.metadata["summary"] = Markup(fix_text(instance.metadata["summary"]))
        instance._summary = instance.metadata["summary"]


def register():
    signals.content_object_init.connect(fix_content)
