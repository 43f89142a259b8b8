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

from .messages import FIELD_FRONT_MATTER

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


# libyaml's context for a construct left open -> the message code that says so.
_UNCLOSED = {
    "while scanning a quoted scalar": "yaml.unclosed_quote",
    "while parsing a flow sequence": "yaml.unclosed_bracket",
    "while parsing a flow mapping": "yaml.unclosed_brace",
}
# libyaml's commonest problems in Italian; others are quoted as libyaml words them.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "qui non può iniziare un valore (un ': ' di troppo?)",
    "could not find expected ':'": "manca ':' dopo il nome del campo",
    "did not find expected key": "atteso il nome di un campo",
    "found character": "c'è un carattere che non può iniziare un valore",
    "found a tab character": "c'è una tabulazione nel rientro",
    "found unexpected end of stream": "il testo finisce prima della chiusura",
    "found undefined alias": "un alias (*nome) non definito",
    "did not find expected ',' or ']'": "manca ',' o ']'",
    "did not find expected ',' or '}'": "manca ',' o '}'",
    "did not find expected '-' indicator": "atteso un elemento che inizia con '- '",
    "found unknown escape character": "una sequenza con '\\' non valida",
    "expected <block end>": "un rientro che non torna (controlla gli spazi a inizio riga)",
}


def _italian(problem: str) -> str:
    for english, italian in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return italian
    return f"«{problem}»"


class FrontMatterError(Exception):
    """A file whose front matter cannot be read at all: a message code and its parameters."""

    def __init__(self, line: int, code: str, **params):
        super().__init__(code)
        self.line = line
        self.field = FIELD_FRONT_MATTER
        self.code = code
        self.params = params


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
        raise FrontMatterError(1, "frontmatter.missing")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == DELIMITER:
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return yaml_text, 2, body, index + 2
    raise FrontMatterError(1, "frontmatter.not_closed")


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
        problem = _italian(error.problem or error.context or "")
        code = _yaml_code(yaml_text, mark)
        context = error.context_mark
        if (
            error.context in _UNCLOSED
            and context is not None
            and mark is not None
            and context.line < mark.line
        ):
            # An unclosed quote or bracket: point at the line where it opened, not where
            # the parser gave up (often the end of the front matter).
            code = _UNCLOSED[error.context]
            mark = context
        line = (mark.line + offset) if mark else yaml_line
        raise FrontMatterError(line, code, problem=problem) from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reader errors without a mark
        raise FrontMatterError(yaml_line, "yaml.invalid", problem=f"«{error}»") from None
    finally:
        loader.dispose()
    if not isinstance(metadata, dict):
        raise FrontMatterError(yaml_line, "frontmatter.not_mapping")
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
                    (event.start_mark.line if event.start_mark else 0) + offset, "yaml.alias"
                )
    except yaml.YAMLError:
        return


def _yaml_code(yaml_text: str, mark) -> str:
    """The message for invalid YAML: a tab on the line gets its own hint."""
    if mark is not None:
        source_lines = yaml_text.splitlines()
        if 0 <= mark.line < len(source_lines) and "\t" in source_lines[mark.line]:
            return "yaml.invalid_tabs"
    return "yaml.invalid"
