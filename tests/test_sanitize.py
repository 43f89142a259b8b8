"""What HTML reaches a page (collaborare/core/sanitize.py): disallowed HTML is reported by the
check and, even if it slipped through, never reaches a page; metadata is escaped."""

import pytest

from collaborare.core import sanitize
from collaborare.site.build import check
from helpers import PERIOD, entry_text, problems_of


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Testo\n\n<script>alert(1)</script>\n", [(13, "l'elemento HTML <script> non è ammesso")]),
        ("<style>body{display:none}</style>\n", [(11, "l'elemento HTML <style> non è ammesso")]),
        (
            '<iframe src="https://sito.example"></iframe>\n',
            [(11, "l'elemento HTML <iframe> non è ammesso")],
        ),
        (
            '<form action="https://sito.example">\n<input name="x"></form>\n',
            [
                (11, "l'elemento HTML <form> non è ammesso"),
                (12, "l'elemento HTML <input> non è ammesso"),
            ],
        ),
        ('<p onclick="alert(1)">clic</p>\n', [(11, "l'attributo 'onclick' su <p> non è ammesso")]),
        (
            "[clic](javascript:alert(1))\n",
            [(11, "gli indirizzi javascript: non sono ammessi in <a>")],
        ),
        (
            '<img src="data:image/png;base64,AAAA" alt="x">\n',
            [(11, "gli indirizzi data: non sono ammessi in <img>")],
        ),
    ],
)
def test_disallowed_html_in_a_body_is_reported_with_its_line(project, body, expected):
    project.write("esperienze/ostile.md", entry_text(body=body), dedent=False)
    problems = [str(p) for p in check(project.root).problems]
    assert problems == [
        f"content/esperienze/ostile.md:{line}: testo: {message}; scrivi il testo in Markdown (vedi "
        "CONTRIBUTING.md), senza script, stili, frame, moduli o gestori di eventi"
        for line, message in expected
    ]


def test_a_level_one_heading_in_the_body_is_reported(project):
    project.write(
        "esperienze/titolo.md", entry_text(body="# Un altro titolo\n\nTesto.\n"), dedent=False
    )
    assert [str(p) for p in check(project.root).problems] == [
        "content/esperienze/titolo.md:11: testo: un titolo '# ' sarebbe un secondo titolo della "
        "pagina; inizia le sezioni con '## '"
    ]


@pytest.mark.parametrize("field", ["title", "summary"])
def test_html_in_title_or_summary_is_rejected(project, field):
    text = entry_text(title="Titolo <script>alert(1)</script>")
    if field == "summary":
        text = entry_text().replace(
            "Un sommario abbastanza lungo", 'Un sommario <img src=x onerror="alert(1)"> lungo'
        )
    project.write("esperienze/x.md", text, dedent=False)
    line = 2 if field == "title" else 3
    assert [str(p) for p in check(project.root).problems] == [
        f"content/esperienze/x.md:{line}: {field}: l'HTML non è ammesso qui; scrivi testo "
        "semplice (alla forma pensa il sito)"
    ]


def test_the_sanitizer_removes_what_a_check_would_report():
    dirty = (
        '<p onclick="x">a <a href="javascript:alert(1)">b</a> <a href="https://sito.example">c</a>'
        '<script>alert(1)</script><iframe src="x"></iframe><style>p{}</style>'
        '<form><input></form><img src="data:image/png;base64,AA" alt="d"></p>'
    )
    cleaned = sanitize.clean(dirty)
    for forbidden in (
        "onclick",
        "javascript:",
        "<script",
        "<iframe",
        "<style",
        "<form",
        "<input",
        "data:",
    ):
        assert forbidden not in cleaned
    assert '<a href="https://sito.example" rel="noopener">c</a>' in cleaned


def test_markdown_that_is_allowed_passes_untouched(project):
    body = (
        "## Sezione\n\nTesto con [un link](https://sito.example), *corsivo* e `codice`.\n\n"
        '| a | b |\n|---|---|\n| 1 | 2 |\n\n<abbr title="Azienda sanitaria locale">ASL</abbr>\n'
    )
    project.write("esperienze/buona.md", entry_text(body=body, extra=PERIOD), dedent=False)
    result = project.build()
    assert result.ok, [str(p) for p in result.problems]
    html = (result.output / "esperienze/buona/index.html").read_text(encoding="utf-8")
    assert '<a href="https://sito.example" rel="noopener">un link</a>' in html
    assert '<abbr title="Azienda sanitaria locale">' in html and "<table>" in html


def test_metadata_is_escaped_everywhere(project):
    # Organisation names are free text in data/organizzazioni.yaml: markup in them must come
    # out as text, on the entry page and on the organisation's own page.
    project.add_organization(
        "ente-marcato", 'Ente <b onmouseover="x">grassetto</b>', "terzo-settore"
    )
    project.write(
        "esperienze/x.md",
        entry_text(extra="organizations:\n  - org: ente-marcato\n    role: partner\n"),
        dedent=False,
    )
    result = project.build()
    assert result.ok, [str(p) for p in result.problems]
    html = (result.output / "esperienze/x/index.html").read_text(encoding="utf-8")
    assert "<b onmouseover" not in html and "Ente &lt;b onmouseover=" in html
    html = (result.output / "organizzazioni/ente-marcato/index.html").read_text(encoding="utf-8")
    assert "<b onmouseover" not in html and "Ente &lt;b onmouseover=" in html


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


def test_a_plain_comparison_in_a_title_is_text_not_html(project):
    project.write("esperienze/t.md", entry_text(title="Quando il costo < reddito"), dedent=False)
    assert problems_of(project) == []
