"""Entries of the collection: reading one file, and checking the whole collection."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .budget import OverBudget, budget
from .characters import FORBIDDEN, describe, forbidden_in_lines, forbidden_in_values, visible_length
from .completeness import below_partial, count_sections
from .facets import FACETS, TERRITORIES
from .files import scan, stamp
from .frontmatter import FrontMatterError, parse
from .images import image_problems
from .kinds import BY_FOLDER, BY_SLUG, ENTRY_KINDS
from .links import intrasite_links
from .markup import MARKDOWN, converter
from .organizations import Organization, resolve_organizations
from .problems import Problem
from .sanitize import disallowed
from .schema import SCHEMA_PATH, SchemaChecker, field_path, load_schema, out_of_sync, stale_message
from .sources import Source, resolve_sources, too_few_sources
from .text import partial_date_label, slugify, suggest
from .vocab import Municipality, Province, Region, Term, Vocabulary

# Folder under content/ -> kind of content.
KINDS = {**{kind.folder: kind.slug for kind in ENTRY_KINDS}, "pages": "page"}
KIND_LABELS = {kind.slug: kind.label for kind in ENTRY_KINDS}
CONTENT_EXTENSIONS = (".md",)
MAX_FILE_BYTES = 1_000_000
# Rendering one body (Markdown, sanitizer, typography) takes milliseconds; a body crafted to
# make Python-Markdown quadratic would take hours. Past this it is a problem of the file.
RENDER_BUDGET_SECONDS = 10
# What rendering uses when no Pelican settings are at hand (the check): pelicanconf's values.
DEFAULT_RENDER = {
    "MARKDOWN": MARKDOWN,
    "COLLECTION_TYPOGRAPHY": True,
    "TYPOGRIFY_DASHES": "oldschool",
}
# First URL segments of what the site writes besides pages: a page there would overwrite it.
RESERVED_SECTIONS = frozenset(
    {
        *(kind.folder for kind in ENTRY_KINDS),
        *(facet.folder for facet in FACETS),
        "cerca",
        "dati",
        "feed",
        "bozze",
        "redazione",
        "numeri",
        "pagina",
        "immagini",
        "extra",
        "theme",
        "pagefind",
        "404",
        "index",
        "sitemap",
        "robots",
    }
)
EARLIEST_DATE = dt.date(2000, 1, 1)  # the collection's dates: no entry entered it earlier
EARLIEST_PERIOD_YEAR = 1900


@dataclass(frozen=True)
class Place:
    """A territory an entry names, resolved in Italy's hierarchy."""

    level: str  # nazionale, regione, provincia, comune, area
    label: str
    region: Region | None = None
    province: Province | None = None
    municipality: Municipality | None = None

    @property
    def chain(self) -> list[tuple[str, str]]:
        """(label, url) from the region down to the most precise place with a page."""
        steps = []
        if self.region:
            steps.append((self.region.label, TERRITORIES.value_url(self.region.slug)))
        if self.province:
            steps.append((self.province.label, f"{steps[-1][1]}{self.province.slug}/"))
        if self.municipality:
            steps.append((self.municipality.name, f"{steps[-1][1]}{self.municipality.slug}/"))
        return steps


@dataclass(frozen=True)
class Period:
    start: str
    end: str = ""
    ongoing: bool = False

    @property
    def label(self) -> str:
        start = partial_date_label(self.start)
        if self.ongoing:
            return f"dal {start}, in corso" if len(self.start) == 4 else f"da {start}, in corso"
        if self.end == self.start:  # one day (an event), one month or one year
            return start
        if self.end:
            end = partial_date_label(self.end)
            if self.start[:4] == self.end[:4] and len(self.start) == len(self.end) == 7:
                return f"{start.split()[0]}–{end}"
            return f"{start} – {end}"
        return f"avvio: {start}"

    @property
    def start_year(self) -> int:
        return int(self.start[:4])


@dataclass
class Entry:
    """One experience or reflection, with every vocabulary value resolved."""

    kind: str  # esperienza | riflessione | strumento (collaborare/core/kinds.py)
    slug: str
    source: str  # path relative to the project
    title: str
    summary: str
    date: dt.date
    modified: dt.date | None
    status: str
    authors: list[str] = field(default_factory=list)
    themes: list[Term] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actor_types: list[Term] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    period: Period | None = None
    sources: list[Source] = field(default_factory=list)
    sources_note: str = ""
    sections: int = 0  # '## ' headings of the body (collaborare/core/completeness.py)
    image: str = ""
    image_alt: str = ""
    related: list[str] = field(default_factory=list)
    strumenti: list[str] = field(default_factory=list)  # slugs of the strumenti it used
    raw: dict = field(default_factory=dict, repr=False)
    lines: dict = field(default_factory=dict, repr=False)  # metadata path -> line

    @property
    def folder(self) -> str:
        return BY_SLUG[self.kind].folder

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.slug}/"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def kind_plural(self) -> str:
        return BY_SLUG[self.kind].plural

    @cached_property
    def regions(self) -> list[Region]:
        return _unique(place.region for place in self.places if place.region)

    @cached_property
    def provinces(self) -> list[Province]:
        return _unique(place.province for place in self.places if place.province)

    @cached_property
    def municipalities(self) -> list[Municipality]:
        return _unique(place.municipality for place in self.places if place.municipality)

    @property
    def is_national(self) -> bool:
        return any(place.level == "nazionale" for place in self.places)


