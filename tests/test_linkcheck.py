"""The internal link checker (collaborare/site/linkcheck.py): no broken link or fragment on the
fixture site, and broken ones found."""

from collaborare.site.linkcheck import check_links


def test_every_internal_link_and_fragment_resolves(fixture_site):
    output, _result, _pages = fixture_site
    report = check_links(output)
    assert report.broken == []
    assert report.internal > 300
    assert "https://creativecommons.org/licenses/by/4.0/deed.it" in report.external


def test_the_link_checker_finds_broken_links_and_fragments(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#there">ok</a><a href="a/#nowhere">bad</a>'
        '<a href="missing/">bad</a><img src="x.png" alt=""><a href="https://example.org/">ext</a>',
        encoding="utf-8",
    )
    (tmp_path / "a/index.html").write_text('<h2 id="there">x</h2>', encoding="utf-8")
    report = check_links(tmp_path)
    assert report.broken == [
        ("index.html", "a/#nowhere", "nessun elemento con id 'nowhere' in a/index.html"),
        ("index.html", "missing/", "nessun file a questo indirizzo"),
        ("index.html", "x.png", "nessun file a questo indirizzo"),
    ]
    assert report.external == ["https://example.org/"]
