"""`invoke new`: write a new entry with every field of the schema, ready to fill in.

The file is generated from the schema and the vocabularies, so it never falls behind them:
required fields are filled from the options (or asked for), optional ones are written as
comments with their meaning and allowed values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .characters import visible_length
from .kinds import BY_SLUG, ENTRY_KINDS
from .schema import load_schema
from .text import normalize, slugify, suggest
from .validation import Checker
from .validation.values import place as place_rule
from .vocab import PROVINCE_KIND_LABELS, Vocabulary

FOLDERS = {kind.slug: kind.folder for kind in ENTRY_KINDS}
# The sections a new file starts with (a strumento's: CONTRIBUTING.md, «Gli strumenti»).
SECTIONS = {"strumento": ("Che cos'è", "Quando aiuta", "Come si conduce", "Limiti")}
DEFAULT_SECTIONS = ("Che cosa", "Chi")
PLACE_KEYS = ("comune", "provincia", "regione", "area", "nazionale")
ORGANIZATIONS_LISTED = 40


class ScaffoldError(Exception):
    """A value is missing or wrong; the message (Italian) says which and what is allowed."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code  # short and stable, for the catalogue of messages


@dataclass(frozen=True)
class Console:
    """Where the questions go and the answers come from: the terminal (``input``, ``print``)
    or a test's script. Without one, `invoke new` never asks (all values come from options)."""

    ask: Callable[[str], str]
    say: Callable[[str], None]


MAX_SUMMARY = 300
MIN_SUMMARY = 20  # visible characters, as the check wants (collaborare/core/model.py)
PLACES_HELP = (
    "il nome di un comune, di una provincia o di una regione (per esempio Bergamo, Monza e "
    "della Brianza, Lombardia), oppure nazionale; più luoghi separati da ';'. Si può anche "
    "scrivere comune=Samone,provincia=TO o area=Brianza,provincia=MB"
)


def parse_place(text: str, vocab: Vocabulary, console: Console | None = None) -> dict:
    """A territory item from what a contributor typed: 'nazionale', key=value pairs
    ('comune=Catanzaro', 'area=Brianza,provincia=MB') or a plain name, which the
    vocabularies resolve (asking which one when a municipality and a province share it)."""
    text = text.strip()
    if not text:
        raise ScaffoldError("scaffold.place_empty", f"scrivi almeno un luogo: {PLACES_HELP}")
    if normalize(text) in ("nazionale", "italia"):
        return {"nazionale": True}
    if "=" in text:
        return _place_from_pairs(text)
    choices = place_choices(text, vocab)
    if not choices:
        close = (
            vocab.suggest_municipality(text)
            or vocab.suggest_province(text)
            or vocab.suggest_region(text)
        )
        tail = f"intendevi «{close}»?" if close else f"scrivi {PLACES_HELP}"
        raise ScaffoldError(
            "scaffold.place_unknown",
            f"«{text}» non è un comune, una provincia o una regione italiana; {tail}",
        )
    if len(choices) == 1:
        return choices[0][1]
    listed = "\n".join(f"  {number}. {label}" for number, (label, _item) in enumerate(choices, 1))
    if console is None:
        forms = " oppure ".join(f"«{_pairs(item)}»" for _label, item in choices)
        raise ScaffoldError(
            "scaffold.place_ambiguous",
            f"«{text}» può essere più di un luogo:\n{listed}\nscrivi quale, come {forms}",
        )

    def pick(answer: str):
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1][1]
        raise ScaffoldError("scaffold.choice", f"scrivi un numero da 1 a {len(choices)}")

    return ask_until_valid(
        console, f"«{text}» può essere più di un luogo:\n{listed}\nQuale? (il numero)", pick
    )


