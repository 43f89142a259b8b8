"""Fails the build on any warning or error logged during it, after listing them all."""

from __future__ import annotations

import logging

from pelican import signals
from pelican.log import LimitFilter

from collaborare.core.problems import WarningCollector


class StrictBuildError(Exception):
    """The build logged warnings or errors; ``records`` holds their messages."""

    exitcode = 1

    def __init__(self, messages):
        self.messages = messages
        super().__init__(f"{len(messages)} problem(s) during the build:\n" + "\n".join(messages))


class _Collector(WarningCollector):
    def emit(self, record):
        message = record.getMessage()
        if record.name.startswith("pelican") and "Could not process" in message:
            # The reader's ContentError already says file, line, field and fix.
            message = message.split("\n", 1)[-1]
        self.messages.append(message)


def start_collecting(pelican):
    # Pelican's de-duplication filter is class-level and never reset: without this a
    # second build in the same process (preview, tests) would hide repeated warnings.
    LimitFilter._ignore = set()
    LimitFilter._raised_messages = set()
    LimitFilter._group_count.clear()
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    pelican.strict_collector = collector


def stop_and_report(pelican):
    collector = getattr(pelican, "strict_collector", None)
    if collector is None:
        return
    logging.getLogger().removeHandler(collector)
    pelican.strict_collector = None
    if collector.messages and pelican.settings.get("STRICT_BUILD", True):
        raise StrictBuildError(collector.messages)


def register():
    signals.initialized.connect(start_collecting)
    signals.get_generators.connect(restart_collecting)
    signals.finalized.connect(stop_and_report)


def restart_collecting(pelican):
    """Each run (a live rebuild reuses the Pelican object) starts with a clean slate."""
    if getattr(pelican, "strict_collector", None) is None:
        start_collecting(pelican)
    else:
        pelican.strict_collector.messages.clear()