def _unique(items):
    seen, result = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


@dataclass
class Page:
    slug: str
    source: str
    title: str
    summary: str
    modified: dt.date | None
    template: str
    order: int


class ReadResult(NamedTuple):
    """What reading one file gives: the item (None if it has any problem), its body and
    where the body starts, its problems, and the body as Markdown rendered it (unsanitized)."""

    item: object
    body: str
    body_line: int
    problems: list
    html: str | None = None


def _line_of_needles(lowered_lines: list[str], needles) -> int:
    """0-based line of the first needle found in the lines (given in lower case), else the
    first non-blank line."""
    for needle in needles:
        needle = needle.lower()
        for index, line in enumerate(lowered_lines):
            if needle in line:
                return index
    return next((i for i, line in enumerate(lowered_lines) if line.strip()), 0)


class Checker:
    """Reads and validates content files against the schema and the vocabularies."""

    def __init__(
        self,
        vocab: Vocabulary,
        root: Path,
        schema: dict | None = None,
        content_root: Path | None = None,
    ):
        self.vocab = vocab
        self.root = Path(root)
        self._resolved_root, self._resolved = self.root.resolve(), {}
        self.content_root = Path(content_root).resolve() if content_root else None
        # The files of content/ that may be linked to or published: set by check_collection
        # from its walk (links and pictures may only name one of them).
        self.files: set[Path] = set()
        # The project's own schema (a test project's copy, too): its enums must match its data.
        own = self.root / "schema" / "entry.schema.json"
        self.committed_schema = (
            schema if schema is not None else load_schema(own if own.exists() else SCHEMA_PATH)
        )
        from .schema import with_vocabularies

        self.schema = with_vocabularies(self.committed_schema, vocab)
        self.schema_checker = SchemaChecker(
            self.schema,
            {
                "theme": {slug: t.label for slug, t in vocab.themes.items()},
                "actor type": {slug: t.label for slug, t in vocab.actor_types.items()},
            },
        )

    @classmethod
    def from_settings(cls, settings: dict) -> Checker:
        """A checker for a Pelican settings dict (COLLECTION_ROOT, COLLECTION_DATA, PATH)."""
        root = Path(settings.get("COLLECTION_ROOT") or Path(settings["PATH"]).parent)
        data = Path(settings.get("COLLECTION_DATA") or root / "data")
        return cls(Vocabulary.load(data), root, content_root=Path(settings["PATH"]))

    # -- one file -----------------------------------------------------------------

    def relative(self, path: Path) -> str:
        """The path from the project folder; a link is named as itself, never its target."""
        path = Path(path)
        folder = self._resolved.get(path.parent)
        if folder is None:  # resolving costs a system call per part: once per folder
            folder = self._resolved[path.parent] = path.parent.resolve()
        try:
            return (folder / path.name).relative_to(self._resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    def read_text(self, path: Path, rel: str):
        """The file's text, or a Problem if it cannot be read as UTF-8 of a sensible size."""
        data = Path(path).read_bytes()
        if len(data) > MAX_FILE_BYTES:
            return None, Problem(
                rel,
                1,
                "file",
                f"{len(data):,} bytes, at most {MAX_FILE_BYTES:,} allowed; split it or remove "
                "embedded data",
            )
        if not data.strip():
            return None, Problem(
                rel,
                1,
                "file",
                "is empty; write the fields between two '---' lines, then the text "
                "(or run 'invoke new esperienza \"Titolo\"')",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            return None, Problem(
                rel,
                line,
                "file",
                f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            )
        return text.replace("\r\n", "\n").replace("\r", "\n"), None

    def read(
        self, path: Path, kind: str | None = None, documents: dict | None = None, markdown=None
    ) -> ReadResult:
        """The Entry or Page a file makes, its body and problems, and the body's HTML.

        ``documents``, if given, receives rel path -> (kind, slug, Document) for every file
        whose front matter could be read, valid or not, for the cross-entry checks. The body
        is rendered with ``markdown`` (a converter to reuse) within a time budget.
        """
        path = Path(path)
        rel = self.relative(path)
        kind = kind or KINDS.get(path.parent.name)
        problems = []
        slug = path.stem
        if kind is None:
            return ReadResult(
                None,
                "",
                1,
                [
                    Problem(
                        rel,
                        1,
                        "file",
                        "not in a content folder; move it to "
                        + ", ".join(f"content/{folder}/" for folder in BY_FOLDER)
                        + " or content/pages/",
                    )
                ],
            )
        if slugify(slug) != slug:
            proposal = f"{slugify(slug) or 'scheda'}.md"
            if (path.parent / proposal).exists():
                advice = (
                    f"{proposal!r} is taken, so choose another name in lower case letters, "
                    "digits and hyphens"
                )
            else:
                advice = f"rename it to {proposal!r} (lower case letters, digits and hyphens)"
            problems.append(
                Problem(rel, 1, "file name", f"{path.name!r} is not a valid slug; {advice}")
            )
        text, problem = self.read_text(path, rel)
        if problem:
            return ReadResult(None, "", 1, [*problems, problem])
        try:
            document = parse(text)
        except FrontMatterError as error:
            return ReadResult(
                None, "", 1, [*problems, Problem(rel, error.line, error.field, error.message)]
            )
        if documents is not None:
            # Compared as slugs: 'Città.md' and 'citta.md' would publish at the same URL.
            documents[rel] = (kind, slugify(slug) or slug, document)
        for key_path, line, first_line in document.duplicate_keys:
            problems.append(
                Problem(
                    rel,
                    line,
                    field_path(key_path),
                    f"appears twice (first on line {first_line}); keep only one",
                )
            )
        if not document.body.strip():
            problems.append(
                Problem(
                    rel,
                    document.body_line,
                    "body",
                    "the text after the front matter is empty; write the entry below the "
                    "closing '---'",
                )
            )
        if FORBIDDEN.search(text) or "\\" in text[: len(text) - len(document.body)]:
            # Only there can a field or line hold one (in the YAML, as an escape like "\x01").
            problems.extend(self.check_characters(rel, document))
        html, found = self.render_body(rel, document, markdown)
        problems.extend(found)
        if html is not None:
            problems.extend(self.check_internal_links(path, rel, document, html))
            problems.extend(self.check_body_html(rel, document, html))
        meta = document.metadata
        for error_path, message in self.schema_checker.errors(meta, page=(kind == "page")):
            problems.append(
                Problem(rel, document.line_of(error_path), field_path(error_path), message)
            )
        # --- issue 17: placeholders of a published text (collaborare/core/placeholders.py) ---
        from .placeholders import placeholder_problems

        problems.extend(placeholder_problems(rel, document))
        # --- end issue 17 ---
        if kind == "page":
            page_slug = meta.get("slug", slug)
            if isinstance(page_slug, str) and page_slug in RESERVED_SECTIONS:
                problems.append(
                    Problem(
                        rel,
                        document.line_of(("slug",)),
                        "slug",
                        f"{page_slug!r} è l'indirizzo di una sezione del sito; scegli un altro slug "
                        "(o un altro nome di file) per questa pagina",
                    )
                )
            page = None
            if not problems:
                page = Page(
                    slug=page_slug,
                    source=rel,
                    title=meta["title"],
                    summary=meta.get("summary", ""),
                    modified=_to_date(meta.get("modified")),
                    template=meta.get("template", "page"),
                    order=meta.get("order", 100),
                )
            return ReadResult(page, document.body, document.body_line, problems, html)
        entry_kind = BY_SLUG[kind]
        for name in entry_kind.required:
            if name not in meta:
                hint = self.schema["properties"][name].get("x-hint", "")
                problems.append(Problem(rel, 1, name, f"required field is missing; {hint}"))
        for name in entry_kind.not_applicable:
            if name in meta:
                problems.append(
                    Problem(
                        rel,
                        document.line_of((name,)),
                        name,
                        f"il campo non si applica a {entry_kind.one}, che non ha luoghi, periodo né "
                        "soggetti propri; toglilo (sono quelli delle esperienze che lo usano, "
                        "elencate dal sito nella sua pagina)",
                    )
                )
        entry, semantic = self._resolve(meta, kind, slug, rel, document, schema_ok=not problems)
        problems.extend(semantic)
        # An entry is only made from a file with no problem at all.
        return ReadResult(
            None if problems else entry, document.body, document.body_line, problems, html
        )

    def check_characters(self, rel: str, document) -> list[Problem]:
        """Characters XML forbids or that hide text, in any field or line of the body."""
        problems = [
            Problem(rel, document.line_of(key_path), field_path(key_path), describe(char))
            for key_path, char in forbidden_in_values(document.metadata)
        ]
        problems.extend(
            Problem(rel, document.body_line + offset, "body", describe(char))
            for offset, char in forbidden_in_lines(document.body)
        )
        return problems

    def render_body(self, rel: str, document, markdown=None):
        """(the body as Markdown renders it, problems): rendering stops past its budget."""
        markdown = markdown or converter()
        try:
            with budget(RENDER_BUDGET_SECONDS):
                return markdown.reset().convert(document.body), []
        except OverBudget:
            markdown.reset()
            return None, [
                Problem(
                    rel,
                    document.body_line,
                    "body",
                    f"il testo richiede più di {RENDER_BUDGET_SECONDS} secondi per essere impaginato, "
                    "di solito per una lunga sequenza di [ * _ ` o < senza chiusura; togli i simboli "
                    "ripetuti o dividi il testo",
                )
            ]

    def check_internal_links(self, path: Path, rel: str, document, html: str) -> list[Problem]:
        """Pelican's {filename}/{static}/{attach} links must name a file of content/ allowed
        to them (Pelican would copy any file they name, and only warns about missing ones).
        The links that may stay are kept on ``document.links`` for the cross-entry checks."""
        content_root = self.content_root or path.parent.parent
        problems, lines = [], document.body.lower().split("\n")
        for link in intrasite_links(html, path, content_root, self.files):
            offset = _line_of_needles(
                lines, (f"{{{link.what}}}{link.value}", f"|{link.what}|", f"{{{link.what}}}")
            )
            if link.problem:
                problems.append(Problem(rel, document.body_line + offset, "body", link.problem))
            else:
                document.links.append((document.body_line + offset, link.what, link.target))
        return problems

    def check_body_html(self, rel: str, document, html: str) -> list[Problem]:
        """Raw HTML outside the allow-list or that the sanitizer would change, and '# '
        headings that would be a second title."""
        problems = []
        lines = document.body.split("\n")
        in_code = False
        for offset, line in enumerate(lines):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            elif not in_code and re.match(r"#(?!#)\s", line):
                problems.append(
                    Problem(
                        rel,
                        document.body_line + offset,
                        "body",
                        "a '# ' heading would be a second page title; start sections with '## '",
                    )
                )
        seen = {"<h1"} if problems else set()  # a '# ' heading is already reported above
        for needles, message in disallowed(html, document.body):
            if message in seen or needles in seen:
                continue
            seen.add(message)
            offset = _line_of_needles(
                [line.lower() for line in lines],
                needles if isinstance(needles, tuple) else (needles,),
            )
            problems.append(
                Problem(
                    rel,
                    document.body_line + offset,
                    "body",
                    f"{message}; scrivi il testo in Markdown (vedi CONTRIBUTING.md), senza script, "
                    "stili, frame, moduli o gestori di eventi",
                )
            )
        return problems

    def _resolve(self, meta, kind, slug, rel, document, schema_ok=True):
        """Checks beyond the schema (real dates, places) and the resolved Entry."""
        problems = []

        def report(key_path, message):
            problems.append(Problem(rel, document.line_of(key_path), field_path(key_path), message))

        for name in ("title", "summary", "image_alt"):
            value = meta.get(name)
            # '<' starts a tag only when a letter, '/' or '!' follows: 'costo < reddito' is text.
            if isinstance(value, str) and re.search(r"<[a-zA-Z/!?]", value):
                report((name,), "HTML is not allowed here; write plain text (the site formats it)")
        for name, shortest in (("title", 3), ("summary", 20)):
            value = meta.get(name)
            if isinstance(value, str) and len(value) >= shortest > visible_length(value):
                report(
                    (name,),
                    f"ha solo {visible_length(value)} caratteri visibili (gli spazi "
                    f"non contano); scrivine almeno {shortest}",
                )
        dates = {}
        latest = dt.date.today() + dt.timedelta(days=1)
        for name in ("date", "modified"):
            value = meta.get(name)
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                parsed = _to_date(value)
                if parsed is None:
                    report(
                        (name,), f"{value!r} is not a real date; use YYYY-MM-DD, e.g. 2026-11-25"
                    )
                elif not EARLIEST_DATE <= parsed <= latest:
                    report(
                        (name,),
                        f"{value} non è plausibile: è il giorno in cui la scheda entra "
                        f"nella collezione (o viene aggiornata), tra il "
                        f"{EARLIEST_DATE.isoformat()} e oggi; correggi l'anno",
                    )
                    parsed = None
                dates[name] = parsed
        if dates.get("date") and dates.get("modified") and dates["modified"] < dates["date"]:
            report(
                ("modified",),
                f"{meta['modified']} is before the publication date "
                f"{meta['date']}; it must be the same day or later",
            )
        # The picture and its alt text and credit (images.py): one call, at the image line.
        content_root = self.content_root or self.root / "content"
        problems.extend(image_problems(rel, meta, document, content_root, self.files))
        period = None
        raw_period = meta.get("period")
        if isinstance(raw_period, dict):
            bounds = {}
            for name in ("start", "end"):
                value = raw_period.get(name)
                if value is None:
                    continue
                value = str(value)
                if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                    if not _valid_partial(value):
                        report(
                            ("period", name),
                            f"{value!r} is not a real date; use a year (2023), a month "
                            "(2023-01) or a day (2023-01-15)",
                        )
                    elif int(value[:4]) < EARLIEST_PERIOD_YEAR:
                        report(
                            ("period", name),
                            f"l'anno {value[:4]} non è plausibile per un'esperienza; scrivi "
                            f"un anno dal {EARLIEST_PERIOD_YEAR} in poi",
                        )
                    elif int(value[:4]) > latest.year + 20:
                        report(
                            ("period", name),
                            f"l'anno {value[:4]} è troppo lontano; scrivi una fine prevista "
                            "solo se una fonte la indica",
                        )
                    else:
                        bounds[name] = value
            if raw_period.get("ongoing") and "end" in raw_period:
                report(
                    ("period", "ongoing"),
                    "a period cannot both end and be ongoing; remove 'end' or 'ongoing'",
                )
            if "start" in bounds and "end" in bounds and bounds["end"] < bounds["start"]:
                report(("period", "end"), f"{bounds['end']} is before the start {bounds['start']}")
            if "start" in bounds:
                period = Period(
                    bounds["start"], bounds.get("end", ""), bool(raw_period.get("ongoing"))
                )
        places = []
        for index, item in enumerate(_items(meta, "territories")):
            if isinstance(item, dict):
                place, message = self.resolve_place(item)
                if message:
                    report(("territories", index), message)
                elif place:
                    places.append(place)
        themes = [self.vocab.themes[s] for s in _items(meta, "tags", str) if s in self.vocab.themes]
        actor_slugs = list(_items(meta, "actors", str))
        organizations = resolve_organizations(meta, self.vocab, report)
        actor_slugs.extend(org.actor_type.slug for org in organizations)
        sources = resolve_sources(meta, report)
        actor_types = _unique(
            self.vocab.actor_types[s] for s in actor_slugs if s in self.vocab.actor_types
        )
        if problems or not schema_ok:
            return None, problems
        entry = Entry(
            kind=kind,
            slug=slug,
            source=rel,
            title=meta["title"],
            summary=meta["summary"],
            date=dates.get("date"),
            modified=dates.get("modified"),
            status=meta.get("status", "published"),
            authors=list(meta.get("authors") or []),
            themes=themes,
            places=places,
            actor_types=actor_types,
            organizations=organizations,
            period=period,
            sources=sources,
            sources_note=meta.get("sources_note", ""),
            sections=count_sections(document.body),
            image=meta.get("image", ""),
            image_alt=meta.get("image_alt", ""),
            related=list(meta.get("related") or []),
            strumenti=list(meta.get("strumenti") or []),
            raw=meta,
            lines=document.lines,
        )
        # What publishing needs is asked once the file is otherwise valid: enough sources
        # (at 'sources:', or at the closing '---' where it goes) and at least «parziale».
        closing = document.body_line - 1
        message = too_few_sources(kind, entry.status, sources, entry.sources_note)
        if message:
            problems.append(
                Problem(rel, document.lines.get(("sources",), closing), "sources", message)
            )
        elif below_partial(entry):
            problems.append(Problem(rel, closing, "completezza", below_partial(entry)))
        return (None if problems else entry), problems

    def resolve_place(self, item: dict):
        """(Place, None) or (None, message) for one item of 'territories'."""
        vocab = self.vocab
        keys = set(item)
        if item.get("nazionale") is True:
            if keys != {"nazionale"}:
                return None, "'nazionale: true' stands alone; list other places as separate items"
            return Place("nazionale", "Italia (nazionale)"), None
        region = province = None
        if "regione" in item:
            region = vocab.region(item["regione"])
            if region is None:
                return None, _not_known(
                    item["regione"], "region", vocab.suggest_region(item["regione"])
                )
        if "provincia" in item:
            province = vocab.province(item["provincia"])
            if province is None:
                return None, _not_known(
                    item["provincia"],
                    "province or metropolitan city",
                    vocab.suggest_province(item["provincia"]),
                )
            if region and province.region != region.slug:
                return None, (
                    f"{province.label!r} is not in {region.label!r} but in "
                    f"{vocab.region_of(province).label!r}; correct 'regione' or 'provincia'"
                )
            region = vocab.region_of(province)
        if "comune" in item:
            name = item["comune"]
            candidates = vocab.municipalities_named(name)
            if not candidates:
                return None, _not_known(name, "municipality", vocab.suggest_municipality(name))
            if province:
                candidates = [m for m in candidates if m.province == province.sigla]
                if not candidates:
                    return None, f"{name!r} is not a municipality of {province.label!r}"
            elif region:
                candidates = [
                    m for m in candidates if vocab.provinces[m.province].region == region.slug
                ]
                if not candidates:
                    return None, f"{name!r} is not a municipality of {region.label!r}"
            if len(candidates) > 1:
                sigle = ", ".join(m.province for m in candidates)
                return None, (
                    f"{name!r} is a municipality in more than one province ({sigle}); "
                    f"add 'provincia: {candidates[0].province}' or the right one"
                )
            municipality = candidates[0]
            province = vocab.provinces[municipality.province]
            region = vocab.region_of(province)
            if "area" in item:
                return (
                    None,
                    "an area sits in a province or region, not in a municipality; remove 'comune' or 'area'",
                )
            return Place("comune", municipality.name, region, province, municipality), None
        if "area" in item:
            if not (province or region):
                return None, (
                    f"the area {item['area']!r} must say where it is; add "
                    "'provincia: ...' or 'regione: ...' on the next line"
                )
            return Place("area", str(item["area"]), region, province), None
        if province:
            return Place("provincia", province.label, region, province), None
        if region:
            return Place("regione", region.label, region), None
        return (
            None,
            "say which place: 'comune', 'provincia', 'regione', 'area' or 'nazionale: true'",
        )


def _items(meta: dict, key: str, kind=object) -> list:
    """The items of a list field that have the expected type ([] if the field is not a list).

    The schema reports wrong types; this keeps the other checks from tripping over them.
    """
    value = meta.get(key)
    return [item for item in value if isinstance(item, kind)] if isinstance(value, list) else []


def _not_known(value, what, close):
    if close:
        return f"{value!r} is not a known {what}; did you mean {close!r}?"
    return f"{value!r} is not a known {what}; check the spelling"


def _to_date(value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _valid_partial(value: str) -> bool:
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return True
        if len(parts) == 2:
            return 1 <= int(parts[1]) <= 12
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


@dataclass
class Collection:
    entries: list[Entry]
    pages: list[Page]
    problems: list[Problem]
    files: int
    rendered: dict = field(default_factory=dict, repr=False)  # abs path -> Rendered
    stamps: dict = field(default_factory=dict, repr=False)  # abs path -> files.stamp()
    changes: Changes | None = field(default=None, repr=False)  # with a cache only
    backups: list = field(default_factory=list)  # editor backups left out (files.py)

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "published"]

    @property
    def drafts(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "draft"]


@dataclass
class Rendered:
    """An entry or page turned into HTML: sanitized, typeset body, title and summary."""

    item: object  # Entry or Page
    content: str
    title: str
    summary: str


def render_settings(settings: dict) -> dict:
    """The few Pelican settings rendering needs (small, so it travels to worker processes)."""
    keys = (
        "MARKDOWN",
        "COLLECTION_TYPOGRAPHY",
        "TYPOGRIFY_DASHES",
        "TYPOGRIFY_IGNORE_TAGS",
        "TYPOGRIFY_OMIT_FILTERS",
    )
    return {key: settings[key] for key in keys if key in settings}


def render_item(
    item, body: str, settings: dict, markdown=None, html: str | None = None
) -> Rendered:
    """``html``: the body as Markdown already rendered it (the check's), else it is rendered."""
    from html import escape

    from .markup import render
    from .sanitize import clean
    from .typography import typeset

    content = clean(html if html is not None else render(body, settings.get("MARKDOWN"), markdown))
    # Escaped first: typography adds entities and spans to plain text, never contributor HTML.
    title = escape(item.title, quote=False)
    summary = escape(item.summary or "", quote=False)
    if settings.get("COLLECTION_TYPOGRAPHY", True):
        content, title = typeset(content, settings), typeset(title, settings)
        summary = typeset(summary, settings) if summary else summary
    return Rendered(item, content, title, summary)


def _read_job(checker: Checker, settings, markdown, job):
    """Read, check and render one file (all within the time budget); what a worker returns."""
    path, kind = job
    documents = {}
    read = checker.read(path, kind, documents, markdown)
    item, problems, rendered = read.item, read.problems, None
    if item is not None:
        try:
            with budget(RENDER_BUDGET_SECONDS):
                rendered = render_item(item, read.body, settings, markdown, read.html)
        except OverBudget:
            item, problems = (
                None,
                [
                    Problem(
                        checker.relative(path),
                        read.body_line,
                        "body",
                        f"il testo richiede più di {RENDER_BUDGET_SECONDS} secondi per essere impaginato; "
                        "accorcialo o dividilo",
                    )
                ],
            )
    return path, item, problems, documents, rendered


# Worker processes of a build's pool receive the checker once, through this initializer:
# the pool lives for one build only, so nothing outlives it.
_worker = {}


def _init_worker(checker, settings):
    _worker["checker"], _worker["settings"] = checker, settings
    _worker["markdown"] = converter(settings.get("MARKDOWN"))


def _pooled_job(job):
    return _read_job(_worker["checker"], _worker["settings"], _worker["markdown"], job)


def _read_all(jobs, checker, settings, workers):
    """Results in the order of ``jobs``; in a process pool when it is worth it."""
    from .forking import can_fork

    settings = settings or DEFAULT_RENDER
    if workers <= 1 or len(jobs) < 64 or not can_fork():
        markdown = converter(settings.get("MARKDOWN"))
        return [_read_job(checker, settings, markdown, job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_init_worker,
        initargs=(checker, settings),
    ) as pool:
        return list(pool.map(_pooled_job, jobs, chunksize=max(1, len(jobs) // (workers * 8))))


def check_collection(
    content_dir: Path,
    checker: Checker,
    paths=None,
    render=None,
    workers: int = 1,
    cache: dict | None = None,
) -> Collection:
    """Read and check every content file, then the links between entries.

    ``paths`` limits the per-file report to those files, while the cross-entry
    checks (duplicate slugs, related) still see the whole collection. With ``render``
    (see render_settings), valid files are also turned into HTML, in ``workers`` processes.
    With ``cache`` (the preview's, see incremental.py), files unchanged since the last
    build are not read again.
    """
    content_dir = Path(content_dir).resolve()
    entries, pages, problems, files = [], [], [], 0
    documents, rendered = {}, {}
    wanted = {Path(p).resolve() for p in paths} if paths else None
    jobs = []
    found = scan(content_dir)
    backups = [checker.relative(path) for path in found.backups]  # issue 17: reported, not read
    problems.extend(
        Problem(checker.relative(path), 1, "file", message) for path, message in found.refused
    )
    checker.files = set(found.documents) | set(found.statics)
    for path in found.documents:
        rel_parent = path.parent.relative_to(content_dir).parts
        files += 1
        if path.suffix not in CONTENT_EXTENSIONS:
            problems.append(
                Problem(
                    checker.relative(path),
                    1,
                    "file",
                    f"{path.suffix or 'no extension'} files are not content; "
                    "write entries as .md files, put pictures in content/immagini/",
                )
            )
            continue
        jobs.append((path, KINDS.get(path.parent.name) if len(rel_parent) == 1 else None))
    # Stamps tell the preview's cache which files changed; other runs need none.
    stamps = (
        {os.path.abspath(path): stamp(path) for path, _kind in jobs} if cache is not None else {}
    )
    results, changes = _read_cached(jobs, checker, render, workers, cache, stamps)
    for path, item, found, documents_of_file, html in results:
        documents.update(documents_of_file)
        if wanted is None or path.resolve() in wanted:
            problems.extend(found)
        if isinstance(item, Entry):
            entries.append(item)
        elif isinstance(item, Page):
            pages.append(item)
        if html is not None:
            rendered[os.path.abspath(path)] = html
    problems.extend(check_links(documents, checker.relative))
    # --- issue 17: plain internal links name a page the build makes (core/internal_links.py) ---
    from .internal_links import internal_link_problems

    problems.extend(internal_link_problems(documents, entries, checker.files, content_dir))
    # --- end issue 17 ---
    if wanted is not None:
        rels = {checker.relative(p) for p in wanted}
        problems = [p for p in problems if p.path in rels]
    problems.extend(
        Problem(checker.relative(path), line, name, message)
        for path, line, name, message in checker.vocab.organization_problems
    )
    stale = out_of_sync(checker.committed_schema, checker.vocab)
    if stale:
        problems.append(Problem("schema/entry.schema.json", 1, "$defs", stale_message(stale)))
    collection = Collection(entries, pages, sorted(set(problems)), files, rendered, stamps, changes)
    collection.backups = backups
    return collection


def _read_cached(jobs, checker, render, workers, cache, stamps):
    """_read_all, taking from ``cache`` the results of files whose stamp has not changed.

    A result also depends on the files its links name existing, so those are checked again.
    """
    if cache is None:
        return _read_all(jobs, checker, render, workers), None
    results, kept, missing = {}, {}, []
    for job in jobs:
        hit = cache.get(job)
        if (
            hit is not None
            and hit[0] == stamps[os.path.abspath(job[0])]
            and all(target in checker.files for target in hit[2])
        ):
            results[job], kept[job] = hit[1], hit
        else:
            missing.append(job)
    changes = Changes(
        reread=[
            (os.path.abspath(job[0]), cache[job][1][1] if job in cache else None) for job in missing
        ],
        forgotten=len(set(cache) - set(jobs)),
    )
    for job, result in zip(missing, _read_all(missing, checker, render, workers), strict=False):
        results[job] = result
        _path, item, problems, documents, _html = result
        if item is not None and not problems:  # only a clean result stays true unchanged
            targets = [
                target
                for _kind, _slug, document in documents.values()
                for _line, _what, target in document.links
            ]
            kept[job] = (stamps[os.path.abspath(job[0])], result, targets)
    cache.clear()  # files deleted or broken since are forgotten
    cache.update(kept)
    return [results[job] for job in jobs], changes


@dataclass
class Changes:
    """What an incremental read found changed since the previous build."""

    reread: list  # (absolute path, the item the previous build had made of it, or None)
    forgotten: int  # files the previous build read that are gone


def check_links(documents: dict, relative=str) -> list[Problem]:
    """Cross-entry checks over every readable entry, valid or not: slugs unique across the
    collection (a 'related' slug must name one entry), page slugs unique, 'related'
    pointing to entries, and no published text linking to a draft (which is not published).
    ``relative`` turns an absolute path into the keys of ``documents``."""
    problems = _page_slug_problems(documents) + _links_to_drafts(documents, relative)
    by_slug = {}
    for rel, (kind, slug, _document) in sorted(documents.items()):
        if kind == "page":
            continue
        if slug in by_slug:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file name",
                    f"the slug {slug!r} is also used by {by_slug[slug]}; rename one of the files",
                )
            )
        else:
            by_slug[slug] = rel
    problems.extend(_strumenti_problems(documents, by_slug))
    for rel, (kind, slug, document) in sorted(documents.items()):
        related = document.metadata.get("related")
        if kind == "page" or not isinstance(related, list):
            continue
        for index, target in enumerate(related):
            if not isinstance(target, str):
                continue  # the schema reports the wrong type
            line = document.line_of(("related", index))
            if target == slug:
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"related[{index}]",
                        "an entry cannot be related to itself; remove it",
                    )
                )
            elif target not in by_slug:
                close = suggest(target, list(by_slug))
                tail = (
                    f"did you mean {close!r}?"
                    if close
                    else "use the file name of an entry without .md"
                )
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"related[{index}]",
                        f"{target!r} is not an entry of the collection; {tail}",
                    )
                )
    return problems


