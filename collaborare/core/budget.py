"""A time budget for work on untrusted input: stops Python code that runs too long.

Rendering a contributor's Markdown can take quadratic time on crafted input (a body of
100,000 '[' takes half an hour in Python-Markdown). The check and the build render every
body under a budget, so such a file becomes a problem with its line instead of a stalled CI.

A watchdog thread raises ``OverBudget`` inside the thread that runs over, between two
Python bytecodes (``PyThreadState_SetAsyncExc``). That works in any thread (the preview
rebuilds in a watcher thread, where signals cannot be used) and in the forked workers of
the build's pool, and costs a lock and a notify per call. Code stuck inside one C call is
only stopped when that call returns; Python-Markdown's slow paths are Python loops.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager


class OverBudget(Exception):
    """Raised inside the work that ran past its budget."""


class _Watchdog:
    """One per process: watches the deadlines of the threads running under a budget."""

    def __init__(self):
        self.pid = os.getpid()
        self.condition = threading.Condition()
        self.deadlines = {}  # thread id -> monotonic deadline
        self.wakes_at = None  # when the watchdog wakes next (None: when notified)
        self.fired = set()  # thread ids interrupted and not yet finished
        threading.Thread(target=self._watch, name="budget-watchdog", daemon=True).start()

    def _watch(self):
        with self.condition:
            while True:
                now = time.monotonic()
                for thread_id, deadline in list(self.deadlines.items()):
                    if deadline <= now:
                        del self.deadlines[thread_id]
                        self.fired.add(thread_id)
                        _raise_in(thread_id, OverBudget)
                self.wakes_at = min(self.deadlines.values(), default=None)
                self.condition.wait(self.wakes_at - now if self.wakes_at is not None else None)

    def start(self, thread_id: int, seconds: float):
        with self.condition:
            self.fired.discard(thread_id)
            deadline = self.deadlines[thread_id] = time.monotonic() + seconds
            # Wake the watchdog only if it would wake too late for this deadline: a loop
            # of short budgets (one per file read) then costs no thread switch per call.
            if self.wakes_at is None or deadline < self.wakes_at:
                self.wakes_at = deadline
                self.condition.notify()

    def stop(self, thread_id: int) -> bool:
        """Stop watching; True if the thread was interrupted (its exception cleared if pending)."""
        with self.condition:
            self.deadlines.pop(thread_id, None)
            if thread_id not in self.fired:
                return False
            self.fired.discard(thread_id)
            _raise_in(thread_id, None)  # an interruption not delivered yet must not leak out
            return True


def _raise_in(thread_id: int, exception):
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )


_watchdogs: dict[int, _Watchdog] = {}  # by process id: a forked child starts its own


def _watchdog() -> _Watchdog:
    pid = os.getpid()
    if pid not in _watchdogs:
        _watchdogs.clear()
        _watchdogs[pid] = _Watchdog()
    return _watchdogs[pid]


@contextmanager
def budget(seconds: float):
    """Run the block for at most ``seconds``; past that it stops with OverBudget."""
    watchdog, thread_id = _watchdog(), threading.get_ident()
    watchdog.start(thread_id, seconds)
    interrupted = False
    try:
        yield
    except OverBudget:
        interrupted = True
    finally:
        interrupted = watchdog.stop(thread_id) or interrupted
    if interrupted:
        raise OverBudget(f"over {seconds:g} s")