def place_choices(name: str, vocab: Vocabulary) -> list[tuple[str, dict]]:
    """(how to say it, territory item) for every place called ``name``."""
    choices = []
    municipalities = vocab.municipalities_named(name)
    for municipality in municipalities:
        item = {"comune": municipality.name}
        if len(municipalities) > 1:  # the same name in two provinces: say which
            item["provincia"] = municipality.province
        choices.append((f"il comune di {municipality.name} ({municipality.province})", item))
    province = vocab.province(name)
    if province is not None:
        kind = PROVINCE_KIND_LABELS.get(province.kind, "provincia")
        choices.append(
            (f"{_article(kind)}{kind} di {province.label}", {"provincia": province.label})
        )
    region = vocab.region(name)
    if region is not None:
        choices.append((f"la regione {region.label}", {"regione": region.label}))
    return choices


def _place_from_pairs(text: str) -> dict:
    item = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in PLACE_KEYS[:4] or not value.strip():
            raise ScaffoldError(
                "scaffold.place_pairs",
                f"«{text}»: scrivi coppie chiave=valore con le chiavi "
                f"{', '.join(PLACE_KEYS[:4])}, per esempio comune=Catanzaro o "
                "area=Brianza,provincia=MB; oppure solo il nome del luogo, o nazionale",
            )
        item[key] = value.strip()
    return item


def _article(noun: str) -> str:
    """«la provincia», «il libero consorzio», «l'ente»: the article before a province's kind."""
    if noun[0] in "aeiou":
        return "l'"
    return "il " if noun.split()[0] in ("libero", "territorio") else "la "


def _pairs(item: dict) -> str:
    return ",".join(f"{key}={value}" for key, value in item.items())


def ask_until_valid(console: Console, question: str, parse: Callable[[str], object]):
    """Ask until ``parse`` accepts the answer; each wrong answer is explained, and only
    that question is asked again (the answers already given stay)."""
    while True:
        try:
            answer = console.ask(f"{question}\n> ")
        except EOFError:
            raise ScaffoldError("scaffold.interrupted", "interrotto: nessun file scritto") from None
        try:
            return parse(answer)
        except ScaffoldError as error:
            text = str(error)
            console.say(f"{text}{'' if text.endswith(('.', '?', '!')) else '.'} Riprova.")


def _dump(value) -> str:
    return yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=False, sort_keys=False, width=88
    ).rstrip("\n")


def _comment_block(text: str) -> str:
    return "\n".join(f"# {line}" if line else "#" for line in text.split("\n"))


