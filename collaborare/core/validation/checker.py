"""The Checker: reads one content file through the validation phases."""

from __future__ import annotations

from pathlib import Path

from collaborare.core.messages import FIELD_FILE
from collaborare.core.model import KINDS, ReadResult
from collaborare.core.problems import Problem
from collaborare.core.schema import SCHEMA_PATH, SchemaChecker, load_schema, with_vocabularies
from collaborare.core.vocab import Vocabulary

from . import entry, file
from .reading import FileReading, Stop


class Checker:
    """Reads and validates content files against the schema and the vocabularies."""

    _resolved: dict[Path, Path]  # folder -> its resolved path (see relative)

    def __init__(
        self,
        vocab: Vocabulary,
        root: Path,
        schema: dict | None = None,
        content_root: Path | None = None,
    ):
        self.vocab = vocab
        self.root = Path(root)
        self._resolved_root, self._resolved = self.root.resolve(), {}
        self.content_root = Path(content_root).resolve() if content_root else None
        # The files of content/ that may be linked to or published: set by check_collection
        # from its walk (links and pictures may only name one of them).
        self.files: set[Path] = set()
        # The project's own schema (a test project's copy, too): its enums must match its data.
        own = self.root / "schema" / "entry.schema.json"
        self.committed_schema = (
            schema if schema is not None else load_schema(own if own.exists() else SCHEMA_PATH)
        )
        self.schema = with_vocabularies(self.committed_schema, vocab)
        self.schema_checker = SchemaChecker(
            self.schema,
            {
                "theme": {slug: t.label for slug, t in vocab.themes.items()},
                "actor type": {slug: t.label for slug, t in vocab.actor_types.items()},
            },
        )

    @classmethod
    def from_settings(cls, settings: dict) -> Checker:
        """A checker for a Pelican settings dict (COLLECTION_ROOT, COLLECTION_DATA, PATH)."""
        root = Path(settings.get("COLLECTION_ROOT") or Path(settings["PATH"]).parent)
        data = Path(settings.get("COLLECTION_DATA") or root / "data")
        return cls(Vocabulary.load(data), root, content_root=Path(settings["PATH"]))

    # -- one file -----------------------------------------------------------------

    def relative(self, path: Path) -> str:
        """The path from the project folder; a link is named as itself, never its target."""
        path = Path(path)
        folder = self._resolved.get(path.parent)
        if folder is None:  # resolving costs a system call per part: once per folder
            folder = self._resolved[path.parent] = path.parent.resolve()
        try:
            return (folder / path.name).relative_to(self._resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    def read(
        self, path: Path, kind: str | None = None, documents: dict | None = None, markdown=None
    ) -> ReadResult:
        """The Entry or Page a file makes, its body and problems, and the body's HTML.

        ``documents``, if given, receives rel path -> (kind, slug, Document) for every file
        whose front matter could be read, valid or not, for the cross-entry checks. The body
        is rendered with ``markdown`` (a converter to reuse) within a time budget.
        """
        path = Path(path)
        rel = self.relative(path)
        kind = kind or KINDS.get(path.parent.name)
        if kind is None:
            folders = file.content_folders()
            problem = Problem(rel, 1, FIELD_FILE, "file.outside_folders", folders=folders)
            return ReadResult(None, "", 1, [problem])
        reading = FileReading(self, path, rel, kind, markdown, documents)
        try:
            _run(file.FILE_CHECKS, reading)
        except Stop:
            return ReadResult(None, "", 1, reading.problems)
        item = _page(reading) if kind == "page" else _entry(reading)
        document = reading.document
        return ReadResult(item, document.body, document.body_line, reading.problems, reading.html)


def _run(checks, reading: FileReading):
    for check in checks:
        check(reading)


def _page(reading: FileReading):
    _run(entry.SCHEMA_CHECKS, reading)
    _run(entry.PAGE_FIELD_CHECKS, reading)
    return None if reading.problems else entry.make_page(reading)


def _entry(reading: FileReading):
    """The Entry, made only from a file with no problem at all; then what publishing needs."""
    for phase in (entry.SCHEMA_CHECKS, entry.FIELD_CHECKS, entry.CROSS_FIELD_CHECKS):
        _run(phase, reading)
    if reading.problems:
        return None
    made = entry.make_entry(reading)
    for check in entry.PUBLICATION_CHECKS:
        if not check(reading, made):
            return None
    return made
