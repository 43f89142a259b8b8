"""Reading the whole collection: every file checked (in a process pool when it is worth
it), rendered when a build asks, and the checks across entries."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

from .budget import OverBudget, budget
from .files import scan, stamp
from .forking import can_fork, collecting, collector_paused
from .internal_links import internal_link_problems
from .markup import converter
from .messages import FIELD_BODY, FIELD_FILE
from .model import KINDS, Changes, Collection, Entry, Page
from .problems import Problem
from .rendering import DEFAULT_RENDER, RENDER_BUDGET_SECONDS, render_item
from .schema import out_of_sync, stale_message
from .validation import Checker
from .validation.collection import cross_entry_problems

CONTENT_EXTENSIONS = (".md",)
CHUNK_MOST = 48  # files per task of the read pool, at most: about 0.2 s of work


def _read_job(checker: Checker, settings, markdown, job):
    """Read, check and render one file (all within the time budget); what a worker returns."""
    path, kind = job
    documents: dict[str, tuple] = {}  # rel -> (kind, slug, Document)
    read = checker.read(path, kind, documents, markdown)
    item, problems, rendered = read.item, read.problems, None
    if item is not None:
        try:
            with budget(RENDER_BUDGET_SECONDS):
                rendered = render_item(item, read.body, settings, markdown, read.html)
        except OverBudget:
            problem = Problem(
                checker.relative(path),
                read.body_line,
                FIELD_BODY,
                "body.render_budget_typography",
                seconds=RENDER_BUDGET_SECONDS,
            )
            item, problems = None, [problem]
    return path, item, problems, documents, rendered


# Worker processes of a build's pool receive the checker once, through this initializer:
# the pool lives for one build only, so nothing outlives it.
_worker: dict[str, Any] = {}


def _init_worker(checker, settings):
    _worker["checker"], _worker["settings"] = checker, settings
    _worker["markdown"] = converter(settings.get("MARKDOWN"))
    # Forked while the parent's collector was paused: a worker makes garbage (Markdown's
    # trees), so it collects, leaving out what it inherited and keeps (vocabularies).
    gc.freeze()
    gc.enable()


def _pooled_job(job):
    return _read_job(_worker["checker"], _worker["settings"], _worker["markdown"], job)


def _read_all(jobs, checker, settings, workers):
    """Results in the order of ``jobs``; in a process pool when it is worth it."""
    settings = settings or DEFAULT_RENDER
    if workers <= 1 or len(jobs) < 64 or not can_fork():
        markdown = converter(settings.get("MARKDOWN"))
        with collecting():  # Markdown's trees hold reference cycles
            return [_read_job(checker, settings, markdown, job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_init_worker,
        initargs=(checker, settings),
    ) as pool:
        return list(pool.map(_pooled_job, jobs, chunksize=_chunk_size(len(jobs), workers)))


def _chunk_size(jobs: int, workers: int) -> int:
    """Files per task sent to a worker: enough to keep messages few, small enough that the
    last task (one worker busy, the others done) is short. At 10,000 entries, a sixteenth
    of them per task left one worker alone for up to 2.5 s at the end."""
    return max(1, min(CHUNK_MOST, jobs // (workers * 8)))


def check_collection(
    content_dir: Path,
    checker: Checker,
    paths=None,
    render=None,
    workers: int = 1,
    cache: dict | None = None,
) -> Collection:
    """Read and check every content file, then the links between entries.

    ``paths`` limits the per-file report to those files, while the cross-entry
    checks (duplicate slugs, related) still see the whole collection. With ``render``
    (see rendering.render_settings), valid files are also turned into HTML, in ``workers``
    processes. With ``cache`` (the preview's, see incremental.py), files unchanged since the
    last build are not read again.
    """
    content_dir = Path(content_dir).resolve()
    with collector_paused():  # see core/forking.py; reading in this process collects
        return _checked(content_dir, checker, paths, render, workers, cache)


def _checked(content_dir, checker, paths, render, workers, cache) -> Collection:
    entries, pages, documents, rendered = [], [], {}, {}
    wanted = {Path(p).resolve() for p in paths} if paths else None
    jobs, problems, files, backups = _jobs(content_dir, checker)
    # Stamps tell the preview's cache which files changed; other runs need none.
    stamps = (
        {os.path.abspath(path): stamp(path) for path, _kind in jobs} if cache is not None else {}
    )
    results, changes = _read_cached(jobs, checker, render, workers, cache, stamps)
    for path, item, found, documents_of_file, html in results:
        documents.update(documents_of_file)
        if wanted is None or path.resolve() in wanted:
            problems.extend(found)
        if isinstance(item, Entry):
            entries.append(item)
        elif isinstance(item, Page):
            pages.append(item)
        if html is not None:
            rendered[os.path.abspath(path)] = html
    problems.extend(cross_entry_problems(documents, checker.relative))
    # Plain links in bodies need the valid entries too: which facet pages the build makes.
    problems.extend(internal_link_problems(documents, entries, checker.files, content_dir))
    if wanted is not None:
        rels = {checker.relative(p) for p in wanted}
        problems = [p for p in problems if p.path in rels]
    problems.extend(_data_problems(checker))
    collection = Collection(entries, pages, sorted(set(problems)), files, rendered, stamps, changes)
    collection.backups = backups
    return collection


def _jobs(content_dir: Path, checker: Checker):
    """(path, kind) of every content file to read, the problems of the files that are not
    content, how many files the walk found and the editor backups it left out (reported,
    not read). Sets ``checker.files`` from the walk."""
    found = scan(content_dir)
    problems = [
        Problem(checker.relative(path), 1, FIELD_FILE, refused.code, **refused.params)
        for path, refused in found.refused
    ]
    checker.files = set(found.documents) | set(found.statics)
    jobs = []
    for path in found.documents:
        rel_parent = path.parent.relative_to(content_dir).parts
        if path.suffix not in CONTENT_EXTENSIONS:
            code = "file.not_content" if path.suffix else "file.no_extension"
            problems.append(
                Problem(checker.relative(path), 1, FIELD_FILE, code, suffix=path.suffix)
            )
            continue
        jobs.append((path, KINDS.get(path.parent.name) if len(rel_parent) == 1 else None))
    backups = [checker.relative(path) for path in found.backups]
    return jobs, problems, len(found.documents), backups


def _data_problems(checker: Checker) -> list[Problem]:
    """Problems of the data files: data/organizzazioni.yaml, and a schema out of sync."""
    problems = [
        Problem(checker.relative(path), line, name, found.code, **found.params)
        for path, line, name, found in checker.vocab.organization_problems
    ]
    stale = out_of_sync(checker.committed_schema, checker.vocab)
    if stale:
        code, params = stale_message(stale)
        problems.append(Problem("schema/entry.schema.json", 1, "$defs", code, **params))
    return problems


def _read_cached(jobs, checker, render, workers, cache, stamps):
    """_read_all, taking from ``cache`` the results of files whose stamp has not changed.

    A result also depends on the files its links name existing, so those are checked again.
    """
    if cache is None:
        return _read_all(jobs, checker, render, workers), None
    results, kept, missing = {}, {}, []
    for job in jobs:
        hit = cache.get(job)
        if (
            hit is not None
            and hit[0] == stamps[os.path.abspath(job[0])]
            and all(target in checker.files for target in hit[2])
        ):
            results[job], kept[job] = hit[1], hit
        else:
            missing.append(job)
    changes = Changes(
        reread=[
            (os.path.abspath(job[0]), cache[job][1][1] if job in cache else None) for job in missing
        ],
        forgotten=len(set(cache) - set(jobs)),
    )
    for job, result in zip(missing, _read_all(missing, checker, render, workers), strict=False):
        results[job] = result
        _path, item, problems, documents, _html = result
        if item is not None and not problems:  # only a clean result stays true unchanged
            targets = [
                target
                for _kind, _slug, document in documents.values()
                for _line, _what, target in document.links
            ]
            kept[job] = (stamps[os.path.abspath(job[0])], result, targets)
    cache.clear()  # files deleted or broken since are forgotten
    cache.update(kept)
    return [results[job] for job in jobs], changes
