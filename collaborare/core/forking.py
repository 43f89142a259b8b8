"""Whether this platform can fork worker processes safely (the parallel build needs it)."""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager


def can_fork() -> bool:
    """True where the build may fork: os.fork exists and multiprocessing offers "fork".

    Windows has no fork; on macOS fork exists but is unsafe once system frameworks have
    started threads (Python's default there is spawn), so both build in one process:
    slower on large collections, with the same output.
    """
    if not hasattr(os, "fork") or sys.platform in ("win32", "darwin"):
        return False
    import multiprocessing

    try:
        multiprocessing.get_context("fork")
    except ValueError:
        return False
    return True


def freeze_before_fork() -> None:
    """Move every object alive now out of the garbage collector's reach, before forking.

    A build holds hundreds of thousands of long-lived objects (entries, rendered HTML,
    Pelican's context). Without this, every full collection walks all of them again: at
    10,000 entries that was 6.7 s in the parent alone, and in a forked child each walk
    also writes to the pages it touches, copying them. Objects frozen here are still
    freed by reference counting; ``thaw()`` hands them back. There is no collection
    first (a full one costs about a second at 10,000 entries, on the serial path): what
    garbage is frozen with them waits for the first collection after the thaw.
    """
    gc.freeze()


@contextmanager
def collector_paused():
    """No garbage collection inside: for a build's parent process outside the writers.

    It makes few reference cycles (reading, checking and Pelican's generators keep what
    they make until the build ends) but millions of objects, whose allocations would
    trigger collections that walk every long-lived object again and again: unpickling the
    read pool's results, the checks across entries and Pelican's generators spent 4 s in
    them at 10,000 entries. Page writing makes cyclic garbage on every page and collects
    (``collecting``).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@contextmanager
def collecting():
    """Garbage collection on inside, whatever it was outside: for the page writers."""
    enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()


def freeze_for_exit() -> None:
    """The process ends now: freeze what is alive, so the collection the interpreter makes
    on its way out does not walk it all (2 s after a build of 10,000 entries)."""
    gc.freeze()


def thaw() -> None:
    """Give frozen objects back to the collector (the preview lives on after a build)."""
    gc.unfreeze()
