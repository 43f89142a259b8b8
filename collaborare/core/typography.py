"""Typography for Italian: typogrify, then the apostrophes smartypants gets wrong.

Applied by the collection reader (in the build's worker processes) to each entry's body,
title and summary, with Pelican's own TYPOGRIFY turned off so nothing runs twice.
"""

from __future__ import annotations

import re

import smartypants
import typogrify.filters as typogrify_filters
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


def _replaced(convert, faster):
    """``faster`` in place of ``convert``, which stays reachable (tests compare the two)."""
    faster.wrapped = convert
    return faster


def _only_when(convert, can_change):
    """``convert``, skipped for text where ``can_change(text)`` says it cannot change anything."""
    return _replaced(convert, lambda text: convert(text) if can_change(text) else text)


def _containing(*needles: str):
    return lambda text: any(needle in text for needle in needles)


# smartypants runs about twenty regular expressions over every text node between tags,
# and most nodes hold no quote, no backslash and no dash pair: skipping those cuts
# typography's cost by half. Every pattern of these functions needs one of the needles to
# match, so the output is the same (tests/test_typography.py compares with the originals).
if not hasattr(smartypants.convert_quotes, "wrapped"):
    smartypants.convert_quotes = _only_when(smartypants.convert_quotes, _containing("'", '"'))
    smartypants.process_escapes = _only_when(smartypants.process_escapes, _containing("\\"))
    for name in ("convert_dashes", "convert_dashes_oldschool", "convert_dashes_oldschool_inverted"):
        setattr(smartypants, name, _only_when(getattr(smartypants, name), _containing("--")))
    smartypants.convert_ellipses = _only_when(
        smartypants.convert_ellipses, _containing("...", ". . .")
    )


# typogrify's amp, caps and widont run a regular expression at every position of the
# whole text; each is replaced by a version that gives the same output for less work
# (tests/test_typography.py compares them with the originals on generated HTML).
_AMP = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")  # typogrify's amp_finder
# Every string caps wraps holds two capitals with only digits between, or a capital, a dot,
# maybe a space and a capital; text with neither has nothing to wrap.
_CAPS = re.compile(r"[A-Z]\d*[A-Z]|[A-Z]\.\s?[A-Z]")
_WIDONT = re.compile(  # typogrify's widont_finder, for the text after the last block
    r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s])\s+([^<>\s]+\s*(</(a|em|span|strong|i|b)>\s*)*((</(p|h[1-6]|li|dt|dd)>)|$))"""
)
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
_INLINE_ENDS = ("</a>", "</em>", "</span>", "</strong>", "</i>", "</b>")
_INLINE_TAG = re.compile(r"</?(?:a|em|span|strong|i|b)[^>]*>\Z")
_WORD_STOPS = "<>"


def _last_space(text: str, start: int, close: int) -> tuple[int, int] | None:
    """Where widont's pattern puts &nbsp; in the block text[start:close], read backwards.

    The pattern wants: a character that is no space, < or >, or an opening or closing inline
    tag; spaces; a word; then only spaces and closing inline tags up to the block's end.
    Each piece is the longest run that fits, so reading from the end finds the one match.
    """
    end = close
    while True:  # spaces and closing inline tags before the block's end
        trimmed = len(text[start:end].rstrip()) + start
        for tag in _INLINE_ENDS:
            if trimmed - len(tag) >= start and text.startswith(tag, trimmed - len(tag)):
                end = trimmed - len(tag)
                break
        else:
            end = trimmed
            break
    word = end
    while word > start and not text[word - 1].isspace() and text[word - 1] not in _WORD_STOPS:
        word -= 1
    if word == end:
        return None
    space = len(text[start:word].rstrip()) + start
    if space in (word, start):
        return None
    before = text[space - 1]
    if before in _WORD_STOPS:
        if before == "<":
            return None
        previous = text.rfind(">", start, space - 1)
        # The tag may start at any < after the previous >, as [^>]* allows a < inside.
        if not any(
            _INLINE_TAG.match(text, at, space)
            for at in range(max(previous + 1, start), space)
            if text[at] == "<"
        ):
            return None
    return space, word


def _widont(text: str) -> str:
    """widont, with each block's last space found by reading back from the block's end.

    A match of widont's pattern ends at a closing p, h1-h6, li, dt or dd (or the end of the
    text) and holds no such tag, so each block is looked at on its own; the regular
    expression tried every position of every block.
    """
    parts, start = [], 0
    for close in _BLOCK_END.finditer(text):
        if text.rfind("<", 0, close.start()) > text.rfind(">", 0, close.start()):
            # '</p>' inside a broken tag ('<a</p>'): the pattern reads it as part of that
            # tag, not as a block's end, so only the pattern itself gives its answer.
            return _WIDONT.sub(r"\1&nbsp;\2", text)
        found = _last_space(text, start, close.start())
        if found:
            parts += [text[start : found[0]], "&nbsp;", text[found[1] : close.end()]]
        else:
            parts.append(text[start : close.end()])
        start = close.end()
    parts.append(_WIDONT.sub(r"\1&nbsp;\2", text[start:]))
    return "".join(parts)


if not hasattr(typogrify_filters.widont, "wrapped"):
    typogrify_filters.amp = _only_when(typogrify_filters.amp, _AMP.search)
    typogrify_filters.caps = _only_when(typogrify_filters.caps, _CAPS.search)
    typogrify_filters.widont = _replaced(typogrify_filters.widont, _widont)


def fix_text(text: str) -> str:
    """Replace the opening quotes that stand for an elided letter with apostrophes.

    typogrify leaves <pre>, <code> and the like untouched, so they hold no curly quotes.
    """
    text = _INITIAL_QUOTE.sub(r"\1", text)
    result, position = [], 0
    for match in _ELISION.finditer(text):
        if match.start(2) < position:
            continue
        rest = text[match.end() :]
        next_open = _ELISION.search(rest)
        closer = _CLOSER.search(rest)
        quoted = closer and (next_open is None or closer.start() < next_open.start())
        result.append(text[position : match.start(2)])
        result.append(match.group(2) if quoted else (APOSTROPHE if match.group(2) == OPEN else "’"))
        position = match.end(2)
    result.append(text[position:])
    return "".join(result)


def typeset(html: str, settings: dict) -> str:
    """typogrify with the site's settings (as Pelican would apply it), then fix_text."""
    dashes = settings.get("TYPOGRIFY_DASHES", "default")
    smartypants.Attr.default = {
        "oldschool": smartypants.Attr.set2,
        "oldschool_inverted": smartypants.Attr.set3,
    }.get(dashes, smartypants.Attr.set1) | smartypants.Attr.w
    return fix_text(
        typogrify(
            html,
            settings.get("TYPOGRIFY_IGNORE_TAGS", []),
            **dict.fromkeys(settings.get("TYPOGRIFY_OMIT_FILTERS", []), False),
        )
    )
