"""Build the real content and check the site a reader gets: pages, facets, links."""

import os
import re
import subprocess
import threading

import pytest

from collaborare.site import build as build_module
from collaborare.site.build import ROOT, staging_folders
from helpers import (
    Project,
    entry_text,
    links_of,
    pelican_warning,
    resolve,
    site_pages,
    target_file,
    tree,
    vnu_jar,
)


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory):
    """The real content with two entries per listing page, so every listing paginates."""
    project = Project(tmp_path_factory.mktemp("paginated"), with_collection=True)
    result = project.build(DEFAULT_PAGINATION=2)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result.output, result.collection, site_pages(result.output)


def listing(pages, first_url):
    """Entry URLs listed on a paginated listing, following its 'next' links."""
    found, url, seen = [], first_url, set()
    while url and url not in seen:
        seen.add(url)
        page = pages[url]
        found.extend(
            sorted(
                links_of(page, "/esperienze/")
                | links_of(page, "/riflessioni/")
                | links_of(page, "/strumenti/")
            )
        )
        nexts = [
            resolve(url, v)[0]
            for tag, attr, v in page.links
            if tag == "a"
            and "pagina" in v
            and v.endswith("/")
            and resolve(url, v)[0].endswith(f"/pagina/{len(seen) + 1}/")
        ]
        url = nexts[0] if nexts else None
    return {u for u in found if u.count("/") == 3}  # entry pages only, not /esperienze/


def flat(text):
    """Text with typographic apostrophes and spaces folded, to compare with the source."""
    return " ".join(text.replace("’", "'").replace("\xa0", " ").split())


def expected_urls(entries):
    return {f"/{entry.url}" for entry in entries}


def test_every_entry_page_exists_and_links_its_facets(paginated_site):
    _output, collection, pages = paginated_site
    assert len(collection.published) == 9  # 6 experiences, 1 reflection, 2 strumenti
    for entry in collection.published:
        page = pages[f"/{entry.url}"]
        links = links_of(page)
        for theme in entry.themes:
            assert f"/temi/{theme.slug}/" in links, (entry.slug, theme.slug)
        for actor in entry.actor_types:
            assert f"/soggetti/{actor.slug}/" in links, (entry.slug, actor.slug)
        for place in entry.places:
            for _label, url in place.chain:
                assert f"/{url}" in links, (entry.slug, url)
        assert flat(entry.summary) in flat(page.text)


def test_seed_entries_resolve_to_the_right_places(paginated_site):
    _output, collection, _pages = paginated_site
    chains = {
        e.slug: [[label for label, _ in p.chain] for p in e.places] for e in collection.published
    }
    assert chains["coso-catanzaro"] == [["Calabria", "Catanzaro", "Catanzaro"]]
    assert chains["biblioteca-guarneriana"] == [
        ["Friuli-Venezia Giulia", "Udine", "San Daniele del Friuli"]
    ]
    assert chains["genitori-adesso"] == [["Veneto", "Treviso"]]
    assert chains["assemblea-ragazzi-emilia-romagna"] == [["Emilia-Romagna"]]


def test_each_theme_and_actor_type_page_lists_exactly_its_entries(paginated_site):
    _output, collection, pages = paginated_site
    vocab_pages = 0
    for facet, attribute in (("temi", "themes"), ("soggetti", "actor_types")):
        terms = {t.slug for e in collection.published for t in getattr(e, attribute)}
        for slug in terms:
            carrying = [
                e for e in collection.published if slug in {t.slug for t in getattr(e, attribute)}
            ]
            assert listing(pages, f"/{facet}/{slug}/") == expected_urls(carrying), slug
            vocab_pages += 1
    assert vocab_pages >= 10


def test_territory_pages_roll_up_everything_beneath_them(paginated_site):
    _output, collection, pages = paginated_site
    nodes = {}
    for entry in collection.published:
        for place in entry.places:
            for _label, url in place.chain:
                nodes.setdefault(f"/{url}", set()).add(f"/{entry.url}")
    assert nodes["/territori/friuli-venezia-giulia/"] == {"/esperienze/biblioteca-guarneriana/"}
    assert nodes["/territori/lombardia/"] == {
        "/esperienze/tavolo-poverta-brianza/",
        "/esperienze/monzese-poverta-educativa/",
    }
    for url, entries in nodes.items():
        assert listing(pages, url) == entries, url


