"""A problem found in a content file, printed the same way everywhere."""

from __future__ import annotations

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
