"""Search (collaborare/plugins/search, collaborare/site/pagefind.py): the Pagefind index built
with the site, and our filter UI in a real browser."""

import re

import pytest

from helpers import PERIOD, PHONE, entry_text, wait_for


def test_every_entry_page_is_indexed_with_its_filters(fixture_site):
    output, _result, _pages = fixture_site
    assert (output / "pagefind/pagefind.js").is_file()
    html = (output / "esperienze/monzese-poverta-educativa/index.html").read_text(encoding="utf-8")
    for snippet in (
        "data-pagefind-body",
        '<span data-pagefind-filter="regione">Lombardia</span>',
        '<span data-pagefind-filter="provincia">Monza e della Brianza</span>',
        '<span data-pagefind-filter="soggetto">Fondazioni</span>',
        '<span data-pagefind-filter="tema">Povertà educativa</span>',
        '<span data-pagefind-filter="tipo">Esperienza</span>',
    ):
        assert snippet in html
    # «Anno di avvio» is the start year: an entry whose sources do not say is not in it.
    assert 'data-pagefind-filter="anno"' not in html
    started = (output / "esperienze/assemblea-ragazzi-emilia-romagna/index.html").read_text(
        encoding="utf-8"
    )
    assert '<span data-pagefind-filter="anno">2023</span>' in started
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
            assert any(
                tag == "form" and value.endswith("cerca/") for tag, _a, value in page.links
            ), url


def open_search(browser, url, viewport=None):
    page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
    problems = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    wait_for(page, "document.documentElement.dataset.searchReady")
    return page, problems


def result_titles(page):
    return sorted(
        a.inner_text().replace("\xa0", " ") for a in page.query_selector_all("#search-results h2 a")
    )


def open_facet(page, facet):
    """Open a filter's disclosure and wait for its values (loaded on opening)."""
    page.click(f"#filtro-{facet} summary")
    page.wait_for_selector(f"#search-filters input[name='{facet}']")


def facet_counts(page, facet):
    counts = {}
    for item in page.query_selector_all(f"#search-filters input[name='{facet}']"):
        # text_content: values with no result are in the list, hidden behind «mostra tutti».
        label = page.query_selector(f"label[for='{item.get_attribute('id')}']").text_content()
        value, _, count = label.rpartition(" (")
        counts[value] = int(count.rstrip(")"))
    return counts


def test_a_stem_variant_finds_the_entry(browser, fixture_site, serve):
    output, _result, _pages = fixture_site
    page, problems = open_search(browser, serve(output) + "/cerca/?q=biblioteche")
    titles = result_titles(page)
    assert any(
        title.startswith("Il patrimonio antico della Biblioteca Guarneriana") for title in titles
    )
    assert any(title.startswith("Genitori Adesso") for title in titles)
    assert problems == []


@pytest.fixture
def faceted_site(project):
    project.write(
        "esperienze/monza.md",
        entry_text(
            title="Scheda Monza",
            territories=("comune: Monza",),
            body="Una piazza della città.\n",
            extra=PERIOD,
        ),
        dedent=False,
    )
    project.write(
        "esperienze/treviso.md",
        entry_text(title="Scheda Treviso", territories=("comune: Treviso",)),
        dedent=False,
    )
    project.write(
        "esperienze/roma.md",
        entry_text(title="Scheda Roma", territories=("comune: Roma",)),
        dedent=False,
    )
    project.write(
        "esperienze/lodi.md",
        entry_text(title="Scheda Lodi", territories=("comune: Lodi",), tags=("welfare-culturale",)),
        dedent=False,
    )
    project.write(
        "riflessioni/pensiero.md",
        entry_text(title="Una riflessione").replace("territories:\n  - comune: Catanzaro\n", ""),
        dedent=False,
    )
    result = project.build(SEARCH_INDEX=True)
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
    # Written with slugs, whatever the labels.
    assert "regione=lombardia" in url and "regione=veneto" in url and "tema=coesione-sociale" in url

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
    page.keyboard.press("Tab")  # «Filtra», open on a wide screen
    assert page.evaluate("document.activeElement.parentElement.id") == "search-filter-panel"
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


# -- issue 16: search on a phone, and saying only what is so --------------------------------


