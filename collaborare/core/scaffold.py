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

from . import messages
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
    """A value is missing or wrong; the message (Italian, from the catalogue of
    core/messages.py) says which and what is allowed."""

    def __init__(self, code: str, /, **params):
        super().__init__(messages.render(code, **params))
        self.code = code  # short and stable: the message's code in the catalogue
        self.params = params

    def of_option(self, option: str) -> ScaffoldError:
        """The same error (same code), said of the option that gave the value: '--slug: ...'."""
        error = ScaffoldError(self.code, **self.params)
        error.args = (messages.render("scaffold.option", option=option, problem=self),)
        return error


@dataclass(frozen=True)
class Console:
    """Where the questions go and the answers come from: the terminal (``input``, ``print``)
    or a test's script. Without one, `invoke new` never asks (all values come from options)."""

    ask: Callable[[str], str]
    say: Callable[[str], None]


MAX_SUMMARY = 300
MIN_SUMMARY = 20  # visible characters, as the check wants (collaborare/core/model.py)


def parse_place(text: str, vocab: Vocabulary, console: Console | None = None) -> dict:
    """A territory item from what a contributor typed: 'nazionale', key=value pairs
    ('comune=Catanzaro', 'area=Brianza,provincia=MB') or a plain name, which the
    vocabularies resolve (asking which one when a municipality and a province share it)."""
    text = text.strip()
    if not text:
        raise ScaffoldError("scaffold.place_empty")
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
        advice = (
            messages.render("scaffold.did_you_mean", close=close)
            if close
            else messages.render("scaffold.write_places")
        )
        raise ScaffoldError("scaffold.place_unknown", value=text, advice=advice)
    if len(choices) == 1:
        return choices[0][1]
    listed = "\n".join(f"  {number}. {label}" for number, (label, _item) in enumerate(choices, 1))
    if console is None:
        forms = messages.render("scaffold.or").join(f"«{_pairs(item)}»" for _label, item in choices)
        raise ScaffoldError("scaffold.place_ambiguous", value=text, listed=listed, forms=forms)

    def pick(answer: str):
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1][1]
        raise ScaffoldError("scaffold.choice", count=len(choices))

    return ask_until_valid(
        console, messages.render("scaffold.ask_place_choice", value=text, listed=listed), pick
    )


def place_choices(name: str, vocab: Vocabulary) -> list[tuple[str, dict]]:
    """(how to say it, territory item) for every place called ``name``."""
    choices = []
    municipalities = vocab.municipalities_named(name)
    for municipality in municipalities:
        item = {"comune": municipality.name}
        if len(municipalities) > 1:  # the same name in two provinces: say which
            item["provincia"] = municipality.province
        label = messages.render(
            "scaffold.choice_municipality", name=municipality.name, province=municipality.province
        )
        choices.append((label, item))
    province = vocab.province(name)
    if province is not None:
        kind = PROVINCE_KIND_LABELS.get(province.kind, "provincia")
        label = messages.render(
            "scaffold.choice_province", article=_article(kind), kind=kind, name=province.label
        )
        choices.append((label, {"provincia": province.label}))
    region = vocab.region(name)
    if region is not None:
        choices.append(
            (
                messages.render("scaffold.choice_region", name=region.label),
                {"regione": region.label},
            )
        )
    return choices


