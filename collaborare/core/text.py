"""Small text helpers shared by the vocabularies, the validator and the plugins."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def normalize(text: str) -> str:
    """Fold case, accents, apostrophe variants and spacing, for lookups ("Forli" finds "Forlì")."""
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"\s*'\s*", "'", text.casefold())
    return re.sub(r"[\s_-]+", " ", text).strip()


def slugify(text: str) -> str:
    """URL slug in ASCII: 'Forlì-Cesena' -> 'forli-cesena', "Sant'Agata" -> 'sant-agata'."""
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest(value, candidates) -> str | None:
    """The closest candidate to ``value`` (compared normalized), or None."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalize(candidate), candidate)
    matches = difflib.get_close_matches(normalize(value), list(by_key), n=1, cutoff=0.75)
    return by_key[matches[0]] if matches else None


# Words that Italian place names keep in lower case ("San Daniele del Friuli",
# "Reggio nell'Emilia"); the municipalities dataset capitalises every word.
_PARTICLES = {
    "a",
    "ad",
    "al",
    "alla",
    "alle",
    "allo",
    "ai",
    "agli",
    "all",
    "con",
    "d",
    "da",
    "dal",
    "dalla",
    "dalle",
    "dei",
    "de",
    "degli",
    "del",
    "della",
    "delle",
    "dello",
    "dell",
    "di",
    "e",
    "ed",
    "in",
    "il",
    "la",
    "le",
    "lo",
    "nel",
    "nella",
    "nelle",
    "nello",
    "nell",
    "sul",
    "sulla",
    "sulle",
    "sullo",
    "sull",
    "sopra",
    "sotto",
    "su",
    "sui",
    "tra",
    "fra",
}


def place_name_case(name: str) -> str:
    """Lower-case the particles of a capitalised place name, keeping the first word."""
    words = name.split(" ")
    result = [words[0]]
    for word in words[1:]:
        head, apostrophe, rest = word.partition("'")
        if head.casefold() in _PARTICLES:
            word = head.lower() + apostrophe + rest
        result.append(word)
    return " ".join(result)


MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)


def italian_date(value) -> str:
    """date(2026, 11, 25) -> '25 novembre 2026', whatever the machine's locale."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def partial_date_label(value: str) -> str:
    """'2024', '2024-01' or '2024-01-15' in Italian: '2024', 'gennaio 2024', '15 gennaio 2024'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def plural(count: int, singular: str, plural: str, counted: bool = True) -> str:
    """Italian words for ``count`` things, the one way the site writes them (a Jinja filter
    too): plural(1, "scheda", "schede") -> '1 scheda', plural(3, ...) -> '3 schede';
    ``counted=False`` gives the words alone: 'schede'."""
    words = singular if count == 1 else plural
    return f"{count} {words}" if counted else words


# What typogrify adds to text our reader escaped: these spans and character entities.
_TYPOGRIFY_TAG = re.compile(r'(<span class="(?:caps|amp|quo|dquo|ord)">|</span>)')
_LOOSE_AMPERSAND = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)")


def typographic_html(value):
    """Title or summary as HTML: keeps typogrify's spans and entities, escapes any other markup.

    The reader escapes these fields before typogrify runs, so this changes nothing on
    a normal build; it guarantees that no contributor markup reaches a page even if a
    field arrives unescaped.
    """
    from markupsafe import Markup

    return Markup(_typographic_text(str(value)))


# A listing page shows each entry's title and summary through this filter: at 10,000
# entries, about 450,000 calls on a few tens of thousands of distinct strings. The function
# is pure, so each string is worked out once per process.
@functools.lru_cache(maxsize=65_536)
def _typographic_text(value: str) -> str:
    parts = _TYPOGRIFY_TAG.split(value)
    for index in range(0, len(parts), 2):  # even items are text, odd ones allowed tags
        text = _LOOSE_AMPERSAND.sub("&amp;", parts[index])
        parts[index] = text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return "".join(parts)


def page_numbers(current: int, last: int, around: int = 1) -> list[int | None]:
    """The page links a listing shows: the first, the last and the current page with its
    neighbours, None where pages are left out (shown as an ellipsis), as GOV.UK's
    pagination does. Listing every number made each of a long listing's pages link all
    the others: 834 links on each of 834 pages for 10,000 entries.

    page_numbers(6, 20) -> [1, None, 5, 6, 7, None, 20]; a gap of one page shows that page.
    """
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def is_https_url(url) -> bool:
    """A complete https address: 'https://' and something after it, no spaces."""
    return (
        isinstance(url, str)
        and url.startswith("https://")
        and len(url) > 8
        and not any(c.isspace() for c in url)
    )


# A year, a month or a day: what 'period' and a source's 'date' may hold.
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def real_partial_date(value: str) -> bool:
    """Whether a year, AAAA-MM or AAAA-MM-GG names a real year, month or day."""
    if not PARTIAL_DATE.fullmatch(value):
        return False
    parts = value.split("-")
    try:
        if len(parts) == 2:
            return 1 <= int(parts[1]) <= 12
        if len(parts) == 3:
            dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False
