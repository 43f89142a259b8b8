"""Issue 14: what a stranger's pull request must not achieve, one test per finding.

Each test fails on the commit where the issue was filed: there the check said OK (or
hung) and the build published the file, ran for ever or failed without a line.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from collaborare.core.problems import Problem
from collaborare.core.validation import file as file_phase
from collaborare.site import build as build_module
from helpers import PERIOD, entry_text, problems_of

JPEG = b"\xff\xd8\xff\xe0" + bytes(60)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(60)


def published_files(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


# -- 1. Markdown links that publish files from outside content/ -----------------------------


@pytest.mark.parametrize(
    "link",
    [
        "{attach}../../.git/config",
        "{attach}../../../../../../../../../../../../../../proc/self/environ",
        "{static}/../.git/config",
        "|attach|../../.git/config",
        "{attach}..%2F..%2F.git%2Fconfig",
    ],
)
def test_a_link_out_of_content_is_refused_and_nothing_is_published(project, link):
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[http] extraheader = SEGRETO\n")
    project.write(
        "esperienze/allegato.md",
        entry_text(body=f"Scarica [il documento]({link}).\n"),
        dedent=False,
    )
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        "content/esperienze/allegato.md:11: testo: il collegamento "
    ), found
    assert "porta fuori da content/" in found[0] or "non porta a nessun file" in found[0]
    result = project.build()
    assert not result.ok and not (project.root / "output").exists()


def test_static_links_reach_only_pictures_and_documents(project):
    project.write("esperienze/altra.md", entry_text(title="Altra scheda"), dedent=False)
    project.write(
        "esperienze/a.md", entry_text(body="[x]({static}../esperienze/altra.md)\n"), dedent=False
    )
    assert problems_of(project) == [
        "content/esperienze/a.md:11: testo: il collegamento {static}../esperienze/altra.md porta "
        "fuori da content/immagini/ o content/extra/; collega solo file che stanno in "
        "content/immagini/ o content/extra/"
    ]


def test_a_valid_attach_link_to_a_picture_is_published(project):
    (project.content / "immagini").mkdir()
    (project.content / "immagini" / "foto.png").write_bytes(PNG)
    project.write(
        "esperienze/foto.md",
        entry_text(
            body="## Che cosa\n\n![Un orto]({attach}../immagini/foto.png)\n\n## Chi\n\nUn gruppo.\n",
            extra=PERIOD,
        ),
        dedent=False,
    )
    assert problems_of(project) == []
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, result.build_errors
    assert (result.output / "esperienze" / "foto" / "foto.png").read_bytes() == PNG


def test_the_build_guard_refuses_a_static_file_from_outside_content(tmp_path):
    from collaborare.plugins.content_guard import UnsafeStaticFile, refuse_unchecked_statics

    content = tmp_path / "content"
    (content / "immagini").mkdir(parents=True)
    (content / "immagini" / "ok.png").write_bytes(PNG)
    (tmp_path / "segreto.png").write_bytes(PNG)
    generator = SimpleNamespace(
        path=str(content),
        staticfiles=[
            SimpleNamespace(source_path=str(content / "immagini" / "ok.png")),
            SimpleNamespace(source_path=str(content / "immagini" / ".." / ".." / "segreto.png")),
        ],
    )
    with pytest.raises(UnsafeStaticFile) as raised:
        refuse_unchecked_statics(generator)
    assert len(raised.value.messages) == 1 and "segreto.png" in raised.value.messages[0]


# -- 2. Symbolic links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("immagini/logo.png", "/etc/passwd"),
        ("immagini/config.txt", "../../.git/config"),
        ("esperienze/fuori.md", "../../fuori.md"),
        ("esperienze/giro.md", "giro.md"),
    ],
)
def test_a_symlink_anywhere_in_content_is_refused_with_its_path(project, name, target):
    (project.root / "fuori.md").write_text(entry_text(), encoding="utf-8")
    link = project.content / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    assert problems_of(project) == [
        f"content/{name}:1: file: è un collegamento simbolico (symlink), che il sito non "
        "pubblica; metti al suo posto il file vero, oppure toglilo"
    ]
    assert not project.build().ok


def test_a_symlinked_folder_is_refused_and_not_walked(project, tmp_path):
    outside = tmp_path / "fuori"
    outside.mkdir()
    (outside / "id_rsa").write_text("chiave")
    (project.content / "immagini").mkdir()
    (project.content / "immagini" / "cartella").symlink_to(outside)
    assert problems_of(project) == [
        "content/immagini/cartella:1: file: è un collegamento simbolico (symlink), che il sito "
        "non pubblica; metti al suo posto il file vero, oppure toglilo"
    ]


# -- 3. Static files that would run script on the site's origin -----------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "immagini/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "i file SVG non sono ammessi, perché possono contenere script; salva l'immagine come PNG o "
            "JPEG",
        ),
        (
            "extra/pagina.html",
            b"<script>alert(3)</script>",
            "i file .html non sono ammessi, perché possono eseguire script sul sito; scrivi una pagina "
            "in content/pages/ in Markdown",
        ),
        (
            "immagini/finta.png",
            b"<html><script>alert(1)</script>",
            "il contenuto non è un file PNG (l'estensione non corrisponde); salvalo di nuovo nel "
            "formato giusto",
        ),
        (
            "immagini/nota.txt",
            b"testo",
            "i file .txt non sono ammessi in content/immagini/; usa .jpg, "
            ".jpeg, .png, .gif, .webp, .avif",
        ),
    ],
)
def test_static_files_are_allow_listed_by_type(project, name, data, message):
    path = project.content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    assert problems_of(project) == [f"content/{name}:1: file: {message}"]


# -- 4. YAML aliases ------------------------------------------------------------------------


def test_yaml_anchors_and_aliases_are_refused_before_they_expand(project):
    laughs = ['lol0: &a0 "lol"'] + [
        f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 7)
    ]
    project.write("esperienze/risate.md", entry_text(extra="\n".join(laughs) + "\n"), dedent=False)
    assert problems_of(project) == [
        "content/esperienze/risate.md:9: intestazione: ancore e alias YAML (&nome, *nome) non "
        "sono ammessi; scrivi ogni valore per esteso"
    ]


# -- 5. Bodies that take quadratic time -----------------------------------------------------


def test_a_body_that_renders_too_slowly_is_a_problem_not_a_stalled_build(project, monkeypatch):
    monkeypatch.setattr(file_phase, "RENDER_BUDGET_SECONDS", 0.2)
    project.write("esperienze/parentesi.md", entry_text(body="[" * 20_000 + "\n"), dedent=False)
    assert problems_of(project) == [
        "content/esperienze/parentesi.md:11: testo: il testo richiede più di 0.2 secondi per "
        "essere impaginato, di solito per una lunga sequenza di [ * _ ` o < senza chiusura; togli "
        "i simboli ripetuti o dividi il testo"
    ]
    assert not project.build().ok


def test_the_budget_also_stops_work_in_another_thread():
    from collaborare.core.budget import OverBudget, budget
    from collaborare.core.markup import render

    outcome = []

    def run():
        try:
            with budget(0.2):
                render("[" * 20_000)
            outcome.append("finished")
        except OverBudget:
            outcome.append("stopped")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert outcome == ["stopped"]


# -- 6. Characters, CSV formulas, annotations, and what check passed and build refused -------


@pytest.mark.parametrize(
    ("field_line", "value", "message"),
    [
        (
            'summary: "Un sommario lungo abbastanza \\uFFFF per la scheda."',
            3,
            "contiene U+FFFF, che non è un carattere di testo; cancellalo",
        ),
        (
            'title: "Titolo \\x01 di prova"',
            2,
            "contiene il carattere di controllo U+0001, che non può stare in un testo; cancellalo "
            "(arriva spesso copiando da un PDF o da un foglio di calcolo)",
        ),
        (
            'title: "Titolo \\u202Eovitta"',
            2,
            "contiene il carattere invisibile U+202E (RIGHT-TO-LEFT OVERRIDE), che nasconde, sposta o "
            "capovolge il testo; cancellalo",
        ),
    ],
)
def test_forbidden_characters_in_fields_are_refused_with_their_line(
    project, field_line, value, message
):
    key = field_line.split(":")[0]
    text = entry_text()
    text = "\n".join(
        field_line if line.startswith(f"{key}:") else line for line in text.split("\n")
    )
    project.write("esperienze/car.md", text, dedent=False)
    assert problems_of(project) == [f"content/esperienze/car.md:{value}: {key}: {message}"]


def test_control_characters_in_the_body_are_refused_with_their_line(project):
    project.write(
        "esperienze/car.md",
        entry_text(body="Riga buona.\nRiga \x0c con salto pagina.\n"),
        dedent=False,
    )
    assert problems_of(project) == [
        "content/esperienze/car.md:12: testo: contiene il carattere di controllo U+000C, che non "
        "può stare in un testo; cancellalo (arriva spesso copiando da un PDF o da un foglio di "
        "calcolo)"
    ]


def test_open_data_csv_cells_never_start_a_formula(project):
    project.write(
        "esperienze/formula.md",
        entry_text(
            title='\'=HYPERLINK("https://evil.example/x","Clicca")\'',
            extra='authors:\n  - "+cmd|\' /C calc\'!A0"\n  - "@SUM(1+1)"\n',
        ),
        dedent=False,
    )
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    text = (result.output / "dati" / "esperienze.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["authors"] == "'+cmd|' /C calc'!A0;@SUM(1+1)"
    for value in row.values():
        assert value[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_annotations_escape_file_names_and_problem_lines_show_control_characters():
    problem = Problem(
        "content/esperienze/x\n::error file=README.md,line=1::FORGED\n.md",
        1,
        "nome del file",
        "body.empty",
    )
    annotation = problem.github_annotation()
    assert "\n" not in annotation
    assert annotation == (
        "::error file=content/esperienze/x%0A%3A%3Aerror file=README.md%2C"
        "line=1%3A%3AFORGED%0A.md,line=1::nome del file: il testo dopo l'intestazione è vuoto; "
        "scrivi la scheda sotto la riga '---' di chiusura"
    )
    assert "\n" not in str(problem)
    comma = Problem("content/esperienze/a,line=999,title=FORGED.md", 1, "file", "file.empty")
    assert comma.github_annotation().startswith(
        "::error file=content/esperienze/a%2Cline=999%2Ctitle=FORGED.md,line=1::"
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"esperienze/img.md": entry_text(body="![](https://sito.example/x.png)\n")},
            [
                "content/esperienze/img.md:11: testo: le immagini da altri siti non sono ammesse; salva "
                "l'immagine in content/immagini/ e scrivi {static}/immagini/nome.jpg; scrivi il testo in "
                "Markdown (vedi CONTRIBUTING.md), senza script, stili, frame, moduli o gestori di eventi",
                "content/esperienze/img.md:11: testo: un'immagine senza testo alternativo: descrivila tra "
                "le parentesi quadre, ![che cosa mostra](...); scrivi il testo in Markdown (vedi "
                "CONTRIBUTING.md), senza script, stili, frame, moduli o gestori di eventi",
            ],
        ),
        (
            {"pages/dati.md": "---\ntitle: Dati\n---\nTesto.\n"},
            [
                "content/pages/dati.md:1: slug: 'dati' è l'indirizzo di una sezione del sito; scegli un "
                "altro slug (o un altro nome di file) per questa pagina"
            ],
        ),
        (
            {"pages/p.md": "---\ntitle: Pagina\nslug: esperienze\n---\nTesto.\n"},
            [
                "content/pages/p.md:3: slug: 'esperienze' è l'indirizzo di una sezione del sito; scegli "
                "un altro slug (o un altro nome di file) per questa pagina"
            ],
        ),
        (
            {"pages/p.md": "---\ntitle: Pagina\ntemplate: entry\n---\nTesto.\n"},
            ["content/pages/p.md:3: template: 'entry' non è ammesso; usa uno di: 'page'"],
        ),
        (
            {"esperienze/foo.md": entry_text(body="[x]({foo}bar)\n")},
            [
                "content/esperienze/foo.md:11: testo: l'indicatore {foo} non è ammesso; usa {filename} per "
                "le schede e le pagine, {static} per immagini e documenti"
            ],
        ),
        (
            {"esperienze/fuori.md": entry_text(body="[x]({filename}/../../etc/passwd)\n")},
            [
                "content/esperienze/fuori.md:11: testo: il collegamento {filename}/../../etc/passwd porta "
                "fuori da content/esperienze/ o content/riflessioni/ o content/strumenti/ o content/pages/; "
                "collega solo file che stanno in content/esperienze/ o content/riflessioni/ o "
                "content/strumenti/ o content/pages/"
            ],
        ),
    ],
)
def test_what_the_build_refused_without_a_line_the_check_refuses_first(project, files, expected):
    for name, text in files.items():
        project.write(name, text, dedent=False)
    assert problems_of(project) == expected
    result = project.build(SEARCH_INDEX=False)
    assert not result.ok and result.build_errors == []  # refused by the check, before Pelican


# -- 8. Smaller holes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[x](java&#x09;script:alert(1))\n",
            "11: testo: gli indirizzi javascript: non sono ammessi in <a>",
        ),
        (
            "[x](&#106;avascript:alert(1))\n",
            "11: testo: gli indirizzi javascript: non sono ammessi in <a>",
        ),
        (
            'Testo\n{: onclick="alert(1)" }\n',
            "12: testo: l'attributo 'onclick' su <p> non è ammesso",
        ),
        (
            "Prima riga.\n\n<!--><img src=x onerror=alert(1)>-->\n",
            "13: testo: questo HTML non è ben formato o nasconde qualcosa che il sito toglierebbe",
        ),
        (
            "Paragrafo\n{: #contenuto }\n",
            "12: testo: l'id 'contenuto' è già usato dalla pagina intorno al testo; scegline un altro",
        ),
    ],
)
def test_html_the_sanitizer_would_change_is_reported_with_its_line(project, body, expected):
    project.write("esperienze/x.md", entry_text(body=body), dedent=False)
    assert problems_of(project) == [
        f"content/esperienze/x.md:{expected}; scrivi il testo in Markdown (vedi CONTRIBUTING.md), "
        "senza script, stili, frame, moduli o gestori di eventi"
    ]


def test_a_heading_named_like_a_template_id_gets_another_id(project):
    project.write(
        "esperienze/x.md",
        entry_text(body="## In sintesi\n\nTesto.\n\n## Chi\n\nUn gruppo.\n", extra=PERIOD),
        dedent=False,
    )
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    page = (result.output / "esperienze" / "x" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="in-sintesi"') == 1 and 'id="in-sintesi-testo"' in page


@pytest.mark.parametrize(
    ("extra", "date", "expected"),
    [
        ("", "9999-12-31", "4: date: 9999-12-31 non è plausibile"),
        ("", "0001-01-01", "4: date: 0001-01-01 non è plausibile"),
        (
            "period:\n  start: '0000'\n",
            "2026-01-10",
            "10: period.start: l'anno 0000 non è plausibile",
        ),
    ],
)
def test_implausible_dates_are_refused(project, extra, date, expected):
    project.write("esperienze/d.md", entry_text(extra=extra, date=date), dedent=False)
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(f"content/esperienze/d.md:{expected}"), found


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"\\u200B\\u200B\\u200B"', "contiene il carattere invisibile U+200B (ZERO WIDTH SPACE)"),
        ('"   "', "ha solo 0 caratteri visibili (gli spazi non contano); scrivine almeno 3"),
    ],
)
def test_invisible_and_blank_titles_are_refused(project, title, message):
    project.write("esperienze/t.md", entry_text(title=title), dedent=False)
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        "content/esperienze/t.md:2: title: " + message
    ), found


def test_a_page_slug_of_the_wrong_type_is_reported_not_raised(project):
    project.write("pages/p.md", "---\ntitle: Pagina\nslug: [dati]\n---\nTesto.\n")
    assert problems_of(project) == [
        "content/pages/p.md:3: slug: atteso testo, trovato un elenco; scrivi il nome del file "
        "della scheda senza .md, per esempio genitori-adesso"
    ]


def test_a_plain_comparison_in_a_title_is_text_not_html(project):
    project.write("esperienze/t.md", entry_text(title="Quando il costo < reddito"), dedent=False)
    assert problems_of(project) == []


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("javascript:alert(1)", "un'immagine da un altro sito non è ammessa"),
        (
            "../../../../etc/passwd",
            "'../../../../etc/passwd' non è un'immagine di content/immagini/",
        ),
        ("immagini/manca.jpg", "il file content/immagini/manca.jpg non esiste"),
    ],
)
def test_the_image_field_must_name_a_picture_of_the_collection(project, image, message):
    project.write(
        "esperienze/i.md",
        entry_text(extra=f"image: '{image}'\nimage_alt: Una foto\nimage_credit: Foto mia\n"),
        dedent=False,
    )
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        f"content/esperienze/i.md:9: image: {message}"
    ), found


def test_a_drafts_slug_never_reaches_the_open_data(project):
    project.write(
        "esperienze/bozza.md", entry_text(title="Una bozza", extra="status: draft\n"), dedent=False
    )
    project.write("esperienze/pubblica.md", entry_text(extra="related:\n  - bozza\n"), dedent=False)
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    data = json.loads((result.output / "dati" / "esperienze.json").read_text(encoding="utf-8"))
    assert [entry["related"] for entry in data["entries"]] == [[]]
    assert "bozza" not in (result.output / "dati" / "esperienze.csv").read_text(encoding="utf-8")


def test_a_published_link_to_a_draft_is_refused(project):
    project.write(
        "esperienze/bozza.md", entry_text(title="Una bozza", extra="status: draft\n"), dedent=False
    )
    project.write(
        "esperienze/p.md",
        entry_text(
            body="## Che cosa\n\nVedi [la bozza]({filename}bozza.md).\n\n## Chi\n\nUn gruppo.\n",
            extra=PERIOD,
        ),
        dedent=False,
    )
    assert problems_of(project) == [
        "content/esperienze/p.md:14: testo: il collegamento porta a content/esperienze/bozza.md, "
        "che è una bozza e non viene pubblicata; toglilo finché quella scheda non è pubblicata"
    ]


def test_a_killed_builds_staging_folder_is_removed_by_the_next_build(project):
    project.write("esperienze/x.md", entry_text(), dedent=False)
    output = project.root / "output"
    dead = project.root / ".output-999999999-abcd"  # no process has this id
    legacy = project.root / ".output-zz9xk2"  # named by an older version, without a process id
    for folder in (dead, legacy):
        (folder / "esperienze").mkdir(parents=True)
    alive = project.root / f".output-{os.getpid()}-live"  # a build of this process, running
    alive.mkdir()
    assert project.build(output, SEARCH_INDEX=False).ok
    assert not dead.exists() and not legacy.exists() and alive.exists()
    assert build_module.staging_folders(output) == [alive]


def test_two_builds_swapping_at_once_take_turns(tmp_path):
    output = tmp_path / "output"
    errors = []

    def swap(number):
        staging = tmp_path / f".output-{os.getpid()}-{number}"
        (staging / "pagina").mkdir(parents=True)
        (staging / "pagina" / "index.html").write_text(str(number))
        try:
            build_module._swap_in(staging, output)
        except OSError as error:  # pragma: no cover - what the lock prevents
            errors.append(error)

    threads = [threading.Thread(target=swap, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (output / "pagina" / "index.html").read_text() in {str(n) for n in range(8)}
    assert build_module.staging_folders(output) == []
