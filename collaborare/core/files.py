"""Which files under content/ the build may read or publish, found without following links.

A contribution may hold a symbolic link (git stores them) to any file of the machine that
builds the site, such as the checkout's .git/config with the CI token; and a static file is
published as it is, so an SVG or HTML file with a script would run on the site's origin,
where no Content-Security-Policy header protects it on GitHub Pages. So: links are refused
wherever they are, and static files must be pictures or documents of an allowed type whose
first bytes say they are what their extension says.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .messages import Message, message, number, render

STATIC_FOLDERS = ("immagini", "extra")
MAX_STATIC_BYTES = 5_000_000
# Extension -> the first bytes a real file of that type starts with (None: plain text).
Signatures = dict[str, tuple[bytes, ...] | None]
IMAGE_TYPES: Signatures = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
}
DOCUMENT_TYPES: Signatures = {".pdf": (b"%PDF-",), ".csv": None, ".txt": None}
STATIC_TYPES: dict[str, Signatures] = {"immagini": IMAGE_TYPES, "extra": DOCUMENT_TYPES}
# Files editors and systems leave beside the ones a contributor saves (Emacs, Vim, macOS,
# Windows): never published (pelicanconf.IGNORE_FILES takes the same patterns), never a
# problem, but counted, so that the check says what it left out.
EDITOR_BACKUP_PATTERNS = (
    "*~",
    "#*#",
    ".#*",
    "*.swp",
    "*.swo",
    "*.swx",
    ".DS_Store",
    "._*",
    "Thumbs.db",
    "desktop.ini",
)


@dataclass
class ContentFiles:
    """What a walk of content/ found: content files, static files, and refused paths."""

    documents: list[Path] = field(default_factory=list)
    statics: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Message]] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)  # editor backups, left out


BACKUPS_LISTED = 10


def backups_note(rels: list[str]) -> str | None:
    """What the check and the build say about the editor backups they left out, or None."""
    if not rels:
        return None
    where = ", ".join(rels[:BACKUPS_LISTED])
    if len(rels) > BACKUPS_LISTED:
        where += f" e altri {len(rels) - BACKUPS_LISTED}"
    return render("files.editor_backups", count=len(rels), where=where)


def is_editor_backup(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in EDITOR_BACKUP_PATTERNS)


def scan(content_dir: Path) -> ContentFiles:
    """Every file under ``content_dir``, never following a link; hidden files are skipped
    (Pelican ignores them too), hidden links are not."""
    content_dir = Path(content_dir)
    found = ContentFiles()
    for folder, dirnames, filenames in os.walk(content_dir, followlinks=False):
        base = Path(folder)
        for name in sorted(dirnames):
            if (base / name).is_symlink():
                found.refused.append((base / name, _LINK))
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (base / d).is_symlink()
        )
        for name in sorted(filenames):
            path = base / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found.refused.append((path, _LINK))
            elif is_editor_backup(name):
                found.backups.append(path)
            elif name.startswith("."):
                continue
            elif not stat.S_ISREG(mode):
                found.refused.append((path, message("file.not_regular")))
            elif _in_static_folder(path, content_dir):
                problem = static_problem(path, content_dir)
                if problem:
                    found.refused.append((path, problem))
                else:
                    found.statics.append(path)
            else:
                found.documents.append(path)
    return found


_LINK = message("file.symlink")


def _in_static_folder(path: Path, content_dir: Path) -> bool:
    return path.relative_to(content_dir).parts[0] in STATIC_FOLDERS


def static_problem(path: Path, content_dir: Path) -> Message | None:
    """Why a file in content/immagini/ or content/extra/ cannot be published, or None."""
    folder = Path(path).relative_to(content_dir).parts[0]
    allowed = STATIC_TYPES[folder]
    suffix = Path(path).suffix.lower()
    listed = ", ".join(allowed)
    if suffix == ".svg":
        return message("file.svg")
    if suffix in (".html", ".htm", ".xhtml", ".js", ".mjs", ".xml"):
        return message("file.script_type", suffix=suffix)
    if suffix not in allowed:
        return message(
            "file.type_not_allowed",
            suffix=suffix or "senza estensione",
            folder=folder,
            allowed=listed,
        )
    size = Path(path).stat().st_size
    if size > MAX_STATIC_BYTES:
        return message("file.too_heavy", size=number(size), limit=number(MAX_STATIC_BYTES))
    signatures = allowed[suffix]
    if signatures:
        with open(path, "rb") as stream:
            head = stream.read(16)
        if not head.startswith(signatures):
            return message("file.wrong_signature", format=suffix[1:].upper())
    return None


def _thousands(number: int) -> str:
    """5.000.000, as Italian writes it (only the digits: not the message's own commas)."""
    return f"{number:,}".replace(",", ".")


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every '..' and link resolved, lies inside ``folder``."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


def stamp(path: Path) -> tuple:
    """Changes whenever the file is written (the same test make and git rely on)."""
    info = os.stat(path)
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