def render(kind: str, values: dict, vocab: Vocabulary, schema: dict) -> str:
    """The whole file: front matter (required values, optional fields as comments) and body."""
    props = schema["properties"]
    themes = ", ".join(vocab.themes)
    actors = ", ".join(vocab.actor_types)
    lines = [
        "---",
        "# yaml-language-server: $schema=../../schema/entry.schema.json",
        "# Campi obbligatori",
    ]
    required = [key for key in ("title", "summary", "date", "tags", "territories") if key in values]
    for key in required:
        lines.append(f"# {props[key]['description']}")
        lines.append(_dump({key: values[key]}))
    lines.append(
        f"# Stato: draft (bozza, non pubblicata) o published\n{_dump({'status': values.get('status', 'draft')})}"
    )
    if "actors" in values:
        lines.append(f"# {props['actors']['description']}\n{_dump({'actors': values['actors']})}")
    lines.append("")
    lines.append("# Campi facoltativi: togli il '#' davanti alle righe che ti servono.")
    optional = {
        "territories": {"territories": [{"comune": "Nome del comune"}]},
        "actors": {"actors": [next(iter(vocab.actor_types))]},
        "organizations": {
            "organizations": [
                {
                    "org": next(iter(vocab.organizations), "slug-organizzazione"),
                    "role": next(iter(vocab.roles), "partner"),
                }
            ]
        },
        "period": {"period": {"start": "2023-01", "end": "2023-09"}},
        "sources": {
            "sources": [
                {
                    "url": "https://...",
                    "title": "Titolo della pagina",
                    "publisher": "Chi la pubblica",
                    "date": "2024-01",
                },
                {
                    "url": "https://.../altra",
                    "title": "Titolo di un'altra pagina",
                    "publisher": "Chi la pubblica",
                },
            ]
        },
        "sources_note": {"sources_note": "Perché la scheda cita meno fonti di quelle richieste"},
        "authors": {"authors": ["Nome Cognome"]},
        "modified": {"modified": values["date"]},
        "image": {"image": "immagini/nome-del-file.jpg"},
        "image_alt": {"image_alt": "Che cosa mostra l'immagine"},
        "image_credit": {"image_credit": "Foto di Nome Cognome, CC BY 4.0"},
        "related": {"related": ["slug-di-un-altra-scheda"]},
        "strumenti": {"strumenti": ["slug-di-uno-strumento"]},
    }
    for key in BY_SLUG[kind].not_applicable:  # a strumento has no places, period, actors
        optional.pop(key, None)
    if kind == "strumento":
        optional.pop("strumenti")
    # The known organisations, as many as stay readable in a comment.
    slugs = list(vocab.organizations)
    known_orgs = ", ".join(slugs[:ORGANIZATIONS_LISTED]) or "ancora nessuna"
    if len(slugs) > ORGANIZATIONS_LISTED:
        known_orgs += f" e altre {len(slugs) - ORGANIZATIONS_LISTED}"
    allowed = {
        "actors": f"valori ammessi: {actors}",
        "organizations": (
            f"org: lo slug di un'organizzazione di data/organizzazioni.yaml ({known_orgs}; se "
            f"manca, aggiungila lì: vedi CONTRIBUTING.md); role: uno di {', '.join(vocab.roles)}"
        ),
        "sources": (
            "url solo https, diverso per ogni fonte; title e publisher obbligatori, date "
            "facoltativa: anno, mese o giorno"
        ),
        "sources_note": "solo se la scheda cita meno fonti di quelle richieste",
        "territories": "comune, provincia (nome o sigla), regione, area (con provincia o regione) o nazionale: true",
        "period": "start e end: anno (2023), mese (2023-01) o giorno (2023-01-15); oppure ongoing: true",
        "related": "il nome del file di un'altra scheda, senza .md",
        "strumenti": "il nome di un file di content/strumenti/, senza .md",
    }
    for key, example in optional.items():
        if key in values:
            continue
        note = props[key]["description"] + (f" ({allowed[key]})" if key in allowed else "")
        lines.append(_comment_block(f"{note}\n{_dump(example)}"))
    lines.append(f"# Temi ammessi: {themes}")
    lines.append("---")
    lines.append("")
    if kind == "strumento":
        lines.append(
            "Scrivi qui la scheda, in italiano e con parole tue: che cos'è lo strumento, "
            "quando aiuta, come si conduce e quali limiti ha. Le esperienze che lo hanno "
            "usato le elenca il sito: non scriverle a mano."
        )
    else:
        lines.append(
            "Scrivi qui la scheda, in italiano e con parole tue: chi ha fatto che cosa, "
            "dove, con chi, quando e che cosa ne è venuto. Solo fatti che le fonti "
            "riportano."
        )
    lines.append("")
    for heading in SECTIONS.get(kind, DEFAULT_SECTIONS):
        lines.append(f"## {heading}")
        lines.append("")
    return "\n".join(lines)


