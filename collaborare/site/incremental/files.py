"""The site's files, as an in-place build finds, keeps and removes them."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def snapshot(folder: Path) -> dict:
    """path -> (inode, ctime) of every file: any write or copy changes the ctime."""
    found = {}
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            info = os.stat(path)
            found[path] = (info.st_ino, info.st_ctime_ns)
    return found


def remove_stale(output: Path, before: dict, kept: set):
    """In an in-place build, once the pages are written: delete what the build neither wrote
    nor kept (a renamed entry's old page, a listing page that no longer exists) and the
    folders left empty. Files written later (the sitemap) are written again anyway."""
    search = str(output / "pagefind") + os.sep  # rebuilt separately, when the editor pauses
    kept_paths = {str(output / name) for name in kept}
    for path, signature in before.items():
        if path in kept_paths or path.startswith(search):
            continue
        try:
            info = os.stat(path)
        except FileNotFoundError:
            continue
        if (info.st_ino, info.st_ctime_ns) == signature:
            os.unlink(path)
    for directory, dirs, files in os.walk(output, topdown=False):
        if not dirs and not files and Path(directory) != output:
            with contextlib.suppress(OSError):  # not empty after all: a subfolder was kept
                os.rmdir(directory)


def remove_page(site: Path, file: str):
    """Remove one page and the folders it leaves empty."""
    path = site / file
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site or any(folder.iterdir()):
            break
        folder.rmdir()


def html_files(folder: Path) -> list[str]:
    """The HTML files under ``folder``, as sorted relative paths (os.walk: pathlib's rglob
    is several times slower on thousands of files)."""
    found = []
    for directory, _dirs, files in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found)
