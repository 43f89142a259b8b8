"""The front-matter JSON Schema: loading, syncing with the vocabularies, readable errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from .messages import MESSAGES, TYPE_NAMES, VALUE_NAMES, VOCABULARY_NAMES
from .text import suggest

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "entry.schema.json"


def describe(value) -> str:
    """How a YAML value reads to a contributor: 'testo', 'un elenco', ..."""
    if isinstance(value, bool):  # before int: bool is a subclass of int
        return VALUE_NAMES["boolean"]
    for kinds, name in (
        (type(None), "null"),
        ((int, float), "number"),
        (str, "string"),
        (list, "array"),
        (dict, "object"),
    ):
        if isinstance(value, kinds):
            return VALUE_NAMES[name]
    return type(value).__name__


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


# $defs enum -> the vocabulary it lists (organisations: data/organizzazioni.yaml).
SYNCED_ENUMS = {
    "theme": "themes",
    "actorType": "actor_types",
    "organization": "organizations",
    "role": "roles",
}
# Items of these lists are checked, with Italian messages, by collaborare/core/organizations.py
# and collaborare/core/sources.py; the schema describes them for editors and open-data users.
CHECKED_ELSEWHERE = ("organizations", "sources")


def with_vocabularies(schema: dict, vocab) -> dict:
    """The schema with the theme, actor-type, organisation and role enums set from the data."""
    schema = copy.deepcopy(schema)
    for name, attribute in SYNCED_ENUMS.items():
        if name in schema["$defs"]:
            schema["$defs"][name]["enum"] = list(getattr(vocab, attribute))
    return schema


def out_of_sync(schema: dict, vocab) -> list[str]:
    """Names of the enums in the committed schema that differ from the vocabularies."""
    return [
        name
        for name, attribute in SYNCED_ENUMS.items()
        if name in schema["$defs"]
        and schema["$defs"][name].get("enum") != list(getattr(vocab, attribute))
    ]


def stale_message(stale: list[str]) -> tuple[str, dict]:
    """(code, params) of what `invoke check` says when the committed schema's enums differ
    from the data."""
    if stale == ["organization"]:
        return "schema.stale_organizations", {}
    where = "data/vocabolari/" + (" e data/organizzazioni.yaml" if "organization" in stale else "")
    return "schema.stale", {"names": " e ".join(stale), "where": where}


def field_path(path) -> str:
    """('territories', 1, 'comune') -> 'territories[1].comune'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "front matter"


def valid_at_once(schema: dict):
    """A test that says True only of metadata the schema accepts, in a fifth of the time
    jsonschema takes to look for errors (0.09 against 0.47 ms per real-shaped entry;
    jsonschema's walk was a tenth of reading one).

    fastjsonschema compiles the schema to Python, but knows drafts up to 7, and says
    only whether metadata is valid, not every error in Italian: False, or any failure of
    its own, sends the metadata to jsonschema, which finds the errors (or none, where
    fastjsonschema is stricter, as with '$' at the end of a pattern). The one keyword of
    ours it would not know, ``dependentRequired``, is draft 7's ``dependencies``.
    tests/test_schema.py checks that it never accepts what jsonschema refuses.
    """
    compiled = fastjsonschema.compile(_as_draft_7(schema), use_formats=False)

    def is_valid(metadata) -> bool:
        try:
            compiled(metadata)
        except Exception:  # noqa: BLE001 - invalid, or beyond it: jsonschema will say
            return False
        return True

    return is_valid


def _as_draft_7(schema: dict) -> dict:
    """The schema as draft 7 spells it: ``dependentRequired`` (draft 2019) is draft 7's
    ``dependencies``."""

    def converted(value):
        if isinstance(value, list):
            return [converted(item) for item in value]
        if not isinstance(value, dict):
            return value
        return {
            ("dependencies" if key == "dependentRequired" else key): converted(item)
            for key, item in value.items()
        }

    draft_7 = converted(schema)
    draft_7["$schema"] = "http://json-schema.org/draft-07/schema#"
    draft_7.pop("$id", None)  # refs are local ('#/$defs/…'): no base address to resolve
    return draft_7


