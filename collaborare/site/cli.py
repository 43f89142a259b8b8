"""Command line for checks and builds: `python -m collaborare check|build|publish`.

tasks.py calls this too, so `invoke check` and the tests exercise the same code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from collaborare.core.files import backups_note
from collaborare.core.messages import count, render
from collaborare.core.vocab import DataError

from .build import ROOT, build, check

PUBLISH_NEEDS_SITEURL = render("cli.publish_needs_siteurl")


def _print_problems(problems, github: bool):
    for problem in problems:
        print(problem, file=sys.stderr)
        if github:
            print(problem.github_annotation())


def _print_backups(collection) -> None:
    """Editor backups are left out, never silently (collaborare/core/files.py)."""
    note = backups_note(collection.backups)
    if note:
        print(note)


def run_check(root: Path, paths, github: bool) -> int:
    missing = [p for p in paths or [] if not Path(p).is_file()]
    for path in missing:
        print(render("cli.file_not_found", path=path), file=sys.stderr)
    if missing:
        return 1
    collection = check(root, [Path(p) for p in paths] if paths else None)
    _print_problems(collection.problems, github)
    if collection.problems:
        _print_backups(collection)
        found = count(len(collection.problems), "problem")
        print(render("cli.problems_found", count=found), file=sys.stderr)
        return 1
    _print_backups(collection)
    checked = len(paths) if paths else collection.files
    print(render("cli.ok", count=count(checked, "content file")))
    return 0


def run_build(settings_file: Path, output: Path | None, github: bool, overrides=None) -> int:
    result = build(settings_file, output, overrides)
    _print_problems(result.problems, github)
    for message in result.build_errors:
        print(message, file=sys.stderr)
    if not result.ok:
        print(result.summary(), file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m collaborare",
        description="Controlla le schede, costruisce il sito o ne mostra l'anteprima.",
    )
    parser.add_argument(
        "--github",
        action="store_true",
        default=None,
        help="stampa anche le annotazioni di GitHub Actions (predefinito: se GITHUB_ACTIONS=true)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="controlla le schede senza costruire il sito")
    check_parser.add_argument(
        "paths", nargs="*", help="file da controllare (predefinito: tutte le schede)"
    )
    check_parser.add_argument("--root", type=Path, default=ROOT, help="cartella del progetto")
    helps = {
        "build": "costruisce il sito; un solo problema la ferma",
        "publish": "costruisce il sito da pubblicare (con publishconf.py)",
    }
    for name in ("build", "publish"):
        sub = commands.add_parser(name, help=helps[name])
        sub.add_argument(
            "--settings",
            type=Path,
            default=ROOT / ("pelicanconf.py" if name == "build" else "publishconf.py"),
        )
        sub.add_argument("--output", type=Path, default=None)
        sub.add_argument(
            "--content",
            type=Path,
            default=None,
            help="cartella delle schede (predefinito: PATH delle impostazioni)",
        )
        sub.add_argument(
            "--no-search",
            action="store_true",
            help="senza l'indice di ricerca di Pagefind (i confronti di velocità lo misurano a parte)",
        )
    preview = commands.add_parser(
        "preview", help="mostra il sito e lo ricostruisce a ogni salvataggio"
    )
    preview.add_argument("--port", type=int, default=8000)
    preview.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    preview.add_argument("--output", type=Path, default=ROOT / "output")
    preview.add_argument("--content", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "preview":
        from .preview import PortBusy, serve

        try:
            serve(ROOT, args.output, args.port, args.settings, args.content)
        except PortBusy as busy:
            print(busy, file=sys.stderr)
            return 1
        return 0
    if args.command == "publish" and not os.environ.get("SITEURL", "").strip():
        print(PUBLISH_NEEDS_SITEURL, file=sys.stderr)
        return 1
    github = os.environ.get("GITHUB_ACTIONS") == "true" if args.github is None else args.github
    try:
        return _run(args, github)
    except DataError as error:  # a vocabulary of data/: said in Italian, never a traceback
        print(error, file=sys.stderr)
        return 1


def _run(args, github: bool) -> int:
    if args.command == "check":
        return run_check(args.root, args.paths, github)
    overrides = {}
    if args.content:
        overrides = {
            "PATH": str(args.content.resolve()),
            "COLLECTION_ROOT": str(args.content.resolve().parent),
        }
    if args.no_search:
        overrides["SEARCH_INDEX"] = False
    return run_build(args.settings, args.output, github, overrides)
