"""The site's files, as an in-place build finds, keeps and removes them."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
from pathlib import Path

SPOOL_PREFIX = ".scrittura-"


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


class Spool:
    """Pages written into one flat folder, then renamed to their place.

    Every page is ``some/folder/index.html`` in a folder of its own. On the ext4 disks
    we build on, creating the first file in a new folder costs the kernel 0.4 to 1 ms,
    while a file created in a folder that already holds many costs about 0.05 ms and a
    rename 0.01 ms (measured, see docs/benchmarks.md): so each page is written here, in
    the output folder (the same file system, so a rename), and moved. A page also appears
    whole or not at all, which the preview's readers like. The folder is per process
    (the parallel writers each have one) and removed on leaving, whatever happened.
    """

    def __init__(self, output_path):
        self.folder = os.path.join(output_path, f"{SPOOL_PREFIX}{os.getpid()}")
        self.names = itertools.count()

    def __enter__(self) -> Spool:
        os.makedirs(self.folder, exist_ok=True)
        return self

    def __exit__(self, *_exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def open(self, filename: str, encoding: str):
        """A file to write ``filename``'s text into; it takes that name when closed."""
        if filename == os.devnull:
            return open(filename, "w", encoding=encoding)
        spooled = os.path.join(self.folder, str(next(self.names)))
        return _MovedOnClose(open(spooled, "w", encoding=encoding), spooled, filename)


class _MovedOnClose:
    """A text file that moves to its final name when closed (one never closed, after a
    failure, goes with the spool folder)."""

    def __init__(self, file, spooled: str, filename: str):
        self.file, self.spooled, self.filename = file, spooled, filename

    def write(self, text: str) -> int:
        return self.file.write(text)

    def close(self) -> None:
        if self.file.closed:
            return
        self.file.close()
        os.replace(self.spooled, self.filename)
