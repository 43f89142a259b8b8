"""The tables of facets and search filters (collaborare/core/facets.py), the plural filter
(collaborare/core/text.py), and that templates and search.js read them instead of spelling
kinds, facets and plurals out by hand."""

from __future__ import annotations

import dataclasses
import json
import re
import runpy

import pytest

from collaborare.core.facets import BY_NAME, FACETS, SEARCH_FILTERS, site_menu
from collaborare.core.kinds import ENTRY_KINDS
from collaborare.core.model import RESERVED_SECTIONS, Entry
from collaborare.core.text import plural
from collaborare.site.build import ROOT

TEMPLATES = ROOT / "theme" / "templates"
SEARCH_JS = ROOT / "theme" / "static" / "js" / "search.js"


def test_each_facet_names_a_front_matter_key_an_entry_attribute_and_a_free_folder():
    schema = json.loads((ROOT / "schema" / "entry.schema.json").read_text(encoding="utf-8"))
    attributes = {field.name for field in dataclasses.fields(Entry)}
    for facet in FACETS:
        assert facet.key in schema["properties"], facet
        assert facet.attribute in attributes, facet
        assert facet.name == BY_NAME[facet.name].name
    folders = [kind.folder for kind in ENTRY_KINDS] + [facet.folder for facet in FACETS]
    assert len(set(folders)) == len(folders)
    assert set(folders) <= RESERVED_SECTIONS  # no page may be written over them


def test_the_facets_pages_are_paginated_as_the_table_says():
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    for facet in FACETS:
        assert (TEMPLATES / f"{facet.template}.html").is_file()
        assert (facet.template in settings["PAGINATED_TEMPLATES"]) == facet.paginated, facet


def test_a_facet_builds_its_urls_from_its_folder():
    themes = BY_NAME["themes"]
    assert themes.url == "temi/"
    assert themes.value_url("poverta-educativa") == "temi/poverta-educativa/"
    assert themes.feed_path("poverta-educativa") == "feed/temi/poverta-educativa.atom.xml"


def test_search_filters_are_those_the_entry_pages_carry():
    carried = set(
        re.findall(
            r'data-pagefind-filter="(\w+)"', (TEMPLATES / "entry.html").read_text(encoding="utf-8")
        )
    )
    names = [search_filter.name for search_filter in SEARCH_FILTERS]
    assert set(names) == carried
    assert len(set(names)) == len(names)
    for facet in FACETS:
        assert set(facet.search_filters) <= carried, facet


def test_the_menu_lists_the_kinds_then_the_facets_then_the_pages():
    menu = site_menu(pages=[("il-focus", "Il focus")])
    assert [link.folder for link in menu] == [
        *(kind.folder for kind in ENTRY_KINDS),
        *(facet.folder for facet in FACETS),
        "il-focus",
    ]
    # /strumenti/ is written only once a strumento is published
    assert [link.folder for link in menu if not link.always] == ["strumenti"]


@pytest.mark.parametrize(
    ("count", "counted", "expected"),
    [
        (0, True, "0 schede"),
        (1, True, "1 scheda"),
        (2, True, "2 schede"),
        (1, False, "scheda"),
        (12, False, "schede"),
    ],
)
def test_plural_counts_in_italian(count, counted, expected):
    assert plural(count, "scheda", "schede", counted=counted) == expected


FOLDERS = "|".join([kind.folder for kind in ENTRY_KINDS] + [facet.folder for facet in FACETS])


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda path: path.name)
def test_templates_take_folders_and_plurals_from_the_tables(path):
    text = path.read_text(encoding="utf-8")
    # A link or a URL prefix written by hand: '{{ SITEURL }}/temi/', "soggetti/" ~ slug
    assert not re.findall(rf'(?:\}}\}}/|")(?:{FOLDERS})/', text)
    # An Italian plural written inline: {{ "scheda" if n == 1 else "schede" }}
    assert not re.findall(r"== 1 else", text)


def test_search_script_takes_its_filters_and_words_from_the_page():
    script = SEARCH_JS.read_text(encoding="utf-8")
    for search_filter in SEARCH_FILTERS:
        assert f'"{search_filter.name}"' not in script
        assert search_filter.label not in script
    # One plural, in plural(), with the words of the data block
    assert script.count("=== 1 ?") == 1
    assert '"1 risultato"' not in script and '"scelto"' not in script
