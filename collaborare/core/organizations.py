"""Organisations and their roles: the records of data/organizzazioni.yaml, and an entry's
``organizations`` resolved against them.

Messages are Italian, for contributors; each is (field path, message), placed on its line
by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .text import slugify, suggest

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

    Problems are (path, line, field, message); records with a problem are left out, so
    entries naming them are reported too, but nothing breaks. A missing file means no
    organisations.
    """
    from .vocab import OrganizationRecord

    path = Path(path)
    if not path.exists():
        return {}, []
    problems = []

    def problem(line, name, message):
        problems.append((path, line, name, message))

    try:
        data, lines, duplicates = _yaml_lines(path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem(
            mark.line + 1 if mark else 1,
            "file",
            f"YAML non valido: {error.problem or error.context}; controlla l'indentazione "
            "(solo spazi) e metti tra virgolette i valori che contengono ': '",
        )
        return {}, problems
    if data is None:
        return {}, []
    if not isinstance(data, list):
        problem(
            1,
            "file",
            "deve essere un elenco di organizzazioni, ognuna su righe che "
            "iniziano con '- slug: ...'",
        )
        return {}, problems
    for key_path, line, first in duplicates:
        problem(
            line,
            _field(key_path),
            f"compare due volte (la prima alla riga {first}); tienine una sola",
        )
    records: dict[str, OrganizationRecord] = {}
    first_line: dict[str, int] = {}
    for index, item in enumerate(data):
        line = lines.get((index,), 1)
        if not isinstance(item, dict):
            problem(
                line,
                f"[{index}]",
                "attesi i campi 'slug', 'name' e 'type' su righe "
                "separate, il primo preceduto da '- '",
            )
            continue
        slug = item.get("slug")
        where = slug if isinstance(slug, str) and slug else f"[{index}]"
        bad = False

        def report(name, message, index=index, where=where, line=line):
            nonlocal bad
            bad = True
            problem(lines.get((index, name), line), f"{where}.{name}", message)

        for name in item:
            if name not in ("slug", "name", "type", "url", "aliases"):
                close = suggest(str(name), ["slug", "name", "type", "url", "aliases"])
                report(
                    name,
                    f"campo sconosciuto; intendevi '{close}'?"
                    if close
                    else "campo sconosciuto; i campi ammessi sono slug, name, type, url, aliases",
                )
        if not isinstance(slug, str) or not slug:
            report(
                "slug",
                "campo obbligatorio mancante; scrivi uno slug (lettere minuscole, "
                "cifre e trattini), ad esempio 'slug: "
                f"{slugify(str(item.get('name') or '')) or 'nome-organizzazione'}'",
            )
        elif slugify(slug) != slug:
            report(
                "slug",
                f"{slug!r} non è uno slug valido; usa lettere minuscole, cifre e "
                f"trattini, ad esempio {slugify(slug) or 'nome-organizzazione'!r}",
            )
        elif slug in first_line:
            report(
                "slug",
                f"lo slug {slug!r} è già usato alla riga {first_line[slug]}; "
                "ogni organizzazione ha uno slug diverso",
            )
        else:
            first_line[slug] = lines.get((index, "slug"), line)
        name = item.get("name")
        if not isinstance(name, str) or len(name.strip()) < 2:
            report(
                "name",
                "campo obbligatorio mancante; scrivi il nome come lo scrive "
                "l'organizzazione, ad esempio 'name: Legacoopsociali'",
            )
        kind = item.get("type")
        if not isinstance(kind, str) or not kind:
            report(
                "type",
                "campo obbligatorio mancante; scrivi un tipo di soggetto di "
                f"data/vocabolari/soggetti.yaml: {', '.join(actor_types)}",
            )
        elif kind not in actor_types:
            close = suggest(kind, list(actor_types))
            report(
                "type",
                f"{kind!r} non è un tipo di soggetto noto; "
                + (f"intendevi {close!r}?" if close else f"usa uno di: {', '.join(actor_types)}"),
            )
        url = item.get("url")
        if url is not None and not (
            isinstance(url, str)
            and url.startswith("https://")
            and len(url) > 8
            and not any(c.isspace() for c in url)
        ):
            report(
                "url",
                f"{url!r} non è un indirizzo https; scrivi l'indirizzo completo del "
                "sito, che inizia con https://, oppure togli 'url'",
            )
        aliases = item.get("aliases")
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            report(
                "aliases", "deve essere un elenco di nomi, uno per riga, ognuno preceduto da '- '"
            )
        if not bad:
            records[str(slug)] = OrganizationRecord(
                str(slug), name.strip(), actor_types[kind], url or "", tuple(aliases or ())
            )
    return records, problems


def _field(key_path) -> str:
    from .schema import field_path

    return field_path(key_path)


def resolve_organizations(meta: dict, vocab, report) -> list[Organization]:
    """The entry's organisations; reports (key path, message) for each problem."""
    value = meta.get("organizations")
    if not isinstance(value, list):
        return []  # absent, or the schema reports the wrong type
    roles = ", ".join(vocab.roles)
    found: list[Organization] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(value):
        here = ("organizations", index)
        if not isinstance(item, dict):
            report(
                here,
                "attesi i campi 'org' e 'role' su righe separate, ad esempio "
                "'- org: slug-organizzazione' e sotto '  role: partner'",
            )
            continue
        if "org" not in item and ("name" in item or "type" in item):
            report(here, _legacy_message(item, vocab, roles))
            continue
        for name in item:
            if name not in ROLE_FIELDS:
                report(
                    here + (name,),
                    (
                        "campo sconosciuto; per ogni organizzazione si scrivono solo 'org' e "
                        "'role': nome, tipo e sito stanno in data/organizzazioni.yaml"
                    ),
                )
        record = role = None
        slug = item.get("org")
        if slug is None:
            report(
                here + ("org",),
                "campo obbligatorio mancante; scrivi lo slug di "
                "un'organizzazione di data/organizzazioni.yaml",
            )
        elif not isinstance(slug, str) or slug not in vocab.organizations:
            close = vocab.suggest_organization(str(slug))
            report(
                here + ("org",),
                f"{str(slug)!r} non è un'organizzazione nota; "
                + (
                    f"intendevi {close!r}?"
                    if close
                    else "usa lo slug di un'organizzazione di data/organizzazioni.yaml, o aggiungila "
                    "lì (vedi CONTRIBUTING.md)"
                ),
            )
        else:
            record = vocab.organizations[slug]
        name = item.get("role")
        if name is None:
            report(
                here + ("role",), f"campo obbligatorio mancante; scrivi il ruolo, uno di: {roles}"
            )
        elif not isinstance(name, str) or name not in vocab.roles:
            close = suggest(str(name), list(vocab.roles) + [r.label for r in vocab.roles.values()])
            close = next((r.slug for r in vocab.roles.values() if close in (r.slug, r.label)), None)
            report(
                here + ("role",),
                f"{str(name)!r} non è un ruolo noto; "
                + (f"intendevi {close!r}?" if close else f"usa uno di: {roles}"),
            )
        else:
            role = vocab.roles[name]
        if record and role:
            key = (record.slug, role.slug)
            if key in seen:
                report(
                    here,
                    f"{record.slug!r} è già indicata con il ruolo {role.slug!r} in "
                    f"organizations[{seen[key]}]; togli la ripetizione",
                )
                continue
            seen[key] = index
            found.append(Organization(record, role))
    return found


def _legacy_message(item: dict, vocab, roles: str) -> str:
    name = item.get("name")
    record = vocab.organization_named(name) if isinstance(name, str) else None
    if record is None and isinstance(name, str):
        close = vocab.suggest_organization(name)
        record = vocab.organizations.get(close) if close else None
    if record is not None:
        return (
            f"'name' e 'type' non si usano più; scrivi 'org: {record.slug}' (lo slug di "
            f"data/organizzazioni.yaml) e 'role:' con uno di: {roles}"
        )
    return (
        "'name' e 'type' non si usano più; scrivi 'org:' con lo slug di "
        "un'organizzazione di data/organizzazioni.yaml (se non c'è, aggiungila: vedi "
        f"CONTRIBUTING.md) e 'role:' con uno di: {roles}"
    )