def open_phone_search(browser, url):
    return open_search(browser, url, PHONE)


def bottom(page, selector):
    return page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top + scrollY + r.height; }",
        selector,
    )


def test_on_a_phone_the_count_and_first_result_are_in_the_first_screen(
    browser, fixture_site, serve
):
    output, _result, _pages = fixture_site
    page, problems = open_phone_search(browser, serve(output) + "/cerca/?q=biblioteca")
    assert page.inner_text("#search-status").startswith(
        ("1 risultato", "2 risultati", "3 risultati")
    )
    assert bottom(page, "#search-status") <= 800
    assert bottom(page, "#search-results > li:first-child h2") <= 800
    # The filters are behind one closed «Filtra» disclosure on a phone.
    assert page.evaluate("document.getElementById('search-filter-panel').open") is False
    assert page.inner_text("#search-filter-panel > summary") == "Filtra"
    assert problems == []


def test_filtra_counts_the_chosen_values_and_urls_accept_slugs_and_labels(
    browser, faceted_site, serve
):
    base = serve(faceted_site)
    page, problems = open_phone_search(
        browser, base + "/cerca/?regione=veneto&tema=Coesione+sociale"
    )
    assert result_titles(page) == ["Scheda Treviso"]
    assert page.inner_text("#search-filter-panel > summary") == "Filtra (2)"
    page.click("#search-filter-panel > summary")
    page.uncheck("#search-filters input[name='regione'][value='Veneto']")
    wait_for(page, "!document.querySelector('#search-status').textContent.includes('Regione')")
    assert page.url.endswith("/cerca/?tema=coesione-sociale")
    assert page.inner_text("#search-filter-panel > summary") == "Filtra (1)"
    # A label written loosely (no accents, any case) reads as the label.
    again, more = open_phone_search(browser, base + "/cerca/?tipo=RIFLESSIONE")
    assert result_titles(again) == ["Una riflessione"]
    assert problems == [] and more == []


def test_values_sort_by_count_and_zero_values_hide_behind_mostra_tutti(
    browser, faceted_site, serve
):
    page, problems = open_search(browser, serve(faceted_site) + "/cerca/")
    open_facet(page, "regione")
    names = [
        label.text_content().rpartition(" (")[0]
        for label in page.query_selector_all("#filtro-regione label")
    ]
    assert names == ["Lombardia", "Lazio", "Veneto"]  # 2, 1, 1: by count, then by name
    page.fill("#search-query", "piazza")
    page.press("#search-query", "Enter")
    wait_for(page, "document.querySelector('#search-status').textContent.includes('piazza')")
    visible = [
        label.inner_text().rpartition(" (")[0]
        for label in page.query_selector_all("#filtro-regione label")
        if label.is_visible()
    ]
    assert visible == ["Lombardia"]
    toggle = page.locator("#filtro-regione .search-facet__all")
    assert toggle.inner_text() == "mostra tutti (altri 2 senza risultati)"
    toggle.click()
    assert page.locator("#filtro-regione label", has_text="Veneto").is_visible()
    assert problems == []


def test_anno_is_the_start_year_and_says_so(browser, faceted_site, serve):
    page, problems = open_search(browser, serve(faceted_site) + "/cerca/")
    assert page.inner_text("#filtro-anno summary") == "Anno di avvio"
    open_facet(page, "anno")
    # Only the Monza entry says when it started; the others are not in this filter.
    assert facet_counts(page, "anno") == {"2023": 1}
    assert problems == []


def test_excerpts_come_from_the_body_not_the_kind_label_or_title(browser, fixture_site, serve):
    output, result, _pages = fixture_site
    page, problems = open_search(browser, serve(output) + "/cerca/")
    titles = {entry.title for entry in result.collection.published}
    excerpts = page.locator("#search-results .card__summary").all_inner_texts()
    assert excerpts
    for excerpt in excerpts:
        assert not excerpt.startswith(("Esperienza", "Riflessione", "Strumento")), excerpt
        assert not any(excerpt.startswith(title[:30]) for title in titles), excerpt
    assert problems == []


