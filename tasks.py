"""Tasks for building, checking and previewing the collection: run `invoke --list`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Task, task
from invoke.parser import Argument

from collaborare.core.messages import render

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PREVIEW_PORT = 8000


def _cli(*args: str):
    from collaborare.site.cli import main

    code = main(list(args))
    if code:
        raise SystemExit(code)


class _Files(Argument):
    """A positional argument taking any number of words, none included: `invoke check A B`.

    Invoke's own positional arguments are required and take one word each. Its parser
    gives a task's next word to a positional argument whose value is None, then fails if
    one is still None when the task's words end; so this one reads as None while words
    are being handed out and as the list of files otherwise (at the end, and for the task).
    --paths FILE keeps working: a flag's value is appended like any other.
    """

    @property
    def value(self):
        # Who asks, skipping a list comprehension's own frame (Python 3.11).
        frame = sys._getframe(1)
        if frame.f_code.co_name == "<listcomp>":
            frame = frame.f_back
        asking = frame.f_code.co_name
        if asking == "see_positional_arg" or (
            asking == "missing_positional_args"
            and frame.f_back is not None
            and frame.f_back.f_code.co_name != "complete_context"
        ):
            return None
        return self._value

    @value.setter
    def value(self, word):
        self.set_value(word)

    def set_value(self, value, cast=True):
        self.raw_value = value
        self._value = [*self._value, value]


class _FilesTask(Task):
    def get_arguments(self, ignore_unknown_help=None):
        return [
            _Files(names=arg.names, kind=list, help=arg.help, positional=True)
            if arg.name == "paths"
            else arg
            for arg in super().get_arguments(ignore_unknown_help)
        ]


@task(
    klass=_FilesTask,
    help={
        "paths": "File da controllare, per esempio invoke check content/esperienze/x.md "
        "(tutte le schede se non ne indichi)."
    },
    iterable=["paths"],
)
def check(c, paths=None):
    """Controlla tutte le schede (o i file indicati) senza costruire il sito: invoke check [FILE ...]."""
    _cli("check", *(paths or []))


@task
def build(c):
    """Costruisce il sito in output/ (un solo problema la ferma e lascia output/ com'era)."""
    _cli("build")
    print(
        render(
            "tasks.build_done",
            index=OUTPUT / "index.html",
            port=PREVIEW_PORT,
        )
    )


@task
def publish(c):
    """Costruisce il sito da pubblicare con publishconf.py; serve SITEURL, per esempio SITEURL=https://org.github.io/collaborare invoke publish."""
    _cli("publish")


@task(
    help={
        "kind": "esperienza, riflessione o strumento",
        "title": "Il titolo, in italiano",
        "summary": "Sommario in testo semplice, da 20 a 300 caratteri",
        "tag": "Un tema (ripeti per altri), per esempio --tag coesione-sociale",
        "territory": "Un luogo (ripeti per altri): Bergamo, Lombardia, nazionale, comune=Samone,provincia=TO o area=Brianza,provincia=MB",
        "actor": "Un tipo di soggetto (ripeti per altri), per esempio --actor terzo-settore",
        "slug": "Nome del file senza .md (predefinito: dal titolo)",
        "date": "Giorno in cui la scheda entra nella collezione, AAAA-MM-GG (predefinito: oggi)",
        "status": "draft (bozza, predefinito) o published",
    },
    iterable=["tag", "territory", "actor"],
)
def new(
    c,
    kind,
    title,
    summary=None,
    tag=None,
    territory=None,
    actor=None,
    slug=None,
    date=None,
    status="draft",
):
    """Crea una nuova scheda con tutti i campi, per esempio invoke new esperienza "Titolo"; chiede ciò che manca."""
    from collaborare.core.scaffold import Console, ScaffoldError, create, next_steps
    from collaborare.site.build import check as check_content

    # On a terminal, missing or wrong values are asked for; elsewhere (CI, scripts) never.
    console = Console(input, print) if sys.stdin.isatty() else None
    try:
        path = create(
            ROOT,
            kind,
            title,
            summary=summary,
            tags=tag or [],
            territories=territory or [],
            actors=actor or [],
            slug=slug,
            date=date,
            status=status,
            console=console,
        )
    except ScaffoldError as error:
        raise SystemExit(f"invoke new: {error}") from None
    print(next_steps(path, ROOT, status))
    problems = check_content(ROOT, [path]).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)


@task
def report(c):
    """Rapporto per la redazione: schede per tema, regione, tipo di soggetto e anno; completezza; voci inutilizzate; schede da aggiornare; collegamenti esterni."""
    import datetime as dt

    from collaborare.core.report import build_report, render_text
    from collaborare.core.vocab import Vocabulary
    from collaborare.site.build import check as check_content

    collection = check_content(ROOT)
    for problem in collection.problems:
        print(problem, file=sys.stderr)
    print(render_text(build_report(collection, Vocabulary.load(), dt.date.today())), end="")


@task
def clean(c):
    """Toglie output/, le cache e quello che le costruzioni interrotte hanno lasciato accanto a output/."""
    from collaborare.site.build import staging_folders

    for path in (OUTPUT, ROOT / ".cache", *staging_folders(OUTPUT)):
        shutil.rmtree(path, ignore_errors=True)
    print(render("tasks.clean_done"))


