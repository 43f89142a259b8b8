"""A built site served on localhost, and the browser that looks at it (tests and benchmarks)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

# Debian's chromium, driven by Playwright: the default where no other is configured.
CHROMIUM = "/usr/bin/chromium"
# A chromium binary to use instead, or "playwright" for Playwright's own (the one
# `playwright install chromium` downloads, as the pull-request workflow does).
CHROMIUM_ENV = "COLLABORARE_CHROMIUM"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def chromium_executable(playwright) -> str:
    """The chromium for Playwright to launch; LookupError, with what to do, if there is none.

    $COLLABORARE_CHROMIUM if set (a path or command, or "playwright" for Playwright's own);
    else Debian's /usr/bin/chromium if present; else Playwright's own if it is installed.
    """
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    bundled = playwright.chromium.executable_path
    if configured and configured != "playwright":
        found = shutil.which(configured)
        if not found:
            raise LookupError(f"no browser at {configured} (set by {CHROMIUM_ENV})")
        return found
    if not configured and shutil.which(CHROMIUM):
        return CHROMIUM
    if bundled and os.path.isfile(bundled):
        return bundled
    if configured:
        raise LookupError(
            f"Playwright's chromium is not installed ({CHROMIUM_ENV}=playwright): "
            "run 'playwright install chromium'"
        )
    raise LookupError(
        f"no browser at {CHROMIUM} and Playwright's chromium is not installed "
        f"(apt-get install chromium, or playwright install chromium, or set "
        f"{CHROMIUM_ENV} to a chromium binary)"
    )


def launch_chromium(playwright):
    """Launch the chromium chromium_executable() finds, headless, for tests and benchmarks."""
    return playwright.chromium.launch(
        executable_path=chromium_executable(playwright), args=CHROMIUM_ARGS
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free port in a background thread: (server, base URL).

    The caller stops it with server.shutdown() and server.server_close().
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
