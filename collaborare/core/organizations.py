"""Organisations and their roles: the records of data/organizzazioni.yaml, and an entry's
``organizations`` resolved against them.

Problems are message codes of core/messages.py with their parameters, reported with the
field path and placed on its line by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import yaml

from .frontmatter import _italian
from .messages import FIELD_FILE, message
from .text import is_https_url, slugify, suggest

if TYPE_CHECKING:  # vocab imports this module: the names are for type checking only
    from .vocab import OrganizationRecord, Term

ROLE_FIELDS = ("org", "role")


@dataclass(frozen=True)
class Organization:
    """An organisation as an entry names it: its record and the role it had."""

    record: OrganizationRecord
    role: Term  # data/vocabolari/ruoli.yaml

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def actor_type(self):
        return self.record.actor_type

    @property
    def url(self) -> str:
        return self.record.url

    @property
    def page_url(self) -> str:
        return self.record.page_url


def _yaml_lines(path: Path):
    """(data, {path tuple: line}) of a YAML file, or raise yaml.MarkedYAMLError."""
    from .frontmatter import FrontMatterLoader, _walk

    loader = FrontMatterLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    duplicates: list[tuple] = []
    if node is not None:
        _walk(node, (), 1, lines, duplicates)
    return data, lines, duplicates


def load_organizations(path: Path, actor_types: dict):
    """({slug: OrganizationRecord}, problems) from data/organizzazioni.yaml.

    Problems are (path, line, field, Message); records with a problem are left out, so
    entries naming them are reported too, but nothing breaks. A missing file means no
    organisations.
    """
    from .vocab import OrganizationRecord

    path = Path(path)
    if not path.exists():
        return {}, []
    problems = []

    def problem(line, name, code, **params):
        problems.append((path, line, name, message(code, **params)))

    try:
        data, lines, duplicates = _yaml_lines(path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem(
            mark.line + 1 if mark else 1,
            FIELD_FILE,
            "orgfile.yaml",
            problem=_italian(error.problem or error.context or ""),
        )
        return {}, problems
    if data is None:
        return {}, []
    if not isinstance(data, list):
        problem(1, FIELD_FILE, "orgfile.not_list")
        return {}, problems
    for key_path, line, first in duplicates:
        problem(line, _field(key_path), "orgfile.duplicate", first=first)
    records: dict[str, OrganizationRecord] = {}
    first_line: dict[str, int] = {}
    for index, item in enumerate(data):
        line = lines.get((index,), 1)
        if not isinstance(item, dict):
            problem(line, f"[{index}]", "orgfile.not_mapping")
            continue
        slug = item.get("slug")
        where = slug if isinstance(slug, str) and slug else f"[{index}]"
        found = _record_problems(item, actor_types, first_line)
        for name, code, params in found:
            problem(lines.get((index, name), line), f"{where}.{name}", code, **params)
        if not any(name == "slug" for name, _code, _params in found):
            # _slug_problems passed it, so a non-empty string; a later repeat is reported
            first_line[cast(str, slug)] = lines.get((index, "slug"), line)
        if found:
            continue
        slug = cast(str, slug)  # no problem at all, so none with 'slug': a non-empty string
        records[slug] = OrganizationRecord(
            slug,
            item["name"].strip(),
            actor_types[item["type"]],
            item.get("url") or "",
            tuple(item.get("aliases") or ()),
        )
    return records, problems


RECORD_FIELDS = ("slug", "name", "type", "url", "aliases")


def _record_problems(item: dict, actor_types: dict, first_line: dict) -> list[tuple]:
    """(field, code, params) for each problem of one record of data/organizzazioni.yaml;
    ``first_line``: slug -> line of the records already accepted."""
    found = []
    for name in item:
        if name not in RECORD_FIELDS:
            close = suggest(str(name), list(RECORD_FIELDS))
            if close:
                found.append((name, "orgfile.field_unknown", {"suggestion": close}))
            else:
                found.append((name, "orgfile.field_unknown_list", {}))
    found.extend(_slug_problems(item, first_line))
    name = item.get("name")
    if not isinstance(name, str) or len(name.strip()) < 2:
        found.append(("name", "orgfile.name_missing", {}))
    found.extend(_type_problems(item.get("type"), actor_types))
    url = item.get("url")
    if url is not None and not is_https_url(url):
        found.append(("url", "orgfile.url", {"value": url}))
    aliases = item.get("aliases")
    if aliases is not None and not (
        isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
    ):
        found.append(("aliases", "orgfile.aliases", {}))
    return found


def _slug_problems(item: dict, first_line: dict) -> list[tuple]:
    slug = item.get("slug")
    if not isinstance(slug, str) or not slug:
        example = slugify(str(item.get("name") or "")) or "nome-organizzazione"
        return [("slug", "orgfile.slug_missing", {"example": example})]
    if slugify(slug) != slug:
        example = slugify(slug) or "nome-organizzazione"
        return [("slug", "orgfile.slug_invalid", {"slug": slug, "example": example})]
    if slug in first_line:
        return [("slug", "orgfile.slug_taken", {"slug": slug, "first": first_line[slug]})]
    return []


def _type_problems(kind, actor_types: dict) -> list[tuple]:
    allowed = ", ".join(actor_types)
    if not isinstance(kind, str) or not kind:
        return [("type", "orgfile.type_missing", {"allowed": allowed})]
    if kind in actor_types:
        return []
    close = suggest(kind, list(actor_types))
    if close:
        return [("type", "orgfile.type_unknown", {"value": kind, "suggestion": close})]
    return [("type", "orgfile.type_unknown_list", {"value": kind, "allowed": allowed})]


def _field(key_path) -> str:
    from .schema import field_path

    return field_path(key_path)


def resolve_organizations(meta: dict, vocab, report) -> list[Organization]:
    """The entry's organisations; calls report(key path, code, **params) for each problem."""
    value = meta.get("organizations")
    if not isinstance(value, list):
        return []  # absent, or the schema reports the wrong type
    roles = ", ".join(vocab.roles)
    found: list[Organization] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(value):
        here = ("organizations", index)
        if not isinstance(item, dict):
            report(here, "organization.not_mapping")
            continue
        if "org" not in item and ("name" in item or "type" in item):
            code, params = _legacy_message(item, vocab, roles)
            report(here, code, **params)
            continue
        for name in item:
            if name not in ROLE_FIELDS:
                report(here + (name,), "organization.field_unknown")
        record = role = None
        slug = item.get("org")
        if slug is None:
            report(here + ("org",), "organization.org_missing")
        elif not isinstance(slug, str) or slug not in vocab.organizations:
            close = vocab.suggest_organization(str(slug))
            if close:
                report(here + ("org",), "organization.unknown", value=str(slug), suggestion=close)
            else:
                report(here + ("org",), "organization.unknown_plain", value=str(slug))
        else:
            record = vocab.organizations[slug]
        name = item.get("role")
        if name is None:
            report(here + ("role",), "organization.role_missing", roles=roles)
        elif not isinstance(name, str) or name not in vocab.roles:
            close = suggest(str(name), list(vocab.roles) + [r.label for r in vocab.roles.values()])
            close = next((r.slug for r in vocab.roles.values() if close in (r.slug, r.label)), None)
            if close:
                report(
                    here + ("role",), "organization.role_unknown", value=str(name), suggestion=close
                )
            else:
                report(
                    here + ("role",), "organization.role_unknown_list", value=str(name), roles=roles
                )
        else:
            role = vocab.roles[name]
        if record and role:
            key = (record.slug, role.slug)
            if key in seen:
                report(
                    here, "organization.repeated", slug=record.slug, role=role.slug, first=seen[key]
                )
                continue
            seen[key] = index
            found.append(Organization(record, role))
    return found


def _legacy_message(item: dict, vocab, roles: str) -> tuple:
    """(code, params) for an item written in the old form (name and type)."""
    name = item.get("name")
    record = vocab.organization_named(name) if isinstance(name, str) else None
    if record is None and isinstance(name, str):
        close = vocab.suggest_organization(name)
        record = vocab.organizations.get(close) if close else None
    if record is not None:
        return "organization.legacy_known", {"slug": record.slug, "roles": roles}
    return "organization.legacy", {"roles": roles}
