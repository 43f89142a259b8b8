"""Pictures (collaborare/plugins/pictures): the region map, the locators and /numeri/:
well-formed SVG whose numbers match the content."""

import html as html_lib
import re
import xml.etree.ElementTree as ET
from collections import Counter

from collaborare.plugins.pictures import svg
from collaborare.plugins.pictures.svg import SCALE, classes
from helpers import SVG, contrast, resolve, target_file


def svgs(html: str, css_class: str):
    return [
        ET.fromstring(block)
        for block in re.findall(rf'<svg class="{css_class}".*?</svg>', html, re.S)
    ]


def map_counts(svg_element):
    """Region name -> count, read from each region's <title> ('Lombardia: 2 esperienze')."""
    counts = {}
    for title in svg_element.iter(f"{SVG}title"):
        match = re.fullmatch(r"(.+): (\d+) esperienz[ae]", title.text or "")
        if match:
            counts[match.group(1)] = int(match.group(2))
    return counts


def test_home_and_territory_maps_are_well_formed_with_working_links(fixture_site):
    output, _result, _pages = fixture_site
    for page_url in ("/", "/territori/"):
        path = target_file(output, page_url)
        html = path.read_text(encoding="utf-8")
        (drawing,) = svgs(html, "region-map__svg")
        assert len(map_counts(drawing)) == 20
        links = [a.get("href") for a in drawing.iter(f"{SVG}a")]
        assert links and all(
            target_file(output, resolve(page_url, href)[0]).is_file() for href in links
        )
        for anchor in drawing.iter(f"{SVG}a"):
            assert re.fullmatch(r".+: \d+ esperienz[ae]", anchor.get("aria-label"))


def test_map_counts_equal_the_territory_pages(fixture_site):
    output, result, _pages = fixture_site
    html = (output / "index.html").read_text(encoding="utf-8")
    counts = map_counts(svgs(html, "region-map__svg")[0])
    expected = Counter(
        region.label
        for e in result.collection.published
        if e.kind == "esperienza"
        for region in e.regions
    )
    assert {name: n for name, n in counts.items() if n} == dict(expected)
    for name, count in counts.items():
        if count:
            slug = next(
                r.slug for e in result.collection.published for r in e.regions if r.label == name
            )
            page = (output / "territori" / slug / "index.html").read_text(encoding="utf-8")
            assert f"{count} esperienz" in page


def test_region_page_lists_its_provinces_with_entries_first_and_draws_no_map(fixture_site):
    """An all-Italy map with one region shaded says nothing: no map rather than a misleading one."""
    output, _result, _pages = fixture_site
    html = (output / "territori/lombardia/index.html").read_text(encoding="utf-8")
    assert svgs(html, "region-map__svg") == []
    assert re.search(
        r"Monza e della Brianza</a> <span class=\"tree__count\">2 esperienze</span>", html
    )
    assert html.index("Monza e della Brianza") < html.index("<li>Bergamo</li>")


def test_entry_pages_have_a_locator_of_their_regions(fixture_site):
    output, _result, _pages = fixture_site
    html = (output / "esperienze/biblioteca-guarneriana/index.html").read_text(encoding="utf-8")
    (locator,) = svgs(html, "locator__svg")
    assert (
        locator.get("role") == "img"
        and locator.get("aria-label") == "Mappa: Friuli-Venezia Giulia in Italia"
    )
    assert [p.get("fill") for p in locator.iter(f"{SVG}path")].count("#253494") == 1
    reflection = (output / "riflessioni/accessibilita-e-allestimento/index.html").read_text(
        encoding="utf-8"
    )
    assert "locator__svg" not in reflection


def chart_rows(html: str, key: str):
    table = re.search(
        rf'<table class="chart-table" id="tabella-{key}">(.*?)</table>', html, re.S
    ).group(1)
    return [
        (html_lib.unescape(label), int(value))
        for label, value in re.findall(r'<th scope="row">(.*?)</th><td>(\d+)</td>', table)
    ]


def bar_values(html: str, chart_id: str):
    """(label, value) of each bar of an HTML bar list, or [] where the figure is not drawn."""
    block = re.search(rf'<ol class="bars" id="{chart_id}".*?</ol>', html, re.S)
    if not block:
        return []
    return [
        (html_lib.unescape(label), int(value))
        for label, value in re.findall(
            r'<span class="bars__label">(.*?)</span>.*?<span class="bars__value">(\d+)</span>',
            block.group(0),
            re.S,
        )
    ]


def test_numbers_page_charts_equal_a_count_made_from_the_content(fixture_site):
    output, result, _pages = fixture_site
    html = (output / "numeri/index.html").read_text(encoding="utf-8")
    experiences = [e for e in result.collection.published if e.kind == "esperienza"]
    by_year = Counter(e.period.start_year for e in experiences if e.period)
    by_actor = Counter(t.label for e in experiences for t in e.actor_types)
    by_region = Counter(r.label for e in experiences for r in e.regions)
    by_theme = Counter(t.label for e in experiences for t in e.themes)
    for key, chart, expected in (
        ("years", "grafico-years", {str(y): n for y, n in by_year.items()}),
        ("actor_types", "grafico-actor_types", by_actor),
        ("regions", "grafico-regions", by_region),
        ("themes", "grafico-themes", by_theme),
    ):
        table = chart_rows(html, key)
        assert {label: n for label, n in table if n} == dict(expected), key
        drawn = [(label, n) for label, n in table if n]
        # A figure of one value is said in words, not drawn as a chart of one bar.
        assert bar_values(html, chart) == (drawn if len(drawn) > 1 else []), key
    assert f"{len(experiences)} esperienze pubblicate" in html
    assert "5 esperienze non indicano quando sono iniziate" in html


def test_colour_classes_cover_every_count_once():
    for maximum in (1, 3, 5, 6, 17, 250):
        ranges = classes(maximum)
        covered = [n for low, high in ranges for n in range(low, high + 1)]
        assert covered == list(range(1, maximum + 1)) and len(ranges) <= len(SCALE)


def test_every_map_class_above_zero_is_3_to_1_against_zero():
    assert all(contrast(colour, svg.EMPTY) >= 3 for colour in svg.SCALE)
    for maximum in (1, 2, 3, 4, 7, 40):
        ranges = svg.classes(maximum)
        used = [svg.colour(low, ranges) for low, _high in ranges]
        assert len(set(used)) == len(used)  # every class has its own colour
        assert all(contrast(colour, svg.EMPTY) >= 3 for colour in used)
