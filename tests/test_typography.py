"""Italian typography: elisions at the start of a word get an apostrophe, not a quote."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typogrify.filters import typogrify

from collaborare.core.text import typographic_html
from collaborare.core.typography import fix_text
from collaborare.site.build import ROOT


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("negli anni '80 e '90", "negli anni &#8217;80 e&nbsp;&#8217;90"),
        ("contro la 'Ndrangheta", "contro la&nbsp;&#8217;Ndrangheta"),
        ("<p>'Ndrangheta e mafia</p>", "<p>&#8217;Ndrangheta e&nbsp;mafia</p>"),
        ("e 'sto progetto", "e &#8217;sto&nbsp;progetto"),
        ("l'ASL di zona", 'l&#8217;<span class="caps">ASL</span> di&nbsp;zona'),
        ("una parola 'citata' qui", "una parola &#8216;citata&#8217;&nbsp;qui"),
        ("<code>'80</code> e '90", "<code>'80</code> e&nbsp;&#8217;90"),
    ],
)
def test_typogrify_then_italian_elisions(source, expected):
    assert fix_text(typogrify(source)) == expected


def test_a_body_gets_dashes_and_ellipses_but_code_keeps_what_was_typed():
    """Markdown runs without its "smarty" extension: typogrify alone makes these."""
    import html

    from collaborare.core.rendering import render_item, render_settings
    from collaborare.site.build import read_pelican_settings

    body = "Dal 2019 -- o prima --- forse... `a -- b...`\n\n- voce -- una\n"
    item = type("Item", (), {"title": "T", "summary": ""})()
    content = render_item(
        item, body, render_settings(read_pelican_settings(ROOT / "pelicanconf.py"))
    ).content
    assert html.unescape(content) == (
        "<p>Dal 2019 – o prima —\xa0forse… <code>a -- b...</code></p>\n"
        "<ul>\n<li>voce –\xa0una</li>\n</ul>"
    )


def test_typographic_html_keeps_typogrify_markup_and_escapes_anything_else():
    assert typographic_html('l&#8217;<span class="caps">ASL</span>&nbsp;x') == (
        'l&#8217;<span class="caps">ASL</span>&nbsp;x'
    )
    assert typographic_html('<script>alert(1)</script> & "x"') == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
    )


def test_elisions_in_titles_reach_the_page(project):
    from helpers import entry_text

    project.write("esperienze/anni.md", entry_text(title="\"Gli anni '80 e l'ASL\""), dedent=False)
    result = project.build()
    assert result.ok, result.build_errors
    html = (result.output / "esperienze/anni/index.html").read_text(encoding="utf-8")
    assert "<title>Gli anni ’80 e l’ASL · " in html
    assert 'anni &#8217;80 e l&#8217;<span class="caps">ASL</span></h1>' in html


# Text made of the characters smartypants reacts to, mixed with ordinary ones.
_typographic_text = st.lists(
    st.sampled_from(list("ab1 .-'\"\\&;#\n") + ["&nbsp;", "--", "...", ". . .", "&#8211;"]),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_typographic_text)
def test_smartypants_shortcuts_change_nothing(text):
    import smartypants

    shortcuts = [
        name for name in dir(smartypants) if hasattr(getattr(smartypants, name), "wrapped")
    ]
    assert len(shortcuts) == 6
    for name in shortcuts:
        shortcut = getattr(smartypants, name)
        assert shortcut(text) == shortcut.wrapped(text), name


# HTML made of what typogrify's amp, caps and widont react to: block and inline tags,
# other tags, spaces of several kinds, words, capitals, dots and ampersands.
_html = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<li>",
            "</li>",
            "<h2>",
            "</h2>",
            "</dd>",
            "<dt>",
            '<a href="x">',
            "</a>",
            "<em>",
            "</em>",
            "<b>",
            "</b>",
            "<br>",
            "</blockquote>",
            '<span title="<b">',
            "</span>",
            "</strong>",
            "<i>",
            "</i>",
            " ",
            "  ",
            "\n",
            "\xa0",
            "\t",
            "a",
            "bc",
            "É",
            "AB",
            "A.",
            "B. ",
            "x1",
            "3",
            "&",
            "&amp;",
            "&nbsp;",
            "&#38;",
            "<",
            ">",
            "'",
            '"',
            ".",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_html)
@example("<a</p> a")  # a block's end inside a broken tag, found by Hypothesis
def test_typogrify_shortcuts_change_nothing(text):
    import typogrify.filters

    shortcuts = [
        name
        for name in ("amp", "caps", "widont")
        if hasattr(getattr(typogrify.filters, name), "wrapped")
    ]
    assert shortcuts == ["amp", "caps", "widont"]
    for name in shortcuts:
        shortcut = getattr(typogrify.filters, name)
        assert shortcut(text) == shortcut.wrapped(text), name