def create(
    root: Path,
    kind: str,
    title: str,
    *,
    summary: str | None,
    tags,
    territories,
    actors=(),
    slug: str | None = None,
    date: str | None = None,
    status: str = "draft",
    console: Console | None = None,
) -> Path:
    """Write the new entry and return its path.

    With a ``console``, a missing value is asked for and a wrong one (typed or given as an
    option) is explained and asked again; without one nothing is asked, and the first
    missing or wrong value stops with a ScaffoldError (no file is written).
    """
    root = Path(root)
    vocab = Vocabulary.load(root / "data")
    schema = load_schema(root / "schema" / "entry.schema.json")
    checker = Checker(vocab, root, schema)

    def obtain(option, given, question, parse, required=True, default=None, missing=""):
        if given not in (None, "", [], ()):
            try:
                return parse(given)
            except ScaffoldError as error:
                if console is None:
                    raise ScaffoldError(error.code, f"--{option}: {error}") from None
                console.say(f"{error}")
        elif console is None:
            if required:
                raise ScaffoldError("scaffold.missing", f"manca --{option}: {missing or question}")
            return default
        return ask_until_valid(console, question, parse)

    kind = obtain(
        "kind",
        kind,
        "Che tipo di scheda? " + ", ".join(FOLDERS),
        lambda text: _one_of(text, FOLDERS, "scaffold.kind", "un tipo di scheda"),
    )
    if kind == "strumento" and (list(territories) or list(actors)):
        raise ScaffoldError(
            "scaffold.strumento_places",
            "uno strumento non ha luoghi né tipi di soggetto (li hanno le esperienze che lo "
            "usano): togli --territory e --actor",
        )
    slug = obtain(
        "slug",
        slug or slugify(title),
        "Come si chiama il file? (minuscole, cifre e trattini, senza .md)",
        lambda text: _free_slug(root, text),
    )
    summary = obtain(
        "summary",
        summary,
        f"Sommario: una o due frasi in testo semplice (da {MIN_SUMMARY} a {MAX_SUMMARY} caratteri).",
        parse_summary,
    )
    themes = "\n".join(f"  {term.slug}: {term.label}" for term in vocab.themes.values())
    tags = obtain(
        "tag",
        ", ".join(tags),
        f"Temi: uno o più, separati da virgole. Temi ammessi:\n{themes}",
        lambda text: _terms(text, vocab.themes, "tema", "scaffold.theme"),
        missing="un tema, per esempio --tag coesione-sociale (ripeti --tag per altri); temi "
        f"ammessi: {', '.join(vocab.themes)}",
    )
    values = {
        "title": title,
        "summary": summary,
        "date": obtain(
            "date",
            date or dt.date.today().isoformat(),
            "Giorno in cui la scheda entra nella collezione (AAAA-MM-GG)?",
            _parse_date,
        ),
        "tags": tags,
    }
    if kind != "strumento":
        places = obtain(
            "territory",
            "; ".join(territories),
            f"Dove? Scrivi {PLACES_HELP}."
            + ("" if kind == "esperienza" else " Lascia vuoto se la scheda non ha un luogo."),
            lambda text: _places(text, vocab, checker, console, required=kind == "esperienza"),
            required=kind == "esperienza",
            default=[],
            missing=f"un luogo, per esempio --territory Bergamo; scrivi {PLACES_HELP}",
        )
        if places:
            values["territories"] = places
        types = "\n".join(f"  {term.slug}: {term.label}" for term in vocab.actor_types.values())
        chosen = obtain(
            "actor",
            ", ".join(actors),
            "Tipi di soggetto coinvolti: uno o più, separati da virgole (lascia vuoto se non "
            f"li sai ancora). Valori ammessi:\n{types}",
            lambda text: _terms(
                text, vocab.actor_types, "tipo di soggetto", "scaffold.actor", True
            ),
            required=False,
            default=[],
        )
        if chosen:
            values["actors"] = chosen
    values["status"] = obtain(
        "status",
        status,
        "Stato: draft (bozza) o published?",
        lambda text: _one_of(text, ("draft", "published"), "scaffold.status", "uno stato"),
    )
    path = root / "content" / FOLDERS[kind] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind, values, vocab, schema), encoding="utf-8")
    return path


def next_steps(path: Path, root: Path, status: str) -> str:
    """What `invoke new` prints once the file is written (Italian, for the contributor)."""
    rel = path.relative_to(root).as_posix()
    state = "bozza, non pubblicata" if status == "draft" else "pubblicata"
    where = f"/bozze/{path.stem}/" if status == "draft" else f"/{path.parent.name}/{path.stem}/"
    return (
        f"Scritto {rel} ({state}).\n"
        "Passi successivi:\n"
        "  1. scrivi il testo e completa i campi (quelli facoltativi sono commentati, con i "
        "valori ammessi);\n"
        f"  2. controlla la scheda: invoke check {rel}\n"
        f"  3. guardala nel sito: invoke preview, poi apri http://localhost:8000{where}\n"
        "Quando è pronta, cambia 'status: draft' in 'status: published' (CONTRIBUTING.md, "
        "«Dalla bozza alla pubblicazione»)."
    )


