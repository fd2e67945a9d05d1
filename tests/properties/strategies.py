"""Hypothesis strategies for hostile news input: any Unicode, control characters, mixed scripts, RTL and
zero-width marks, combining characters, lone surrogates, and text that NFC changes."""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces real pages mix: Arabic, Hebrew, CJK, emoji (with ZWJ and skin tones), RTL/LTR marks and
# isolates, zero-width characters, combining accents, decomposed Hangul, the Kelvin/Angstrom singletons.
TRICKY = [
    "بغداد",
    "القوات",
    "ירושלים",
    "北京",
    "東京で",
    "서울",
    "\u1100\u1161\u11a8",  # decomposed Hangul
    "👩\u200d👩\u200d👧",
    "👍🏽",
    "🇺🇦",
    "\u200f",
    "\u200e",
    "\u2066",
    "\u2069",
    "\u202e",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "a\u0308\u0301",
    "\u0301",
    "\u212a",
    "\u212b",
    "\u0344",
    "\ufb2c",
    "\u0b47\u0b3e",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x00",
    "\x7f",
    "\r",
    "\r\n",
    "\t",
    "\ud800",
    "\udfff",
    "Post #3 of 12",
    "< >",
    "Share",
    "Read more",
    "----",
    "Page 2 of 3",
]
WORDS = [
    "Rebels",
    "attacked",
    "a",
    "village",
    "near",
    "Mosul",
    "on",
    "Monday",
    "killing",
    "five",
    "civilians",
    "Police",
    "arrested",
    "protesters",
    "in",
    "Lagos",
    "Baghdad",
    "troops",
    "withdrew",
    "from",
    "Kyiv",
    "the",
    "president",
    "met",
    "ministers",
    "Paris",
    ".",
    ",",
    "\n",
    "\n\n",
    " ",
]

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
mixed_text = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.sampled_from(WORDS), any_text.map(lambda s: s[:20])), max_size=60
).map(" ".join)
news_text = st.lists(st.sampled_from(WORDS + TRICKY[:12]), min_size=1, max_size=80).map(" ".join)
hostile_text = st.one_of(any_text, mixed_text, news_text)


def utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False
