"""A problem found in a content file, printed the same way everywhere."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, with forward slashes
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline on a pull request."""
        text = f"{self.field}: {self.message}"
        for old, new in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
            text = text.replace(old, new)
        return f"::error file={self.path},line={self.line}::{text}"


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
