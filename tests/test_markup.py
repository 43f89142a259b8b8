"""collaborare/core/markup.py: the converter, and its inline pass that skips patterns."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

from collaborare.core.markup import MARKDOWN, converter

ROOT = Path(__file__).resolve().parent.parent


def upstream() -> Markdown:
    """The converter as Python-Markdown makes it, without our inline pass."""
    return Markdown(
        extensions=list(MARKDOWN["extension_configs"]),
        extension_configs=MARKDOWN["extension_configs"],
        output_format=MARKDOWN["output_format"],
    )


def test_the_skipping_inline_pass_is_in_use():
    assert type(converter().treeprocessors["inline"]).__name__ == "_SkippingInlineProcessor"


def test_the_heading_ids_pass_is_in_use_and_gives_upstreams_ids():
    assert type(converter().treeprocessors["toc"]).__name__ == "_HeadingIdsProcessor"
    text = "## In sintesi\n\n## Sì & no\n\n## Sì & no\n\n### *Fine*\n"
    html = converter().convert(text)
    assert html == upstream().convert(text)
    assert 'id="in-sintesi-testo"' in html and 'id="si-no_1"' in html


def test_a_body_with_the_toc_marker_gets_upstreams_table_of_contents():
    text = "## Uno\n\n[TOC]\n\n## Due\n"
    html = converter().convert(text)
    assert '<div class="toc">' in html
    assert html == upstream().convert(text)


def test_without_the_private_loop_it_builds_on_markdown_keeps_its_own(monkeypatch):
    monkeypatch.delattr(InlineProcessor, "_InlineProcessor__applyPattern")
    assert type(converter().treeprocessors["inline"]) is InlineProcessor


@pytest.mark.parametrize("folder", ["content", "tests/malformed", "tests/fixtures"])
def test_every_body_we_hold_renders_as_upstream_renders_it(folder):
    ours, theirs = converter(), upstream()
    files = sorted((ROOT / folder).rglob("*.md"))
    assert files
    for path in files:
        text = path.read_text("utf-8", errors="replace")
        assert ours.reset().convert(text) == theirs.reset().convert(text), path


# Markdown made of the characters inline patterns start with, nested and unbalanced.
MARKUP = st.lists(
    st.sampled_from(
        [
            "`",
            "``",
            "\\",
            "[",
            "]",
            "(",
            ")",
            "![",
            "[^1]",
            "[^1]: nota\n",
            "<",
            ">",
            "&",
            "&amp;",
            "&#8217;",
            "*",
            "**",
            "_",
            "__",
            "  \n",
            "\n",
            "\n\n",
            "<https://a.it>",
            "<a@b.it>",
            "<b>",
            "</b>",
            "<!-- x -->",
            "[x](https://a.it)",
            "[x][r]",
            "\n[r]: https://r.it\n",
            "## Titolo\n",
            # Headings as the toc pass sees them (collaborare/core/markup.py: ids only).
            "\n## In sintesi\n",
            "\n### Titolo *bello* & <b>grassetto</b>\n",
            '\n# Titolo {data-toc-label="Etichetta"}\n',
            "\n## Titolo {#mio-id}\n",
            "\n## Nota[^1]\n",
            "\n[TOC]\n",
            "[TOC]",
            "- voce\n",
            "città",
            " ",
            "parola",
        ]
    )
    | st.text(alphabet="ab `*_[]()<>&!\\^:\n", max_size=8),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARKUP)
def test_any_markup_renders_as_upstream_renders_it(text):
    assert converter().convert(text) == upstream().convert(text)
