"""What the phases of one file share: the file, what has been made of it so far, and its
problems. Checks read and fill it; they report problems through it, so each problem gets its
line from the front matter without the check knowing about lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from markdown import Markdown

from collaborare.core.frontmatter import Document
from collaborare.core.messages import Message
from collaborare.core.problems import Problem
from collaborare.core.schema import field_path

if TYPE_CHECKING:  # checker.py imports this module: importing it back at run time is a cycle
    from .checker import Checker


class Stop(Exception):
    """Raised by a file-phase check when nothing more can be read from the file."""


@dataclass
class FileReading:
    """One file going through the phases (see validation/__init__.py)."""

    checker: Checker  # the Checker: vocabularies, schema, content folder, accepted files
    path: Path
    rel: str  # the path from the project folder
    kind: str  # esperienza | riflessione | strumento | page
    markdown: Markdown | None = None  # a Markdown converter to reuse, or None
    documents: dict | None = None  # rel -> (kind, slug, Document), for cross-entry checks
    text: str = ""
    # frontmatter.Document, once the front matter is read. Typed as always present: the
    # file phase sets it (front_matter) or stops the file, before any check reads it.
    # (RUF009 warns of a default shared by all instances: cast() only returns None.)
    document: Document = cast("Document", None)  # noqa: RUF009
    html: str | None = None  # the body as Markdown rendered it (unsanitized)
    values: dict = field(default_factory=dict)  # resolved values: dates, places, period...
    problems: list[Problem] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def meta(self) -> dict:
        return self.document.metadata

    @property
    def closing_line(self) -> int:
        """The front matter's closing '---': where a missing field goes."""
        return self.document.body_line - 1

    def at(self, line: int, name: str, found: Message | str, /, **params):
        """Report ``found`` (a Message, or a code with ``params``) at ``line`` of ``name``."""
        if isinstance(found, Message):
            params = found.params
            found = found.code
        self.problems.append(Problem(self.rel, line, name, found, **params))

    def report(self, key_path, found: Message | str, /, **params):
        """Report ``found`` at the line of the front-matter field ``key_path``."""
        self.at(self.document.line_of(key_path), field_path(key_path), found, **params)