def _items_left_out(schema: dict) -> dict:
    """The schema the validators run: without the rules for the items of the
    CHECKED_ELSEWHERE lists. errors() drops every error inside those items (their own
    modules report them, in Italian), so this changes no message; validating the 2 to 13
    organisations and sources of a real entry took over half of the schema check's time."""
    schema = copy.copy(schema)
    properties = schema["properties"] = dict(schema.get("properties", {}))
    for name in CHECKED_ELSEWHERE:
        if "items" in properties.get(name, {}):
            properties[name] = {k: v for k, v in properties[name].items() if k != "items"}
    return schema


class SchemaChecker:
    """Validates a metadata mapping and turns every schema error into (path, code, params).

    One method per JSON Schema keyword the schema uses (``_required``, ``_type``, ...);
    hints come from the message catalogue, found by where the schema has an ``x-hint``:
    ``hint.field.<property>`` for a property, ``hint.format.<$defs name>`` for a format.
    """

    def __init__(self, schema: dict, vocab_labels: dict[str, dict[str, str]]):
        self.schema = schema
        self.vocab_labels = vocab_labels  # vocabulary name -> {slug: label}
        entry_schema = _items_left_out(schema)
        self.entry_validator = Draft202012Validator(entry_schema)
        page_schema = _items_left_out({**schema["$defs"]["page"], "$defs": schema["$defs"]})
        self.page_validator = Draft202012Validator(page_schema)
        self.entry_is_valid = valid_at_once(entry_schema)
        self.page_is_valid = valid_at_once(page_schema)
        # id(subschema) -> hint code, for the schema as written and as the validators run it
        self.hints = {**_hint_codes(schema), **_hint_codes(entry_schema)}

    def errors(self, metadata: dict, page: bool = False):
        if (self.page_is_valid if page else self.entry_is_valid)(metadata):
            return []  # nearly every file of a build: no error to find, and no walk for them
        validator = self.page_validator if page else self.entry_validator
        found = []
        for error in validator.iter_errors(metadata):
            path = tuple(error.absolute_path)
            if len(path) >= 2 and path[0] in CHECKED_ELSEWHERE:
                continue
            if error.validator == "dependentRequired" and "image" in error.validator_value:
                continue  # image_alt, image_credit: collaborare/core/images.py, at image's line
            found.extend(self._translate(error))
        return found

    def hint(self, subschema: dict) -> str | None:
        """The Italian hint for a subschema that has an x-hint, else None."""
        code = self.hints.get(id(subschema))
        return MESSAGES.get(code) if code is not None else None

    def _translate(self, error):
        """(path, code, params) for each problem one schema error stands for."""
        translate = getattr(self, f"_{error.validator}", None)
        if translate is None:  # pragma: no cover - every keyword the schema uses has a method
            yield tuple(error.absolute_path), "schema.other", {"detail": error.message}
            return
        yield from translate(error, tuple(error.absolute_path), error.instance)

    def _required(self, error, path, value):
        for name in error.validator_value:
            if name not in value:
                yield path + (name,), *self.required_message(error.schema, name)

    def required_message(self, schema: dict, name: str):
        """(code, params) for a missing required property of ``schema``."""
        subschema = schema.get("properties", {}).get(name, {})
        hint = self.hint(subschema)
        if hint:
            return "field.required", {"hint": hint}
        return "field.required_plain", {"name": name}

    def _additionalProperties(self, error, path, value):
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name in allowed:
                continue
            close = suggest_field(name, allowed)
            if close:
                yield path + (name,), "field.unknown", {"suggestion": close}
            else:
                yield path + (name,), "field.unknown_list", {"allowed": ", ".join(allowed)}

    def _dependentRequired(self, error, path, value):
        for trigger, needed in error.validator_value.items():
            if trigger not in value:
                continue
            for name in needed:
                if name not in value:
                    code = (
                        "field.image_alt_required" if name == "image_alt" else "field.required_with"
                    )
                    yield path + (name,), code, {"trigger": trigger}

    def _type(self, error, path, value):
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = " o ".join(TYPE_NAMES[name] for name in expected)
        # A text field's own hint says what the text should look like (a date, a URL).
        hint = (self.hint(error.schema) if expected[0] == "string" else None) or MESSAGES.get(
            f"hint.type.{expected[0]}"
        )
        params = {"expected": names, "found": describe(value)}
        if hint:
            yield path, "type.wrong", {**params, "hint": hint}
        else:
            yield path, "type.wrong_plain", params

    def _enum(self, error, path, value):
        vocabulary = error.schema.get("x-vocabulary")
        if vocabulary:
            yield path, *self._vocabulary_message(vocabulary, value)
            return
        options = ", ".join(repr(option) for option in error.validator_value)
        close = suggest(value, error.validator_value) if isinstance(value, str) else None
        shown = repr(value) if isinstance(value, str) else json.dumps(value)
        if close:
            yield (
                path,
                "enum.not_allowed_suggest",
                {
                    "value": shown,
                    "allowed": options,
                    "suggestion": close,
                },
            )
        else:
            yield path, "enum.not_allowed", {"value": shown, "allowed": options}

    def _vocabulary_message(self, vocabulary: str, value):
        labels = self.vocab_labels.get(vocabulary, {})
        what = VOCABULARY_NAMES.get(vocabulary, vocabulary)
        close = (
            suggest(value, list(labels) + list(labels.values())) if isinstance(value, str) else None
        )
        if close in labels.values():
            close = next(slug for slug, label in labels.items() if label == close)
        if close:
            return "vocab.unknown", {"value": value, "what": what, "suggestion": close}
        return "vocab.unknown_list", {"value": value, "what": what, "allowed": ", ".join(labels)}

    def _const(self, error, path, value):
        yield path, "const.wrong", {"value": json.dumps(error.validator_value)}

    def _maxLength(self, error, path, value):
        limit = error.validator_value
        yield (
            path,
            "text.too_long",
            {"length": len(value), "limit": limit, "excess": len(value) - limit},
        )

    def _minLength(self, error, path, value):
        yield path, "text.too_short", {"length": len(value), "limit": error.validator_value}

    def _minItems(self, error, path, value):
        hint = self.hint(error.schema)
        if hint:
            yield path, "list.empty", {"hint": hint}
        else:
            yield path, "list.empty_plain", {"limit": error.validator_value}

    def _minProperties(self, error, path, value):
        yield path, "place.empty", {}

    def _uniqueItems(self, error, path, value):
        seen = set()
        for item in value:
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                yield path, "list.repeated", {"item": item}
                return
            seen.add(key)

    def _pattern(self, error, path, value):
        hint = self.hint(error.schema)
        if hint:
            yield path, "pattern.mismatch", {"value": value, "hint": hint}
        else:
            yield path, "pattern.mismatch_plain", {"value": value, "pattern": error.validator_value}


