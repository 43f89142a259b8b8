"""Issue 16 (readers first), measured in chromium at 375×800 on the fixture collection:
content before zeros, a map that tells 1 from 0, search and /numeri/ on a phone.

Counts are read from the build's own collection, never from what content/ holds."""

import re
import xml.etree.ElementTree as ET

import pytest

from collaborare.plugins.pictures import svg
from helpers import PHONE, SVG, contrast, wait_for


@pytest.fixture
def phone(browser, fixture_site, serve):
    output, _result, _pages = fixture_site
    base = serve(output)
    page = browser.new_page(viewport=PHONE)
    problems = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))

    def visit(url):
        page.goto(base + url)
        if url.startswith("/cerca/"):
            wait_for(page, "document.documentElement.dataset.searchReady")
        return page

    visit.page, visit.problems, visit.base = page, problems, base
    yield visit
    page.close()


def regions_with_entries(result):
    counts = {}
    for entry in result.collection.published:
        if entry.kind == "esperienza":
            for region in entry.regions:
                counts[region.label] = counts.get(region.label, 0) + 1
    return counts


# -- 1. zeros before content ---------------------------------------------------------------


def test_home_shows_the_first_entry_within_1000_px_and_the_regions_in_one_line(phone, fixture_site):
    _output, result, _pages = fixture_site
    page = phone("/")
    top = page.evaluate(
        "document.querySelector('main .card').getBoundingClientRect().top + scrollY"
    )
    assert top < 1000
    counts = regions_with_entries(result)
    line = page.inner_text(".regions-line")
    assert line.startswith(f"{len(counts)} regioni: ")
    named = re.findall(r"([^:,]+?) (\d+)(?=,|\.$)", line.split(": ", 1)[1])
    assert {name.strip(): int(n) for name, n in named} == counts
    assert [int(n) for _name, n in named] == sorted(counts.values(), reverse=True)
    # The full table (every region, zeros too) is in a closed disclosure.
    assert (
        page.evaluate("document.querySelector('.region-map__table').closest('details').open")
        is False
    )
    assert page.locator(".region-map__table tbody tr").count() == 20
    assert phone.problems == []


def test_territories_list_places_with_entries_first_under_2500_px(phone, fixture_site):
    _output, result, _pages = fixture_site
    page = phone("/territori/")
    assert page.evaluate("document.documentElement.scrollHeight") < 2500
    first = page.locator("#con-esperienze + ul > li > a").all_inner_texts()
    assert set(first) == set(regions_with_entries(result))
    assert "0 esperienze" not in page.inner_text("#con-esperienze + ul")
    # Every region's provinces are behind a closed disclosure; opening one shows them.
    assert page.locator(".region-disclosures details").count() == 20
    assert page.locator(".region-disclosures details[open]").count() == 0
    page.click(".region-disclosures summary:text('Lombardia')")
    assert (
        page.locator(".region-disclosures details[open] li").filter(has_text="Bergamo").is_visible()
    )
    assert phone.problems == []


def test_region_page_draws_no_misleading_map_and_lists_provinces_with_entries_first(phone):
    page = phone("/territori/lombardia/")
    assert page.locator("svg.region-map__svg").count() == 0
    provinces = page.locator("#dentro ~ ul a").all_inner_texts()
    assert provinces == ["Monza e della Brianza"]
    empty = page.locator("details.empty-places")
    assert empty.evaluate("d => d.open") is False and "Bergamo" in empty.text_content()

    def box(selector):
        return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top")

    assert box("#dentro") < box("details.empty-places") < box("main .card")


# -- 2. the map ----------------------------------------------------------------------------


def test_map_classes_are_told_apart_by_the_legend_and_the_table(phone, fixture_site):
    page = phone("/")
    drawing = ET.fromstring(page.inner_html(".region-map__drawing").split("<ul")[0])
    fills = {path.get("fill") for path in drawing.iter(f"{SVG}path")}
    legend = page.locator(".legend li").all_inner_texts()
    assert legend[0].strip() == "nessuna esperienza" and len(legend) == len(fills)
    for fill in fills - {svg.EMPTY}:
        assert contrast(fill, svg.EMPTY) >= 3, fill
    page.click(".region-map__details summary")
    rows = page.locator(".region-map__table tbody tr").all_inner_texts()
    lombardia = next(row for row in rows if row.startswith("Lombardia"))
    assert [cell.strip() for cell in lombardia.split("\t")[1:]] == ["2", "2"]
    abruzzo = next(row for row in rows if row.startswith("Abruzzo"))
    assert [cell.strip() for cell in abruzzo.split("\t")[1:]] == ["0", "nessuna esperienza"]


