"""The front-matter JSON Schema: loading, syncing with the vocabularies, readable errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from jsonschema import Draft202012Validator

from .text import suggest

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "entry.schema.json"

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of 'field: value' lines",
    "null": "nothing",
}

TYPE_HINTS = {
    "array": "write one item per line, each starting with '- '",
    "object": "write its fields on the lines below, indented by two spaces",
    "string": "write it as text; put quotes around it if it starts with a symbol",
}


def describe(value) -> str:
    """How a YAML value reads to a contributor: 'text', 'a list', ..."""
    if isinstance(value, bool):  # before int: bool is a subclass of int
        return "true or false"
    for kinds, name in (
        (type(None), "nothing"),
        ((int, float), "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a group of fields"),
    ):
        if isinstance(value, kinds):
            return name
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


def stale_message(stale: list[str]) -> str:
    """What `invoke check` says when the committed schema's enums differ from the data."""
    if stale == ["organization"]:
        return (
            "l'elenco delle organizzazioni è diverso da data/organizzazioni.yaml; esegui "
            "'invoke schema' e includi nel commit schema/entry.schema.json"
        )
    where = "data/vocabolari/" + (
        " and data/organizzazioni.yaml" if "organization" in stale else ""
    )
    return f"the {' and '.join(stale)} lists differ from {where}; run 'invoke schema'"


def field_path(path) -> str:
    """('territories', 1, 'comune') -> 'territories[1].comune'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "front matter"


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
    """Validates a metadata mapping and turns every schema error into (path, message)."""

    def __init__(self, schema: dict, vocab_labels: dict[str, dict[str, str]]):
        self.schema = schema
        self.vocab_labels = vocab_labels  # vocabulary name -> {slug: label}
        self.entry_validator = Draft202012Validator(_items_left_out(schema))
        page_schema = dict(schema["$defs"]["page"])
        page_schema["$defs"] = schema["$defs"]
        self.page_validator = Draft202012Validator(_items_left_out(page_schema))

    def errors(self, metadata: dict, page: bool = False):
        validator = self.page_validator if page else self.entry_validator
        found = []
        for error in validator.iter_errors(metadata):
            path = tuple(error.absolute_path)
            if len(path) >= 2 and path[0] in CHECKED_ELSEWHERE:
                continue
            found.extend(self._translate(error))
        return found

    def _translate(self, error):
        path = tuple(error.absolute_path)
        schema = error.schema
        kind = error.validator
        value = error.instance
        if kind == "required":
            missing = [name for name in error.validator_value if name not in value]
            for name in missing:
                hint = schema.get("properties", {}).get(name, {}).get("x-hint", f"add '{name}:'")
                yield path + (name,), f"required field is missing; {hint}"
        elif kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            for name in value:
                if name in allowed:
                    continue
                close = suggest(name, allowed)
                if close:
                    yield path + (name,), f"unknown field; did you mean '{close}'?"
                else:
                    yield path + (name,), f"unknown field; allowed fields are: {', '.join(allowed)}"
        elif kind == "dependentRequired":
            for trigger, needed in error.validator_value.items():
                if trigger in value:
                    for name in needed:
                        if name not in value:
                            yield (
                                path + (name,),
                                (
                                    f"required when '{trigger}' is set; describe the picture "
                                    "for readers who cannot see it"
                                    if name == "image_alt"
                                    else f"required when '{trigger}' is set"
                                ),
                            )
        elif kind == "type":
            expected = error.validator_value
            expected = expected if isinstance(expected, list) else [expected]
            names = " or ".join(TYPE_NAMES[name] for name in expected)
            # A text field's own hint says what the text should look like (a date, a URL).
            hint = (schema.get("x-hint") if expected[0] == "string" else None) or TYPE_HINTS.get(
                expected[0], ""
            )
            message = f"expected {names}, got {describe(value)}"
            yield path, f"{message}; {hint}" if hint else message
        elif kind == "enum":
            vocabulary = schema.get("x-vocabulary")
            if vocabulary:
                labels = self.vocab_labels.get(vocabulary, {})
                close = (
                    suggest(value, list(labels) + list(labels.values()))
                    if isinstance(value, str)
                    else None
                )
                if close in labels.values():
                    close = next(slug for slug, label in labels.items() if label == close)
                if close:
                    yield path, f"{value!r} is not a known {vocabulary}; did you mean {close!r}?"
                else:
                    yield (
                        path,
                        (
                            f"{value!r} is not a known {vocabulary}; use one of: {', '.join(labels)} "
                            "(to propose a new one, see CONTRIBUTING.md)"
                        ),
                    )
            else:
                options = ", ".join(repr(option) for option in error.validator_value)
                close = suggest(value, error.validator_value) if isinstance(value, str) else None
                tail = f"; did you mean {close!r}?" if close else ""
                shown = repr(value) if isinstance(value, str) else json.dumps(value)
                yield path, f"{shown} is not allowed; use one of: {options}{tail}"
        elif kind == "const":
            yield path, f"must be {json.dumps(error.validator_value)}"
        elif kind == "maxLength":
            excess = len(value) - error.validator_value
            yield (
                path,
                (
                    f"{len(value)} characters, at most {error.validator_value} allowed; "
                    f"shorten it by {excess}"
                ),
            )
        elif kind == "minLength":
            yield (
                path,
                f"too short ({len(value)} characters); write at least {error.validator_value}",
            )
        elif kind == "minItems":
            hint = schema.get("x-hint", f"add at least {error.validator_value}")
            yield path, f"the list is empty; {hint}"
        elif kind == "minProperties":
            yield path, "is empty; say which place, e.g. 'comune: Catanzaro'"
        elif kind == "uniqueItems":
            seen = set()
            for item in value:
                key = json.dumps(item, sort_keys=True)
                if key in seen:
                    yield path, f"{item!r} is listed twice; remove the repeat"
                    break
                seen.add(key)
        elif kind == "pattern":
            hint = schema.get("x-hint", f"must match {error.validator_value}")
            yield path, f"{value!r} is not valid; {hint}"
        else:  # pragma: no cover - every keyword the schema uses is handled above
            yield path, error.message
