"""`invoke new`: write a new entry with every field of the schema, ready to fill in.

The file is generated from the schema and the vocabularies, so it never falls behind them:
required fields are filled from the options (or asked for), optional ones are written as
comments with their meaning and allowed values.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .kinds import BY_SLUG, ENTRY_KINDS
from .schema import load_schema
from .text import slugify
from .vocab import Vocabulary

FOLDERS = {kind.slug: kind.folder for kind in ENTRY_KINDS}
# The sections a new file starts with (a strumento's: CONTRIBUTING.md, «Gli strumenti»).
SECTIONS = {"strumento": ("Che cos'è", "Quando aiuta", "Come si conduce", "Limiti")}
DEFAULT_SECTIONS = ("Che cosa", "Chi")
PLACE_KEYS = ("comune", "provincia", "regione", "area", "nazionale")
ORGANIZATIONS_LISTED = 40


class ScaffoldError(Exception):
    """A value is missing or wrong; the message says which and what is allowed."""


def parse_place(text: str) -> dict:
    """'comune=Catanzaro' or 'area=Brianza,provincia=MB' or 'nazionale' -> a territory item."""
    if text.strip() == "nazionale":
        return {"nazionale": True}
    item = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in PLACE_KEYS or not value.strip():
            raise ScaffoldError(
                f"territory {text!r}: write key=value pairs with keys {', '.join(PLACE_KEYS[:4])}, "
                "e.g. 'comune=Catanzaro' or 'area=Brianza,provincia=MB', or just 'nazionale'"
            )
        item[key] = value.strip()
    return item


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
    ask=None,
) -> Path:
    """Write the new entry and return its path. ``ask(prompt)`` fills missing required values."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"kind {kind!r}: use " + ", ".join(repr(k) for k in FOLDERS))
    if kind == "strumento" and (territories or actors):
        raise ScaffoldError(
            "a strumento has no territories or actors: the experiences using "
            "it have them; leave out --territory and --actor"
        )
    vocab = Vocabulary.load(Path(root) / "data")
    schema = load_schema(Path(root) / "schema" / "entry.schema.json")
    slug = slug or slugify(title)
    if not slug or slugify(slug) != slug:
        raise ScaffoldError(f"slug {slug!r}: use lower case letters, digits and hyphens")
    for folder in FOLDERS.values():
        existing = Path(root) / "content" / folder / f"{slug}.md"
        if existing.exists():
            raise ScaffoldError(
                f"{existing.relative_to(root)} already exists; choose another title or --slug"
            )

    def need(name, value, question):
        if value:
            return value
        if ask is None:
            raise ScaffoldError(f"--{name} is required; {question}")
        return ask(question)

    summary = need("summary", summary, "write a plain-text summary (at most 300 characters)")
    tags = list(tags) or [
        t.strip()
        for t in need(
            "tags", None, f"which themes? comma-separated, from: {', '.join(vocab.themes)}"
        ).split(",")
    ]
    values = {
        "title": title,
        "summary": summary,
        "date": date or dt.date.today().isoformat(),
        "tags": tags,
    }
    if kind == "esperienza":
        places = list(territories) or [
            need(
                "territory",
                None,
                "where? e.g. comune=Catanzaro, regione=Lazio, area=Brianza,provincia=MB or nazionale",
            )
        ]
        values["territories"] = [parse_place(p) for p in places]
    elif territories:
        values["territories"] = [parse_place(p) for p in territories]
    if actors:
        values["actors"] = list(actors)
    values["status"] = status
    path = Path(root) / "content" / FOLDERS[kind] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind, values, vocab, schema), encoding="utf-8")
    return path