@pytest.mark.parametrize("url", ["/", "/territori/"])
def test_each_territory_is_one_tab_stop(phone, url):
    page = phone(url)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    stops = page.evaluate("""Array.from(document.querySelectorAll('a[href]'))
        .filter(a => a.tabIndex >= 0 && a.getClientRects().length
                && !a.closest('[aria-hidden=true]'))
        .map(a => new URL(a.getAttribute('href'), location.href).pathname)
        .filter(p => /^\\/territori\\/[^/]+\\/$/.test(p))""")
    assert stops and len(stops) == len(set(stops))
    # The map's regions are links for a pointer, out of the Tab order and hidden from AT.
    assert page.evaluate("""Array.from(document.querySelectorAll('svg.region-map__svg a'))
        .every(a => a.getAttribute('tabindex') === '-1')""")
    assert page.get_attribute("svg.region-map__svg", "aria-hidden") == "true"


# -- 4. /numeri/ -----------------------------------------------------------------------------

SMALLEST_TEXT = """() => {
  // Every element with text of its own: its font size as rendered, scaled down with its
  // SVG drawing if it is inside one.
  const sizes = [];
  for (const node of document.querySelectorAll('main *')) {
    const own = Array.from(node.childNodes).some(c => c.nodeType === 3 && c.textContent.trim());
    if (!own || !node.getClientRects().length) continue;
    let size = parseFloat(getComputedStyle(node).fontSize);
    const drawing = node.closest('svg');
    if (drawing && drawing.viewBox.baseVal && drawing.viewBox.baseVal.width) {
      size *= drawing.getBoundingClientRect().width / drawing.viewBox.baseVal.width;
    }
    sizes.push([size, node.textContent.trim().slice(0, 40)]);
  }
  return sizes;
}"""


def test_numbers_on_a_phone_are_legible_linked_and_never_one_bar(phone, fixture_site):
    output, _result, _pages = fixture_site
    page = phone("/numeri/")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    small = [(size, text) for size, text in page.evaluate(SMALLEST_TEXT) if size < 12]
    assert small == []
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = false; })")
    charts = page.locator("ol.bars")
    assert charts.count() >= 2
    for index in range(charts.count()):
        values = [int(v) for v in charts.nth(index).locator(".bars__value").all_inner_texts()]
        assert len(values) >= 2 and all(values), values  # no chart of one bar or of zeros
    # The years of the fixture have a single start year: said in words, not drawn.
    assert page.locator("#grafico-years").count() == 0
    assert "Una sola voce" in page.inner_text("section[aria-labelledby='numeri-years']")
    # Every bar links to the page of what it counts (a theme's page also lists its
    # reflections and strumenti, so only the label is compared).
    for link in page.locator("ol.bars a").all():
        href = link.get_attribute("href")
        label = link.locator(".bars__label").inner_text()
        path = page.evaluate("(h) => new URL(h, location.href).pathname", href)
        html = (output / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{label}" in html.replace("&#8217;", "’"), href
    # The data tables sit in closed «Mostra i dati» disclosures.
    tables = page.locator("table.chart-table")
    assert tables.count() == page.locator("details.chart-data").count() >= 3
    for index in range(tables.count()):
        table = tables.nth(index)
        assert not table.is_visible()
        assert (
            table.evaluate("t => t.closest('details').querySelector('summary').textContent")
            == "Mostra i dati"
        )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/territori/",
        "/territori/lombardia/",
        "/numeri/",
        "/cerca/?q=biblioteca&regione=lombardia",
        "/temi/",
    ],
)
def test_no_sideways_scrolling_at_320_px_with_every_disclosure_open(
    browser, fixture_site, serve, url
):
    output, _result, _pages = fixture_site
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(serve(output) + url)
    if url.startswith("/cerca/"):
        wait_for(page, "document.documentElement.dataset.searchReady")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
