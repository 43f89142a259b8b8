"""The controlled vocabularies: themes, actor types, roles, organisations and Italy's territories.

Themes, actor types, roles, organisations, regions and provinces are data files under ``data/``;
municipalities come from the maintained dataset packaged with
python-codicefiscale (names, province, cadastral code), checked against our
provinces by the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .facets import ORGANIZATIONS
from .messages import render
from .text import normalize, place_name_case, slugify, suggest

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Term:
    """A theme or an actor type."""

    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class OrganizationRecord:
    """An organisation of data/organizzazioni.yaml."""

    slug: str
    name: str
    actor_type: Term | None  # None only in a file with problems (reported by check_organizations)
    url: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def page_url(self) -> str:
        return ORGANIZATIONS.value_url(self.slug)


ORGANIZATIONS_FILE = "organizzazioni.yaml"
ROLES_FILE = Path("vocabolari") / "ruoli.yaml"


@dataclass(frozen=True)
class Region:
    slug: str
    label: str
    istat: str
    official: str = ""


@dataclass(frozen=True)
class Province:
    sigla: str
    slug: str
    label: str
    istat: str
    region: str  # region slug
    kind: str
    official: str = ""


@dataclass(frozen=True)
class Municipality:
    name: str
    slug: str
    province: str  # sigla
    cadastral_code: str


PROVINCE_KIND_LABELS = {
    "provincia": "provincia",
    "citta-metropolitana": "città metropolitana",
    "provincia-autonoma": "provincia autonoma",
    "libero-consorzio": "libero consorzio comunale",
    "ente-decentramento": "ente di decentramento regionale",
    "regione": "territorio regionale",
}


@lru_cache(maxsize=1)
def packaged_municipalities() -> tuple[Municipality, ...]:
    """Current Italian municipalities from python-codicefiscale (read once: it never changes at run time)."""
    source = resources.files("codicefiscale") / "data" / "municipalities.json"
    records = json.loads(source.read_text(encoding="utf-8"))
    municipalities = []
    for record in records:
        if not record.get("active"):
            continue
        name = place_name_case(record["name"])
        municipalities.append(Municipality(name, slugify(name), record["province"], record["code"]))
    municipalities.sort(key=lambda m: (m.province, m.slug))
    return tuple(municipalities)


def _from_data(path: Path) -> str:
    """The path from the project folder (data/...), as a contributor sees it."""
    parts = path.parts
    if "data" in parts:
        start = len(parts) - 1 - parts[::-1].index("data")
        return "/".join(parts[start:])
    return path.as_posix()


class DataError(Exception):
    """A vocabulary file of data/ is missing or unreadable: the Italian message says which
    and what to do (the check and the build stop on it, with no traceback)."""


def _load_yaml_list(path: Path) -> list[dict]:
    from .frontmatter import FrontMatterLoader

    shown = _from_data(path)
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=FrontMatterLoader)
    except FileNotFoundError:
        raise DataError(render("data.missing", path=shown)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f"{shown}:{line + 1}" if line is not None else shown
        raise DataError(render("data.unreadable", where=where)) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DataError(render("data.not_list", path=shown))
    return data


@dataclass
class Vocabulary:
    themes: dict[str, Term]
    actor_types: dict[str, Term]
    regions: dict[str, Region]
    provinces: dict[str, Province]  # by sigla
    municipalities: tuple[Municipality, ...]
    roles: dict[str, Term] = field(default_factory=dict)
    organizations: dict[str, OrganizationRecord] = field(default_factory=dict)
    # Problems of data/organizzazioni.yaml as (line, field, message): a bad record is left
    # out here and reported by `invoke check` (see collaborare/core/organizations.py).
    organization_problems: list = field(default_factory=list, repr=False)
    _municipality_index: dict = field(default_factory=dict, repr=False)
    _region_index: dict = field(default_factory=dict, repr=False)
    _province_index: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Vocabulary:
        data_dir = Path(data_dir)
        themes = {
            t["slug"]: Term(t["slug"], t["label"], t["description"])
            for t in _load_yaml_list(data_dir / "vocabolari" / "temi.yaml")
        }
        actor_types = {
            t["slug"]: Term(t["slug"], t["label"], t["description"])
            for t in _load_yaml_list(data_dir / "vocabolari" / "soggetti.yaml")
        }
        regions = {
            r["slug"]: Region(r["slug"], r["label"], r["istat"], r.get("official", ""))
            for r in _load_yaml_list(data_dir / "territori" / "regioni.yaml")
        }
        provinces = {
            p["sigla"]: Province(
                p["sigla"],
                p["slug"],
                p["label"],
                p["istat"],
                p["region"],
                p["kind"],
                p.get("official", ""),
            )
            for p in _load_yaml_list(data_dir / "territori" / "province.yaml")
        }
        roles_path = data_dir / ROLES_FILE
        roles = {
            t["slug"]: Term(t["slug"], t["label"], t["description"])
            for t in (_load_yaml_list(roles_path) if roles_path.exists() else [])
        }
        from .organizations import load_organizations

        organizations, organization_problems = load_organizations(
            data_dir / ORGANIZATIONS_FILE, actor_types
        )
        vocab = cls(
            themes,
            actor_types,
            regions,
            provinces,
            packaged_municipalities(),
            roles,
            organizations,
            organization_problems,
        )
        vocab._build_indexes()
        return vocab

    def _build_indexes(self):
        for region in self.regions.values():
            for name in (region.slug, region.label, region.official):
                if name:
                    self._region_index.setdefault(normalize(name), region)
                    for part in region.official.split("/"):
                        if part:
                            self._region_index.setdefault(normalize(part), region)
        for province in self.provinces.values():
            for name in (province.sigla, province.slug, province.label, province.official):
                if name:
                    self._province_index.setdefault(normalize(name), province)
        for municipality in self.municipalities:
            self._municipality_index.setdefault(normalize(municipality.name), []).append(
                municipality
            )

    # -- lookups -----------------------------------------------------------

    def region(self, name) -> Region | None:
        return self._region_index.get(normalize(name))

    def province(self, name) -> Province | None:
        return self._province_index.get(normalize(name))

    def municipalities_named(self, name) -> list[Municipality]:
        return list(self._municipality_index.get(normalize(name), []))

    def region_of(self, province: Province) -> Region:
        return self.regions[province.region]

    def suggest_region(self, name):
        return suggest(name, [r.label for r in self.regions.values()])

    def suggest_province(self, name):
        return suggest(name, [p.label for p in self.provinces.values()])

    def suggest_municipality(self, name):
        return suggest(name, [m.name for m in self.municipalities])

    def suggest_organization(self, name):
        """The slug of the organisation whose slug, name or alias is closest to ``name``."""
        names = {}
        for record in self.organizations.values():
            for candidate in (record.slug, record.name, *record.aliases):
                names.setdefault(candidate, record.slug)
        close = suggest(name, list(names))
        return names[close] if close else None

    def organization_named(self, name):
        """The record whose name, slug or alias is ``name`` (case and accents aside), or None."""
        wanted = normalize(name)
        for record in self.organizations.values():
            if any(normalize(c) == wanted for c in (record.slug, record.name, *record.aliases)):
                return record
        return None

    def provinces_of(self, region_slug) -> list[Province]:
        return sorted(
            (p for p in self.provinces.values() if p.region == region_slug),
            key=lambda p: normalize(p.label),
        )