def _strumenti_problems(documents: dict, by_slug: dict) -> list[Problem]:
    """'strumenti' of experiences and reflections: each names a strumento of the collection,
    and a published entry names no draft one (its page would link to nothing)."""
    problems = []
    kinds = {slug: (documents[rel][0], documents[rel][2]) for slug, rel in by_slug.items()}
    strumenti = sorted(slug for slug, (kind, _document) in kinds.items() if kind == "strumento")
    for rel, (kind, _slug, document) in sorted(documents.items()):
        named = document.metadata.get("strumenti")
        if kind == "page" or not isinstance(named, list):
            continue  # absent, or the schema reports the wrong type
        if kind == "strumento":
            problems.append(
                Problem(
                    rel,
                    document.line_of(("strumenti",)),
                    "strumenti",
                    "uno strumento non usa altri strumenti; per collegarlo ad altri strumenti "
                    "scrivili in 'related'",
                )
            )
            continue
        draft = document.metadata.get("status", "published") == "draft"
        for index, target in enumerate(named):
            if not isinstance(target, str):
                continue  # the schema reports the wrong type
            line, where = document.line_of(("strumenti", index)), f"strumenti[{index}]"
            if target not in kinds:
                close = suggest(target, strumenti)
                tail = (
                    f"intendevi {close!r}?"
                    if close
                    else "scrivi il nome di un file di content/strumenti/ senza .md"
                )
                problems.append(
                    Problem(
                        rel, line, where, f"{target!r} non è uno strumento della collezione; {tail}"
                    )
                )
            elif kinds[target][0] != "strumento":
                problems.append(
                    Problem(
                        rel,
                        line,
                        where,
                        f"{target!r} è {BY_SLUG[kinds[target][0]].one}, non uno strumento; "
                        "spostalo in 'related'",
                    )
                )
            elif not draft and kinds[target][1].metadata.get("status", "published") == "draft":
                problems.append(
                    Problem(
                        rel,
                        line,
                        where,
                        f"lo strumento {target!r} è una bozza e non viene pubblicato; toglilo "
                        "finché non è pubblicato, oppure lascia in bozza anche questa scheda",
                    )
                )
    return problems


