"""Typography for Italian: typogrify, then the apostrophes smartypants gets wrong.

Applied by the collection reader (in the build's worker processes) to each entry's body,
title and summary, with Pelican's own TYPOGRIFY turned off so nothing runs twice.
"""

from __future__ import annotations

import re

import smartypants
from typogrify.filters import typogrify

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


def _only_when(convert, needles: tuple[str, ...]):
    """``convert``, skipped for text with none of ``needles`` (where it cannot change anything)."""

    def convert_if_needed(text: str) -> str:
        return convert(text) if any(needle in text for needle in needles) else text

    convert_if_needed.wrapped = convert
    return convert_if_needed


# smartypants runs about twenty regular expressions over every text node between tags,
# and most nodes hold no quote, no backslash and no dash pair: skipping those cuts
# typography's cost by half. Every pattern of these functions needs one of the needles to
# match, so the output is the same (tests/test_typography.py compares with the originals).
if not hasattr(smartypants.convert_quotes, "wrapped"):
    smartypants.convert_quotes = _only_when(smartypants.convert_quotes, ("'", '"'))
    smartypants.process_escapes = _only_when(smartypants.process_escapes, ("\\",))
    for name in ("convert_dashes", "convert_dashes_oldschool", "convert_dashes_oldschool_inverted"):
        setattr(smartypants, name, _only_when(getattr(smartypants, name), ("--",)))
    smartypants.convert_ellipses = _only_when(smartypants.convert_ellipses, ("...", ". . ."))


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


def typeset(html: str, settings: dict) -> str:
    """typogrify with the site's settings (as Pelican would apply it), then fix_text."""
    dashes = settings.get("TYPOGRIFY_DASHES", "default")
    smartypants.Attr.default = {
        "oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3,
    }.get(dashes, smartypants.Attr.set1) | smartypants.Attr.w
    return fix_text(typogrify(
        html, settings.get("TYPOGRIFY_IGNORE_TAGS", []),
        **dict.fromkeys(settings.get("TYPOGRIFY_OMIT_FILTERS", []), False),
    ))
