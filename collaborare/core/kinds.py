"""The kinds of entry of the collection, in one table: a new kind is one more row.

Each kind has its folder under content/ (also its URL's first segment and its feed's
name), the labels readers see, how many sources a published entry of that kind cites
(collaborare/core/sources.py) and the fields it must have besides the schema's common ones, and
those that do not apply to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    slug: str  # the 'kind' of an Entry and of the open data: esperienza
    folder: str  # content/<folder>/, the URL /<folder>/<slug>/ and feed/<folder>.atom.xml
    label: str  # «Esperienza»
    plural: str  # «Esperienze»
    one: str  # how a message names one entry: «un'esperienza»
    min_sources: int  # a published entry cites at least this many (unless sources_note)
    required: tuple = ()  # fields required besides the schema's 'required'
    not_applicable: tuple = ()  # fields it must not have
    always_in_menu: bool = True  # else the menu links its listing once one is published

    @property
    def masculine(self) -> bool:
        return self.one.startswith(("un ", "uno "))

    @property
    def published(self) -> str:
        """«un'esperienza pubblicata», «uno strumento pubblicato»."""
        ending = "o" if self.masculine else "a"
        return f"{self.one} pubblicat{ending}"

    @property
    def new_ones(self) -> str:
        """What its feed brings: «le nuove esperienze», «i nuovi strumenti»."""
        return f"{'i nuovi' if self.masculine else 'le nuove'} {self.plural.lower()}"

    @property
    def url(self) -> str:
        return f"{self.folder}/"

    @property
    def feed(self) -> str:
        return f"feed/{self.folder}.atom.xml"


ENTRY_KINDS = (
    Kind(
        "esperienza",
        "esperienze",
        "Esperienza",
        "Esperienze",
        "un'esperienza",
        2,
        required=("territories",),
    ),
    Kind("riflessione", "riflessioni", "Riflessione", "Riflessioni", "una riflessione", 1),
    # A strumento (a device or method: World Café, patto educativo...) is not located.
    Kind(
        "strumento",
        "strumenti",
        "Strumento",
        "Strumenti",
        "uno strumento",
        1,
        not_applicable=("territories", "period", "actors"),
        always_in_menu=False,
    ),
)
BY_SLUG = {kind.slug: kind for kind in ENTRY_KINDS}
BY_FOLDER = {kind.folder: kind for kind in ENTRY_KINDS}
