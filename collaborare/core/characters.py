"""Characters a contribution may not contain, and how long a text looks to a reader.

Refused: what XML 1.0 forbids (one of them in a summary makes every Atom feed carrying the
entry unreadable), other control characters, and the invisible format characters that hide
or reverse text (a right-to-left override shows a title backwards on every page). Allowed,
though invisible, because Italian text needs them: the soft hyphen (U+00AD) and the
zero-width joiner (U+200D) inside emoji. Tabs and line breaks are ordinary.
"""

from __future__ import annotations

import re
import unicodedata

from .messages import Message, message

# Two patterns: a character class with ranges beyond the Basic Multilingual Plane makes the
# whole search about fifteen times slower, and most texts have no such character at all.
_FORBIDDEN_BMP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
    # Unicode category Cf but U+00AD and U+200D; and the Hangul fillers, blank letters
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e\u200b\u200c"
    "\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\ufdd0-\ufdef\ufffe\uffff]"  # noncharacters
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FORBIDDEN_ASTRAL = re.compile(
    "[\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)


class _Forbidden:
    """The forbidden characters, searched like a compiled pattern."""

    @staticmethod
    def search(text: str):
        found = _FORBIDDEN_BMP.search(text)
        if _ASTRAL.search(text):
            astral = _FORBIDDEN_ASTRAL.search(text)
            if astral and (found is None or astral.start() < found.start()):
                return astral
        return found


FORBIDDEN = _Forbidden()


def describe(char: str) -> Message:
    """What is wrong with one forbidden character, for a contributor."""
    code = f"U+{ord(char):04X}"
    category = unicodedata.category(char)
    if category == "Cc":
        return message("char.control", codepoint=code)
    name = unicodedata.name(char, "")
    if category in ("Cf", "Zl", "Zp", "Lo"):
        return message("char.invisible", codepoint=code, name=f" ({name})" if name else "")
    return message("char.other", codepoint=code)


def first_forbidden(text: str) -> str | None:
    match = FORBIDDEN.search(text)
    return match.group() if match else None


def forbidden_in_values(value, path=()):
    """(path, character) for the first forbidden character of every text in a YAML value."""
    if isinstance(value, str):
        char = first_forbidden(value)
        if char:
            yield path, char
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from forbidden_in_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from forbidden_in_values(item, (*path, index))


def forbidden_in_lines(text: str):
    """(0-based line, character) for the first forbidden character of each line."""
    if not FORBIDDEN.search(text):
        return
    for offset, line in enumerate(text.split("\n")):
        char = first_forbidden(line)
        if char:
            yield offset, char


def visible_length(text: str) -> int:
    """Characters a reader sees: spaces at the ends and runs of spaces count as nothing or one."""
    return len(" ".join(text.split()))
