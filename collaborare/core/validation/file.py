"""The file phase: the file as a file (where it is, its name, size and encoding), its front
matter as YAML, and its body (characters, Markdown within a time budget, raw HTML, links).

Each check takes the FileReading; one that leaves nothing more to read raises Stop.
"""

from __future__ import annotations

import re

from collaborare.core.budget import OverBudget, budget
from collaborare.core.characters import FORBIDDEN, describe, forbidden_in_lines, forbidden_in_values
from collaborare.core.frontmatter import FrontMatterError, parse
from collaborare.core.kinds import BY_FOLDER
from collaborare.core.links import intrasite_links
from collaborare.core.markup import converter
from collaborare.core.messages import FIELD_BODY, FIELD_FILE, FIELD_FILE_NAME, number
from collaborare.core.rendering import RENDER_BUDGET_SECONDS
from collaborare.core.sanitize import disallowed
from collaborare.core.schema import field_path
from collaborare.core.text import slugify

from . import values
from .reading import FileReading, Stop

MAX_FILE_BYTES = 1_000_000
_H1 = re.compile(r"#(?!#)\s")


def file_name(reading: FileReading):
    problem = values.file_name(reading.path, lambda name: (reading.path.parent / name).exists())
    if problem:
        reading.at(1, FIELD_FILE_NAME, problem)


def file_text(reading: FileReading):
    """The file's text, if it can be read as UTF-8 of a sensible size; line ends made '\\n'."""
    data = reading.path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        size, limit = number(len(data)), number(MAX_FILE_BYTES)
        reading.at(1, FIELD_FILE, "file.too_large", size=size, limit=limit)
        raise Stop
    if not data.strip():
        reading.at(1, FIELD_FILE, "file.empty")
        raise Stop
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reading.at(line, FIELD_FILE, "file.not_utf8", byte=f"{data[error.start]:02x}")
        raise Stop from None
    reading.text = text.replace("\r\n", "\n").replace("\r", "\n")


def front_matter(reading: FileReading):
    try:
        reading.document = parse(reading.text)
    except FrontMatterError as error:
        reading.at(error.line, error.field, error.code, **error.params)
        raise Stop from None
    if reading.documents is not None:
        # Compared as slugs: 'Città.md' and 'citta.md' would publish at the same URL.
        slug = slugify(reading.slug) or reading.slug
        reading.documents[reading.rel] = (reading.kind, slug, reading.document)


def duplicate_keys(reading: FileReading):
    for key_path, line, first_line in reading.document.duplicate_keys:
        reading.at(line, field_path(key_path), "field.duplicate", first=first_line)


def empty_body(reading: FileReading):
    if not reading.document.body.strip():
        reading.at(reading.document.body_line, FIELD_BODY, "body.empty")


def characters(reading: FileReading):
    """Characters XML forbids or that hide text, in any field or line of the body."""
    text, document = reading.text, reading.document
    # Only there can a field or line hold one (in the YAML, as an escape like "\x01").
    if not (FORBIDDEN.search(text) or "\\" in text[: len(text) - len(document.body)]):
        return
    for key_path, char in forbidden_in_values(document.metadata):
        reading.report(key_path, describe(char))
    for offset, char in forbidden_in_lines(document.body):
        reading.at(document.body_line + offset, FIELD_BODY, describe(char))


def rendered_body(reading: FileReading):
    """The body as Markdown renders it; rendering stops past its budget."""
    markdown = reading.markdown or converter()
    try:
        with budget(RENDER_BUDGET_SECONDS):
            reading.html = markdown.reset().convert(reading.document.body)
    except OverBudget:
        markdown.reset()
        reading.at(
            reading.document.body_line,
            FIELD_BODY,
            "body.render_budget",
            seconds=RENDER_BUDGET_SECONDS,
        )


def internal_links(reading: FileReading):
    """Pelican's {filename}/{static}/{attach} links must name a file of content/ allowed
    to them (Pelican would copy any file they name, and only warns about missing ones).
    The links that may stay are kept on ``document.links`` for the cross-entry checks."""
    if reading.html is None:
        return
    document, path = reading.document, reading.path
    content_root = reading.checker.content_root or path.parent.parent
    lines = document.body.lower().split("\n")
    for link in intrasite_links(reading.html, path, content_root, reading.checker.files):
        offset = line_of_needles(
            lines, (f"{{{link.what}}}{link.value}", f"|{link.what}|", f"{{{link.what}}}")
        )
        if link.problem:
            reading.at(document.body_line + offset, FIELD_BODY, link.problem)
        else:
            document.links.append((document.body_line + offset, link.what, link.target))


def body_html(reading: FileReading):
    """Raw HTML outside the allow-list or that the sanitizer would change, and '# '
    headings that would be a second title."""
    if reading.html is None:
        return
    document = reading.document
    lines = document.body.split("\n")
    headings = second_titles(lines)
    for offset in headings:
        reading.at(document.body_line + offset, FIELD_BODY, "body.h1")
    seen = {"<h1"} if headings else set()  # a '# ' heading is already reported above
    lowered = [line.lower() for line in lines]
    for needles, found in disallowed(reading.html, document.body):
        if str(found) in seen or needles in seen:
            continue
        seen.add(str(found))
        offset = line_of_needles(lowered, needles if isinstance(needles, tuple) else (needles,))
        reading.at(document.body_line + offset, FIELD_BODY, found)


def second_titles(lines: list[str]) -> list[int]:
    """0-based lines of '# ' headings outside fenced code."""
    found, in_code = [], False
    for offset, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        elif not in_code and _H1.match(line):
            found.append(offset)
    return found


def line_of_needles(lowered_lines: list[str], needles) -> int:
    """0-based line of the first needle found in the lines (given in lower case), else the
    first non-blank line."""
    for needle in needles:
        needle = needle.lower()
        for index, line in enumerate(lowered_lines):
            if needle in line:
                return index
    return next((i for i, line in enumerate(lowered_lines) if line.strip()), 0)


def content_folders() -> str:
    """The entry folders, named for a file that is in none of them."""
    return ", ".join(f"content/{folder}/" for folder in BY_FOLDER)


# The file phase, in order: file_text and front_matter stop the reading when they fail.
FILE_CHECKS = [
    file_name,
    file_text,
    front_matter,
    duplicate_keys,
    empty_body,
    characters,
    rendered_body,
    internal_links,
    body_html,
]
