"""Gives Italian elisions at the start of a word the apostrophe that smartypants turns into a quote."""

from __future__ import annotations

import re

from markupsafe import Markup
from pelican import signals

OPEN = "&#8216;"
APOSTROPHE = "&#8217;"
# An opening single quote after a space, a tag or an opening bracket, before a letter or digit:
# "anni ‘80", "‘Ndrangheta", "‘sto". A real quotation is closed by ’ after a word and before a
# non-letter, so such pairs are left alone; "l’<span class="caps">ASL" is an apostrophe, not a
# closing quote (typogrify wraps the acronym).
_ELISION = re.compile(r"(^|[\s(\[«\"—–>-]|&nbsp;|&#8220;)(&#8216;|‘)(?=\w)", re.UNICODE)
_CLOSER = re.compile(r"(?<=[\w.,;:!?])(?:&#8217;|’)(?!\w|<span class=\"caps\">)", re.UNICODE)
# typogrify wraps a quote that opens a block in span.quo (for hanging punctuation);
# unwrapped first, so an elision that opens a paragraph is handled like any other.
_INITIAL_QUOTE = re.compile(r'<span class="quo">(&#8216;|‘)</span>(?=\w)')


def fix_text(text: str) -> str:
    """Replace the opening quotes that stand for an elided letter with apostrophes.

    typogrify leaves <pre>, <code> and the like untouched, so they hold no curly quotes.
    """
    text = _INITIAL_QUOTE.sub(r"\1", text)
    result, position = [], 0
    for match in _ELISION.finditer(text):
        if match.start(2) < position:
            continue
        rest = text[match.end():]
        next_open = _ELISION.search(rest)
        closer = _CLOSER.search(rest)
        quoted = closer and (next_open is None or closer.start() < next_open.start())
        result.append(text[position:match.start(2)])
        result.append(match.group(2) if quoted else (APOSTROPHE if match.group(2) == OPEN else "’"))
        position = match.end(2)
    result.append(text[position:])
    return "".join(result)


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
