"""Pelican's category and author lists (collaborare/plugins/quick_listings): ``in`` finds
an article by identity, as on a plain list of contents, and stays right after changes."""

from types import SimpleNamespace

import pytest

from collaborare.plugins.quick_listings import IdentityList, use_identity_lists


class Content:
    """As Pelican's contents: no equality of their own, so equal means the same object."""


def test_membership_is_what_a_plain_list_says():
    site = [Content() for _ in range(50)]
    listed = site[::3]
    fast = IdentityList(listed)
    assert fast == listed
    # Pelican's own use: the site's articles that are in the category, in the site's order.
    assert [a for a in site if a in fast] == [a for a in site if a in listed]
    assert Content() not in fast


@pytest.mark.parametrize(
    "change",
    [
        lambda items, new: items.__setitem__(0, new),
        lambda items, new: items.append(new),
        lambda items, new: items.extend([new]),
        lambda items, new: items.insert(1, new),
        lambda items, new: items.__iadd__([new]),
    ],
    ids=["setitem", "append", "extend", "insert", "iadd"],
)
def test_an_added_article_is_found_after_the_change(change):
    items = IdentityList([Content(), Content()])
    assert items[0] in items  # the ids are now known
    new = Content()
    change(items, new)
    assert new in items


@pytest.mark.parametrize(
    "change",
    [
        lambda items: items.__setitem__(0, Content()),
        lambda items: items.__delitem__(0),
        lambda items: items.pop(0),
        lambda items: items.remove(items[0]),
        lambda items: items.clear(),
    ],
    ids=["setitem", "delitem", "pop", "remove", "clear"],
)
def test_a_removed_article_is_not_found_after_the_change(change):
    first = Content()
    items = IdentityList([first, Content()])
    assert first in items
    change(items)
    assert first not in items


def test_the_generators_pairs_get_identity_lists_with_the_same_articles():
    articles = [Content(), Content()]
    generator = SimpleNamespace(
        categories=[("esperienze", list(articles))], authors=[("Redazione", articles[:1])]
    )
    categories = generator.categories
    use_identity_lists(generator)
    assert generator.categories is categories  # the context holds the same list
    for pairs, expected in ((generator.categories, articles), (generator.authors, articles[:1])):
        ((_key, listed),) = pairs
        assert isinstance(listed, IdentityList)
        assert listed == expected
