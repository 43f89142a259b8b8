"""Accessibility in a real browser: axe-core on every page type, keyboard, focus, small screens."""

from importlib import resources

import pytest

from collaborare.site.build import ROOT
from helpers import AXE_TAGS, open_page, wait_for

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# One URL per page type; the site is the real content with two entries per listing page.
PAGE_TYPES = {
    "home": "/",
    "experience": "/esperienze/genitori-adesso/",
    "reflection": "/riflessioni/accessibilita-e-allestimento/",
    "strumenti index": "/strumenti/",
    "strumento": "/strumenti/cerchio-di-ascolto/",
    "experiences listing": "/esperienze/",
    "listing page 2": "/esperienze/pagina/2/",
    "theme index": "/temi/",
    "theme": "/temi/welfare-culturale/",
    "actor type index": "/soggetti/",
    "actor type": "/soggetti/biblioteca/",
    "territory tree": "/territori/",
    "region": "/territori/lombardia/",
    "province": "/territori/calabria/catanzaro/",
    "municipality": "/territori/calabria/catanzaro/catanzaro/",
    "page": "/il-focus/",
    "search": "/cerca/?q=biblioteche&regione=Veneto",
    "open data": "/dati/",
    "organisations index": "/organizzazioni/",
    "numbers": "/numeri/",
    "editors' report": "/redazione/",
    "not found": "/404.html",
}


@pytest.fixture(scope="module")
def axe_source():
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_has_no_axe_violations_and_no_console_errors(
    browser, site, serve, axe_source, kind
):
    page, problems = open_page(browser, serve(site) + PAGE_TYPES[kind])
    # Evaluated through the DevTools protocol: the page's CSP (no inline script) stays on.
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    assert violations == []
    assert problems == []
    page.close()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser, site, serve):
    page, _problems = open_page(browser, serve(site) + "/esperienze/genitori-adesso/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenuto"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join('|');
}"""
FOCUSABLE = "a[href], button:not([hidden]), input, select, textarea, [tabindex='0']"


@pytest.mark.parametrize(
    "url",
    ["/", "/esperienze/pagina/2/", "/cerca/", "/territori/", "/strumenti/cerchio-di-ascolto/"],
)
def test_every_interactive_element_shows_focus(browser, site, serve, url):
    """Tab through the page: each element reached looks different from when it is not focused."""
    page, _problems = open_page(browser, serve(site) + url)
    if url == "/cerca/":
        wait_for(page, "document.documentElement.dataset.searchReady")
    resting = page.evaluate(
        f"""() => Array.from(document.querySelectorAll("{FOCUSABLE}"), {FOCUS_STYLE})"""
    )
    reached = set()
    for _ in range(len(resting) + 5):
        page.keyboard.press("Tab")
        index = page.evaluate(f"""() => Array.from(document.querySelectorAll("{FOCUSABLE}"))
                                        .indexOf(document.activeElement)""")
        if index < 0 or index in reached:
            continue
        reached.add(index)
        focused = page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")
        assert focused != resting[index], page.evaluate(
            "() => document.activeElement.outerHTML.slice(0, 120)"
        )
    assert len(reached) >= 5


def test_no_keyboard_trap_on_the_search_page(browser, site, serve):
    page, _problems = open_page(browser, serve(site) + "/cerca/?q=biblioteche")
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                "document.activeElement.tagName + '#' + (document.activeElement.id || document.activeElement.getAttribute('href') || '')"
            )
        )
        if len(stops) > 3 and stops[-1] == stops[0]:
            break
    # Tabbing goes through the filters and results and reaches the footer links.
    assert any("A#" in stop and "licenza" in stop for stop in stops), stops[-10:]


@pytest.mark.parametrize(
    "name,url",
    [
        ("home", "/"),
        ("esperienza", "/esperienze/genitori-adesso/"),
        ("territorio", "/territori/lombardia/"),
        ("strumenti", "/strumenti/"),
        ("strumento", "/strumenti/cerchio-di-ascolto/"),
    ],
)
def test_screenshots_at_phone_and_desktop_widths_and_no_overflow_at_320(
    browser, site, serve, name, url
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = serve(site)
    for width in (375, 1280):
        page, _problems = open_page(browser, base + url, width=width)
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        page.close()
    page, _problems = open_page(browser, base + url, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    print(f"screenshots in {SCREENSHOTS}")
