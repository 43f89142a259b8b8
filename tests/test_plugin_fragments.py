"""Fragments rendered once (collaborare/plugins/fragments): an entry's card, drawn once per
process and page depth, is the card the macro draws, and links right from every page."""

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

import pelicanconf
from collaborare.plugins.fragments import RenderedOnce
from helpers import ROOT, resolve, target_file

CARD = re.compile(r'<article class="card">.*?</article>', re.S)
CARD_TITLE = re.compile(r'<a href="([^"]+)">(.*?)</a></h[23]>', re.S)
CARD_LINKS = re.compile(r'(?:href|src)="([^"]+)"|srcset="([^"]+)"')


def theme_environment(fragments: dict) -> Environment:
    """The theme's templates with the site's filters and globals, as Pelican sets them up."""
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"), **pelicanconf.JINJA_ENVIRONMENT
    )
    env.filters.update(pelicanconf.JINJA_FILTERS)
    env.globals.update(pelicanconf.JINJA_GLOBALS)
    env.globals["rendered_once"] = RenderedOnce(fragments)
    return env


def an_article(title="Orti <condivisi> a Catanzaro"):
    place = SimpleNamespace(label="Catanzaro")
    entry = SimpleNamespace(
        kind_label="Esperienza",
        url="esperienze/orti-condivisi/",
        places=[place],
        period=SimpleNamespace(label="dal 2019"),
        themes=[SimpleNamespace(label="Beni comuni"), SimpleNamespace(label="Cibo")],
        date=dt.date(2024, 3, 5),
    )
    return Article(entry=entry, picture=None, title=title, summary="Un'esperienza & altro")


class Article:
    """As Pelican's contents: hashed by identity (a SimpleNamespace is not hashable)."""

    def __init__(self, **attributes):
        vars(self).update(attributes)


def test_a_card_through_the_cache_is_the_macros_card_drawn_once_for_every_depth():
    fragments = {}
    env = theme_environment(fragments)
    page = env.from_string(
        '{% from "_macros.html" import entry_card, render_entry_card with context %}'
        "{{ entry_card(article, heading, show_kind) }}"
        "|{{ render_entry_card(article, heading, show_kind, SITEURL) }}"
    )
    article = an_article()
    for siteurl, heading, show_kind in [
        ("../..", "h2", False),
        (".", "h2", False),
        ("https://esempio.it/a&b", "h2", False),  # escaped as the template escapes it
        (".", "h3", True),
    ]:
        cached, drawn = page.render(
            SITEURL=siteurl, article=article, heading=heading, show_kind=show_kind
        ).split("|")
        assert cached == drawn
        link = siteurl.replace("&", "&amp;")
        title = f'<{heading} class="card__title"><a href="{link}/esperienze/orti-condivisi/">'
        assert title in cached
        assert "Orti &lt;condivisi&gt; a Catanzaro" in cached  # escaped once, not twice
        assert ('<p class="card__kind">Esperienza</p>' in cached) == show_kind
    assert len(fragments) == 2  # one card per arguments, whatever the depth
    # Drawn once: a page at any depth gets the kept card, without drawing it again.
    article.title = "Changed after the card was drawn"
    again = page.render(SITEURL="../../..", article=article, heading="h2", show_kind=False)
    kept, drawn = again.split("|")
    assert kept == fragments[("render_entry_card", article, "h2", False)].replace(
        "\x00SITEURL\x00", "../../.."
    )
    assert "Orti" in kept and "Changed" in drawn


def test_the_same_entry_listed_at_different_depths_links_to_its_page_from_each(fixture_site):
    """Relative URLs change with a page's depth, so a card kept for one depth must never
    show on a page of another: every card's links, resolved from its own page, reach a file
    of the site, and its title links to the entry's page."""
    output, _result, pages = fixture_site
    depths = {}  # entry page -> the depths of the pages listing it
    for url, page in pages.items():
        html = Path(page.path).read_text(encoding="utf-8")
        for card in CARD.findall(html):
            href, _title = CARD_TITLE.search(card).groups()
            entry = resolve(url, href)[0]
            assert (output / entry.lstrip("/") / "index.html").is_file(), (url, href)
            assert entry != url  # never its own card (related entries exclude themselves)
            for single, srcset in CARD_LINKS.findall(card):
                for link in [single] if single else [s.split()[0] for s in srcset.split(",")]:
                    assert target_file(output, resolve(url, link)[0]).is_file(), (url, link)
            depths.setdefault(entry, set()).add(url.count("/"))
    assert len(depths) >= 5
    assert any(len(found) >= 3 for found in depths.values())  # listed at three depths or more
