"""Placeholder text, example URLs and empty sections: fine in a draft, refused once published.

`invoke new` writes example values (as comments, ready to uncomment) and a body that starts
with an instruction; CONTRIBUTING.md shows an entry with `url: https://...`. A contributor
who switches to `status: published` before replacing all of them would publish the
instructions as facts: so a published entry (or a page, always published) may not hold
them. Every message is plain Italian with a short stable code beside it, so that the
catalogue of messages can take them over by code.
"""

from __future__ import annotations

import re

from .messages import Message, message
from .problems import Problem
from .text import normalize

# The example values `invoke new` (collaborare/core/scaffold.py) and CONTRIBUTING.md write,
# compared as normalize() makes them. tests/test_placeholders.py checks that every example
# the scaffold writes is among them.
EXAMPLE_VALUES = frozenset(
    normalize(value)
    for value in (
        # collaborare/core/scaffold.py
        "Nome del comune",
        "slug-organizzazione",
        "Titolo della pagina",
        "Titolo di un'altra pagina",
        "Chi la pubblica",
        "Perché la scheda cita meno fonti di quelle richieste",
        "Nome Cognome",
        "immagini/nome-del-file.jpg",
        "Che cosa mostra l'immagine",
        "slug-di-un-altra-scheda",
        "slug-di-uno-strumento",
        # CONTRIBUTING.md
        "slug-della-cooperativa",
        "slug-del-comune",
        "Il titolo dell'articolo o della pagina",
        "Chi la pubblica (un giornale, un ente, l'organizzazione stessa)",
        "Un'altra pagina che conferma i fatti",
    )
)
LONGEST_EXAMPLE = 80  # a longer value (most summaries and titles) cannot be an example
# normalize() is slow next to these: most values are told apart by length or start.
EXAMPLE_STARTS = frozenset(value[:2] for value in EXAMPLE_VALUES)


def _may_be_example(value: str) -> bool:
    return len(value) <= LONGEST_EXAMPLE and value.lstrip()[:2].casefold() in EXAMPLE_STARTS


# Phrases that are only ever instructions or fillers, found anywhere in a value or a line.
PHRASES = ("scrivi qui", "lorem ipsum", "chi ha fatto che cosa, dove, con chi")
MARKERS = ("TODO", "FIXME")  # in capitals only: "todo" is a word in other languages
PLACEHOLDER_PHRASES = re.compile(
    "|".join(map(re.escape, PHRASES)) + r"|\b(?-i:" + "|".join(MARKERS) + r")\b", re.I
)
# The only characters re.I lets stand for an ASCII letter, or that lower() turns into one
# (tests/test_placeholders.py finds them by trying every character): without them in a text,
# lower() and `in` find what the case-insensitive pattern finds.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin)


def find_phrase(text: str):
    """The first placeholder phrase in ``text`` as written there, or None.

    The same as PLACEHOLDER_PHRASES.search, which is slow on a whole body (a
    case-insensitive alternation tries every position): most texts hold no phrase, and
    plain substring tests, a tenth of the time, say so first.
    """
    lowered = text.lower()
    if not (
        any(phrase in lowered for phrase in PHRASES)
        or any(marker in text for marker in MARKERS)
        or any(char in text for char in FOLDS_TO_ASCII)
    ):
        return None
    found = PLACEHOLDER_PHRASES.search(text)
    return found.group(0) if found else None


# «Da completare» is also an ordinary phrase («un percorso da completare entro il 2025»):
# only a line or value that says nothing else is a placeholder.
_FILLER = r"[ \t\[\](){}*_.:…-]*"  # spaces, brackets and emphasis around the words
ALONE = re.compile(rf"{_FILLER}(da completare|\.\.\.|…){_FILLER}", re.I)
ALONE_LINE = re.compile(rf"^{_FILLER}(da completare|\.\.\.|…){_FILLER}$", re.I | re.M)
# Hosts of documentation examples: RFC 2606's second-level names and the Italian «esempio».
EXAMPLE_HOSTS = ("example.com", "example.org", "example.net", "esempio.it", "esempio.com")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]*", re.I)
_AUTHORITY = re.compile(r"https?://([^/?#\\]*)", re.I)
_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")
_HEADING = re.compile(r"(#{2,6})\s+(.*?)\s*#*\s*$")
_ANY_HEADING = re.compile(r"#{1,6}\s")


