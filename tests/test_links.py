"""Intrasite links of a body (collaborare/core/links.py), property-based (issue 14)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import PERIOD, PNG, entry_text, problems_of


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


@pytest.mark.parametrize(
    "link",
    [
        "{attach}../../.git/config",
        "{attach}../../../../../../../../../../../../../../proc/self/environ",
        "{static}/../.git/config",
        "|attach|../../.git/config",
        "{attach}..%2F..%2F.git%2Fconfig",
    ],
)
def test_a_link_out_of_content_is_refused_and_nothing_is_published(project, link):
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[http] extraheader = SEGRETO\n")
    project.write(
        "esperienze/allegato.md",
        entry_text(body=f"Scarica [il documento]({link}).\n"),
        dedent=False,
    )
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        "content/esperienze/allegato.md:11: testo: il collegamento "
    ), found
    assert "porta fuori da content/" in found[0] or "non porta a nessun file" in found[0]
    result = project.build()
    assert not result.ok and not (project.root / "output").exists()


def test_static_links_reach_only_pictures_and_documents(project):
    project.write("esperienze/altra.md", entry_text(title="Altra scheda"), dedent=False)
    project.write(
        "esperienze/a.md", entry_text(body="[x]({static}../esperienze/altra.md)\n"), dedent=False
    )
    assert problems_of(project) == [
        "content/esperienze/a.md:11: testo: il collegamento {static}../esperienze/altra.md porta "
        "fuori da content/immagini/ o content/extra/; collega solo file che stanno in "
        "content/immagini/ o content/extra/"
    ]


def test_a_valid_attach_link_to_a_picture_is_published(project):
    (project.content / "immagini").mkdir()
    (project.content / "immagini" / "foto.png").write_bytes(PNG)
    project.write(
        "esperienze/foto.md",
        entry_text(
            body="## Che cosa\n\n![Un orto]({attach}../immagini/foto.png)\n\n## Chi\n\nUn gruppo.\n",
            extra=PERIOD,
        ),
        dedent=False,
    )
    assert problems_of(project) == []
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, result.build_errors
    assert (result.output / "esperienze" / "foto" / "foto.png").read_bytes() == PNG


def test_a_published_link_to_a_draft_is_refused(project):
    project.write(
        "esperienze/bozza.md", entry_text(title="Una bozza", extra="status: draft\n"), dedent=False
    )
    project.write(
        "esperienze/p.md",
        entry_text(
            body="## Che cosa\n\nVedi [la bozza]({filename}bozza.md).\n\n## Chi\n\nUn gruppo.\n",
            extra=PERIOD,
        ),
        dedent=False,
    )
    assert problems_of(project) == [
        "content/esperienze/p.md:14: testo: il collegamento porta a content/esperienze/bozza.md, "
        "che è una bozza e non viene pubblicata; toglilo finché quella scheda non è pubblicata"
    ]