def _place_from_pairs(text: str) -> dict:
    item = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in PLACE_KEYS[:4] or not value.strip():
            raise ScaffoldError("scaffold.place_pairs", value=text, keys=", ".join(PLACE_KEYS[:4]))
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
            raise ScaffoldError("scaffold.interrupted") from None
        try:
            return parse(answer)
        except ScaffoldError as error:
            text = str(error)
            stop = "" if text.endswith((".", "?", "!")) else "."
            console.say(messages.render("scaffold.retry", problem=text, stop=stop))


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
                    raise error.of_option(option) from None
                console.say(f"{error}")
        elif console is None:
            if required:
                raise ScaffoldError("scaffold.missing", option=option, what=missing or question)
            return default
        return ask_until_valid(console, question, parse)

    kind = obtain(
        "kind",
        kind,
        messages.render("scaffold.ask_kind", kinds=", ".join(FOLDERS)),
        lambda text: _one_of(text, FOLDERS, "scaffold.kind"),
    )
    if kind == "strumento" and (list(territories) or list(actors)):
        raise ScaffoldError("scaffold.strumento_places")
    slug = obtain(
        "slug",
        slug or slugify(title),
        messages.render("scaffold.ask_slug"),
        lambda text: _free_slug(root, text),
    )
    summary = obtain(
        "summary",
        summary,
        messages.render("scaffold.ask_summary", min=MIN_SUMMARY, max=MAX_SUMMARY),
        parse_summary,
    )
    themes = "\n".join(f"  {term.slug}: {term.label}" for term in vocab.themes.values())
    tags = obtain(
        "tag",
        ", ".join(tags),
        messages.render("scaffold.ask_tags", themes=themes),
        lambda text: _terms(text, vocab.themes, "scaffold.theme", empty="scaffold.theme_empty"),
        missing=messages.render("scaffold.missing_tag", themes=", ".join(vocab.themes)),
    )
    values = {
        "title": title,
        "summary": summary,
        "date": obtain(
            "date",
            date or dt.date.today().isoformat(),
            messages.render("scaffold.ask_date"),
            _parse_date,
        ),
        "tags": tags,
    }
    if kind != "strumento":
        places = obtain(
            "territory",
            "; ".join(territories),
            messages.render(
                "scaffold.ask_places" if kind == "esperienza" else "scaffold.ask_places_optional"
            ),
            lambda text: _places(text, vocab, checker, console, required=kind == "esperienza"),
            required=kind == "esperienza",
            default=[],
            missing=messages.render("scaffold.missing_place"),
        )
        if places:
            values["territories"] = places
        types = "\n".join(f"  {term.slug}: {term.label}" for term in vocab.actor_types.values())
        chosen = obtain(
            "actor",
            ", ".join(actors),
            messages.render("scaffold.ask_actors", types=types),
            lambda text: _terms(text, vocab.actor_types, "scaffold.actor"),
            required=False,
            default=[],
        )
        if chosen:
            values["actors"] = chosen
    values["status"] = obtain(
        "status",
        status,
        messages.render("scaffold.ask_status"),
        lambda text: _one_of(text, ("draft", "published"), "scaffold.status"),
    )
    path = root / "content" / FOLDERS[kind] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind, values, vocab, schema), encoding="utf-8")
    return path


def next_steps(path: Path, root: Path, status: str) -> str:
    """What `invoke new` prints once the file is written (Italian, for the contributor)."""
    rel = path.relative_to(root).as_posix()
    state = messages.render(
        "scaffold.state_draft" if status == "draft" else "scaffold.state_published"
    )
    where = f"/bozze/{path.stem}/" if status == "draft" else f"/{path.parent.name}/{path.stem}/"
    return messages.render("scaffold.next_steps", path=rel, state=state, where=where)


def _one_of(text: str, allowed, code: str) -> str:
    text = str(text).strip()
    if text in allowed:
        return text
    close = suggest(text, list(allowed))
    advice = messages.render("scaffold.did_you_mean", close=close) + " " if close else ""
    raise ScaffoldError(code, value=text, advice=advice, allowed=", ".join(allowed))


def _free_slug(root: Path, slug: str) -> str:
    slug = slug.strip()
    if not slug or slugify(slug) != slug:
        proposal = slugify(slug)
        example = messages.render("scaffold.slug_example", proposal=proposal) if proposal else ""
        raise ScaffoldError("scaffold.slug", value=slug, example=example)
    for folder in FOLDERS.values():
        existing = root / "content" / folder / f"{slug}.md"
        if existing.exists():
            raise ScaffoldError("scaffold.exists", path=existing.relative_to(root).as_posix())
    return slug


def parse_summary(text: str) -> str:
    text = " ".join(str(text).split())
    if re.search(r"<[a-zA-Z/!?]", text):
        raise ScaffoldError("scaffold.summary_html")
    if len(text) > MAX_SUMMARY:
        raise ScaffoldError("scaffold.summary_long", length=len(text), limit=MAX_SUMMARY)
    if visible_length(text) < MIN_SUMMARY:
        raise ScaffoldError(
            "scaffold.summary_short", length=visible_length(text), limit=MIN_SUMMARY
        )
    return text


def _terms(text: str, terms: dict, code: str, empty: str | None = None) -> list[str]:
    """Slugs from a comma-separated answer; a term may be typed by slug or by label. A wrong
    term is the error ``code``; no term at all is the error ``empty`` (None: optional)."""
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
            advice = (
                messages.render("scaffold.did_you_mean", close=by_name[normalize(close)])
                if close
                else messages.render("scaffold.choose_from_list")
            )
            raise ScaffoldError(code, value=word, advice=advice)
        if slug not in chosen:
            chosen.append(slug)
    if not chosen and empty is not None:
        raise ScaffoldError(empty)
    return chosen


def _places(text: str, vocab, checker, console, required: bool) -> list[dict]:
    items = []
    for part in str(text).split(";"):
        if not part.strip():
            continue
        item = parse_place(part, vocab, console)
        _place, problem = place_rule(item, vocab)
        if problem:
            raise ScaffoldError("scaffold.place", value=part.strip(), problem=problem)
        items.append(item)
    if required and not items:
        raise ScaffoldError("scaffold.place_empty")
    return items


def _parse_date(text: str) -> str:
    text = str(text).strip()
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str):
    raise ScaffoldError("scaffold.date", value=text)
