"""A problem found in a content file, printed the same way everywhere."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from .messages import MESSAGES, Message, render


@dataclass(frozen=True, init=False)
class Problem:
    """What is wrong, where: a code of the message catalogue (core/messages.py) and its
    parameters, so tests can pin both the code and the Italian text.

    ``Problem("content/x.md", 4, "date", "date.not_real", value="2026-02-30")``
    """

    path: str  # relative to the project, with forward slashes
    line: int
    field: str  # a front-matter field path, or one of messages.FIELD_*
    code: str  # a key of messages.MESSAGES
    params: tuple  # ((name, value), ...) sorted: hashable, so problems can be deduplicated

    def __init__(self, path: str, line: int, field: str, code: str | Message, /, **params):
        if isinstance(code, Message):  # what a rule returned: its code and parameters
            params = {**code.params, **params}
            code = code.code
        if code not in MESSAGES:
            raise KeyError(f"no message for code {code!r}: add it to core/messages.py")
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", tuple(sorted(params.items())))

    @property
    def message(self) -> str:
        return render(self.code, **dict(self.params))

    def _key(self):
        # Sorted as they read: by file, line, field, then the text itself.
        return (self.path, self.line, self.field, self.message)

    def __lt__(self, other: Problem) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline on a pull request.

        Escaped as GitHub's toolkit does (a file name with a newline or a comma must not
        start another command or set another property).
        """
        return (
            f"::error file={_escape_property(self.path)},line={self.line}::"
            f"{_escape_data(f'{self.field}: {self.message}')}"
        )


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so a file name cannot forge lines."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised with every problem found, so a build can stop with all of them at once."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class WarningCollector(logging.Handler):
    """Keeps the message of every warning or error logged while it is attached."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def collecting_warnings():
    """The messages of the warnings and errors logged inside the block, as a list."""
    collector = WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        yield collector.messages
    finally:
        logging.getLogger().removeHandler(collector)