def test_indexes_list_every_term_and_link_only_those_with_entries(paginated_site):
    _output, collection, pages = paginated_site
    from collaborare.core.vocab import Vocabulary

    vocab = Vocabulary.load()
    themes_page = pages["/temi/"]
    used = {t.slug for e in collection.published for t in e.themes}
    for theme in vocab.themes.values():
        assert theme.label in themes_page.text and theme.description in themes_page.text
    assert links_of(themes_page, "/temi/") - {"/temi/"} == {f"/temi/{slug}/" for slug in used}
    tree = pages["/territori/"]
    for region in vocab.regions.values():
        assert region.label in tree.text
    for province in vocab.provinces.values():
        assert province.label in tree.text
    assert "/territori/puglia/" not in links_of(tree)
    assert "/territori/calabria/catanzaro/catanzaro/" in links_of(tree)


def test_pagination_uses_clean_urls_and_every_page_link_resolves(paginated_site):
    output, _collection, pages = paginated_site
    assert "/esperienze/pagina/3/" in pages
    assert [p.name for p in output.rglob("*[0-9].html")] == ["404.html"]
    second = pages["/esperienze/pagina/2/"]
    assert {"/esperienze/", "/esperienze/pagina/3/"} <= links_of(second, "/esperienze/")
    assert "Pagina 2 di 3" in second.text
    html = (output / "esperienze/pagina/2/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Paginazione"' in html and 'aria-current="page"' in html


def test_page_numbers_keep_the_first_the_last_and_the_neighbours():
    from collaborare.core.text import page_numbers

    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 3) == [1, 2, 3]
    assert page_numbers(6, 20) == [1, None, 5, 6, 7, None, 20]
    assert page_numbers(1, 834) == [1, 2, None, 834]
    assert page_numbers(834, 834) == [1, None, 833, 834]
    assert page_numbers(4, 7) == [1, 2, 3, 4, 5, 6, 7]  # a gap of one page shows that page


def test_a_long_listing_links_its_first_last_and_neighbouring_pages():
    """Each page of a long listing links a handful of pages, not every other one."""
    from jinja2 import Environment, FileSystemLoader
    from pelican.paginator import Paginator
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme/templates"), **settings["JINJA_ENVIRONMENT"]
    )
    env.filters.update(settings["JINJA_FILTERS"])
    paginator = Paginator(
        "esperienze/index.html",
        "esperienze/",
        list(range(200)),
        settings,
        per_page=settings["DEFAULT_PAGINATION"],
    )
    html = str(env.get_template("_macros.html").module.pagination(paginator.page(9), paginator))
    labels = re.findall(r'aria-label="(Pagina [^"]+)"', html)
    assert labels == ["Pagina 1", "Pagina 8", "Pagina 9, pagina corrente", "Pagina 10", "Pagina 17"]
    assert html.count('<li class="pagination__gap">…</li>') == 2
    assert "Pagina 9 di 17" in html
    assert 'href="/esperienze/pagina/8/" rel="prev"' in html
    assert 'href="/esperienze/pagina/10/" rel="next"' in html


def test_no_link_points_to_a_missing_page(paginated_site):
    output, _collection, pages = paginated_site
    broken = []
    for page in pages.values():
        for _tag, _attr, value in page.links:
            resolved = resolve(page.url, value)
            if resolved and not target_file(output, resolved[0]).is_file():
                broken.append((page.url, value))
    assert broken == []


def test_pages_are_accessible_html_in_italian(fixture_site):
    output, _result, pages = fixture_site
    html = (output / "esperienze/genitori-adesso/index.html").read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="it" data-lastmod="2026-11-24">')
    assert '<a class="skip-link" href="#contenuto">' in html and '<main id="contenuto"' in html
    assert 'aria-label="Percorso di navigazione"' in html
    title = re.search(r"<title>(.*)</title>", html).group(1)
    assert "<" not in title and "dell’Area Montebellunese" in title
    # The title is outside the search excerpts (data-pagefind-ignore), not out of the page.
    assert "<h1 data-pagefind-ignore>Genitori Adesso: le biblioteche dell&#8217;Area" in html
    assert "{filename}" not in html
    for page in pages.values():
        assert page.path.read_text(encoding="utf-8").count("<h1") == 1, page.url


def test_period_is_shown_on_listings_and_entry(fixture_site):
    output, _result, _pages = fixture_site
    for path in ("esperienze/assemblea-ragazzi-emilia-romagna/index.html", "esperienze/index.html"):
        assert "gennaio–settembre 2023" in (output / path).read_text(encoding="utf-8")


def test_drafts_are_built_apart_and_named_in_the_summary(project):
    project.write("esperienze/pubblica.md", entry_text(), dedent=False)
    project.write("esperienze/in-lavorazione.md", entry_text(extra="status: draft\n"), dedent=False)
    result = project.build()
    assert result.ok
    assert "Bozza, non pubblicata: content/esperienze/in-lavorazione.md" in result.summary()
    assert (result.output / "bozze/in-lavorazione/index.html").is_file()
    assert not (result.output / "esperienze/in-lavorazione").exists()
    listing_html = (result.output / "esperienze/index.html").read_text(encoding="utf-8")
    assert "pubblica/" in listing_html and "in-lavorazione" not in listing_html


