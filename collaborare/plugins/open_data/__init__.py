"""Publishes the collection as open data: /dati/esperienze.json, .csv, organizzazioni.json,
schema.json and a guide page."""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path

import orjson
from pelican import signals
from pelican.generators import Generator

from collaborare.core.kinds import ENTRY_KINDS
from collaborare.core.schema import load_schema, with_vocabularies
from collaborare.site.runtime import Runtime

CSV_COLUMNS = (
    "slug",
    "kind",
    "title",
    "summary",
    "url",
    "date",
    "modified",
    "authors",
    "themes",
    "regions",
    "region_istat",
    "provinces",
    "province_istat",
    "province_sigla",
    "municipalities",
    "municipality_cadastral_code",
    "areas",
    "national",
    "actor_types",
    "organizations",
    "period_start",
    "period_end",
    "period_ongoing",
    "sources",
    "sources_note",
    "image",
    "image_alt",
    "image_credit",
    "related",
    "strumenti",
)


def place_record(place) -> dict:
    record = {"level": place.level, "label": place.label}
    if place.region:
        record["region"] = {
            "slug": place.region.slug,
            "name": place.region.label,
            "istat": place.region.istat,
        }
    if place.province:
        record["province"] = {
            "slug": place.province.slug,
            "name": place.province.label,
            "istat": place.province.istat,
            "sigla": place.province.sigla,
        }
    if place.municipality:
        record["municipality"] = {
            "slug": place.municipality.slug,
            "name": place.municipality.name,
            "cadastral_code": place.municipality.cadastral_code,
        }
    return record


def picture_url(article, site: str) -> str | None:
    picture = getattr(article, "picture", None)
    return f"{site}/{picture.largest.fallback}" if picture else None


def entry_record(article, site: str) -> dict:
    """Every metadata field of one published entry, vocabulary values resolved."""
    entry = article.entry
    return {
        "slug": entry.slug,
        "kind": entry.kind,
        "title": entry.title,
        "summary": entry.summary,
        "url": f"{site}/{entry.url}",
        "date": entry.date.isoformat(),
        "modified": entry.modified.isoformat() if entry.modified else None,
        "authors": entry.authors,
        "themes": [{"slug": t.slug, "label": t.label} for t in entry.themes],
        "territories": [place_record(p) for p in entry.places],
        "actor_types": [{"slug": t.slug, "label": t.label} for t in entry.actor_types],
        "organizations": [
            {
                "slug": o.slug,
                "name": o.name,
                "role": o.role.slug,
                "role_label": o.role.label,
                "actor_type": o.actor_type.slug,
                "url": o.url or None,
            }
            for o in entry.organizations
        ],
        "period": (
            {
                "start": entry.period.start,
                "end": entry.period.end or None,
                "ongoing": entry.period.ongoing,
            }
            if entry.period
            else None
        ),
        "sources": [
            {"url": s.url, "title": s.title, "publisher": s.publisher, "date": s.date or None}
            for s in entry.sources
        ],
        "sources_note": entry.sources_note or None,
        # The largest rendition the build made (plugins/images), never a path that may not be.
        "image": picture_url(article, site),
        "image_alt": entry.image_alt or None,
        "image_credit": entry.raw.get("image_credit") or None,
        "related": entry.related,
        "strumenti": entry.strumenti,  # slugs of the strumenti it used (kind "strumento")
    }