def test_every_facet_page_links_to_its_filtered_search(browser, fixture_site, serve):
    output, result, pages = fixture_site
    collection = result.collection
    expected = {}
    for entry in collection.published:
        for theme in entry.themes:
            expected[f"/temi/{theme.slug}/"] = f"tema={theme.slug}"
        for actor in entry.actor_types:
            expected[f"/soggetti/{actor.slug}/"] = f"soggetto={actor.slug}"
        if entry.kind == "esperienza":
            for region in entry.regions:
                expected[f"/territori/{region.slug}/"] = f"regione={region.slug}"
    assert len(expected) > 5
    for url, query in expected.items():
        assert any(
            tag == "a" and value.endswith(f"/cerca/?{query}") for tag, _a, value in pages[url].links
        ), url
    # Following one gives the page's entries.
    page = browser.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(serve(output) + "/territori/lombardia/")
    page.click("a.facet-search")
    wait_for(page, "document.documentElement.dataset.searchReady")
    assert page.inner_text("#search-status") == "2 risultati con i filtri Regione: Lombardia."
    assert problems == []


def test_a_search_with_no_result_suggests_themes_filters_to_drop_and_a_proposal(
    browser, faceted_site, serve
):
    page, problems = open_phone_search(
        browser, serve(faceted_site) + "/cerca/?q=piazza&regione=veneto"
    )
    assert page.inner_text("#search-status").startswith("0 risultati")
    empty = page.locator("#search-empty")
    assert empty.is_visible()
    assert empty.locator("a", has_text="Coesione sociale").count() == 1
    proposal = empty.locator("a", has_text="Proponi un’esperienza")
    assert "issues/new?template=proponi-esperienza.yml" in proposal.get_attribute("href")
    page.click("#search-drop-list button:text('Togli «Regione: Veneto»')")
    wait_for(page, "document.querySelector('#search-status').textContent.startsWith('1 risultato')")
    assert result_titles(page) == ["Scheda Monza"] and not empty.is_visible()
    assert "regione" not in page.url
    assert problems == []


def test_applied_filters_show_as_chips_that_remove_them(browser, faceted_site, serve):
    page, problems = open_phone_search(
        browser, serve(faceted_site) + "/cerca/?regione=lombardia&regione=veneto"
    )
    chips = page.locator("#search-chips button")
    assert chips.all_inner_texts() == ["Regione: Lombardia ×", "Regione: Veneto ×"]
    assert chips.nth(1).get_attribute("aria-label") == "Togli il filtro Regione: Veneto"
    chips.nth(1).click()
    wait_for(page, "document.querySelectorAll('#search-chips button').length === 1")
    assert page.url.endswith("/cerca/?regione=lombardia")
    assert result_titles(page) == ["Scheda Lodi", "Scheda Monza"]
    assert problems == []


def test_results_sort_by_relevance_or_newest_first(browser, fixture_site, serve):
    output, result, _pages = fixture_site
    dates = {entry.title.replace("'", "’"): entry.date for entry in result.collection.published}
    base = serve(output)

    def shown_dates(page):
        return [
            dates[title.replace("\xa0", " ")]
            for title in page.locator("#search-results h2 a").all_inner_texts()
        ]

    # Without words there is no relevance: newest first, and the control says so.
    page, problems = open_search(browser, base + "/cerca/")
    assert page.input_value("#search-sort") == "recenti"
    listed = shown_dates(page)
    assert len(listed) > 3 and listed == sorted(listed, reverse=True)
    # Each card says the date it is sorted by.
    metas = page.locator("#search-results .card__meta").all_inner_texts()
    assert metas and all(re.search(r"scheda del \d{1,2} \w+ \d{4}$", meta) for meta in metas), metas
    # With words, relevance first; choosing «più recenti» is kept in the URL.
    page.goto(base + "/cerca/?q=biblioteca")
    wait_for(page, "document.documentElement.dataset.searchReady")
    assert page.input_value("#search-sort") == "rilevanza"
    page.select_option("#search-sort", "recenti")
    wait_for(page, "location.search.includes('ordine=recenti')")
    wait_for(page, "document.getElementById('search-results').dataset.sort === 'recenti'")
    listed = shown_dates(page)
    assert listed == sorted(listed, reverse=True)
    assert problems == []
