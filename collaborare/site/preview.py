"""Local preview: serve the built site, rebuild on every save, and reload the open page.

Rebuilds run in this process and are incremental: the preview keeps every file's read
result and every page's fingerprint (collaborare/site/incremental/), so a save re-reads that
file and re-renders only the pages it changes; a change to templates, data or settings
starts from scratch, and a change to Python code under collaborare/ restarts
the preview so the new code is loaded. The search index is rebuilt when saves pause.
When a save changes an entry's front matter, its page and the listing pages it is on are
written first and the rest of the site right after (incremental/update.py).
Each served HTML page gets a small script (a file, so the site's Content-Security-Policy
still holds) that polls /_preview/version for its own page and reloads when that page's
file has been written again (or the site's problems changed): it reloads as soon as its
page is up to date, and not again while the rest of the site is. While the
content has a problem, every page shows an error page naming file, line and fix; the next
good save brings the site back.
"""

from __future__ import annotations

import errno
import html
import mimetypes
import os
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from collaborare.core.messages import render

from .build import ROOT, build
from .incremental import BuildCache, BuildMode
from .pagefind import index_search

WATCHED = ("content", "theme", "data", "schema", "collaborare", "pelicanconf.py")
CODE_FOLDERS = ("collaborare",)
SEARCH_AFTER_MS = 1500  # re-index the search once no file has been saved for this long
RELOAD_SCRIPT = b"""// Preview only: reload this page when the site has been rebuilt.
(function () {
  var seen = null;
  function poll() {
    fetch("/_preview/version?page=" + encodeURIComponent(window.location.pathname),
          {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (version) {
        if (seen !== null && version !== seen) { window.location.reload(); return; }
        seen = version;
        setTimeout(poll, 250);
      }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
SCRIPT_TAG = b'<script src="/_preview/reload.js" defer></script>'


def _seconds(elapsed: float) -> str:
    """Seconds as Italian writes them: 0,12."""
    return f"{elapsed:.2f}".replace(".", ",")


def error_page(problems, build_errors) -> bytes:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    items += "".join(f"<li><code>{html.escape(m)}</code></li>" for m in build_errors)
    return f"""<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>Anteprima: c'è un problema</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/theme/css/site.css"></head>
