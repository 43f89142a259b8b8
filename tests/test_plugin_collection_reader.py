"""collaborare/plugins/collection_reader: what the reader hands to Pelican."""

from pelican import signals

from collaborare.plugins.collection_reader import _address
from helpers import Project


def test_addresses_are_given_only_for_the_url_patterns_they_follow():
    assert _address("esperienze/a/", "{category}/{slug}/") == {
        "url": "esperienze/a/",
        "save_as": "esperienze/a/index.html",
    }
    assert _address("chi-siamo/", "{slug}/") == {
        "url": "chi-siamo/",
        "save_as": "chi-siamo/index.html",
    }
    assert _address("esperienze/a/", "{date:%Y}/{slug}.html") == {}


def test_the_addresses_given_are_the_ones_pelican_would_format(tmp_path):
    # Pelican keeps a given url/save_as as it is; formatting them from the settings, as it
    # would without them, must give the same for every entry and page, drafts aside.
    seen = []

    def compare(generator):
        for content in [*generator.articles, *generator.drafts]:
            seen.append(content)

    def compare_pages(generator):
        seen.extend(generator.pages)

    signals.article_generator_finalized.connect(compare)
    signals.page_generator_finalized.connect(compare_pages)
    try:
        result = Project(tmp_path, with_collection=True).build(
            DRAFT_SAVE_AS="bozze/{slug}/index.html"
        )
    finally:
        signals.article_generator_finalized.disconnect(compare)
        signals.page_generator_finalized.disconnect(compare_pages)
    assert result.ok, result.build_errors
    assert seen and all(hasattr(c, "override_url") for c in seen if c.status != "draft")
    for content in seen:
        for key in ("url", "save_as"):
            formatted = content._expand_settings(key if content.in_default_lang else f"lang_{key}")
            assert getattr(content, key) == formatted, (content.source_path, key)
