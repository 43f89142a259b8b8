"""The YAML front matter reader: typing, line numbers, and errors that say where."""

import pytest

from collaborare.core.frontmatter import FrontMatterError, parse


def test_codes_and_plate_codes_stay_strings_and_dates_are_not_parsed():
    document = parse(
        "---\nistat: 012\nsigla: NO\nflag: yes\ndate: 2024-05-17\ncount: 12\nok: true\n---\nTesto\n"
    )
    assert document.metadata == {
        "istat": "012",
        "sigla": "NO",
        "flag": "yes",
        "date": "2024-05-17",
        "count": 12,
        "ok": True,
    }


def test_lists_and_nested_mappings_arrive_typed_with_their_lines():
    document = parse(
        "---\ntitle: x\nterritories:\n  - comune: Forlì\n  - area: Brianza\n    provincia: MB\n---\nB\n"
    )
    assert document.metadata["territories"] == [
        {"comune": "Forlì"},
        {"area": "Brianza", "provincia": "MB"},
    ]
    assert document.line_of(("territories", 1, "provincia")) == 6
    assert document.line_of(("territories", 0)) == 4
    assert document.line_of(("missing",)) == 1
    assert document.body_line == 8


def test_duplicate_keys_are_reported_with_both_lines():
    document = parse("---\ntitle: a\nsummary: b\ntitle: c\n---\nB\n")
    assert document.duplicate_keys == [(("title",), 4, 2)]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "---\ntitle: a\n\tsummary: b\n---\n",
            3,
            "invalid YAML: found a tab character that violates indentation; indent with spaces, not tabs",
        ),
        (
            "---\ntitle: a: b\n---\n",
            2,
            "invalid YAML: mapping values are not allowed in this context; check the indentation "
            "and put quotes around values that contain ': ' or start with a symbol",
        ),
        (
            "title: a\n",
            1,
            "missing; start the file with a line '---', then the fields in YAML, then another '---'",
        ),
        (
            "---\ntitle: a\n",
            1,
            "not closed; add a line '---' after the last field, before the text",
        ),
        ("---\n- a\n- b\n---\n", 2, "must be made of 'field: value' lines, one per line"),
    ],
)
def test_unreadable_front_matter_is_an_error_with_its_line(text, line, message):
    with pytest.raises(FrontMatterError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.message) == (line, message)


def test_byte_order_mark_is_ignored():
    assert parse("\ufeff---\ntitle: a\n---\nB\n").metadata == {"title": "a"}
