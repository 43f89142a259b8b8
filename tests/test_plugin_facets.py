"""The facets plugin (collaborare/plugins/facets): the home page and the theme, territory,
actor-type and organisation pages."""

from helpers import entry_text


def test_an_empty_theme_invites_a_proposal(project):
    project.write("esperienze/una.md", entry_text(), dedent=False)
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, result.build_errors
    html = (result.output / "temi/index.html").read_text(encoding="utf-8")
    empty = html.count('class="term term--empty"')
    assert empty and html.count("Ancora nessuna scheda: <a href=") == empty
    assert "issues/new?template=proponi-esperienza.yml" in html
