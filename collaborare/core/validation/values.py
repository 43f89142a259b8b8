"""One small rule per kind of value: each takes plain values and returns what is wrong as a
Message (a catalogue code with its parameters), or None; the resolving ones also return the
value they make (a date, a Place). No file, line or Checker is needed, so each rule is
tested directly on values (tests/test_validation_rules.py).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from collaborare.core.messages import PLACE_NAMES, Message, message
from collaborare.core.model import RESERVED_SECTIONS, Place
from collaborare.core.text import PARTIAL_DATE, real_partial_date, slugify

EARLIEST_DATE = dt.date(2000, 1, 1)  # the collection's dates: no entry entered it earlier
EARLIEST_PERIOD_YEAR = 1900
# A period may end this many years after the current one (a planned end a source gives).
LATEST_PERIOD_YEARS = 20
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# '<' starts a tag only when a letter, '/', '!' or '?' follows: 'costo < reddito' is text.
_TAG = re.compile(r"<[a-zA-Z/!?]")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


# -- file names and slugs -----------------------------------------------------------------


def file_name(path: Path, taken) -> Message | None:
    """A content file's name must be its slug; ``taken(name)`` says if a proposal exists."""
    slug = path.stem
    if slugify(slug) == slug:
        return None
    proposal = f"{slugify(slug) or 'scheda'}.md"
    code = "filename.not_slug_taken" if taken(proposal) else "filename.not_slug"
    return message(code, name=path.name, proposal=proposal)


def page_slug(slug) -> Message | None:
    """A page may not take the address of a section of the site."""
    if isinstance(slug, str) and slug in RESERVED_SECTIONS:
        return message("page.reserved_slug", slug=slug)
    return None


# -- text -------------------------------------------------------------------------------


def plain_text(value) -> Message | None:
    """Titles, summaries and alt texts are plain text: no HTML tags."""
    if isinstance(value, str) and _TAG.search(value):
        return message("text.html")
    return None


def visible_text(value, shortest: int) -> Message | None:
    """A text long enough for the schema may still be mostly spaces."""
    from collaborare.core.characters import visible_length

    if isinstance(value, str) and len(value) >= shortest > visible_length(value):
        return message("text.too_few_visible", visible=visible_length(value), limit=shortest)
    return None


# -- dates ----------------------------------------------------------------------------------


def to_date(value) -> dt.date | None:
    """The date an AAAA-MM-GG text names, or None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def entry_date(value, today: dt.date) -> tuple[dt.date | None, Message | None]:
    """(the date, None) or (None, what is wrong) for 'date' and 'modified'.

    A text not shaped AAAA-MM-GG gives (None, None): the schema reports it.
    """
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        return None, None
    parsed = to_date(value)
    if parsed is None:
        return None, message("date.not_real", value=value)
    if not EARLIEST_DATE <= parsed <= today + dt.timedelta(days=1):
        return None, message("date.implausible", value=value, earliest=EARLIEST_DATE.isoformat())
    return parsed, None


def modified_after_date(date, modified, written_date, written_modified) -> Message | None:
    """'modified' is the same day as 'date' or later."""
    if date and modified and modified < date:
        return message("date.modified_before", value=written_modified, date=written_date)
    return None


def period_bound(value, today: dt.date) -> tuple[str | None, Message | None]:
    """(the bound, None) or (None, what is wrong) for 'period.start' or 'period.end'.

    A value not shaped as a year, month or day gives (None, None): the schema reports it.
    """
    if value is None:
        return None, None
    value = str(value)
    if not PARTIAL_DATE.fullmatch(value):
        return None, None
    year = int(value[:4])
    if not real_partial_date(value):
        return None, message("period.not_real", value=value)
    if year < EARLIEST_PERIOD_YEAR:
        return None, message("period.year_too_early", year=value[:4], earliest=EARLIEST_PERIOD_YEAR)
    if year > (today + dt.timedelta(days=1)).year + LATEST_PERIOD_YEARS:
        return None, message("period.year_too_far", year=value[:4])
    return value, None


def period_shape(raw: dict, bounds: dict) -> list[tuple[str, Message]]:
    """(key, what is wrong) for a period that both ends and goes on, or ends before it starts."""
    found = []
    if raw.get("ongoing") and "end" in raw:
        found.append(("ongoing", message("period.end_and_ongoing")))
    if "start" in bounds and "end" in bounds and bounds["end"] < bounds["start"]:
        found.append(
            ("end", message("period.end_before_start", end=bounds["end"], start=bounds["start"]))
        )
    return found


# -- places --------------------------------------------------------------------------------


def place(item: dict, vocab) -> tuple[Place | None, Message | None]:
    """(Place, None) or (None, what is wrong) for one item of 'territories'."""
    if item.get("nazionale") is True:
        if set(item) != {"nazionale"}:
            return None, message("place.national_alone")
        return Place("nazionale", "Italia (nazionale)"), None
    region, province, problem = _region_and_province(item, vocab)
    if problem:
        return None, problem
    if "comune" in item:
        return _municipality(item, vocab, region, province)
    if "area" in item:
        if not (province or region):
            return None, message("place.area_needs_where", area=item["area"])
        return Place("area", str(item["area"]), region, province), None
    if province:
        return Place("provincia", province.label, region, province), None
    if region:
        return Place("regione", region.label, region), None
    return None, message("place.which")


def _region_and_province(item: dict, vocab):
    """(region, province, None) as the item names them, or (None, None, what is wrong)."""
    region = province = None
    if "regione" in item:
        region = vocab.region(item["regione"])
        if region is None:
            return None, None, unknown_place(item["regione"], "region", vocab.suggest_region)
    if "provincia" in item:
        province = vocab.province(item["provincia"])
        if province is None:
            return None, None, unknown_place(item["provincia"], "province", vocab.suggest_province)
        if region and province.region != region.slug:
            actual = vocab.region_of(province).label
            problem = message(
                "place.province_not_in_region",
                province=province.label,
                region=region.label,
                actual=actual,
            )
            return None, None, problem
        region = vocab.region_of(province)
    return region, province, None


def _municipality(item: dict, vocab, region, province):
    """(Place, None) for the item's 'comune', or (None, what is wrong)."""
    name = item["comune"]
    candidates = vocab.municipalities_named(name)
    if not candidates:
        return None, unknown_place(name, "municipality", vocab.suggest_municipality)
    if province:
        candidates = [m for m in candidates if m.province == province.sigla]
        if not candidates:
            return None, message(
                "place.municipality_not_in_province", name=name, province=province.label
            )
    elif region:
        candidates = [m for m in candidates if vocab.provinces[m.province].region == region.slug]
        if not candidates:
            return None, message("place.municipality_not_in_region", name=name, region=region.label)
    if len(candidates) > 1:
        sigle = ", ".join(m.province for m in candidates)
        return None, message(
            "place.municipality_ambiguous", name=name, sigle=sigle, first=candidates[0].province
        )
    if "area" in item:
        return None, message("place.area_in_municipality")
    municipality = candidates[0]
    province = vocab.provinces[municipality.province]
    region = vocab.region_of(province)
    return Place("comune", municipality.name, region, province, municipality), None


def unknown_place(value, level: str, suggest) -> Message:
    """A region, province or municipality not in the vocabularies, with the nearest name."""
    close = suggest(value)
    what = PLACE_NAMES[level]
    if close:
        return message("place.unknown", value=value, what=what, suggestion=close)
    return message("place.unknown_spelling", value=value, what=what)