def test_a_pelican_warning_fails_the_strict_build_and_keeps_the_old_output(project):
    project.write("esperienze/buona.md", entry_text(), dedent=False)
    assert project.build().ok
    before = (project.root / "output/esperienze/buona/index.html").read_text(encoding="utf-8")
    project.write(
        "esperienze/buona.md",
        entry_text(body="## Uno\n\nUn altro testo.\n\n## Due\n\nAncora.\n"),
        dedent=False,
    )
    with pelican_warning("Un avviso di Pelican"):
        result = project.build()
    assert not result.ok
    assert result.build_errors == ["Un avviso di Pelican"]
    assert (project.root / "output/esperienze/buona/index.html").read_text(
        encoding="utf-8"
    ) == before


def test_a_second_build_in_the_same_process_still_reports_the_same_warning(project):
    project.write("esperienze/buona.md", entry_text(), dedent=False)
    with pelican_warning("Lo stesso avviso"):
        first, second = project.build(), project.build()
    assert first.build_errors == second.build_errors == ["Lo stesso avviso"]


def test_publish_settings_make_absolute_urls_under_a_sub_path(project, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://org.github.io/collaborare")
    project.write("esperienze/buona.md", entry_text(), dedent=False)
    result = project.build(settings=ROOT / "publishconf.py")
    assert result.ok, result.build_errors
    html = (result.output / "esperienze/buona/index.html").read_text(encoding="utf-8")
    assert 'href="https://org.github.io/collaborare/theme/css/site.css"' in html
    assert 'href="https://org.github.io/collaborare/temi/coesione-sociale/"' in html


# Pagefind 1.5 writes its filter index in hash-map order, so those files (named by their
# hash) and the two files that point to them change between identical builds; upstream
# made the fragments stable in 1.3 and says the filter/metadata indexes still vary
# (Pagefind issue #638). Everything else must be byte-identical.
PAGEFIND_UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    project = Project(tmp_path / "p", with_collection=True)
    first = project.build(output=tmp_path / "one", SEARCH_INDEX=True)
    second = project.build(output=tmp_path / "two", SEARCH_INDEX=True)
    assert first.ok and second.ok
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")

    def stable(files):
        return {
            name: data
            for name, data in files.items()
            if not (name.startswith(PAGEFIND_UNSTABLE) and not name.endswith(".js"))
        }

    assert stable(one).keys() == stable(two).keys()
    assert [name for name in stable(one) if one[name] != two[name]] == []
    assert len(one) == len(two)
    assert len(stable(one)) > 50 and any(
        name.startswith("pagefind/fragment/") for name in stable(one)
    )


def test_a_failed_build_leaves_the_previous_output_untouched(project):
    project.write("esperienze/buona.md", entry_text(), dedent=False)
    assert project.build().ok
    before = tree(project.root / "output")
    project.write("esperienze/rotta.md", entry_text(tags=("nessun-tema",)), dedent=False)
    result = project.build()
    assert not result.ok
    assert tree(project.root / "output") == before
    assert staging_folders(project.root / "output") == []  # no half-built site left beside it


@pytest.mark.slow  # among the longest of the suite: left out of the fast loop
def test_every_page_and_stylesheet_passes_the_nu_html_checker(fixture_site):
    output, _result, _pages = fixture_site
    documents = [str(p) for p in sorted(output.rglob("*.html")) if "pagefind" not in p.parts]
    documents += [str(p) for p in sorted((output / "theme").rglob("*.css"))]
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--also-check-css",
            "--format",
            "gnu",
            *documents,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    assert len(documents) > 40


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


def test_a_build_hands_its_frozen_objects_back_to_the_collector(project):
    # The build freezes its long-lived objects before forking and pauses the collector
    # outside the writers (core/forking.py); the preview runs build after build in one
    # process, so each must thaw them and turn the collector back on.
    import gc

    assert gc.isenabled()
    assert project.build().ok
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    project.write("esperienze/rotta.md", "non è una scheda\n", dedent=False)
    assert not project.build().ok  # a build stopped by a problem restores it too
    assert gc.isenabled()


def test_the_collector_is_paused_inside_and_on_inside_collecting():
    import gc

    from collaborare.core.forking import collecting, collector_paused

    with collector_paused():
        assert not gc.isenabled()
        with collecting():
            assert gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