def _one_of(text: str, allowed, code: str, what: str) -> str:
    text = str(text).strip()
    if text in allowed:
        return text
    close = suggest(text, list(allowed))
    tail = f"intendevi «{close}»? " if close else ""
    raise ScaffoldError(
        code, f"«{text}» non è {what} ammesso; {tail}scrivi uno di: {', '.join(allowed)}"
    )


def _free_slug(root: Path, slug: str) -> str:
    slug = slug.strip()
    if not slug or slugify(slug) != slug:
        proposal = slugify(slug)
        tail = f" (per esempio «{proposal}»)" if proposal else ""
        raise ScaffoldError(
            "scaffold.slug",
            f"«{slug}» non va bene come nome di file: usa minuscole, cifre e trattini{tail}",
        )
    for folder in FOLDERS.values():
        existing = root / "content" / folder / f"{slug}.md"
        if existing.exists():
            raise ScaffoldError(
                "scaffold.exists",
                f"{existing.relative_to(root).as_posix()} esiste già; scegli un altro titolo "
                "o un altro nome di file (--slug)",
            )
    return slug


def parse_summary(text: str) -> str:
    text = " ".join(str(text).split())
    if re.search(r"<[a-zA-Z/!?]", text):
        raise ScaffoldError(
            "scaffold.summary_html", "il sommario è testo semplice: togli i tag HTML"
        )
    if len(text) > MAX_SUMMARY:
        raise ScaffoldError(
            "scaffold.summary_long",
            f"il sommario ha {len(text)} caratteri, al massimo {MAX_SUMMARY}; accorcialo",
        )
    if visible_length(text) < MIN_SUMMARY:
        raise ScaffoldError(
            "scaffold.summary_short",
            f"il sommario ha {visible_length(text)} caratteri; scrivine almeno {MIN_SUMMARY}",
        )
    return text


def _terms(text: str, terms: dict, what: str, code: str, optional: bool = False) -> list[str]:
    """Slugs from a comma-separated answer; a term may be typed by slug or by label."""
    by_name = {}
    for term in terms.values():
        by_name[normalize(term.slug)] = by_name[normalize(term.label)] = term.slug
    chosen = []
    for word in (part.strip() for part in str(text).split(",")):
        if not word:
            continue
        slug = by_name.get(normalize(word))
        if slug is None:
            names = [*terms, *(t.label for t in terms.values())]
            starting = {
                by_name[normalize(n)] for n in names if normalize(n).startswith(normalize(word))
            }
            close = suggest(word, names) or (starting.pop() if len(starting) == 1 else None)
            tail = f"intendevi «{by_name[normalize(close)]}»?" if close else "scegli dall'elenco"
            raise ScaffoldError(code, f"«{word}» non è un {what} ammesso; {tail}")
        if slug not in chosen:
            chosen.append(slug)
    if not chosen and not optional:
        raise ScaffoldError(code, f"scrivi almeno un {what}, dall'elenco")
    return chosen


def _places(text: str, vocab, checker, console, required: bool) -> list[dict]:
    items = []
    for part in str(text).split(";"):
        if not part.strip():
            continue
        item = parse_place(part, vocab, console)
        _place, problem = place_rule(item, vocab)
        if problem:
            raise ScaffoldError("scaffold.place", f"«{part.strip()}»: {problem}")
        items.append(item)
    if required and not items:
        raise ScaffoldError("scaffold.place_empty", f"scrivi almeno un luogo: {PLACES_HELP}")
    return items


def _parse_date(text: str) -> str:
    text = str(text).strip()
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str):
    raise ScaffoldError(
        "scaffold.date", f"«{text}» non è una data; scrivi AAAA-MM-GG, per esempio 2026-11-25"
    )
