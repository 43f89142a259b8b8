"""The theme (theme/: templates, stylesheet, print), issue 16 (readers first), in a real browser
at 375×800 on the fixture site: the header on phones, print, pages that lead somewhere and the
smaller defects."""

import pytest

from helpers import PHONE, Project


def phone_page(browser, url, **options):
    page = browser.new_page(viewport=PHONE, **options)
    page.goto(url)
    return page


@pytest.mark.parametrize("url", ["/", "/esperienze/genitori-adesso/", "/il-focus/", "/cerca/"])
def test_header_fits_in_120_px_on_a_phone_with_navigation_behind_menu(browser, site, serve, url):
    page = phone_page(browser, serve(site) + url)
    assert (
        page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        <= 120
    )
    summary = page.locator(".site-menu > summary")
    assert summary.inner_text().strip().endswith("Menu")
    nav = page.locator(".site-nav")
    assert not nav.is_visible()
    summary.click()
    assert nav.is_visible()
    # Opened, the menu lays over the page: the header itself keeps its height.
    assert (
        page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        <= 120
    )
    assert nav.locator("a").count() >= 6
    page.close()


def test_menu_works_without_javascript_and_is_open_on_desktop(browser, site, serve):
    base = serve(site)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/")
    page.locator(".site-menu > summary").click()
    assert page.locator(".site-nav").is_visible()
    context.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    assert not page.locator(".site-menu > summary").is_visible()
    assert page.locator(".site-nav a").first.is_visible()
    page.close()


def test_one_search_button_style(browser, site, serve):
    base = serve(site)
    style = (
        "el => { const s = getComputedStyle(el); "
        "return [s.backgroundColor, s.color, s.fontWeight].join('|'); }"
    )
    page = phone_page(browser, base + "/")
    header = page.locator(".site-search button").evaluate(style)
    page.goto(base + "/cerca/")
    page.wait_for_selector("#search-form:not([hidden])")
    assert page.locator(".search-form__query button").evaluate(style) == header
    page.close()


def test_navigation_labels_say_what_the_pages_say(browser, site, serve):
    base = serve(site)
    page = phone_page(browser, base + "/")
    links = page.evaluate("""Array.from(document.querySelectorAll('.site-nav a'),
                             a => [a.textContent.trim(), a.href])""")
    for label, href in links:
        page.goto(href)
        heading = " ".join(page.locator("h1").inner_text().split())
        assert heading.startswith(label), (label, href)
        page.goto(base + "/")
    page.close()


ENTRY = "/esperienze/genitori-adesso/"


def test_a_printed_entry_names_the_site_and_its_address(browser, site, serve):
    page = phone_page(browser, serve(site) + ENTRY)
    origin = page.locator(".print-origin")
    assert not origin.is_visible()
    page.emulate_media(media="print")
    assert origin.is_visible()
    text = origin.inner_text()
    assert "Collaborare e partecipare" in text
    assert page.evaluate("document.querySelector('link[rel=canonical]').href") in text
    page.close()


def test_a_printed_entry_shows_source_targets_and_drops_navigation(browser, site, serve):
    page = phone_page(browser, serve(site) + ENTRY)
    after = "el => getComputedStyle(el, '::after').content"
    source = page.locator(".sources-list a").first
    assert source.evaluate(after) in ("none", "normal")
    page.emulate_media(media="print")
    href = source.get_attribute("href")
    assert href in source.evaluate(after)
    for selector in (".site-nav", ".site-search", ".breadcrumbs", ".related"):
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), selector
    for selector in (".entry__facts", ".key-facts"):
        assert page.locator(selector).evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    page.close()


REPOSITORY = "https://github.com/collaborare-e-partecipare/collaborare"


def page_links(site, slug):
    import re

    html = (site / slug / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return html, article, re.findall(r'<a href="([^"]+)"', article)


def test_how_to_contribute_links_the_form_the_repository_and_the_guide(site):
    _html, article, links = page_links(site, "come-contribuire")
    assert f"{REPOSITORY}/issues/new?template=proponi-esperienza.yml" in links
    assert REPOSITORY in links
    assert f"{REPOSITORY}/blob/main/CONTRIBUTING.md" in links
    # Plain Italian for readers who do not write code.
    for jargon in ("invoke", "Markdown", "pull request", "content/"):
        assert jargon not in article, jargon


def test_the_form_exists_in_the_repository():
    from collaborare.site.build import ROOT

    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "proponi-esperienza.yml").is_file()
    assert (ROOT / "CONTRIBUTING.md").is_file()


def test_the_focus_links_its_sources_and_says_who_curates_and_how_to_reach_them(site):
    _html, article, links = page_links(site, "il-focus")
    assert "https://www.secondowelfare.it/collaborare-e-partecipare/" in links
    # Pares is named, not linked: no source of the collection gives its address.
    assert "Pares" in article and not any("pares" in link for link in links)
    assert "Chi cura la collezione" in article.replace("&nbsp;", " ")
    assert f"{REPOSITORY}/issues" in links


def test_the_accessibility_statement_has_a_dated_feedback_route(site):
    import re

    _html, article, links = page_links(site, "accessibilita")
    assert any(link.startswith(f"{REPOSITORY}/issues/new") for link in links)
    assert re.search(r"aggiornata il \d{1,2}(&nbsp;|\s| )\w+(&nbsp;|\s| )20\d\d", article)


