"""Fingerprint a built site, to show a refactor leaves it byte-identical.

    python tools/site_digest.py build  --content content --out /tmp/site  > before.txt
    python tools/site_digest.py corpus --entries 500 --out /tmp/bench    > before.txt
    python tools/site_digest.py digest FOLDER                            > after.txt
    python tools/site_digest.py compare before.txt after.txt

Each line is ``sha256  relative/path``, sorted, so two builds compare with ``diff``. The
synthetic corpus comes from the benchmark's own generator with its fixed seed.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def digest(folder: Path) -> list[str]:
    """One ``sha256  path`` line per file under ``folder``, sorted by path."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        lines.append(
            f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        )
    return lines


def build(content: Path, output: Path) -> None:
    """Our build of ``content`` into ``output``, as the CLI runs it, without the search index:
    Pagefind names some of its files differently on every run, so they cannot be compared."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "collaborare",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
            "--no-search",
        ],
        cwd=ROOT,
        check=True,
        stdout=sys.stderr,
    )


def corpus(entries: int, output: Path) -> None:
    """Build the benchmark's synthetic collection of ``entries`` experiences into ``output``."""
    sys.path.insert(0, str(ROOT))
    try:
        from tools.bench import generate
    except ImportError:  # before the benchmark moved out of the product package
        from tools.bench import generate
    with tempfile.TemporaryDirectory() as folder:
        ours, _ = generate(entries, Path(folder))
        build(ours / "content", output)


def _read(manifest: Path) -> dict[str, str]:
    """Path -> digest, from a manifest this script printed."""
    pairs = (line.split("  ", 1) for line in manifest.read_text().splitlines() if "  " in line)
    return {path: sha for sha, path in pairs}


def compare(before: Path, after: Path) -> int:
    """Print the files that differ; 0 when the two digests are identical."""
    old, new = _read(before), _read(after)
    changed = sorted(p for p in old.keys() & new.keys() if old[p] != new[p])
    for label, paths in (
        ("only before", sorted(old.keys() - new.keys())),
        ("only after", sorted(new.keys() - old.keys())),
        ("changed", changed),
    ):
        for path in paths:
            print(f"{label}: {path}")
    print(f"{len(old)} files before, {len(new)} after, {len(changed)} changed")
    return 0 if old == new else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("build")
    made.add_argument("--content", type=Path, default=ROOT / "content")
    made.add_argument("--out", type=Path, required=True)
    synthetic = commands.add_parser("corpus")
    synthetic.add_argument("--entries", type=int, default=500)
    synthetic.add_argument("--out", type=Path, required=True)
    commands.add_parser("digest").add_argument("folder", type=Path)
    pair = commands.add_parser("compare")
    pair.add_argument("before", type=Path)
    pair.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(args.before, args.after)
    if args.command == "build":
        build(args.content.resolve(), args.out.resolve())
    elif args.command == "corpus":
        corpus(args.entries, args.out.resolve())
    print("\n".join(digest(getattr(args, "out", None) or args.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
