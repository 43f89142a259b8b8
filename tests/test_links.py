"""Intrasite links of a body (collaborare/core/links.py), property-based (issue 14)."""

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["filename", "static", "attach"]),
    st.lists(
        st.sampled_from(
            [
                "..",
                ".",
                "immagini",
                "esperienze",
                "extra",
                ".git",
                "config",
                "foto.png",
                "%2E%2E",
                "&#46;&#46;",
                "",
                "/",
            ]
        ),
        max_size=6,
    ),
)
def test_an_intrasite_link_never_resolves_outside_its_folders(tmp_path_factory, what, parts):
    from collaborare.core.links import intrasite_links

    content = tmp_path_factory.getbasetemp() / "content"
    source = content / "esperienze" / "x.md"
    files = {content / "immagini" / "foto.png", content / "esperienze" / "altra.md"}
    value = "/".join(parts)
    for link in intrasite_links(f'<a href="{{{what}}}{value}">x</a>', source, content, files):
        assert (link.target is None) != (link.problem is None)
        if link.target is not None:
            assert link.target in files
