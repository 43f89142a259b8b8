"""Whether this platform can fork worker processes safely (the parallel build needs it)."""

from __future__ import annotations

import os
import sys


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
