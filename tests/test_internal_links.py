"""Plain internal links of a body name a page the build makes: found by the check."""

import re
from pathlib import Path

import pytest

from collaborare.core.internal_links import known_paths, site_path, static_paths
from helpers import entry_text, problems_of

NONE_CLOSE = (
    "scrivi l'indirizzo di una scheda (/esperienze/nome-del-file/), di una pagina o di un "
    "tema, luogo o soggetto che compare in una scheda pubblicata"
)


def with_link(target: str, **fields) -> str:
    body = f"## Che cosa\n\nVedi [l'altra scheda]({target}).\n\n## Chi\n\nChi ha partecipato.\n"
    return entry_text(body=body, **fields)


def test_a_broken_link_is_a_problem_at_its_line_with_a_suggestion(project):
    project.write("esperienze/altra.md", entry_text(title="Altra"))
    project.write("esperienze/x.md", with_link("/esperienze/altr/"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento /esperienze/altr/ non porta a "
        "nessuna pagina del sito; intendevi /esperienze/altra/?"
    ]
    project.write("esperienze/x.md", with_link("/esperienze/altra/"))
    assert problems_of(project) == []


def test_a_relative_link_is_read_from_the_entry_page(project):
    project.write("esperienze/altra.md", entry_text(title="Altra"))
    project.write("esperienze/x.md", with_link("../altra/"))
    assert problems_of(project) == []
    project.write("esperienze/x.md", with_link("altra/"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento altra/ (cioè "
        "/esperienze/x/altra/) non porta a nessuna pagina del sito; intendevi "
        "/esperienze/altra/?"
    ]


def test_facet_pages_exist_only_where_a_published_entry_is(project):
    project.write("esperienze/x.md", with_link("/territori/lazio/"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento /territori/lazio/ non porta a "
        f"nessuna pagina del sito; {NONE_CLOSE}"
    ]
    project.write("esperienze/roma.md", entry_text(title="A Roma", territories=("comune: Roma",)))
    assert problems_of(project) == []
    project.write("esperienze/x.md", with_link("/temi/welfare-culturale/"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento /temi/welfare-culturale/ non porta "
        f"a nessuna pagina del sito; {NONE_CLOSE}"
    ]
    project.write("esperienze/x.md", with_link("/temi/coesione-sociale/pagina/2/"))
    assert problems_of(project) == []


def test_a_link_to_a_draft_from_a_published_entry(project):
    project.write(
        "esperienze/bozza.md", entry_text(title="Bozza", extra="status: draft\n", sources="")
    )
    project.write("esperienze/x.md", with_link("/bozze/bozza/"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento /bozze/bozza/ porta a una bozza, che "
        "non viene pubblicata; toglilo finché quella scheda non è pubblicata"
    ]
    project.write("esperienze/x.md", with_link("/esperienze/bozza/"))
    assert len(problems_of(project)) == 1
    project.write("esperienze/x.md", with_link("/bozze/bozza/", extra="status: draft\n"))
    assert problems_of(project) == []


def test_static_files_pages_and_sections(project):
    (project.content / "immagini").mkdir()
    (project.content / "immagini" / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(60))
    project.write("pages/chi-siamo.md", "---\ntitle: Chi siamo\n---\nLa redazione.\n")
    for target in ("/immagini/foto.jpg", "/chi-siamo/", "/cerca/", "/", "../../dati/"):
        project.write("esperienze/x.md", with_link(target))
        assert problems_of(project) == [], target
    project.write("esperienze/x.md", with_link("/immagini/fot.jpg"))
    assert problems_of(project) == [
        "content/esperienze/x.md:13: body: il collegamento /immagini/fot.jpg non porta a "
        "nessuna pagina del sito; intendevi /immagini/foto.jpg?"
    ]


def test_a_reference_link_is_found_at_its_definition(project):
    body = "## Che cosa\n\nVedi [qui][a].\n\n## Chi\n\nTesto.\n\n[a]: /redazione/\n"
    project.write("esperienze/x.md", entry_text(body=body))
    assert problems_of(project) == [
        "content/esperienze/x.md:19: body: il collegamento /redazione/ non porta a nessuna "
        f"pagina del sito; {NONE_CLOSE}"
    ]


@pytest.mark.parametrize(
    "target",
    [
        "https://www.comune.roma.it/",
        "mailto:redazione@example.org",
        "#chi",
        "{filename}altra.md",
        "//cdn.example/x.js",
    ],
)
def test_links_left_to_other_rules(target):
    assert site_path(target, "esperienze/x/") is None


@pytest.mark.parametrize(
    ("link", "path"),
    [
        ("/temi/", "temi/"),
        ("../altra/#fonti", "esperienze/altra/"),
        ("../altra/index.html", "esperienze/altra/"),
        ("/", ""),
        ("../../", ""),
        ("/dati/esperienze.csv?x=1", "dati/esperienze.csv"),
        ("/esperienze/citt%C3%A0/", "esperienze/città/"),
    ],
)
def test_site_paths(link, path):
    assert site_path(link, "esperienze/x/") == path


def test_the_known_paths_are_the_pages_a_build_writes(tmp_path):
    """Built from the fixture collection: every page or file the build writes that a text
    could link to is known at check time, and nothing else is."""
    from collaborare.core.reading import check_collection
    from collaborare.core.validation import Checker
    from collaborare.core.vocab import Vocabulary
    from helpers import Project

    project = Project(tmp_path / "p", with_collection=True)
    result = project.build()
    assert result.ok, result.problems
    output = project.root / "output"
    built = set()
    for path in output.rglob("*"):
        if path.is_file():
            rel = path.relative_to(output).as_posix()
            built.add(rel.removesuffix("index.html"))
    # The site's machinery, the preview's own pages, and listing pages (any number passes).
    machinery = re.compile(r"(theme|pagefind|redazione|bozze)/|_headers$|.*pagina/\d+/$")
    linkable = {path for path in built if not machinery.match(path)}
    checker = Checker(Vocabulary.load(project.root / "data"), project.root)
    collection = check_collection(project.content, checker)
    documents = {}
    for path in sorted(project.content.rglob("*.md")):
        checker.read(path, None, documents)
    known = known_paths(
        documents, collection.entries, static_paths(checker.files, Path(project.content))
    )
    assert known == linkable