def _page_slug_problems(documents: dict) -> list[Problem]:
    problems, by_slug = [], {}
    for rel, (kind, slug, document) in sorted(documents.items()):
        if kind != "page":
            continue
        page_slug = document.metadata.get("slug", slug)
        if not isinstance(page_slug, str):
            continue  # the schema reports the wrong type
        if page_slug in by_slug:
            problems.append(
                Problem(
                    rel,
                    document.line_of(("slug",)),
                    "slug",
                    f"la pagina {by_slug[page_slug]} ha già l'indirizzo "
                    f"{page_slug!r}; scegline un altro",
                )
            )
        else:
            by_slug[page_slug] = rel
    return problems


def _links_to_drafts(documents: dict, relative) -> list[Problem]:
    """A published text's {filename} link to a draft would point at /bozze/, never published."""

    def status(document):
        return document.metadata.get("status", "published")

    if not any(status(document) == "draft" for _kind, _slug, document in documents.values()):
        return []
    problems = []
    for rel, (_kind, _slug, document) in sorted(documents.items()):
        if status(document) == "draft":
            continue
        for line, what, target in document.links:
            linked = documents.get(relative(target)) if what == "filename" else None
            if linked is not None and status(linked[2]) == "draft":
                problems.append(
                    Problem(
                        rel,
                        line,
                        "body",
                        f"il collegamento porta a {relative(target)}, che è una bozza e non viene "
                        "pubblicata; toglilo finché quella scheda non è pubblicata",
                    )
                )
    return problems