def csv_row(record: dict) -> dict:
    def joined(values):
        return ";".join(str(v) for v in values if v)

    places = record["territories"]
    period = record["period"] or {}
    return {
        "slug": record["slug"],
        "kind": record["kind"],
        "title": record["title"],
        "summary": record["summary"],
        "url": record["url"],
        "date": record["date"],
        "modified": record["modified"] or "",
        "authors": joined(record["authors"]),
        "themes": joined(t["slug"] for t in record["themes"]),
        "regions": joined(dict.fromkeys(p["region"]["name"] for p in places if "region" in p)),
        "region_istat": joined(
            dict.fromkeys(p["region"]["istat"] for p in places if "region" in p)
        ),
        "provinces": joined(
            dict.fromkeys(p["province"]["name"] for p in places if "province" in p)
        ),
        "province_istat": joined(
            dict.fromkeys(p["province"]["istat"] for p in places if "province" in p)
        ),
        "province_sigla": joined(
            dict.fromkeys(p["province"]["sigla"] for p in places if "province" in p)
        ),
        "municipalities": joined(p["municipality"]["name"] for p in places if "municipality" in p),
        "municipality_cadastral_code": joined(
            p["municipality"]["cadastral_code"] for p in places if "municipality" in p
        ),
        "areas": joined(p["label"] for p in places if p["level"] == "area"),
        "national": "true" if any(p["level"] == "nazionale" for p in places) else "false",
        "actor_types": joined(t["slug"] for t in record["actor_types"]),
        # One readable cell each: "Name (ruolo); Other (ruolo)" and "Title — https://...".
        "organizations": "; ".join(f"{o['name']} ({o['role']})" for o in record["organizations"]),
        "period_start": period.get("start") or "",
        "period_end": period.get("end") or "",
        "period_ongoing": "true" if period.get("ongoing") else ("false" if period else ""),
        "sources": "; ".join(f"{s['title']} — {s['url']}" for s in record["sources"]),
        "sources_note": record["sources_note"] or "",
        "image": record["image"] or "",
        "image_alt": record["image_alt"] or "",
        "image_credit": record["image_credit"] or "",
        "related": joined(record["related"]),
        "strumenti": joined(record["strumenti"]),
    }


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @, a tab or a carriage
    return would be read as a formula (OWASP's CSV injection rule), so it gets a leading '."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def render_csv(records) -> str:
    buffer = io.StringIO()
    # The BOM makes spreadsheet programs read the file as UTF-8 (accents in names).
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: neutralised(value) for key, value in csv_row(record).items()})
    return buffer.getvalue()


def organization_records(listings, site: str) -> list[dict]:
    """Every organisation with published entries: its record, page and entries with roles."""
    return [
        {
            "slug": listing.record.slug,
            "name": listing.record.name,
            "type": {
                "slug": listing.record.actor_type.slug,
                "label": listing.record.actor_type.label,
            },
            "url": listing.record.url or None,
            "aliases": list(listing.record.aliases),
            "page": f"{site}/{listing.url}",
            "entries": [
                {
                    "slug": article.entry.slug,
                    "url": f"{site}/{article.entry.url}",
                    "role": role.slug,
                }
                for role, articles in listing.by_role
                for article in articles
            ],
        }
        for listing in listings
    ]


def json_text(document) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` and a newline, byte for byte,
    written by orjson: the standard library's encoder is pure Python when it indents, and
    esperienze.json took 3 s of the build's single-process part at 10,000 real-shaped
    entries (0.3 s with orjson). tests/test_plugin_open_data.py checks the two agree."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


class OpenDataGenerator(Generator):
    def generate_output(self, writer):
        site = self.settings["SITEURL_ABSOLUTE"].rstrip("/")
        collection = self.context["collection"]
        # Every kind, strumenti included: each record says its 'kind'.
        articles = [article for kind in ENTRY_KINDS for article in collection["by_kind"][kind.slug]]
        vocab = Runtime.of(self.settings).checker.vocab
        out = Path(self.output_path) / "dati"
        # The data files are written with the pages, by the writer's processes
        # (collaborare/site/incremental/writer.py), where there are any.
        write_files = partial(self.write_files, articles, collection, vocab, site, out)
        later = getattr(writer, "write_later", None)
        if later is not None:
            later(write_files)
        else:
            write_files()
        writer.write_file(
            "dati/index.html",
            self.get_template("open_data"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="dati/",
            csv_columns=CSV_COLUMNS,
            entry_count=len(articles),  # one record each
            site_absolute=site,
            roles=list(vocab.roles.values()),
        )

    def write_files(self, articles, collection, vocab, site: str, out: Path):
        records = [entry_record(article, site) for article in articles]
        published = {record["slug"] for record in records}
        for record in records:  # a draft's slug is not for the public
            record["related"] = [slug for slug in record["related"] if slug in published]
            record["strumenti"] = [slug for slug in record["strumenti"] if slug in published]
        out.mkdir(parents=True, exist_ok=True)
        document = {
            "title": self.settings["SITENAME"],
            "licence": "CC-BY-4.0",
            "url": f"{site}/",
            "schema": f"{site}/dati/schema.json",
            "entries": records,
        }
        (out / "esperienze.json").write_text(json_text(document), encoding="utf-8")
        with open(out / "esperienze.csv", "w", encoding="utf-8", newline="") as stream:
            stream.write(render_csv(records))
        organizations = {
            "title": f"{self.settings['SITENAME']}: organizzazioni",
            "licence": "CC-BY-4.0",
            "url": f"{site}/organizzazioni/",
            "organizations": organization_records(collection.get("organizations", []), site),
        }
        (out / "organizzazioni.json").write_text(json_text(organizations), encoding="utf-8")
        schema = with_vocabularies(load_schema(), vocab)
        (out / "schema.json").write_text(json_text(schema), encoding="utf-8")


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
