"""Forbidden characters (collaborare/core/characters.py), property-based (issue 14)."""

from hypothesis import given, settings
from hypothesis import strategies as st

FORBIDDEN_SAMPLES = [
    "\x00",
    "\x01",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\U000e0041",
]


ordinary_text = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"),
        blacklist_characters="\u115f\u1160\u3164\uffa0",
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ordinary_text, st.sampled_from(FORBIDDEN_SAMPLES), ordinary_text)
def test_any_forbidden_character_anywhere_in_a_text_is_found(before, char, after):
    from collaborare.core.characters import describe, forbidden_in_values

    found = list(forbidden_in_values({"authors": [before + char + after]}))
    assert found == [(("authors", 0), found[0][1])]
    assert describe(found[0][1]).code in ("char.control", "char.invisible", "char.other")
    assert str(describe(found[0][1])).startswith("contiene ")


@settings(max_examples=300, deadline=None)
@given(ordinary_text)
def test_ordinary_text_has_no_forbidden_character(text):
    from collaborare.core.characters import forbidden_in_values

    assert list(forbidden_in_values({"title": text, "body": [text, {"x": text}]})) == []