def is_draft(document) -> bool:
    return document.metadata.get("status") == "draft"


def placeholder_problems(rel: str, document) -> list[Problem]:
    """Every placeholder of a published entry or page, with its line; none for a draft."""
    if is_draft(document):
        return []
    problems = [
        Problem(rel, document.line_of(key_path), _field(key_path), text)
        for key_path, text in _value_problems(document.metadata)
    ]
    problems.extend(
        Problem(rel, document.body_line + offset, "body", text)
        for offset, text in body_problems(document.body)
    )
    return problems


def example_url(url: str) -> bool:
    """Whether ``url`` is an example («https://...», example.org) rather than a real address."""
    authority = _AUTHORITY.match(url.strip())
    if authority is None:
        return False  # not a URL at all: the schema says so
    host = authority.group(1).rpartition("@")[2].split(":")[0].lower().rstrip(".")
    if not _HOST.fullmatch(host):
        return True
    return any(host == name or host.endswith("." + name) for name in EXAMPLE_HOSTS)


def text_problem(text: str) -> Message | None:
    """The message for a placeholder in one value or line of text, or None."""
    if ALONE.fullmatch(text.strip()):
        return message("placeholder.text", text=text.strip())
    found = find_phrase(text)
    if found:
        return message("placeholder.text", text=found)
    for url in _URL.findall(text):
        if example_url(url):
            return message("placeholder.url", url=url.rstrip(".,;:"))
    return None


def _value_problems(metadata) -> list[tuple[tuple, Message]]:
    """(key path, message) for every placeholder among the front matter's values."""
    strings = list(_strings(metadata, ()))
    # Phrases and example URLs in any value are looked for once, in all of them at once
    # (neither can span the line break between two); most entries have none.
    joined = "\n".join(value for _path, value in strings)
    suspicious = find_phrase(joined) is not None or any(map(example_url, _URL.findall(joined)))
    problems = []
    for key_path, value in strings:
        if _may_be_example(value) and normalize(value) in EXAMPLE_VALUES:
            problems.append((key_path, message("placeholder.value", value=value)))
        elif value.strip().lower().startswith(("http://", "https://")):
            if example_url(value):
                problems.append((key_path, message("placeholder.url", url=value.strip())))
        elif suspicious or ALONE.fullmatch(value.strip()):
            problem = text_problem(value)
            if problem:
                problems.append((key_path, problem))
    return problems


def _strings(value, key_path):
    """(key path, text) of every string in the front matter, in order."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*key_path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*key_path, index))


def _field(key_path) -> str:
    from .schema import field_path

    return field_path(key_path)


def body_problems(body: str) -> list[tuple[int, Message]]:
    """(0-based line, message) for placeholder lines and empty sections of a Markdown body."""
    problems = []
    lines = body.split("\n")
    fenced = [False] * len(lines)
    inside = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            inside = not inside
            fenced[index] = True
        else:
            fenced[index] = inside
    # One scan of the whole body first: most bodies hold no placeholder at all.
    suspicious = bool(
        find_phrase(body)
        or ALONE_LINE.search(body)
        or any(example_url(url) for url in _URL.findall(body))
    )
    for index, line in enumerate(lines):
        if fenced[index]:
            continue
        problem = text_problem(line) if suspicious else None
        if problem:
            problems.append((index, problem))
        heading = _HEADING.match(line) if line.startswith("##") else None
        if heading and _section_is_empty(lines, fenced, index, len(heading.group(1))):
            marks, title = heading.groups()
            problems.append(
                (index, message("placeholder.empty_section", heading=title, marks=marks))
            )
    return problems


def _section_is_empty(lines, fenced, start, level) -> bool:
    """Whether nothing but blank lines and empty subsections follow the heading on line
    ``start`` up to the next heading of its level or above (or the end of the body)."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if fenced[index]:
            return False  # a code block is text
        if _ANY_HEADING.match(line):
            if len(line) - len(line.lstrip("#")) <= level:
                return True
            continue  # a subsection: empty too unless text follows it
        if line.strip():
            return False
    return True