@task
def schema(c):
    """Riscrive in schema/entry.schema.json gli elenchi di temi, tipi di soggetto, organizzazioni e ruoli a partire da data/."""
    import json

    from collaborare.core.schema import SCHEMA_PATH, load_schema, with_vocabularies
    from collaborare.core.vocab import Vocabulary

    updated = with_vocabularies(load_schema(), Vocabulary.load())
    SCHEMA_PATH.write_text(
        json.dumps(updated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(render("tasks.schema_done", path=SCHEMA_PATH.relative_to(ROOT)))


@task(help={"port": f"Porta su cui mostrare il sito (predefinita {PREVIEW_PORT})."})
def preview(c, port=PREVIEW_PORT):
    """Costruisce e mostra il sito su localhost; lo ricostruisce e ricarica il browser a ogni modifica di schede, tema, plugin, dati o impostazioni."""
    _cli("preview", "--port", str(port))


@task(
    help={
        "folder": "Sito costruito da controllare (predefinito output/).",
        "site_url": "L'indirizzo assoluto della costruzione (predefinito http://localhost:8000, quello locale).",
    }
)
def linkcheck(c, folder=None, site_url="http://localhost:8000"):
    """Controlla ogni collegamento interno, #frammento, file, feed e indirizzo della sitemap del sito costruito; elenca i collegamenti esterni."""
    from collaborare.site.linkcheck import check_links

    site = Path(folder) if folder else OUTPUT
    if not (site / "index.html").is_file():
        raise SystemExit(render("linkcheck.no_site", folder=site))
    report = check_links(site, site_url)
    for page, link, reason in report.broken:
        print(f"{page}: {link}: {reason}", file=sys.stderr)
    print(
        render(
            "linkcheck.summary",
            internal=report.internal,
            broken=len(report.broken),
            external=len(report.external),
        )
    )
    for link in report.external:
        print(f"  {link}")
    if report.broken:
        raise SystemExit(1)


@task(
    help={
        "entries": "Esperienze sintetiche da generare (predefinito 1000); ripetilo per più misure",
        "record": "Aggiunge i risultati a docs/benchmarks.json e ridisegna il grafico della forma scelta",
        "preview": "Misura anche la ricostruzione dell'anteprima dopo un singolo salvataggio",
        "shape": "Corpus: 'synthetic' (predefinito, testi lunghi alla Zipf) o 'real' (come content/esperienze)",
        "corpus": "Come --shape",
        "search": "Misura anche l'indice di ricerca (--no-search: senza Pagefind né browser)",
    },
    iterable=["entries"],
)
def bench(c, entries=None, record=False, preview=False, shape=None, corpus=None, search=True):
    """Confronta la velocità della costruzione con Pelican senza plugin (e Hugo) su N esperienze generate, in una cartella temporanea."""
    import json

    from tools.bench import SHAPES, merge_records, shape_of
    from tools.bench import bench as run_bench
    from tools.bench import report as bench_report

    shape = shape or corpus or "synthetic"
    if shape not in SHAPES:
        raise SystemExit(f"--shape: one of {', '.join(SHAPES)}, not {shape!r}")
    results = []
    for count in [int(n) for n in (entries or ["1000"])]:
        result = run_bench(count, preview=preview, shape=shape, search=search)
        print(bench_report(result), flush=True)
        results.append(result)
    if record:
        from tools.benchchart import CHARTS, TITLES, write_chart

        store = ROOT / "docs" / "benchmarks.json"
        recorded = json.loads(store.read_text()) if store.exists() else []
        recorded = merge_records(recorded, results)
        store.write_text(json.dumps(recorded, indent=1) + "\n")
        chart = CHARTS[shape]
        write_chart(
            [r for r in recorded if shape_of(r) == shape], ROOT / "docs" / chart, TITLES[shape]
        )
        print(render("tasks.bench_recorded", path=store.relative_to(ROOT), chart=chart))


@task(
    help={
        "fast": "Salta i test nel browser, il confronto di velocità e le costruzioni più lunghe (-m 'not browser and not slow'), su tutti i core"
    }
)
def test(c, fast=False):
    """Esegue tutti i test; gli argomenti di pytest vanno dopo --, per esempio invoke test --fast -- -k validation."""
    import os
    import shlex
    import subprocess

    args = [sys.executable, "-m", "pytest"]
    if fast:
        args += ["-m", "not browser and not slow"]
        if (os.cpu_count() or 1) > 1:  # pytest-xdist: one worker per core
            args += ["-n", "auto"]
    args += shlex.split(c.remainder or "", posix=sys.platform != "win32")
    code = subprocess.run(args, check=False).returncode
    if code:
        raise SystemExit(code)


# Each check of `invoke lint`: (what it checks, the command). Paths are relative to ROOT.
LINTERS = (
    ("stile e errori del codice (ruff)", ["ruff", "check", "."]),
    ("formattazione del codice (ruff format)", ["ruff", "format", "--check", "."]),
    ("tipi del nucleo (mypy)", ["mypy"]),
    (
        "rientri dei modelli HTML (djhtml)",
        ["djhtml", "--check", "--tabwidth", "2", "theme/templates"],
    ),
    ("livelli del codice (import-linter)", ["lint-imports", "--no-cache"]),
)


@task
def lint(c):
    """Controlla il codice: ruff, formattazione, tipi (mypy) e livelli; serve l'extra [lint]."""
    import subprocess

    failed = []
    for what, command in LINTERS:
        program = Path(sys.executable).with_name(command[0])
        if not program.exists() and not shutil.which(command[0]):
            raise SystemExit(
                f"{command[0]} non è installato: esegui pip install -e '.[lint]' e riprova."
            )
        runnable = [str(program) if program.exists() else command[0], *command[1:]]
        print(f"-- {what}", flush=True)
        if subprocess.run(runnable, cwd=ROOT, check=False).returncode:
            failed.append(what)
    if failed:
        raise SystemExit("Controlli non superati: " + "; ".join(failed) + ".")
    print("Codice in ordine: tutti i controlli superati.")
