"""Validation of the collection, in MkDocs' shape: small rules run in named phases.

Phases, in order, for each file (validation/checker.py runs them; every problem is
collected, none stops the others, except that a file that cannot be read as text or whose
front matter is not YAML has nothing more to check):

- **file** (file.FILE_CHECKS): where the file is, its name, size and encoding, the front
  matter as YAML, duplicate keys, forbidden characters, the body rendered within its time
  budget, its raw HTML and its {filename}/{static} links.
- **schema** (entry.SCHEMA_CHECKS): the JSON Schema, fields each kind requires or refuses.
- **fields** (entry.FIELD_CHECKS, entry.PAGE_FIELD_CHECKS for pages): one value at a time:
  plain texts, dates, the picture, the period's bounds, places, vocabularies,
  organisations, sources.
- **cross-field** (entry.CROSS_FIELD_CHECKS): values checked against each other ('modified'
  after 'date', a period's end after its start); then, on the finished Entry,
  entry.PUBLICATION_CHECKS (enough sources, at least «parziale»).
- **cross-entry** (collection.CROSS_ENTRY_CHECKS, run by core/reading.py over the whole
  collection): unique slugs, 'related' and 'strumenti' naming entries, no link to a draft.

The rules themselves (validation/values.py) take plain values and return a
messages.Message (a catalogue code and its parameters) or None, so they are unit-tested on
values (tests/test_validation_rules.py); the malformed corpus (tests/malformed/) tests the
whole chain end to end.

Adding a rule to a phase is one line: write ``def check(reading: FileReading)`` that calls
``reading.report(key_path, "code", **params)`` (or ``reading.at(line, field, ...)``), add
its code to core/messages.py, and append the function to the phase's list, e.g.
``entry.FIELD_CHECKS.append(check)`` or an entry in the list literal. A cross-entry check is
``def check(documents, relative, by_slug) -> list[Problem]`` in CROSS_ENTRY_CHECKS.
"""

from .checker import Checker

__all__ = ["Checker"]