# Italian (and other) names a contributor may write for a field -> the field.
FIELD_ALIASES = {
    "titolo": "title",
    "sommario": "summary",
    "riassunto": "summary",
    "data": "date",
    "autori": "authors",
    "autore": "authors",
    "temi": "tags",
    "tema": "tags",
    "themes": "tags",
    "luoghi": "territories",
    "luogo": "territories",
    "territori": "territories",
    "places": "territories",
    "soggetti": "actors",
    "attori": "actors",
    "organizzazioni": "organizations",
    "periodo": "period",
    "fonti": "sources",
    "immagine": "image",
    "stato": "status",
    "correlate": "related",
    "collegate": "related",
    "modificato": "modified",
    "aggiornato": "modified",
}


def suggest_field(name, allowed: list[str]) -> str | None:
    """The field a contributor meant: by its Italian name, else the nearest spelling."""
    alias = FIELD_ALIASES.get(str(name).strip().lower())
    if alias in allowed:
        return alias
    return suggest(name, allowed)


def _hint_codes(schema: dict) -> dict[int, str]:
    """id(subschema) -> catalogue code, for every property and $defs entry with an x-hint."""
    codes = {}
    for name, subschema in schema.get("properties", {}).items():
        if "x-hint" in subschema:
            codes[id(subschema)] = f"hint.field.{name}"
    for name, subschema in schema.get("$defs", {}).items():
        if "x-hint" in subschema:
            codes[id(subschema)] = f"hint.format.{name}"
    return codes
