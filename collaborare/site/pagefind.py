"""Pagefind: the search index of a built site, made by the bundled binary."""

from __future__ import annotations

from pathlib import Path

from collaborare.core.kinds import ENTRY_KINDS
from collaborare.core.messages import render

# Only entry pages carry data-pagefind-body, so only they are indexed; naming them saves
# Pagefind from parsing every listing page first, the paginated lists of entries
# (esperienze/pagina/2/) included.
SEARCH_GLOB = "{" + ",".join(kind.folder for kind in ENTRY_KINDS) + "}/*/index.html"


def index_search(site) -> str | None:
    """Index a built site with Pagefind; the problem, if it failed."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    if any(any(Path(site).glob(f"{kind.folder}/*/index.html")) for kind in ENTRY_KINDS):
        command += ["--glob", SEARCH_GLOB]  # else (only drafts yet) Pagefind needs some page
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode == 0:
        return None
    return render(
        "build.search_failed",
        detail=completed.stderr.strip()
        or completed.stdout.strip()
        or f"exit {completed.returncode}",
    )