def test_pages_link_a_forks_own_repository(tmp_path):
    project = Project(tmp_path, with_collection=True)
    result = project.build(REPOSITORY_URL="https://github.com/ente/collezione")
    assert result.ok, result.build_errors
    html = (result.output / "come-contribuire" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/ente/collezione/issues/new?template=proponi-esperienza.yml" in html
    assert REPOSITORY not in html


def test_a_focused_text_field_stays_white_with_a_yellow_outline(browser, site, serve):
    page = phone_page(browser, serve(site) + "/")
    page.locator(".site-menu").evaluate("el => el.open = true")
    page.focus("#site-search-q")
    page.keyboard.type("x")
    style = page.locator("#site-search-q").evaluate(
        "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.outlineStyle, s.outlineColor]; }"
    )
    assert style == ["rgb(255, 255, 255)", "solid", "rgb(255, 191, 71)"]
    page.close()


def visible_text(path):
    import re

    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "page",
    [
        "404.html",
        "esperienze/coso-catanzaro/index.html",
        "il-focus/index.html",
        "redazione/index.html",
        "come-contribuire/index.html",
        "soggetti/index.html",
    ],
)
def test_apostrophes_are_typographic(site, page):
    import re

    assert not re.findall(r"\w'\w", visible_text(site / page))


def test_vocabulary_labels_use_typographic_apostrophes():
    import yaml

    from collaborare.site.build import ROOT

    for path in [
        *(ROOT / "data" / "vocabolari").glob("*.yaml"),
        *(ROOT / "data" / "territori").glob("*.yaml"),
    ]:
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for key in ("label", "description"):
                assert "'" not in str(record.get(key, "")), (path.name, record.get(key))


def test_cards_of_one_kind_do_not_repeat_the_kind_and_show_their_date(browser, site, serve):
    page = phone_page(browser, serve(site) + "/esperienze/")
    assert page.locator(".cards .card").count() >= 2
    assert page.locator(".cards .card__kind").count() == 0
    dates = page.locator(".cards .card time").evaluate_all("els => els.map(e => e.dateTime)")
    assert len(dates) == page.locator(".cards .card").count()
    assert dates == sorted(dates, reverse=True)  # «dalla più recente»
    page.close()


def test_cards_of_mixed_kinds_say_their_kind(site):
    import re

    from helpers import site_pages  # noqa: F401

    for path in (site / "temi").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        kinds = set(re.findall(r'<p class="card__kind">([^<]+)</p>', html))
        cards = html.count('<article class="card">')
        if kinds:
            assert html.count('class="card__kind"') == cards


def test_breadcrumbs_say_which_step_is_the_province(browser, site, serve):
    page = phone_page(browser, serve(site) + "/territori/calabria/catanzaro/catanzaro/")
    steps = page.locator(".breadcrumbs li").all_inner_texts()
    assert [" ".join(s.split()) for s in steps] == [
        "Home",
        "Territori",
        "Calabria",
        "Catanzaro (provincia)",
        "Catanzaro",
    ] or "Catanzaro (provincia)" in [" ".join(s.split()) for s in steps], steps
    page.goto(serve(site) + "/esperienze/coso-catanzaro/")
    assert "Catanzaro (provincia)" in " ".join(page.locator(".entry__facts").inner_text().split())
    page.close()


def test_key_facts_name_organisations_with_their_role_only(site):
    import re

    html = (site / "esperienze" / "coso-catanzaro" / "index.html").read_text(encoding="utf-8")
    facts = html[
        html.index('<dl class="key-facts">') : html.index(
            "</dl>", html.index('<dl class="key-facts">')
        )
    ]
    who = re.sub(r"<[^>]+>", " ", facts[facts.index("<dt>Chi</dt>") :])
    assert "promotore" in who
    for actor in ("Imprese sociali", "Organizzazioni di Terzo Settore"):
        assert actor not in who
    aside = html[html.index("<aside") : html.index("</aside>")]
    assert aside.count("Imprese sociali") == 1


def test_the_404_page_has_no_canonical_link(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html
    assert 'property="og:url"' not in html


def test_the_editors_report_does_not_overflow_a_phone(browser, site, serve):
    page = phone_page(browser, serve(site) + "/redazione/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


DARK_PAGES = [
    "/",
    "/esperienze/genitori-adesso/",
    "/esperienze/",
    "/il-focus/",
    "/temi/",
    "/cerca/?q=biblioteche",
    "/territori/lombardia/",
    "/numeri/",
    "/404.html",
]


@pytest.mark.parametrize("url", DARK_PAGES)
def test_dark_mode_keeps_axe_at_zero(browser, site, serve, url):
    from importlib import resources

    from helpers import wait_for

    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    page = browser.new_page(viewport=PHONE, color_scheme="dark")
    page.goto(serve(site) + url)
    if "/cerca/" in url:
        wait_for(page, "document.documentElement.dataset.searchReady")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    for open_menu in (False, True):
        if open_menu:
            page.locator(".site-menu").evaluate("el => el.open = true")
        page.evaluate(axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        )
        assert [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ] == []
    page.close()
