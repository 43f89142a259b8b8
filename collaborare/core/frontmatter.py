"""Split a Markdown file into YAML front matter and body, keeping line numbers.

The YAML is read with libyaml's fast parser but with YAML 1.2-like scalars:
only ``true``/``false`` are booleans (``no`` stays the string "no", the car-plate
code of Novara), numbers with a leading zero stay strings (ISTAT codes such as
``012``), and dates stay strings so the validator can report an impossible date
with its line instead of the parser dropping the whole header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

try:  # libyaml's loader when PyYAML was built with it: the same rules, faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DELIMITER = "---"


class FrontMatterLoader(_Loader):
    """Safe loader with strict, unsurprising implicit typing."""


# Start from no implicit resolvers and add back only the ones we want.
FrontMatterLoader.yaml_implicit_resolvers = {}
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


# libyaml's words for a construct left open, in words a contributor knows.
_UNCLOSED = {
    "while scanning a quoted scalar": "the quote that opens on this line is never closed",
    "while parsing a flow sequence": "the '[' on this line is never closed",
    "while parsing a flow mapping": "the '{' on this line is never closed",
}


class FrontMatterError(Exception):
    """A file whose front matter cannot be read at all."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


@dataclass
class Document:
    """A parsed entry: metadata, body, and where each metadata path starts."""

    metadata: dict
    body: str
    body_line: int
    lines: dict = field(default_factory=dict)  # path tuple -> 1-based line in the file
    duplicate_keys: list = field(default_factory=list)  # (path tuple, line)
    links: list = field(default_factory=list)  # (line, indicator, target Path): intra-site links

    def line_of(self, path) -> int:
        return line_of(self.lines, path)


def line_of(lines: dict, path) -> int:
    """Line of the deepest known prefix of ``path`` (line 1, the opening '---', if none)."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


def split(text: str):
    """Return (yaml_text, yaml_first_line, body, body_first_line) or raise FrontMatterError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != DELIMITER:
        raise FrontMatterError(
            1,
            "front matter",
            "missing; start the file with a line '---', then the fields in YAML, then another '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == DELIMITER:
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return yaml_text, 2, body, index + 2
    raise FrontMatterError(
        1, "front matter", "not closed; add a line '---' after the last field, before the text"
    )


def _walk(node, path, offset, lines, duplicates):
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + offset
            if key in seen:
                duplicates.append((path + (key,), line, seen[key]))
            else:
                seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), offset, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + offset
            _walk(item, path + (index,), offset, lines, duplicates)


def parse(text: str) -> Document:
    """Parse a whole entry file's text. Raises FrontMatterError if it cannot be read."""
    yaml_text, yaml_line, body, body_line = split(text)
    offset = yaml_line  # libyaml marks are 0-based
    if "&" in yaml_text or "*" in yaml_text:
        _refuse_anchors(yaml_text, offset)
    loader = FrontMatterLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            metadata = {}
        else:
            metadata = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        hint = _yaml_hint(yaml_text, mark)
        context = error.context_mark
        if (
            error.context in _UNCLOSED
            and context is not None
            and mark is not None
            and context.line < mark.line
        ):
            # An unclosed quote or bracket: point at the line where it opened, not where
            # the parser gave up (often the end of the front matter).
            opened = _UNCLOSED[error.context]
            problem = f"{opened} ({problem})"
            mark = context
        line = (mark.line + offset) if mark else yaml_line
        raise FrontMatterError(line, "front matter", f"invalid YAML: {problem}; {hint}") from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reader errors without a mark
        raise FrontMatterError(yaml_line, "front matter", f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if not isinstance(metadata, dict):
        raise FrontMatterError(
            yaml_line,
            "front matter",
            "must be made of 'field: value' lines, one per line",
        )
    lines: dict[tuple, int] = {}
    duplicates: list[tuple] = []
    if node is not None:
        _walk(node, (), offset, lines, duplicates)
    return Document(metadata, body, body_line, lines, duplicates)


def _refuse_anchors(yaml_text: str, offset: int):
    """Anchors and aliases (&a, *a) let a few lines stand for millions of values (the
    "billion laughs"); entries never need them, so they are refused before anything is
    built from the YAML. Syntax errors are left to the parse that follows."""
    try:
        for event in yaml.parse(yaml_text, Loader=FrontMatterLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(
                    (event.start_mark.line if event.start_mark else 0) + offset,
                    "front matter",
                    "ancore e alias YAML (&nome, *nome) non sono ammessi; scrivi ogni valore "
                    "per esteso",
                )
    except yaml.YAMLError:
        return


def _yaml_hint(yaml_text: str, mark) -> str:
    if mark is not None:
        source_lines = yaml_text.splitlines()
        if 0 <= mark.line < len(source_lines) and "\t" in source_lines[mark.line]:
            return "indent with spaces, not tabs"
    return "check the indentation and put quotes around values that contain ': ' or start with a symbol"