<body><main id="contenuto" class="container">
<h1>Anteprima non aggiornata: c'è un problema</h1>
<p class="lead">Correggi il file indicato (riga e campo) e salva: la pagina si aggiorna da sola.</p>
<ul class="preview-errors">{items}</ul>
</main></body></html>""".encode()


class Preview:
    """Build state shared by the watcher thread and the request handlers."""

    def __init__(self, settings: Path, output: Path, overrides: dict | None = None):
        self.settings = settings
        self.output = Path(output).resolve()
        self.overrides = overrides or {}
        self.version = 0  # builds finished
        self.problems_shown = 0  # changes whenever the error page appears, changes or goes
        self.error: bytes | None = None
        self.lock = threading.Lock()
        self.cache = BuildCache()
        self.search_stale = False

    def rebuild(self, changed=(), content: Path | None = None, parallel: bool = False) -> bool:
        """Build again; ``changed`` paths outside ``content`` make it start from scratch.

        ``parallel`` only before the server's threads start: forking a process that runs
        other threads is unsafe, so later rebuilds (incremental anyway) run in one process.
        """
        with self.lock:
            content = Path(content).resolve() if content else None
            if content is None or any(content not in Path(p).resolve().parents for p in changed):
                self.cache.clear()
            started = time.perf_counter()
            incremental = bool(self.cache.pages.by_file)
            overrides = dict(self.overrides)
            if not parallel:
                overrides["BUILD_WORKERS"] = 1
            if incremental:
                overrides["SEARCH_INDEX"] = False
            result = build(
                self.settings,
                self.output,
                overrides,
                cache=self.cache,
                listed_first=incremental and self.error is None,
            )
            if result.ok and self.cache.last_build is BuildMode.LISTED_FIRST:
                print(
                    render(
                        "preview.listed_first",
                        time=time.strftime("%H:%M:%S"),
                        seconds=_seconds(time.perf_counter() - started),
                        pages=result.pages_written,
                    )
                )
                self.version += 1
                result = build(self.settings, self.output, overrides, cache=self.cache)
            self._report(result, time.perf_counter() - started, incremental)
            self.version += 1
            return result.ok

    def _report(self, result, elapsed: float, incremental: bool):
        """Say how the build went; on failure, the browser shows the problems."""
        if not result.ok:
            self.error = error_page(result.problems, result.build_errors)
            self.problems_shown += 1
            for problem in result.problems:
                print(problem, file=sys.stderr)
            for message in result.build_errors:
                print(message, file=sys.stderr)
            print(render("preview.failed", time=time.strftime("%H:%M:%S")), file=sys.stderr)
            return
        if self.error is not None:
            self.problems_shown += 1
        self.error = None
        self.search_stale = incremental
        reused = ""
        if self.cache.last_build is BuildMode.TEXT:
            reused = render("preview.reused_text")
        elif incremental:
            reused = render("preview.reused_pages", count=self.cache.reused)
        print(
            render(
                "preview.rebuilt",
                time=time.strftime("%H:%M:%S"),
                seconds=_seconds(elapsed),
                reused=reused,
                summary=result.summary(),
            )
        )

    def page_version(self, url_path: str) -> str:
        """Changes when the page at ``url_path`` is written again or the problems shown change."""
        target = (self.output / url_path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        try:
            written = target.stat().st_mtime_ns if self.output in target.parents else 0
        except OSError:
            written = 0
        return f"{self.problems_shown}:{written}"

    def index_search(self):
        """Bring the search index up to date (run when saves pause: Pagefind takes seconds)."""
        with self.lock:
            if not self.search_stale:
                return
            self.search_stale = False
            started = time.perf_counter()
            error = index_search(self.output)
            if error:
                print(error, file=sys.stderr)
            else:
                print(
                    render(
                        "preview.search_updated",
                        time=time.strftime("%H:%M:%S"),
                        seconds=_seconds(time.perf_counter() - started),
                    )
                )


def make_handler(preview: Preview):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.output), **kwargs)

        def log_message(self, *args):
            pass

        def send_bytes(self, body: bytes, content_type: str, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = unquote(urlparse(self.path).path)
            if path == "/_preview/version":
                page = parse_qs(urlparse(self.path).query).get("page")
                version = preview.page_version(page[0]) if page else str(preview.version)
                return self.send_bytes(version.encode(), "text/plain; charset=utf-8")
            if path == "/_preview/reload.js":
                return self.send_bytes(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
            target = (preview.output / path.lstrip("/")).resolve()
            if preview.output not in (target, *target.parents):
                return self.send_error(HTTPStatus.NOT_FOUND)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                target = target / "index.html"
            is_page = target.suffix == ".html" or not target.suffix
            if preview.error is not None and is_page:
                return self.send_bytes(self.inject(preview.error), "text/html; charset=utf-8")
            if not target.is_file():
                missing = preview.output / "404.html"
                body = (
                    missing.read_bytes()
                    if missing.is_file()
                    else b"<!doctype html><title>404</title>"
                )
                return self.send_bytes(
                    self.inject(body), "text/html; charset=utf-8", HTTPStatus.NOT_FOUND
                )
            body = target.read_bytes()
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if content_type == "text/html":
                body = self.inject(body)
            if content_type.startswith("text/") or content_type.endswith(
                ("json", "javascript", "xml")
            ):
                content_type += "; charset=utf-8"
            return self.send_bytes(body, content_type)

        @staticmethod
        def inject(body: bytes) -> bytes:
            return body.replace(b"</head>", SCRIPT_TAG + b"</head>", 1)

    return Handler


def watch(preview: Preview, root: Path, content: Path, stop: threading.Event, restart):
    from watchfiles import watch as watch_files

    paths = [str(p) for p in {root / name for name in WATCHED} | {content} if p.exists()]
    for changes in watch_files(
        *paths,
        stop_event=stop,
        debounce=100,
        step=20,
        rust_timeout=SEARCH_AFTER_MS,
        yield_on_timeout=True,
    ):
        if not changes:  # nothing saved for a while
            preview.index_search()
            continue
        changed = [Path(path) for _change, path in changes]
        code = [
            p
            for p in changed
            if p.suffix == ".py" and any((root / folder) in p.parents for folder in CODE_FOLDERS)
        ]
        if code:
            print(render("preview.code_changed", path=code[0].relative_to(root)))
            restart()
            return
        preview.rebuild(changed, content)


class _Server(ThreadingHTTPServer):
    # On Windows SO_REUSEADDR would let a second preview bind a port that is in use.
    allow_reuse_address = sys.platform != "win32"


class PortBusy(Exception):
    def __init__(self, port: int):
        super().__init__(render("preview.port_busy", port=port, next=port + 1))


def serve(
    root: Path = ROOT,
    output: Path | None = None,
    port: int = 8000,
    settings: Path | None = None,
    content: Path | None = None,
):
    root = Path(root)
    overrides = {}
    if content:
        overrides = {
            "PATH": str(Path(content).resolve()),
            "COLLECTION_ROOT": str(Path(content).resolve().parent),
        }
    preview = Preview(settings or root / "pelicanconf.py", output or root / "output", overrides)
    try:  # before the build, so that a busy port is said at once
        server = _Server(("localhost", port), make_handler(preview))
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", None)):
            raise
        raise PortBusy(port) from None
    preview.rebuild(parallel=True)
    preview.output.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()

    def restart():
        stop.set()
        server.shutdown()
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])

    watcher = threading.Thread(
        target=watch,
        args=(preview, root, Path(content or root / "content"), stop, restart),
        daemon=True,
    )
    watcher.start()
    print(render("preview.serving", port=port))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(render("preview.stopped"))
    finally:
        stop.set()
        server.server_close()
