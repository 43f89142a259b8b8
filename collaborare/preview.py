"""Local preview: serve output/ and rebuild it, then reload the browser, when a source changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WATCHED = ("content", "theme", "plugins", "data", "schema", "collaborare", "pelicanconf.py")


def rebuild(root: Path) -> bool:
    """Build in a fresh interpreter, so edited plugins and settings are always picked up."""
    completed = subprocess.run(
        [sys.executable, "-m", "invoke", "build"], cwd=root, check=False
    )
    return completed.returncode == 0


def serve(root: Path, output: Path, port: int):
    from livereload import Server

    if not rebuild(root) and not output.exists():
        print("The first build failed; fix the problems above, the preview rebuilds on save.")
        output.mkdir(exist_ok=True)
    server = Server()
    for name in WATCHED:
        path = root / name
        pattern = str(path / "**" / "*") if path.is_dir() else str(path)
        server.watch(pattern, lambda: rebuild(root), delay=0.2)
    print(f"Preview on http://localhost:{port}/ (Ctrl+C to stop)")
    server.serve(root=str(output), host="localhost", port=port, open_url_delay=None)
