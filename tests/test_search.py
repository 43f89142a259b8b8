"""Search: Pagefind index built with the site, and our filter UI in a real browser."""

import pytest

from helpers import PERIOD, entry_text, wait_for


def test_every_entry_page_is_indexed_with_its_filters(fixture_site):
    output, result, _pages = fixture_site
    assert (output / "pagefind/pagefind.js").is_file()
    html = (output / "esperienze/monzese-poverta-educativa/index.html").read_text(encoding="utf-8")
    for snippet in (
        "data-pagefind-body",
        '<span data-pagefind-filter="regione">Lombardia</span>',
        '<span data-pagefind-filter="provincia">Monza e della Brianza</span>',
        '<span data-pagefind-filter="soggetto">Fondazioni</span>',
        '<span data-pagefind-filter="tema">Povertà educativa</span>',
        '<span data-pagefind-filter="anno">2026</span>',
        '<span data-pagefind-filter="tipo">Esperienza</span>',
    ):
        assert snippet in html
    listing = (output / "esperienze/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in listing


def test_search_page_works_without_javascript_as_a_guide_to_the_facets(fixture_site):
    output, _result, _pages = fixture_site
    html = (output / "cerca/index.html").read_text(encoding="utf-8")
    assert 'id="search-fallback"' in html and "funziona con JavaScript" in html
    for facet in ("temi", "territori", "soggetti"):
        assert f'href="../{facet}/"' in html
    assert '<form id="search-form"' in html and " hidden>" in html


def test_every_page_has_a_search_box_leading_to_the_search_page(fixture_site):
    _output, _result, pages = fixture_site
    for url, page in pages.items():
        if url not in ("/cerca/", "/404.html"):
            assert any(tag == "form" and value.endswith("cerca/") for tag, _a, value in page.links), url


def open_search(browser, url):
    page = browser.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    wait_for(page, "document.documentElement.dataset.searchReady")
    return page, problems


def result_titles(page):
    return sorted(a.inner_text().replace("\xa0", " ") for a in page.query_selector_all("#search-results h2 a"))


def open_facet(page, facet):
    """Open a filter's disclosure and wait for its values (loaded on opening)."""
    page.click(f"#filtro-{facet} summary")
    page.wait_for_selector(f"#search-filters input[name='{facet}']")


def facet_counts(page, facet):
    counts = {}
    for item in page.query_selector_all(f"#search-filters input[name='{facet}']"):
        label = page.query_selector(f"label[for='{item.get_attribute('id')}']").inner_text()
        value, _, count = label.rpartition(" (")
        counts[value] = int(count.rstrip(")"))
    return counts


def test_a_stem_variant_finds_the_entry(browser, fixture_site, serve):
    output, _result, _pages = fixture_site
    page, problems = open_search(browser, serve(output) + "/cerca/?q=biblioteche")
    titles = result_titles(page)
    assert any(title.startswith("Il patrimonio antico della Biblioteca Guarneriana") for title in titles)
    assert any(title.startswith("Genitori Adesso") for title in titles)
    assert problems == []


@pytest.fixture
def faceted_site(project):
    project.write("esperienze/monza.md", entry_text(
        title="Scheda Monza", territories=("comune: Monza",), body="Una piazza della città.\n",
        extra=PERIOD), dedent=False)
    project.write("esperienze/treviso.md", entry_text(
        title="Scheda Treviso", territories=("comune: Treviso",)), dedent=False)
    project.write("esperienze/roma.md", entry_text(
        title="Scheda Roma", territories=("comune: Roma",)), dedent=False)
    project.write("esperienze/lodi.md", entry_text(
        title="Scheda Lodi", territories=("comune: Lodi",), tags=("welfare-culturale",)), dedent=False)
    project.write("riflessioni/pensiero.md", entry_text(title="Una riflessione").replace(
        "territories:\n  - comune: Catanzaro\n", ""), dedent=False)
    result = project.build()
    assert result.ok, result.build_errors
    return result.output


def test_facets_or_within_and_across_with_live_counts_and_url_state(browser, faceted_site, serve):
    base = serve(faceted_site)
    page, problems = open_search(browser, base + "/cerca/")
    assert len(result_titles(page)) == 5  # browsing by filters alone starts with everything
    open_facet(page, "regione")
    open_facet(page, "tema")
    for value in ("Lombardia", "Veneto"):
        page.check(f"#search-filters input[name='regione'][value='{value}']")
        wait_for(page, "document.querySelector('#search-status').textContent.includes('Regione')")
    page.check("#search-filters input[name='tema'][value='Coesione sociale']")
    wait_for(page, "document.querySelector('#search-status').textContent.includes('Tema')")
    expected = ["Scheda Monza", "Scheda Treviso"]
    assert result_titles(page) == expected
    assert facet_counts(page, "regione") == {"Lazio": 1, "Lombardia": 1, "Veneto": 1}
    assert facet_counts(page, "tema") == {"Coesione sociale": 2, "Welfare culturale": 1}
    assert page.inner_text("#search-status") == (
        "2 risultati con i filtri Regione: Lombardia o Veneto; Tema: Coesione sociale."
    )
    assert page.get_attribute("#search-status", "role") == "status"
    url = page.url
    assert "regione=Lombardia" in url and "regione=Veneto" in url and "tema=Coesione+sociale" in url

    again, more_problems = open_search(browser, url)
    assert result_titles(again) == expected
    # A shared link opens the filters it selects, with their values.
    assert again.is_checked("#search-filters input[name='regione'][value='Veneto']")
    assert again.evaluate("document.getElementById('filtro-tema').open")
    assert again.inner_text("#filtro-tema summary") == "Tema (1 scelto)"
    assert not again.evaluate("document.getElementById('filtro-anno').open")

    page.go_back()
    wait_for(page, "!document.querySelector('#search-status').textContent.includes('Tema')")
    assert result_titles(page) == ["Scheda Lodi", "Scheda Monza", "Scheda Treviso"]
    assert problems == [] and more_problems == []


def test_accents_do_not_matter_and_the_keyboard_drives_the_filters(browser, faceted_site, serve):
    # 'citta' finds 'città': Pagefind (1.5) compares words without their diacritics unless
    # told otherwise (exactDiacritics), so the pages carry no unaccented copy of their words.
    page, problems = open_search(browser, serve(faceted_site) + "/cerca/?q=citta")
    assert result_titles(page) == ["Scheda Monza"]
    page.focus("#search-query")
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # the first filter's disclosure
    assert page.evaluate("document.activeElement.parentElement.id") == "filtro-tipo"
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-filters input[name='tipo']")
    page.keyboard.press("Tab")  # its first value
    assert page.evaluate("document.activeElement.name") == "tipo"
    page.keyboard.press("Space")
    wait_for(page, "document.querySelector('#search-status').textContent.includes('Tipo')")
    assert page.evaluate("document.activeElement.name") == "tipo"
    assert problems == []


def test_a_filter_loads_its_values_only_when_opened(browser, faceted_site, serve):
    """A search by words fetches no filter data (tens of kB per filter on a large collection)."""
    page = browser.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(serve(faceted_site) + "/cerca/?q=piazza")
    wait_for(page, "document.documentElement.dataset.searchReady")
    shown = result_titles(page)
    assert shown == ["Scheda Monza"]
    assert [url for url in fetched if "/pagefind/filter/" in url] == []
    assert page.query_selector_all("#search-filters input") == []

    open_facet(page, "regione")
    assert len([url for url in fetched if "/pagefind/filter/" in url]) == 1
    assert facet_counts(page, "regione") == {"Lazio": 0, "Lombardia": 1, "Veneto": 0}
    assert result_titles(page) == shown  # opening a filter keeps the results as they are
    assert page.query_selector_all("#search-filters input[name='tema']") == []
